"""Briefs allowed two pages (``pages = 2``): set on two pages in both formats, broken at the
same block, each page fitted in the same room, and the overflow report per page count."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from briefgen import pipeline
from briefgen import project as projects
from briefgen.layout import fit, fonts, furniture, lay_out, paginate
from briefgen.layout.measure import Piece, measure
from briefgen.layout.page import Fonts
from briefgen.layout.sizes import candidates, scaled
from briefgen.render import markup
from briefgen.render.templating import Templates
from conftest import EXAMPLE, ROOT, normalize, pdf_pages, run

sys.path.insert(0, str(ROOT / "benchmarks"))
import parity

sys.path.remove(str(ROOT / "benchmarks"))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADER = "System Arrangement Proposed Announced"


def longer(project: Path, statements: int = 2, items: int = 4, pages: int | None = 2) -> Path:
    """The example with its statements and procurement items repeated: too long for one page."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["key_statements"] = data["key_statements"] * statements
    data["procurement"] = data["procurement"] * items
    if pages is not None:
        data["pages"] = pages
    path = project / "content" / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [normalize(page.extract_text()) for page in PdfReader(pdf).pages]


def body(docx: Path) -> list[object]:
    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return list(root.find(W + "body"))


def text(element: object) -> str:
    return normalize(" ".join(t.text or "" for t in element.iter(W + "t")))  # type: ignore[attr-defined]


def after_break(docx: Path) -> list[object]:
    """The body's elements from the one the DOCX starts its second page with."""
    elements = body(docx)
    starts = [i for i, e in enumerate(elements) if e.find(f"{W}pPr/{W}pageBreakBefore") is not None]  # type: ignore[attr-defined]
    assert len(starts) == 1, starts
    return elements[starts[0] :]


def build(*more: str) -> None:
    result = run("build", "-q", *more)
    assert result.exit_code == 0, result.output


# --- both formats --------------------------------------------------------------------------
def test_a_brief_marked_pages_2_builds_on_two_pages(project: Path) -> None:
    longer(project)
    build()
    assert pdf_pages(project / "out" / "long.pdf") == 2
    after_break(project / "out" / "long.docx")  # exactly one page break


def test_a_brief_allowed_two_pages_that_fits_one_stays_on_one(project: Path) -> None:
    longer(project, statements=0, items=0)  # fits one page at the theme's own size
    build()
    assert pdf_pages(project / "out" / "long.pdf") == 1
    assert not any("pageBreakBefore" in str(e) for e in body(project / "out" / "long.docx"))
    assert "Page 1 of" not in " ".join(page_texts(project / "out" / "long.pdf"))


def test_the_second_page_starts_with_the_same_block_in_both_formats(project: Path) -> None:
    longer(project)
    build()
    second = page_texts(project / "out" / "long.pdf")[1]
    rest = " ".join(text(e) for e in after_break(project / "out" / "long.docx")).strip()
    first_words = rest[:60]
    assert first_words and second.replace("UNCLASSIFIED", "").strip().startswith(first_words)


def test_a_table_split_by_the_break_repeats_its_header_row(project: Path) -> None:
    longer(project)
    build()
    tables = [e for e in after_break(project / "out" / "long.docx") if e.tag == W + "tbl"]  # type: ignore[attr-defined]
    first_row = tables[0].find(W + "tr")  # type: ignore[attr-defined]
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
    assert text(first_row).startswith(HEADER)
    pages = page_texts(project / "out" / "long.pdf")
    assert HEADER in pages[0] and HEADER in pages[1]


def test_each_page_of_a_two_page_brief_says_page_n_of_2(project: Path) -> None:
    longer(project)
    build()
    pages = page_texts(project / "out" / "long.pdf")
    assert ["Page 1 of 2" in pages[0], "Page 2 of 2" in pages[1]] == [True, True]
    with zipfile.ZipFile(project / "out" / "long.docx") as z:
        footer = z.read("word/footer1.xml").decode()
    assert 'w:instr=" PAGE "' in footer and " of 2" in footer


def test_both_pages_are_tagged_and_page_n_of_2_is_pagination(project: Path) -> None:
    import tagged

    longer(project)
    build()
    pdf = project / "out" / "long.pdf"
    report = tagged.read(pdf.read_bytes())
    assert report.in_stream and report.unmarked == [] and report.nested == []
    assert tagged.misplaced(report) == []
    assert "Page 1 of 2" not in tagged.struct_text(pdf)  # furniture, not the brief's text


def test_a_second_page_in_the_docx_starts_at_the_top_margin_as_in_the_pdf(project: Path) -> None:
    longer(project)
    build()
    with zipfile.ZipFile(project / "out" / "long.docx") as z:
        header = z.read("word/header1.xml").decode()
    # banner 18 pt from the edge, 13.5 pt high, then 18.5 pt to the 50 pt top margin
    assert re.search(r'w:line="370" w:lineRule="exact"', header)


# --- the fit -------------------------------------------------------------------------------
def prepared(project: Path) -> pipeline.Prepared:
    templates = Templates(projects.find(project))
    return pipeline.prepare(project / "content" / "long.yaml", templates)


def test_each_page_holds_what_the_fit_measured_in_the_room_of_one(project: Path) -> None:
    longer(project)
    page = prepared(project).page
    (at,) = page.breaks
    pieces = measure(page, max(page.sources) + 1).pieces
    room = page.geometry.frame[1] * page.room
    assert paginate.flow(pieces[:at]) <= room and paginate.flow(pieces[at:]) <= room
    assert paginate.flow(pieces) > room  # it needed the second page


def test_the_fit_takes_the_largest_size_at_which_both_pages_fit(project: Path) -> None:
    longer(project)
    made = prepared(project)
    templates = Templates(projects.find(project))
    theme = templates.theme("onepage")
    options = candidates(theme)
    chosen = options.index(made.page.scale)
    assert chosen > 0  # at the largest size this test would show nothing
    doc = markup.parse(templates.render(made.brief, "onepage", made.brief.date))
    face = Fonts(theme.font_docx, fonts.register(theme))
    larger = lay_out(doc, theme, scaled(theme, options[chosen - 1]), face, furniture.logo(theme))
    room = theme.frame[1] * (1 - theme.safety)
    assert fit.need(measure(larger, len(doc.blocks)), room)[0] > room


def test_the_break_falls_after_the_last_block_that_fits_the_room() -> None:
    pieces = [Piece(6, 100, 6), Piece(6, 100, 6), Piece(6, 100, 6), Piece(6, 100, 6)]
    found = paginate.split(pieces, 290)
    assert found is not None and (found.block, found.row) == (2, 0)
    assert (found.first, found.second) == (206, 206)  # between two blocks the larger space
    assert paginate.split(pieces[:1], 50) is None  # nothing fits the first page: no break


def test_a_heading_is_never_the_last_block_of_the_first_page() -> None:
    pieces = [Piece(0, 300, 6), Piece(12, 20, 6, keep=True), Piece(0, 300, 6)]
    found = paginate.split(pieces, 500)
    assert found is not None and found.block == 1  # the heading goes with its text
    assert found.first == 300 and found.second == 20 + 6 + 300


def test_a_table_breaks_between_rows_with_its_header_repeated() -> None:
    pieces = [Piece(0, 100, 6), Piece(6, 10 + 4 * 50, 6, rows=(10, 50, 50, 50, 50), header=1)]
    found = paginate.split(pieces, 230)
    assert found is not None and (found.block, found.row) == (1, 3)  # header + 2 rows fit
    assert found.second == 10 + 50 + 50  # the header again, then the last two rows


def test_a_table_with_no_room_for_a_row_under_its_header_moves_whole() -> None:
    pieces = [Piece(0, 200, 6), Piece(6, 10 + 2 * 50, 6, rows=(10, 50, 50), header=1)]
    found = paginate.split(pieces, 250)
    assert found is not None and (found.block, found.row) == (1, 0)


# --- too long, and wrong values ------------------------------------------------------------
def test_too_long_for_two_pages_gives_the_overflow_report(project: Path) -> None:
    longer(project, statements=4, items=8)
    result = run("build")
    assert result.exit_code == 1
    assert re.search(
        r"long\.yaml: does not fit on two pages even at [\d.]+ pt: its second page needs "
        r"\d+% of the page, where only 97% fits; longest sections: Procurement pipeline \d+%",
        result.output,
    ), result.output
    written = run("build", "--allow-overflow")
    assert written.exit_code == 0
    assert "its second page needs" in written.output
    assert "where only 97% fits (written anyway on more than two" in written.output
    assert pdf_pages(project / "out" / "long.pdf") >= 3


def test_a_brief_far_too_long_for_two_pages_is_refused_as_two_pages(project: Path) -> None:
    """Refused from its text's width, before its lines are set, in two pages' terms."""
    summary = "lorem ipsum " * 60_000  # 720 KB: over ten pages at the smallest size
    (project / "content" / "far.yaml").write_text(f"title: T\npages: 2\nsummary: {summary}\n")
    result = run("build")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert re.match(
        r"error: content/far\.yaml: does not fit on two pages even at [\d.]+ pt: it needs at "
        r"least \d+% of a page, where two pages hold 194%; longest sections: ",
        line,
    ), line


def test_pages_3_is_an_error_naming_file_line_and_field(project: Path) -> None:
    path = longer(project, pages=3)
    line = path.read_text().splitlines().index("pages: 3") + 1
    result = run("validate")
    assert result.exit_code == 1
    assert f"long.yaml:{line}: pages: 1 or 2, not 3" in result.output


@pytest.mark.parametrize("value", ["3", '"two"', "true"])
def test_pages_in_briefgen_toml_is_1_or_2(project: Path, value: str) -> None:
    longer(project, pages=None)
    (project / "briefgen.toml").write_text(f"pages = {value}\n")
    result = run("validate")
    assert result.exit_code == 1 and "briefgen.toml: pages: 1 or 2, not" in result.output


def test_briefgen_toml_and_a_theme_allow_two_pages_and_a_brief_can_say_one(project: Path) -> None:
    path = longer(project, pages=None)
    (project / "briefgen.toml").write_text("pages = 2\n")
    build()
    assert pdf_pages(project / "out" / "long.pdf") == 2
    (project / "briefgen.toml").write_text('template = "mine"\n')
    folder = project / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin:onepage/brief.html.j2" %}\n')
    (folder / "theme.toml").write_text('extends = "onepage"\npages = 2\n')
    build()
    assert pdf_pages(project / "out" / "long.pdf") == 2
    path.write_text(path.read_text() + "pages: 1\n")
    assert "does not fit on one page" in run("build").output


def test_a_themes_pages_is_checked_where_it_is_set(project: Path) -> None:
    longer(project, pages=None)
    (project / "briefgen.toml").write_text('template = "mine"\n')
    folder = project / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin:onepage/brief.html.j2" %}\n')
    (folder / "theme.toml").write_text('extends = "onepage"\npages = 4\n')
    result = run("validate")
    assert "theme.toml: pages: 1 or 2, not 4" in result.output


# --- the other outputs ---------------------------------------------------------------------
def test_preview_writes_a_picture_of_each_page(project: Path) -> None:
    longer(project)
    result = run("preview")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "previews").iterdir()) == [
        "long-page-2.png",
        "long.png",
    ]


def test_html_breaks_for_print_where_the_pdf_does_and_markdown_keeps_one_table(
    project: Path,
) -> None:
    longer(project)
    build("-f", "html", "-f", "md")
    page = (project / "out" / "long.html").read_text()
    assert page.count('class="page-break"') == 1 and "break-before: page" in page
    markdown = (project / "out" / "long.md").read_text()
    assert markdown.count("| System |") == 1
    assert markdown.count("Javelin") == 4  # every row once


# --- LibreOffice ---------------------------------------------------------------------------
@pytest.mark.soffice
def test_libreoffice_sets_the_docx_on_two_pages_breaking_where_the_pdf_does(
    project: Path,
) -> None:
    from conftest import soffice

    if soffice() is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    longer(project)
    build()
    pdf = project / "out" / "long.pdf"
    (theirs,) = parity.convert([pdf.with_suffix(".docx")], project / "lo")
    report = parity.compare(pdf, theirs, pages=2)
    assert report.pages == (2, 2)
    assert report.ok, report.summary() + "".join("\n    " + d for d in report.differ[:5])
    lines = parity.read(theirs)[1].lines  # under the banner, the table's header again
    assert [ln.words for ln in lines[1:3]] == [("System",), ("Arrangement",)]
