"""Every format is the same brief: the PDF's words, in its order, read back with each
format's own reader; and the build treats every format alike (manifest, incremental
builds, --jobs, editions, the pair of files written together, briefgen.toml)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import EXAMPLE, FIXTURES, html_text, listing, normalize, pdf_text, run

BRIEFS = [EXAMPLE, FIXTURES / "japan-philippines.yaml"]
ALL = ("docx", "pdf", "html", "md", "pptx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def words(text: str) -> list[str]:
    """The words of a text, whitespace and punctuation aside (a line-end hyphen joined)."""
    return re.findall(r"\w+", normalize(text))


def _numbered_lists(document: docx.document.Document) -> set[str]:
    """The numbering instances whose level draws a decimal number."""
    numbering = document.part.numbering_part.element
    decimal = {
        a.get(f"{W}abstractNumId")
        for a in numbering.iter(f"{W}abstractNum")
        if any(f.get(f"{W}val") == "decimal" for f in a.iter(f"{W}numFmt"))
    }
    return {
        n.get(f"{W}numId") or ""
        for n in numbering.iter(f"{W}num")
        if n.find(f"{W}abstractNumId").get(f"{W}val") in decimal  # type: ignore[union-attr]
    }


def docx_words(path: Path) -> list[str]:
    """The DOCX's first page's text in document order: header, body paragraphs and table
    cells, footer (the first page's own, where it has them: its banner opens the body)."""
    document = docx.Document(str(path))
    section = document.sections[0]
    first = section.different_first_page_header_footer
    header = section.first_page_header if first else section.header
    footer = section.first_page_footer if first else section.footer
    parts = [p.text for p in header.paragraphs]
    numbered = _numbered_lists(document)
    counters: dict[str, int] = {}
    for element in document.element.body:
        if element.tag == f"{W}p":
            text = "".join(t.text or "" for t in element.iter(f"{W}t"))
            num = element.find(f"{W}pPr/{W}numPr/{W}numId")
            if num is not None and num.get(f"{W}val") in numbered:  # Word draws "1." etc.
                key = num.get(f"{W}val") or ""
                counters[key] = counters.get(key, 0) + 1
                text = f"{counters[key]}. {text}"
            parts.append(text)
        elif element.tag == f"{W}tbl":
            parts.extend(" ".join(t.text or "" for t in cell.iter(f"{W}t"))
                         for cell in element.iter(f"{W}tc"))  # fmt: skip
    parts += [p.text for p in footer.paragraphs]
    return words(" ".join(parts))


def md_words(path: Path) -> list[str]:
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return words(html_text("<body>" + parser.render(path.read_text("utf-8")) + "</body>"))


def slide_words(path: Path) -> tuple[list[str], list[str]]:
    """The words on the slide (its text boxes and tables, in shape order) and in its notes."""
    (slide,) = Presentation(str(path)).slides
    parts = []
    for shape in slide.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX:
            parts.append(shape.text_frame.text)
        elif shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return words(" ".join(parts)), words(slide.notes_slide.notes_text_frame.text)


def in_order(part: list[str], whole: list[str]) -> bool:
    """Every word of part appears in whole, in the same order."""
    rest = iter(whole)
    return all(word in rest for word in part)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("formats")
    args = [a for f in ALL for a in ("-f", f)]
    for source in BRIEFS:
        result = run("build", str(source), *args, "-o", str(out))
        assert result.exit_code == 0, result.output
    return out


def test_a_build_of_every_format_writes_five_files_per_brief(built: Path) -> None:
    assert listing(built) == sorted(f"{s.stem}.{f}" for s in BRIEFS for f in ALL)


@pytest.mark.parametrize("source", BRIEFS, ids=lambda p: p.stem)
def test_every_format_has_the_pdfs_words_in_the_pdfs_order(built: Path, source: Path) -> None:
    stem = built / source.stem
    pdf = words(pdf_text(stem.with_suffix(".pdf")))
    assert len(pdf) > 150
    assert docx_words(stem.with_suffix(".docx")) == pdf
    assert words(html_text(stem.with_suffix(".html").read_bytes())) == pdf
    assert md_words(stem.with_suffix(".md")) == pdf
    on_slide, notes = slide_words(stem.with_suffix(".pptx"))
    assert notes == pdf  # the speaker notes carry the whole brief
    assert len(on_slide) > 100 and in_order(on_slide, pdf)  # the slide is its digest


def test_the_words_in_order_check_sees_a_word_out_of_place() -> None:
    assert in_order(["a", "c"], ["a", "b", "c"]) and not in_order(["c", "a"], ["a", "b", "c"])


@pytest.fixture
def briefs(project: Path) -> Path:
    for source in BRIEFS:
        shutil.copy(source, project / "content" / source.name)
    return project


def test_a_second_build_of_the_new_formats_rebuilds_nothing(briefs: Path) -> None:
    args = ("-f", "html", "-f", "md", "-f", "pptx")
    first = run("build", *args, "--jobs", "1")
    assert first.exit_code == 0, first.output
    made = {p.name: p.read_bytes() for p in (briefs / "out").iterdir() if p.is_file()}
    assert sorted(made) == sorted(f"{s.stem}.{f}" for s in BRIEFS for f in ("html", "md", "pptx"))
    again = run("build", *args)
    assert again.exit_code == 0
    assert again.output == (
        "up to date: content/japan-philippines.yaml, content/us-india-defence.yaml "
        "(nothing they are built from changed; --force rebuilds)\n"
    )
    assert {p.name: p.read_bytes() for p in (briefs / "out").iterdir() if p.is_file()} == made
    more = run("build", "-f", "html", "-f", "pdf")  # a format not built before: those briefs again
    assert more.exit_code == 0 and "up to date" not in more.output, more.output


@pytest.mark.slow  # worker processes start: about 13 s
def test_two_worker_processes_write_the_same_bytes_as_one(
    briefs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.regen import pooled

    monkeypatch.setattr(pooled, "START", 2)  # workers for two briefs, not only for eight
    args = [a for f in ALL for a in ("-f", f)]
    assert run("build", *args, "--jobs", "1", "-o", "one").exit_code == 0
    result = run("build", *args, "--jobs", "2", "-o", "two")
    assert result.exit_code == 0, result.output
    one, two = briefs / "one", briefs / "two"
    assert listing(one) == listing(two) and len(listing(one)) == 10
    for name in listing(one):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_briefgen_toml_formats_may_name_the_new_formats(briefs: Path) -> None:
    (briefs / "briefgen.toml").write_text('formats = ["md", "html"]\n')
    assert run("build").exit_code == 0
    assert listing(briefs / "out") == sorted(
        f"{s.stem}.{f}" for s in BRIEFS for f in ("html", "md")
    )
    (briefs / "briefgen.toml").write_text('formats = ["md", "slides"]\n')
    result = run("build")
    assert result.exit_code == 1
    assert (
        "briefgen.toml: formats: expected a list drawn from docx, html, md, pdf, pptx"
        in result.output
    )


def test_a_brief_whose_slide_fails_writes_none_of_its_formats(
    brief: Callable[..., Path], project: Path
) -> None:
    words_ = " ".join(f"word{i % 10}" for i in range(700))
    brief(f"title: T\nsummary: {words_}\nnext_steps:\n  - action: Act\n    status: planned\n")
    result = run("build", "-f", "md", "-f", "html", "-f", "pptx")
    assert result.exit_code == 1
    assert not (project / "out").exists() or listing(project / "out") == []


def test_the_marks_of_a_new_edition_are_in_every_format(
    brief: Callable[..., Path], project: Path
) -> None:
    from test_regen_changes import FIRST, second

    path = brief(FIRST)
    args = ("-f", "html", "-f", "md", "-f", "pptx", "-f", "pdf")
    assert run("build", "--publish", *args).exit_code == 0  # the edition readers saw
    path.write_text(second())
    assert run("build", *args).exit_code == 0
    out = project / "out"
    texts = {
        "pdf": " ".join(words(pdf_text(out / "b.pdf"))),
        "html": " ".join(words(html_text((out / "b.html").read_bytes()))),
        "md": " ".join(md_words(out / "b.md")),
        "pptx": " ".join(slide_words(out / "b.pptx")[0]),
    }
    for name, text in texts.items():
        assert "Javelin CHANGED" in text and "NEW Beta" in text, name
        assert text.count("NEW") == 1 and text.count("CHANGED") == 2, name


def test_the_report_names_each_file_with_its_format(briefs: Path) -> None:
    import json

    result = run("build", "-f", "html", "-f", "md", "-f", "pptx", "--report", "run.json")
    assert result.exit_code == 0, result.output
    report = json.loads((briefs / "run.json").read_text())
    for entry in report["briefs"]:
        files = {f["format"]: f for f in entry["files"]}
        assert sorted(files) == ["html", "md", "pptx"]
        stem = Path(entry["source"]).stem
        for name, file in files.items():
            assert file["path"] == f"out/{stem}.{name}" and file["bytes"] > 0, file
