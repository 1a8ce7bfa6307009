"""Right-to-left text inside a left-to-right brief: the Unicode bidirectional algorithm."""

from __future__ import annotations

import random
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from briefgen.layout import bidi, fonts, scripts
from briefgen.layout import page as p
from briefgen.layout.rlmarkup import markup
from briefgen.layout.theme import FALLBACK_FONTS
from conftest import ROOT, run

needs_bidi = pytest.mark.skipif(
    not (bidi.available() and scripts.shaping_available())
    or any(scripts.package_file(n) is None for n in FALLBACK_FONTS),
    reason="briefgen[scripts] is not installed",
)
ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def split(text: str) -> p.Para:
    para = p.Para(spans=(p.Span(text, 20, "#000000"),), size=20, leading=24, color="#000000")
    own = fonts.coverage(fonts.register())
    return scripts.split(para, own, scripts.chain(FALLBACK_FONTS))


def drawn(text: str) -> str:
    """The characters of the glyphs reportlab draws for text, left to right (shaped)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from briefgen.layout import shaping

    shaping.install()
    style = ParagraphStyle("t", fontName=fonts.register(), fontSize=10, shaping=1)
    made = Paragraph(markup(split(text)), style)
    made.wrap(2000, 100)
    (line,) = made.blPara.lines
    return "".join(str(w.text) for w in line.words).replace("\u00a0", " ")


def display(text: str) -> str:
    """text reordered by the levels bidi.levels gives (rule L2), unmirrored."""
    found = bidi.levels(text)
    order = list(range(len(text)))
    for level in range(max(found, default=0), 0, -1):
        i = 0
        while i < len(order):
            if found[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and found[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return "".join(text[i] for i in order)


@needs_bidi
def test_levels_order_text_as_python_bidis_full_algorithm_does() -> None:
    from bidi import get_display  # the Rust implementation: no levels, only its display

    rng = random.Random(19)
    letters = [*"ab ", *"שלום", *"وزارة", *"0123", *"٢٠", *'()[]-.,%"', *"    "]
    texts = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    wrong = [t for t in texts if display(t) != get_display(t, base_dir="L")]
    assert wrong == []


@needs_bidi
def test_a_number_inside_an_arabic_phrase_belongs_to_the_phrase() -> None:
    para = split("the (وزارة الدفاع 2025), and")
    assert [(s.text, s.level) for s in para.spans] == [
        ("the (", 0),
        ("وزارة الدفاع", 1),
        (" ", 1),
        ("2025", 2),
        ("), and", 0),
    ]


@needs_bidi
def test_a_latin_word_between_two_hebrew_words_parts_them() -> None:
    para = split("sent צה״ל F-35 to")
    assert [(s.text, s.level) for s in para.spans] == [
        ("sent ", 0),
        ("צה״ל", 1),
        (" F-35 to", 0),
    ]


@needs_bidi
def test_a_number_inside_an_arabic_phrase_is_drawn_to_its_left() -> None:
    shown = drawn("the ministry (وزارة الدفاع 2025) said")
    assert shown.startswith("the ministry (2025 ")
    assert shown.endswith(") said")
    assert ARABIC.search(shown[len("the ministry (2025 ") : -len(") said")])


@needs_bidi
def test_hebrew_around_a_number_is_drawn_as_one_right_to_left_phrase() -> None:
    # LibreOffice draws the DOCX so: עולם 12 שלום, the first word typed on the right
    assert drawn("wrote שלום 12 עולם and") == "wrote םלוע 12 םולש and"


@needs_bidi
def test_brackets_inside_a_right_to_left_phrase_are_mirrored_and_kept_with_it() -> None:
    assert drawn("Eleven: שלום [2024] end") == "Eleven: [2024] םולש end"
    assert drawn("sent שלום (עולם) to") == "sent (םלוע) םולש to"


@needs_bidi
def test_arabic_indic_digits_are_drawn_left_to_right() -> None:
    # left of the word, as LibreOffice draws them; HarfBuzz, guessing from their script,
    # drew them reversed (٥٢٠٢)
    assert drawn("said عام ٢٠٢٥ here") == "said ٢٠٢٥ مﺎﻋ here"


@needs_bidi
def test_the_docx_keeps_each_run_whole_for_word_to_order(brief) -> None:
    brief("title: T\nsummary: the (وزارة الدفاع 2025), and\n")
    assert run("build", "-f", "docx").exit_code == 0
    with zipfile.ZipFile(Path("out/b.docx")) as docx:
        body = docx.read("word/document.xml").decode()
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body)
    assert " 2025), and" in texts
    assert "وزارة الدفاع" in texts


@needs_bidi
@pytest.mark.soffice
def test_libreoffice_breaks_right_to_left_paragraphs_and_cells_where_the_pdf_does(
    project: Path, brief
) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    brief(
        "title: Right-to-left phrases\nsummary: >-\n"
        "  The Saudi ministry (وزارة الدفاع 2025) met the Israeli air force (צה״ל F-35)\n"
        "  and the Hebrew desk wrote שלום 12 עולם, and the note said عام ٢٠٢٥ here;\n"
        "  one sent שלום (עולם) to them and [2024 שלום] back, with the budget line\n"
        "  (ميزانية 2026 الدفاع) final and משרד IDF הביטחון in a long sentence.\n"
        "procurement:\n"
        "  - system: F-35 (צה״ל 2024)\n"
        "    category: وزارة الدفاع 2025\n"
        "    stage: announced\n"
        "    notes: طائرة F-35 جديدة\n"
    )
    assert run("build", "-q").exit_code == 0
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import parity

    sys.path.remove(str(ROOT / "benchmarks"))
    (theirs,) = parity.convert([project / "out" / "b.docx"], project / "lo")
    report = parity.compare(project / "out" / "b.pdf", theirs)
    assert report.lines > 8
    assert report.ok, report.summary() + "".join("\n  " + d for d in report.differ)


@needs_bidi
def test_pdftotext_and_pdfium_give_back_each_right_to_left_word_as_typed(brief) -> None:
    import subprocess

    import pypdfium2

    brief("title: T\nsummary: the (وزارة الدفاع 2025) met צה״ל F-35 and שלום 12 עולם here\n")
    assert run("build", "-f", "pdf").exit_code == 0
    poppler = subprocess.run(
        ["pdftotext", "out/b.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    document = pypdfium2.PdfDocument("out/b.pdf")
    pdfium = document[0].get_textpage().get_text_range()
    document.close()
    # each word's letters in the order typed; the words of a phrase with a number inside
    # in the order drawn, as both read LibreOffice's PDF (docs/scripts.md, limits)
    for text in (poppler, pdfium):
        for word in ("وزارة", "الدفاع", "2025", "צה״ל", "F-35", "שלום", "12", "עולם"):
            assert word in text, (word, text)
