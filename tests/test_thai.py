"""Thai: lines break where a word ends, as ICU's dictionary says, in the PDF as in
LibreOffice's rendering of the DOCX, and the text stays what was typed."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.layout import breaks, dictionary, lines, scripts
from briefgen.layout import page as p
from briefgen.layout.theme import FALLBACK_FONTS
from conftest import ROOT, run, soffice

HAVE_THAI = scripts.shaping_available() and scripts.package_file("noto-sans-thai") is not None
needs_thai = pytest.mark.skipif(
    not (HAVE_THAI and dictionary.available()), reason="briefgen[scripts] is not installed"
)

PHRASE = "กระทรวงกลาโหมของไทยประกาศว่าจะเพิ่มความร่วมมือด้านความมั่นคงกับประเทศเพื่อนบ้าน"
SUMMARY = " ".join(
    (
        PHRASE,
        "รัฐมนตรีว่าการกระทรวงการต่างประเทศเดินทางไปเยือนกรุงเทพมหานครเพื่อหารือเรื่องการค้าและการลงทุน",
        "สำนักงานสภาความมั่นคงแห่งชาติจะจัดทำรายงานสรุปผลการหารือภายในสองสัปดาห์",
    )
)


def pieces(text: str) -> list[str]:
    cuts = [0, *breaks.opportunities(text), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


@needs_thai
def test_a_thai_phrase_breaks_where_the_dictionary_ends_each_word() -> None:
    assert pieces("กระทรวงกลาโหมของไทย ประกาศ") == ["กระทรวง", "กลาโหม", "ของ", "ไทย ", "ประกาศ"]


@needs_thai
def test_a_thai_name_beside_latin_text_breaks_as_latin_text_does_around_it() -> None:
    got = pieces("Officials from (สำนักงานสภาความมั่นคงแห่งชาติ) met in co-production")
    assert got[:3] == ["Officials ", "from ", "(สำนักงาน"]  # the bracket stays with its word
    assert got[-5:] == ["ชาติ) ", "met ", "in ", "co-", "production"]
    assert len(got) > 8  # and the name breaks between its words


@pytest.mark.skipif(not HAVE_THAI, reason="briefgen[scripts] is not installed")
def test_without_icu4py_thai_breaks_at_spaces_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dictionary, "available", lambda: False)
    assert pieces("กระทรวงกลาโหมของไทย ประกาศ") == ["กระทรวงกลาโหมของไทย ", "ประกาศ"]
    # and the layout leaves such a paragraph to reportlab, as before
    para = _thai_para(PHRASE)
    assert lines.settle(para, 120.0, "Arimo") is para


@needs_thai
def test_the_layout_breaks_a_thai_paragraph_inside_its_phrases() -> None:
    settled = lines.settle(_thai_para(PHRASE), 120.0, "Arimo")
    assert settled.breaks
    assert all(PHRASE[at - 1] != " " for at in settled.breaks)  # inside a phrase: no space
    assert set(settled.breaks) <= set(breaks.opportunities(PHRASE))


def _thai_para(text: str) -> p.Para:
    thai = next(fb for fb in scripts.chain(FALLBACK_FONTS) if fb.word == "Noto Sans Thai")
    face = p.Face(thai.pdf, thai.word, "th", False, False, thai.file)
    span = p.Span(text=text, size=20, color="000000", face=face)
    return p.Para(spans=(span,), size=20, leading=240, color="000000")


@needs_thai
def test_a_thai_brief_breaks_inside_phrases_and_gives_back_what_was_typed(brief) -> None:
    brief(f"title: Thai contacts\nsummary: {SUMMARY}\n")
    assert run("build").exit_code == 0
    text = subprocess.run(
        ["pdftotext", "out/b.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    ours = [line for line in text.splitlines() if re.search("[\u0e00-\u0e7f]", line)]
    assert len(ours) >= 3
    # a line ends inside a phrase: it and the next one join with no space between
    assert any(a[-4:] + b[:4] in SUMMARY for a, b in itertools.pairwise(ours))
    # nothing inserted, nothing lost: the lines joined are the summary, less the spaces
    # the lines broke at
    assert "".join(ours).replace(" ", "") == SUMMARY.replace(" ", "")


@needs_thai
def test_a_thai_font_cut_keeps_the_letters_sara_am_is_shaped_into() -> None:
    from fontTools.ttLib import TTFont

    from briefgen.writers import _subset

    thai = scripts.package_file("noto-sans-thai")
    assert thai is not None
    font = TTFont(io.BytesIO(_subset.subset(str(thai), "ลำ")))
    assert {0x0E25, 0x0E33, 0x0E4D, 0x0E32} <= set(font.getBestCmap())


@needs_thai
@pytest.mark.soffice
def test_libreoffice_breaks_thai_briefs_where_the_pdf_does(project: Path) -> None:
    """Four generated briefs, two in Thai and two in English with Thai names, with
    table cells: every line holds the same text in the PDF and in LibreOffice's
    rendering of the DOCX."""
    if soffice() is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import parity
    import thai_corpus

    sys.path.remove(str(ROOT / "benchmarks"))
    thai_corpus.generate(project / "content", 4)
    assert run("build", "-q").exit_code == 0
    pdfs = sorted((project / "out").glob("*.pdf"))
    theirs = parity.convert([p.with_suffix(".docx") for p in pdfs], project / "lo", apart=True)
    reports = [parity.compare(a, b) for a, b in zip(pdfs, theirs, strict=True)]
    assert len(reports) == 4 and all(r.lines > 20 for r in reports)
    bad = [r.summary() + "".join("\n    " + d for d in r.differ[:3]) for r in reports if not r.ok]
    assert not bad, "\n".join(bad)
