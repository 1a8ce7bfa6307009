"""Marked briefs built end to end: portion marks in every format, the derived banner, the
authority and CUI blocks, and one located error for each way a marking can be wrong."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, run

US_DESK = """marking = "us"
[authority]
classified_by = "J. Smith, Director"
derived_from = "DoD SCG 2025-04"
[cui]
controlled_by = "OUSD(P)"
category = "CTI"
poc = "J. Smith, 703-555-0100"
"""

US_BRIEF = """title: Marked brief
date: 2025-07-02
summary: The bottom line.
summary_classification: C
default_classification: U
authority:
  declassify_on: 2040-07-01
key_statements:
  - speaker: A
    text: Said one thing.
    classification: S//REL TO USA, GBR, IND
  - speaker: B
    text: Said another.
next_steps:
  - action: Do the first thing
    classification: CUI
  - action: Do the second thing
procurement:
  - system: Javelin
    stage: announced
    classification: C//REL TO USA, IND
sections:
  - heading: Context
    classification: CUI
    body: |
      A paragraph of context.
"""


def desk(project: Path, toml: str) -> None:
    (project / "briefgen.toml").write_text(toml, encoding="utf-8")


def pdf_text(path: Path) -> str:
    return " ".join("".join(p.extract_text() for p in PdfReader(path).pages).split())


def docx_text(path: Path) -> str:
    """The body's text, paragraph by paragraph (the banners are in headers and footers too)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml)
    return " ".join(
        " ".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)).split()) for p in paras
    ).strip()


def build(*formats: str) -> str:
    args = ["build", "--as-of", "2025-07-02"]
    for f in formats or ("docx", "pdf"):
        args += ["-f", f]
    result = run(*args)
    return result.output


def error_of(project: Path) -> str:
    result = run("validate", "--as-of", "2025-07-02")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    return lines[0]


PORTIONS = [
    "(C) The bottom line.",
    "(S//REL TO USA, GBR, IND) Said one thing.",
    "(U) Said another.",
    "(CUI) Do the first thing",
    "(U) Do the second thing",
    "(C//REL TO USA, IND) Javelin",
    "(CUI) Context",
    "(CUI) A paragraph of context.",
]


def test_a_us_brief_carries_each_portion_mark_and_the_derived_banner_in_both_formats(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF)
    build()
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        for portion in PORTIONS:
            assert portion in text
        # the C summary and the CUI portions have no REL TO: none on the banner, top and bottom
        assert text.startswith("SECRET Marked brief")
    assert pdf_text(project / "out" / "b.pdf").endswith("POC: J. Smith, 703-555-0100 SECRET")


def test_the_banner_holds_the_common_release_when_every_classified_portion_has_one(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    released = US_BRIEF.replace("summary_classification: C", "summary_classification: U")
    brief(released.replace("classification: CUI", "classification: CUI//REL TO USA, IND, AUS"))
    build()
    text = pdf_text(project / "out" / "b.pdf")
    assert text.startswith("SECRET//REL TO USA, IND")
    assert text.endswith("SECRET//REL TO USA, IND")


def test_the_authority_and_cui_blocks_are_printed_from_brief_and_desk(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF)
    build()
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "Classified By: J. Smith, Director" in text
        assert "Derived From: DoD SCG 2025-04" in text
        assert "Declassify On: 20400701" in text
        assert "Controlled By: OUSD(P)" in text
        assert "CUI Category: CTI" in text
        assert "POC: J. Smith, 703-555-0100" in text
        assert text.index("Classified By") < text.index("Controlled By")


@pytest.mark.parametrize("fmt", ["html", "md", "pptx"])
def test_every_other_writer_prints_the_portion_marks(
    project: Path, brief: Callable[..., Path], fmt: str
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF)
    build(fmt)
    data = (project / "out" / f"b.{fmt}").read_bytes()
    if fmt == "pptx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = [n for n in z.namelist() if n.startswith("ppt/") and n.endswith(".xml")]
            data = "".join(z.read(n).decode() for n in parts).encode()
    text = " ".join(re.sub(r"<[^>]+>", " ", data.decode()).split())
    assert "SECRET" in text
    for portion in ("(C) The bottom line.", "(CUI) Do the first thing"):
        assert portion.split(" ", 1)[0] in text
    assert "(S//REL TO USA, GBR, IND)" in text


def test_a_banner_lower_than_a_portion_names_the_portion_and_the_banner_it_needs(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(
        US_BRIEF.replace(
            "title: Marked brief\n", "title: Marked brief\nclassification: CONFIDENTIAL\n"
        )
    )
    line = error_of(project)
    assert line == (
        "error: content/b.yaml:12: key_statements[0].classification: 'S//REL TO USA, GBR, IND' "
        "is SECRET, above the banner 'CONFIDENTIAL' (line 2); the banner would have to be SECRET"
    )


def test_a_banner_that_leaves_out_noforn_names_the_portion_that_carries_it(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    text = US_BRIEF.replace("classification: CUI\n    body", "classification: S//NF\n    body")
    brief(text.replace("title: Marked brief\n", "title: Marked brief\nclassification: SECRET\n"))
    line = error_of(project)
    assert line.startswith(
        "error: content/b.yaml:25: sections[0].classification: 'S//NF' calls for"
    )
    assert line.endswith("the banner would have to be SECRET//NOFORN")


def test_a_banner_that_releases_more_than_a_portion_is_an_error_at_that_portion(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    text = US_BRIEF.replace("summary_classification: C", "summary_classification: U")
    text = text.replace("classification: CUI", "classification: CUI//REL TO USA, IND")
    brief(
        text.replace(
            "title: Marked brief\n",
            "title: Marked brief\nclassification: SECRET//REL TO USA, GBR\n",
        )
    )
    line = error_of(project)
    assert line.startswith("error: content/b.yaml:17: next_steps[0].classification: ")
    assert (
        "'CUI//REL TO USA, IND' is not REL TO GBR, as the banner 'SECRET//REL TO USA, GBR'" in line
    )
    assert line.endswith("the banner would have to be SECRET//REL TO USA, IND")


def test_a_higher_banner_given_explicitly_is_printed(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(
        US_BRIEF.replace(
            "title: Marked brief\n", "title: Marked brief\nclassification: top secret//noforn\n"
        )
    )
    build("pdf")
    assert pdf_text(project / "out" / "b.pdf").startswith("TOP SECRET//NOFORN")


def test_a_missing_authority_line_says_what_is_required_and_why(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK.replace('derived_from = "DoD SCG 2025-04"\n', ""))
    brief(US_BRIEF)
    line = error_of(project)
    assert line.startswith("error: content/b.yaml:6: authority.derived_from: is required: ")
    assert (
        "key_statements[0].classification 'S//REL TO USA, GBR, IND' makes the brief SECRET" in line
    )
    assert "32 CFR 2001.21" in line


def test_a_missing_cui_block_is_required_by_a_cui_portion(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, 'marking = "us"\n')
    brief("title: T\nsummary: S\nsummary_classification: CUI\n")
    line = error_of(project)
    assert line.startswith("error: content/b.yaml:3: cui.controlled_by: is required: ")
    assert "summary_classification 'CUI' makes the brief CUI" in line


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("whenever", "is neither a date (YYYY-MM-DD) nor an exemption"),
        ("2070-07-01", "more than 25 years after the brief's date"),
        ("2020-01-01", "is not after the brief's date"),
    ],
)
def test_declassify_on_is_a_date_or_an_exemption(
    project: Path, brief: Callable[..., Path], value: str, complaint: str
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF.replace("declassify_on: 2040-07-01", f"declassify_on: {value}"))
    line = error_of(project)
    assert line.startswith("error: content/b.yaml:7: authority.declassify_on: ")
    assert complaint in line


def test_an_exemption_with_a_date_is_printed_as_given(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF.replace("declassify_on: 2040-07-01", "declassify_on: '25x1, 20701231'"))
    build("pdf")
    assert "Declassify On: 25X1, 20701231" in pdf_text(project / "out" / "b.pdf")


def test_an_unmarked_portion_under_a_scheme_is_an_error_at_it(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF.replace("default_classification: U\n", ""))
    line = error_of(project)
    assert line.startswith(
        "error: content/b.yaml:11: key_statements[1].classification: has no classification"
    )


def test_a_wrong_default_is_named_where_it_was_written(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF.replace("default_classification: U", "default_classification: U//FOUO"))
    line = error_of(project)
    assert line.startswith("error: content/b.yaml:5: default_classification: 'U//FOUO': ")
    assert "legacy marking, replaced by CUI" in line


def test_a_portion_marking_without_a_scheme_is_refused(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief("title: T\nsummary: S\nsummary_classification: S\n")
    line = error_of(project)
    assert line.startswith(
        "error: content/b.yaml:3: summary_classification: portion markings need a marking scheme"
    )


def test_a_brief_may_name_its_own_scheme(project: Path, brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\nmarking: uk\nsummary_classification: OS COMMERCIAL\n")
    build("pdf")
    text = pdf_text(project / "out" / "b.pdf")
    assert text.startswith("OFFICIAL-SENSITIVE COMMERCIAL")
    assert "(OS COMMERCIAL) S" in text


def test_a_template_that_places_no_mark_is_refused(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, 'marking = "uk"\ntemplate = "plain"\n')
    folder = project / "templates" / "plain"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        "<banner>{{ brief.classification }}</banner><p>{{ brief.summary }}</p>", encoding="utf-8"
    )
    brief("title: T\nsummary: S\nsummary_classification: O\n")
    line = error_of(project)
    assert (
        "templates/plain/brief.html.j2: the brief is marked (uk) but the template places no portion mark"
        in line
    )


def test_uk_brief_builds_with_its_marks_and_no_block(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, 'marking = "uk"\n')
    brief(
        "title: T\nsummary: The line.\nsummary_classification: OFFICIAL-SENSITIVE PERSONAL\n"
        "default_classification: OFFICIAL\nnext_steps:\n  - action: Act\n    classification: S UKEO\n"
    )
    build()
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "SECRET UK EYES ONLY PERSONAL" in text
        assert "(OS PERSONAL) The line." in text
        assert "(S UK EYES ONLY) Act" in text
        assert "Classified By" not in text


def test_nato_brief_requires_its_authority_block_at_nato_confidential(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, 'marking = "nato"\n')
    brief("title: T\nsummary: The line.\nsummary_classification: NC\n")
    assert "authority.classified_by: is required" in error_of(project)
    brief(
        "title: T\nsummary: The line.\nsummary_classification: NC\ndate: 2025-07-02\n"
        "authority:\n  classified_by: NATO HQ\n  declassify_on: 2035-01-01\n"
    )
    build("pdf", "docx")
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert text.startswith("NATO CONFIDENTIAL")
        assert "(NC) The line." in text
        assert "Originator: NATO HQ" in text and "Review On: 20350101" in text


def test_a_change_to_the_desks_marking_settings_rebuilds_an_unchanged_brief(
    project: Path, brief: Callable[..., Path]
) -> None:
    desk(project, US_DESK)
    brief(US_BRIEF)
    build("pdf")
    assert "up to date" in build("pdf")
    desk(project, US_DESK.replace("J. Smith, Director", "K. Jones, Director"))
    assert "up to date" not in build("pdf")
    assert "Classified By: K. Jones, Director" in pdf_text(project / "out" / "b.pdf")
    (project / "markings").mkdir()
    scheme = (ROOT / "briefgen" / "markings" / "schemes" / "us.toml").read_text(encoding="utf-8")
    (project / "markings" / "desk.toml").write_text(scheme, encoding="utf-8")
    desk(project, US_DESK.replace('marking = "us"', 'marking = "markings/desk.toml"'))
    build("pdf")
    assert "up to date" in build("pdf")
    (project / "markings" / "desk.toml").write_text(
        scheme.replace('portion = "S"\n', 'portion = "SEC"\naliases = ["S"]\n'),
        encoding="utf-8",
    )
    assert "up to date" not in build("pdf")
    assert "(SEC//REL TO USA, GBR, IND) Said one thing." in pdf_text(project / "out" / "b.pdf")
