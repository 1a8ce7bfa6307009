"""A letterhead keeps the promise: the body is laid out below its header and above its
footer in both files, Word's compatibility mode is 15, the properties are the brief's, and
a page setting that contradicts the letterhead is an error naming both."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pypdfium2
from docx.oxml.ns import qn

from conftest import EXAMPLE, run


def _letterhead(path: Path, header_lines: int = 1, *, compat: str = "") -> None:
    made = docx.Document()
    made.core_properties.title = "Letterhead template"
    made.core_properties.author = "Someone else"
    header = made.sections[0].header
    header.paragraphs[0].text = "MINISTRY OF EXAMPLE AFFAIRS"
    for i in range(header_lines - 1):
        header.add_paragraph(f"Directorate {i + 1}")
    if compat:
        settings = made.settings.element
        for setting in settings.iter(qn("w:compatSetting")):
            if setting.get(qn("w:name")) == "compatibilityMode":
                setting.set(qn("w:val"), compat)
    made.save(str(path))


def _build(
    project: Path, header_lines: int = 1, toml: str = "", compat: str = "", *, short: bool = False
) -> None:
    if short:  # the example's first 14 lines, its title and summary: 10 pt under any header
        head = EXAMPLE.read_text(encoding="utf-8").splitlines()[:14]
        (project / "content" / EXAMPLE.name).write_text("\n".join(head) + "\n", encoding="utf-8")
    else:
        shutil.copy(EXAMPLE, project / "content")
    _letterhead(project / "letterhead.docx", header_lines, compat=compat)
    (project / "briefgen.toml").write_text(f'reference_docx = "letterhead.docx"\n{toml}')


def _first_text_top(pdf: Path) -> float:
    """Points from the page's top to the first baseline below the banner."""
    page = pypdfium2.PdfDocument(str(pdf))[0]
    text = page.get_textpage()
    index = text.get_text_range().index("US-India")
    return float(page.get_height() - text.get_charbox(index)[1])


def test_a_taller_letterhead_header_moves_the_body_down_in_both_files(project: Path) -> None:
    tops, margins = [], []
    for lines in (1, 3):
        _build(project, lines, short=True)  # both at one size: the title's baseline compares
        result = run("build", "-o", f"out{lines}")
        assert result.exit_code == 0, result.output
        assert "(10 pt," in result.output
        tops.append(_first_text_top(project / f"out{lines}" / "us-india-defence.pdf"))
        section = docx.Document(str(project / f"out{lines}" / "us-india-defence.docx")).sections[0]
        margins.append(section.top_margin.pt)
    assert margins[0] == 72.0  # one line fits in the letterhead's own margin
    # three lines (11 pt; two of them 1.15 lines and 10 pt after) under the banner do not
    assert 105 < margins[1] < 120
    assert abs((tops[1] - tops[0]) - (margins[1] - margins[0])) < 0.5  # the PDF moved as far


def test_the_docx_is_in_word_2013_compatibility_whatever_the_letterhead_was(
    project: Path,
) -> None:
    _build(project, compat="14")
    assert run("build").exit_code == 0
    settings = zipfile.ZipFile("out/us-india-defence.docx").read("word/settings.xml").decode()
    assert 'w:name="compatibilityMode"' in settings
    assert 'w:val="15"' in settings and 'w:val="14"' not in settings


def test_the_document_properties_are_the_briefs_not_the_letterheads(project: Path) -> None:
    _build(project)
    assert run("build").exit_code == 0
    props = docx.Document("out/us-india-defence.docx").core_properties
    assert props.title == "US-India Defence Partnership"
    assert props.author == "South Asia Desk, Defence Policy"
    assert props.last_modified_by == "South Asia Desk, Defence Policy"
    assert props.created is not None and props.created.date().isoformat() == "2025-07-02"
    assert props.modified == props.created


def test_a_page_size_the_letterhead_does_not_have_is_an_error_naming_both(project: Path) -> None:
    _build(project, toml='[theme]\npage_size = "a4"\n')  # python-docx's letterhead is Letter
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: briefgen.toml: page_size: page_size = 'a4' conflicts with the letterhead "
        "letterhead.docx, whose page is 612 × 792 pt, portrait; remove page_size or use a "
        "letterhead of that page\n"
    )
    assert not (project / "out" / "us-india-defence.pdf").exists()


def test_the_same_page_as_the_letterhead_is_no_conflict(project: Path) -> None:
    _build(project, toml='[theme]\npage_size = "letter"\norientation = "portrait"\n')
    assert run("build").exit_code == 0
