"""Chinese, Japanese and Korean: where lines break, the space beside Latin letters, the
fonts made TrueType per brief, and LibreOffice's lines the same as the PDF's."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.layout import breaks, lines, scripts
from briefgen.layout.theme import FALLBACK_FONTS
from conftest import ROOT, run, soffice

HAVE_CJK = scripts.shaping_available() and scripts.package_file("noto-cjk-sans-otc") is not None
needs_cjk = pytest.mark.skipif(not HAVE_CJK, reason="briefgen[scripts] is not installed")


def pieces(text: str) -> list[str]:
    cuts = [0, *breaks.opportunities(text), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def test_japanese_breaks_between_characters_but_not_before_closing_marks_or_after_opening() -> None:
    assert pieces("防衛省は、「日米同盟」を強化。") == [
        "防",
        "衛",
        "省",
        "は、",
        "「日",
        "米",
        "同",
        "盟」",
        "を",
        "強",
        "化。",
    ]


def test_small_kana_and_the_long_vowel_mark_never_start_a_line() -> None:
    assert pieces("ちょっとコンピューター") == ["ちょっ", "と", "コ", "ン", "ピュー", "ター"]


def test_korean_breaks_at_spaces_not_inside_a_word() -> None:
    assert pieces("국방부는 한미동맹을 강화") == ["국방부는 ", "한미동맹을 ", "강화"]


def test_korean_may_break_before_hangul_after_digits_or_an_opening_mark() -> None:
    assert pieces("2025년 장관은 “억제력") == ["2025", "년 ", "장관은 ", "“", "억제력"]
    # after the opening mark only if the first syllable fits too
    assert breaks.conditional("장관은 “억제력") == frozenset({5})
    assert breaks.conditional("2025년 (국방부)") == frozenset({7})
    assert breaks.conditional("防衛省は「日米」") == frozenset()


def test_a_line_breaks_after_an_opening_mark_before_hangul_only_if_a_syllable_fits() -> None:
    text = "가나 “다라마"  # every character 1 point wide
    width = lambda a, b: float(b - a)  # noqa: E731
    # "가나 “다" fits (5 points and the reserve): the line breaks after the mark
    assert lines.wrap(text, width, 6.5)[0] == [4]
    # only "가나 “" fits: LibreOffice breaks before the mark, at the space
    assert lines.wrap(text, width, 4.5)[0] == [3]


def test_latin_text_breaks_as_before() -> None:
    text = "The US-India (2025–26) talks, co-production and MOD/MOFA."
    assert not breaks.has_ideographic(text, max(text))
    assert pieces(text) == [
        "The ",
        "US-",
        "India ",
        "(2025–",
        "26) ",
        "talks, ",
        "co-",
        "production ",
        "and ",
        "MOD/",
        "MOFA.",
    ]


def test_an_ideograph_beside_a_latin_letter_or_digit_is_spaced_on_that_side_only() -> None:
    from briefgen.layout import autospace

    text = "防衛A防衛(防衛)2025年「A」"
    got = dict(zip(range(len(text)), autospace.sides(text), strict=True))
    assert [got[i] for i in range(5)] == ["", "-R", "", "-L", ""]
    assert got[text.index("(") + 2] == ""  # beside a bracket: none
    assert got[text.index("年")] == "-L"
    assert autospace.sides("「A」") == ["", "", ""]  # CJK punctuation: none


@needs_cjk
def test_a_spaced_copy_is_a_fifth_of_an_em_wider_and_its_glyph_moved_right() -> None:
    from fontTools.ttLib import TTFont

    from briefgen.layout import autospace, cjk

    face = next(fb.file for fb in scripts.chain(FALLBACK_FONTS) if fb.lang == "ja")
    plain = TTFont(io.BytesIO(cjk.truetype(face, "防")))
    moved = TTFont(io.BytesIO(autospace.spaced(cjk.truetype(face, "防"), "-L")))
    glyph = plain.getBestCmap()[ord("防")]
    assert moved["hmtx"][glyph][0] == plain["hmtx"][glyph][0] + 200
    plain["glyf"][glyph].recalcBounds(plain["glyf"])
    assert moved["glyf"][glyph].xMin == plain["glyf"][glyph].xMin + 200


@needs_cjk
def test_each_cut_of_a_face_is_a_font_of_its_own_in_one_process(project: Path, brief) -> None:
    """reportlab keeps one font per PostScript name: a second brief's cut must not be
    drawn with the first's glyphs."""
    brief("title: T\nsummary: 防衛省\n", name="a.yaml")
    brief("title: T\nsummary: 国防部表示\n", name="b.yaml")
    assert run("build").exit_code == 0
    for name, typed in (("a", "防衛省"), ("b", "国防部表示")):
        text = subprocess.run(
            ["pdftotext", f"out/{name}.pdf", "-"], capture_output=True, text=True, check=True
        ).stdout
        assert typed in text
    listed = subprocess.run(["pdffonts", "out/b.pdf"], capture_output=True, text=True).stdout
    assert "NotoSansCJKsc-Regular-" in listed


@needs_cjk
def test_korean_spaces_are_as_wide_as_harfbuzz_sets_them() -> None:
    from fontTools.ttLib import TTFont

    from briefgen.layout import cjk

    face = next(fb.file for fb in scripts.chain(FALLBACK_FONTS) if fb.lang == "ko")
    text = "국방부는 한미동맹을"
    font = TTFont(io.BytesIO(cjk.shaped_spaces(cjk.truetype(face, text), text)))
    assert font["hmtx"][font.getBestCmap()[0x20]][0] == 280  # Noto Sans CJK KR's calt space


def _cjk_parity(project: Path, langs: tuple[str, ...]) -> None:
    if soffice() is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import cjk_corpus
    import parity

    sys.path.remove(str(ROOT / "benchmarks"))
    made = cjk_corpus.generate(project / "content", 9)
    for path in made:  # the corpus takes the languages in turn: ja, zh, ko, ja, ...
        if ("ja", "zh", "ko")[made.index(path) % 3] not in langs:
            path.unlink()
    assert run("build", "-q").exit_code == 0
    pdfs = sorted((project / "out").glob("*.pdf"))
    theirs = parity.convert([p.with_suffix(".docx") for p in pdfs], project / "lo", apart=True)
    reports = [parity.compare(a, b) for a, b in zip(pdfs, theirs, strict=True)]
    assert len(reports) == 3 * len(langs) and all(r.lines > 8 for r in reports)
    bad = [r.summary() + "".join("\n    " + d for d in r.differ[:3]) for r in reports if not r.ok]
    assert not bad, "\n".join(bad)


@needs_cjk
@pytest.mark.soffice
def test_libreoffice_breaks_japanese_and_chinese_briefs_where_the_pdf_does(project: Path) -> None:
    """Six generated briefs: every line holds the same text in the PDF and in
    LibreOffice's rendering of the DOCX."""
    _cjk_parity(project, ("ja", "zh"))


@needs_cjk
@pytest.mark.soffice
def test_libreoffice_breaks_korean_briefs_where_the_pdf_does(project: Path) -> None:
    """Three generated Korean briefs, with 2025년 and “억제력 at line ends."""
    _cjk_parity(project, ("ko",))


# the sets as one pattern each, as breaks compiled them before it guarded them
_IDEOGRAPHIC = re.compile(f"[{breaks.IDEOGRAPHIC_RANGES}]")
_HANGUL = re.compile(f"[{breaks.HANGUL_RANGES}]")
# each set's edges, typographic punctuation between them, Latin, Thai
_EDGES = "aZ \u00e9\u0e01\u10ff\u1100\u11ff\u1200\u2013\u201c\u201d\u2026\u2e7f\u2e80\u3001\u312f\u3130\u318f\u3190\u4e00\ua95f\ua960\uac00\ud7ff\uf8ff\uff01\uff60\uff61"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGES), max_size=12))
def test_the_guarded_sets_find_what_the_whole_patterns_find(text: str) -> None:
    top = max(text, default="")
    assert breaks.has_ideographic(text, top) == (_IDEOGRAPHIC.search(text) is not None)
    assert breaks.has_hangul(text, top) == (_HANGUL.search(text) is not None)
