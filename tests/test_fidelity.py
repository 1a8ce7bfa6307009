"""Look and fidelity: characters, markings, metadata, track and markers, in both formats."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import EXAMPLE, FIXTURES, docx_text, docx_to_pdf, pdf_text, run

CHARACTERS = (
    "Señor Łódź ₹ 1,200 cr ¥ 4.0 bn € 3 m £ 2 m — “quoted” ‘single’ Αθήνα Москва Zürich Ærø"
)


def test_names_and_currency_signs_come_back_from_both_files(brief: Callable[..., Path]) -> None:
    brief(
        f"title: 'Señor Łódź — ₹ € £ ¥'\nsummary: '{CHARACTERS}'\n"
        "procurement:\n  - system: Αθήνα–Москва\n    stage: proposed\n    value: ₹ 1,200 cr\n"
    )
    assert run("build").exit_code == 0
    for text in (pdf_text(Path("out/b.pdf")), docx_text(Path("out/b.docx"))):
        assert CHARACTERS in text
        assert "Señor Łódź — ₹ € £ ¥" in text
        assert "Αθήνα–Москва" in text


def test_the_pdf_embeds_all_four_styles_of_one_font_and_no_other(
    brief: Callable[..., Path],
) -> None:
    brief("title: T\nsummary: 'plain, **bold**, *italic* and ***both***'\n")
    assert run("build").exit_code == 0
    fonts = PdfReader("out/b.pdf").pages[0]["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded TrueType
        names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names == {"Arimo", "Arimo-Bold", "Arimo-Italic", "Arimo-BoldItalic"}


def test_a_character_the_font_cannot_draw_is_a_validation_error(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\nkey_statements:\n  - speaker: A\n    text: 'გამარჯობა'\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.output == (
        "error: content/b.yaml:5: key_statements[0].text: the font Arimo cannot draw 'გ' (U+10D2), "
        "'ა' (U+10D0), 'მ' (U+10DB) and 4 more; replace or remove them\n"
    )


LEVELS = [
    ("UNCLASSIFIED", "007A33"),
    ("CUI", "502B85"),
    ("CONFIDENTIAL", "0033A0"),
    ("SECRET//NOFORN", "C8102E"),
    ("TOP SECRET//SCI", "FF8C00"),
    ("RESTRICTED", "5F6368"),
]


@pytest.mark.parametrize(("marking", "fill"), LEVELS)
def test_banner_at_top_and_bottom_coloured_by_level(
    brief: Callable[..., Path], marking: str, fill: str
) -> None:
    brief(f"title: T\nsummary: S\nclassification: '{marking}'\n")
    assert run("build").exit_code == 0
    document = docx.Document("out/b.docx")
    section = document.sections[0]
    for part in (section.header, section.footer):
        (paragraph,) = part.paragraphs
        assert paragraph.text == marking
        shading = paragraph._p.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd"
        )
        assert (
            shading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
            == fill
        )
    words = PdfReader("out/b.pdf").pages[0].extract_text().strip().split("\n")
    assert words[0] == marking and words[-1] == marking
    _assert_pdf_colour_band(Path("out/b.pdf"), fill)


def _assert_pdf_colour_band(pdf: Path, fill: str) -> None:
    """The banner's colour fills the top and the bottom of the rendered page."""
    import pypdfium2

    page = pypdfium2.PdfDocument(str(pdf))[0]
    image = page.render(scale=1).to_pil().convert("RGB")
    want = tuple(int(fill[i : i + 2], 16) for i in (0, 2, 4))
    # 60 pt from the left edge: inside the bar, left of the centred text.
    top, bottom = image.getpixel((60, 18 + 6)), image.getpixel((60, image.height - 18 - 6))
    for pixel in (top, bottom):
        assert all(abs(a - b) <= 3 for a, b in zip(pixel, want, strict=True)), (pixel, want)


def test_both_files_carry_the_metadata(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    assert run("build").exit_code == 0
    info = PdfReader("out/us-india-defence.pdf")
    meta = info.metadata
    assert meta is not None
    assert meta["/Title"] == "US-India Defence Partnership"
    assert meta["/Subject"].startswith("Hegseth–Rajnath Singh call")
    assert meta["/Author"] == "South Asia Desk, Defence Policy"
    assert "Javelin" in meta["/Keywords"] and "Pete Hegseth" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20250702")
    assert info.trailer["/Root"]["/Lang"] == "en-US"
    props = docx.Document("out/us-india-defence.docx").core_properties
    assert props.title == meta["/Title"] and props.subject == meta["/Subject"]
    assert props.author == meta["/Author"] and props.keywords == meta["/Keywords"]
    assert props.language == "en-US"
    assert props.created is not None and props.created.date().isoformat() == "2025-07-02"
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile("out/us-india-defence.docx").namelist()


def test_pipeline_track_draws_a_bar_per_stage_tinted_up_to_the_current_one(project: Path) -> None:
    shutil.copy(FIXTURES / "japan-philippines.yaml", project / "content")
    assert run("build").exit_code == 0
    table = docx.Document("out/japan-philippines.docx").tables[1]
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def bars(row: int) -> list[str]:
        cells = table.rows[row].cells[2:]
        return [c.paragraphs[0]._p.find(f"{ns}pPr/{ns}pBdr/{ns}bottom").get(ns + "color")
                for c in cells]  # fmt: skip

    def marked(row: int) -> list[str]:
        return [c.text for c in table.rows[row].cells[2:]]

    past, now, ahead = "7A90B2", "1F3864", "DFE4EA"
    # in service is not a column: those systems are listed under the table
    assert [c.text for c in table.rows[0].cells[2:]] == [
        "Proposed",
        "Announced",
        "Negotiation",
        "Contracted",
        "Delivery",
    ]
    assert bars(1) == [past, past, past, past, now]  # delivery
    assert marked(1) == ["\u00a0"] * 4 + ["\u25cf"]
    assert bars(3) == [now, ahead, ahead, ahead, ahead]  # proposed
    assert not any(c._tc.tcPr.find(ns + "shd") is not None for c in table.rows[1].cells[2:])
    text = docx_text(Path("out/japan-philippines.docx"))
    assert "In service: TC-90 trainer." in text
    assert "In service: TC-90 trainer." in pdf_text(Path("out/japan-philippines.pdf"))


def test_next_steps_date_themselves_against_the_as_of_date(project: Path) -> None:
    shutil.copy(FIXTURES / "japan-philippines.yaml", project / "content")
    assert run("build", "--as-of", "2025-11-15").exit_code == 0
    for text in (
        pdf_text(Path("out/japan-philippines.pdf")),
        docx_text(Path("out/japan-philippines.docx")),
    ):
        assert "20 Nov 2025 in 5 days" in text
        assert "1 Sep 2025 overdue" in text
        assert "31 Dec 2025 in 46 days" in text
        assert "10 Sep 2025 DONE" in text  # a done step: its tag, no "overdue" marker
        assert "As of 15 November 2025" in text


def test_statements_are_attributed_in_one_form(project: Path) -> None:
    shutil.copy(FIXTURES / "japan-philippines.yaml", project / "content")
    assert run("build").exit_code == 0
    text = pdf_text(Path("out/japan-philippines.pdf"))
    assert (
        "Gen. Nakatani, Minister of Defense, Japan · joint press conference, Manila · 11 Sep 2025"
        in text
    )
    assert "Gilberto Teodoro, Secretary of National Defense, Philippines · 11 Sep 2025" in text


def test_preview_renders_the_page_to_png(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    result = run("preview", "--dpi", "40")
    assert result.exit_code == 0, result.output
    assert result.output == "rendered previews/us-india-defence.png\n"
    from PIL import Image

    with Image.open("previews/us-india-defence.png") as image:
        assert image.size == (round(595.2756 * 40 / 72), round(841.8898 * 40 / 72))
    assert not Path("out").exists()  # the briefs' folder is not touched


# --- parity: the DOCX as a word processor lays it out, against the PDF -----------------


def _positions(pdf: Path, needles: list[str]) -> dict[str, float]:
    """Top of the first occurrence of each needle, as a fraction of the page height."""
    import pypdfium2

    page = pypdfium2.PdfDocument(str(pdf))[0]
    height = page.get_height()
    textpage = page.get_textpage()
    found = {}
    for needle in needles:
        searcher = textpage.search(needle, match_case=True, match_whole_word=True)
        hit = searcher.get_next()
        assert hit is not None, f"{needle!r} not found in {pdf.name}"
        index, count = hit
        tops = [textpage.get_charbox(i)[3] for i in range(index, index + count)]
        found[needle] = (height - max(tops)) / height
    return found


@pytest.mark.soffice
@pytest.mark.parametrize(
    "source", [EXAMPLE, FIXTURES / "japan-philippines.yaml"], ids=["example", "fixture"]
)
def test_libreoffice_layout_matches_the_pdf(project: Path, tmp_path: Path, source: Path) -> None:
    shutil.copy(source, project / "content")
    assert run("build").exit_code == 0
    pdf = project / "out" / (source.stem + ".pdf")
    converted = docx_to_pdf(project / "out" / (source.stem + ".docx"), tmp_path / "lo")
    ours, theirs = (PdfReader(p).pages for p in (pdf, converted))
    assert len(ours) == len(theirs) == 1
    assert ours[0].extract_text().split() == theirs[0].extract_text().split()
    headings = ["Bottom line", "Key statements", "Next steps", "Procurement pipeline"]
    first_rows = ["Action", "System"]
    a, b = _positions(pdf, headings + first_rows), _positions(converted, headings + first_rows)
    for needle in headings + first_rows:
        assert abs(a[needle] - b[needle]) <= 0.02, (needle, a[needle], b[needle])
