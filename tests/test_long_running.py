"""A process that builds for days (watch, schedule) uses every file as it is now.

Each test builds, replaces a file the theme names, and builds again in the same
process: the outputs must show the new file, in both formats alike.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader

from briefgen.layout import fonts
from conftest import run

BRIEF = "title: T\ndate: 2025-07-01\nsummary: Short and plain.\n"


def _letterhead(path: Path, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    width, height = Pt(595), Pt(842)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.header.paragraphs[0].text = "Ministry of Examples"
    document.save(str(path))


def _pdf_page(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return (round(float(box.width)), round(float(box.height)))


def _docx_page(path: Path) -> tuple[float, float]:
    section = docx.Document(str(path)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    return (round(section.page_width.pt), round(section.page_height.pt))


def _build(project: Path) -> None:
    result = run("build")
    assert result.exit_code == 0, result.output


def test_a_letterhead_swapped_to_landscape_lays_the_pdf_out_on_the_docx_page(
    project: Path,
) -> None:
    (project / "content" / "b.yaml").write_text(BRIEF)
    (project / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    _letterhead(project / "letterhead.docx", landscape=False)
    _build(project)
    assert _pdf_page(project / "out" / "b.pdf") == _docx_page(project / "out" / "b.docx")
    assert _pdf_page(project / "out" / "b.pdf") == (595, 842)

    _letterhead(project / "letterhead.docx", landscape=True)
    _build(project)
    assert _docx_page(project / "out" / "b.docx") == (842, 595)
    assert _pdf_page(project / "out" / "b.pdf") == (842, 595)


def _picture(path: Path, size: tuple[int, int]) -> None:
    from PIL import Image

    Image.new("RGB", size, "#1f3864").save(path)


def _pdf_logo(path: Path) -> tuple[float, float]:
    """The width and height the PDF draws its one picture at."""
    content = PdfReader(path).pages[0].get_contents()
    assert content is not None
    drawn = re.findall(
        rb"([\d.]+) 0 0 ([\d.]+) [\d.-]+ [\d.-]+ cm\s*/FormXob\S* Do", content.get_data()
    )
    assert len(drawn) == 1, drawn
    return float(drawn[0][0]), float(drawn[0][1])


def _docx_logo(path: Path) -> tuple[int, int]:
    """The width and height (EMU) the DOCX header shows its picture at."""
    with zipfile.ZipFile(path) as archive:
        headers = [archive.read(n) for n in archive.namelist() if n.startswith("word/header")]
    found = [m for x in headers for m in re.findall(rb'<wp:extent cx="(\d+)" cy="(\d+)"', x)]
    assert len(found) == 1, found
    return int(found[0][0]), int(found[0][1])


def test_a_replaced_logo_is_drawn_in_its_own_proportions(project: Path) -> None:
    (project / "content" / "b.yaml").write_text(BRIEF)
    (project / "briefgen.toml").write_text(
        '[theme]\nlogo = "logo.png"\nlogo_alt = "Ministry"\nlogo_height = 30\n'
    )
    _picture(project / "logo.png", (300, 100))  # wide
    _build(project)
    width, height = _pdf_logo(project / "out" / "b.pdf")
    assert round(width / height, 2) == 3.0

    _picture(project / "logo.png", (100, 300))  # tall: a third of the width it had
    _build(project)
    width, height = _pdf_logo(project / "out" / "b.pdf")
    assert round(height) == 30 and round(width / height, 2) == 0.33
    cx, cy = _docx_logo(project / "out" / "b.docx")
    assert round(cx / cy, 2) == 0.33


def _embedded_fonts(path: Path) -> set[str]:
    names = set()
    for font in PdfReader(path).pages[0]["/Resources"]["/Font"].values():
        base = str(font.get_object()["/BaseFont"])
        names.add(base.split("+", 1)[-1])
    return names


def test_a_replaced_theme_font_is_embedded_as_it_is_now(project: Path) -> None:
    (project / "content" / "b.yaml").write_text(BRIEF)
    (project / "briefgen.toml").write_text('[theme]\nfont_regular = "face.ttf"\n')
    shutil.copy(fonts.HERE / "Arimo-Regular.ttf", project / "face.ttf")
    _build(project)
    assert _embedded_fonts(project / "out" / "b.pdf") == {"Arimo"}

    shutil.copy(fonts.HERE / "Arimo-Italic.ttf", project / "face.ttf")
    _build(project)
    assert _embedded_fonts(project / "out" / "b.pdf") == {"Arimo-Italic"}


def test_a_font_replaced_by_a_damaged_file_is_refused_in_one_line(project: Path) -> None:
    (project / "content" / "b.yaml").write_text(BRIEF)
    (project / "briefgen.toml").write_text('[theme]\nfont_regular = "face.ttf"\n')
    shutil.copy(fonts.HERE / "Arimo-Regular.ttf", project / "face.ttf")
    _build(project)
    (project / "face.ttf").write_bytes(b"not a font")
    result = run("build")
    assert result.exit_code == 1
    assert result.output.startswith("error: face.ttf: not a usable TrueType font: ")
    assert len(result.output.splitlines()) == 1


def test_a_template_edited_between_builds_renders_its_new_text(project: Path) -> None:
    from conftest import pdf_text

    (project / "content" / "b.yaml").write_text(BRIEF)
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    entry = folder / "brief.html.j2"
    override = (
        '{% extends "builtin:onepage/brief.html.j2" %}\n'
        "{% block summary %}<p>Edition WORD</p>{% endblock %}\n"
    )
    entry.write_text(override.replace("WORD", "one"))
    _build(project)
    assert "Edition one" in pdf_text(project / "out" / "b.pdf")

    entry.write_text(override.replace("WORD", "two"))
    _build(project)
    assert "Edition two" in pdf_text(project / "out" / "b.pdf")
