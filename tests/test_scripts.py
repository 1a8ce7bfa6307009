"""Names in their own scripts: fallback fonts per run, shaping and direction, both formats."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import tagged
from briefgen.layout import fonts, scripts
from briefgen.layout import page as p
from briefgen.layout.theme import FALLBACK_FONTS
from conftest import FIXTURES, run

MULTI = FIXTURES / "multi-script.yaml"
HAVE_SCRIPTS = scripts.shaping_available() and all(
    scripts.package_file(n) is not None for n in FALLBACK_FONTS
)
needs_scripts = pytest.mark.skipif(not HAVE_SCRIPTS, reason="briefgen[scripts] is not installed")

NAME = "राजनाथ सिंह"
MINISTRY = "وزارة الدفاع"
PLACE = "กรุงเทพมหานคร"


def runs_of(text: str) -> list[tuple[str, str]]:
    span = p.Span(text, 20, "#000000")
    own = fonts.coverage(fonts.register())
    found = scripts.runs(span, own, scripts.chain(FALLBACK_FONTS))
    return [(r.text, r.face.lang if r.face else "") for r in found]


@needs_scripts
def test_a_name_in_devanagari_is_one_run_with_its_brackets() -> None:
    assert runs_of(f"Singh ({NAME}) spoke") == [
        ("Singh ", ""),
        (f"({NAME})", "hi"),
        (" spoke", ""),
    ]


@needs_scripts
def test_a_right_to_left_run_keeps_its_spaces_but_not_its_brackets() -> None:
    assert runs_of(f"the ({MINISTRY}), and שלום.") == [
        ("the (", ""),
        (MINISTRY, "ar"),
        ("), and ", ""),
        ("שלום", "he"),
        (".", ""),
    ]


@needs_scripts
def test_arabic_indic_digits_are_a_left_to_right_run_of_their_own() -> None:
    span = p.Span("عام ٢٠٢٥", 20, "#000000")
    own = fonts.coverage(fonts.register())
    found = list(scripts.runs(span, own, scripts.chain(FALLBACK_FONTS)))
    assert [(r.text, r.face.rtl if r.face else None) for r in found] == [
        ("عام", True),
        (" ", None),
        ("٢٠٢٥", False),
    ]


def test_latin_text_is_one_run_in_the_page_font() -> None:
    assert runs_of("US-India Defence Framework, “agreed”") == [
        ("US-India Defence Framework, “agreed”", "")
    ]


def test_without_the_extra_a_script_it_adds_names_the_extra(
    brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scripts, "package_file", lambda name: None)
    monkeypatch.setattr(scripts, "shaping_available", lambda: False)
    brief(f"title: T\nsummary: Met {NAME} today\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.output == (
        "error: content/b.yaml:2: summary: the font Arimo cannot draw 'र' (U+0930), "
        "'ा' (U+093E), 'ज' (U+091C) and 6 more; Devanagari needs "
        "`pip install briefgen[scripts]`; or replace or remove them\n"
    )


def test_without_shaping_hebrew_is_refused_rather_than_drawn_backwards(
    brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scripts, "shaping_available", lambda: False)
    brief("title: T\nsummary: They said שלום\n")
    result = run("validate")
    assert result.exit_code == 1
    assert "'ש' (U+05E9)" in result.output
    assert "Hebrew needs `pip install briefgen[scripts]`" in result.output


def test_several_scripts_are_named_together(brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scripts, "package_file", lambda name: None)
    monkeypatch.setattr(scripts, "shaping_available", lambda: False)
    brief(f"title: T\nsummary: {NAME}, {MINISTRY}, {PLACE}, 국방부\n")
    result = run("validate")
    assert result.exit_code == 1
    assert (
        "Devanagari, Arabic, Thai and Hangul need `pip install briefgen[scripts]`; "
        "or replace or remove them"
    ) in result.output


def test_chinese_characters_without_the_extra_are_refused_naming_it(
    brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scripts, "package_file", lambda name: None)
    brief("title: T\nsummary: S\nkey_statements:\n  - speaker: 防衛省\n    text: Said so\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.output == (
        "error: content/b.yaml:4: key_statements[0].speaker: the font Arimo cannot draw "
        "'防' (U+9632), '衛' (U+885B), '省' (U+7701); Han (Chinese characters) needs "
        "`pip install briefgen[scripts]`; or replace or remove them\n"
    )


def test_fallback_fonts_must_be_a_list(project: Path, brief) -> None:
    (project / "briefgen.toml").write_text('[theme]\nfallback_fonts = "noto-sans-thai"\n')
    brief("title: T\nsummary: S\n")
    result = run("validate")
    assert result.exit_code == 1
    assert "fallback_fonts: expected a list of font packages or files" in result.output


@pytest.fixture
def built(project: Path) -> Path:
    shutil.copy(MULTI, project / "content" / "m.yaml")
    result = run("build")
    assert result.exit_code == 0, result.output
    return project / "out"


@needs_scripts
def test_the_pdf_embeds_the_fallback_fonts_and_stays_one_page(built: Path) -> None:
    listed = subprocess.run(
        ["pdffonts", built / "m.pdf"], capture_output=True, text=True, check=True
    ).stdout
    for family in ("NotoSansDevanagari", "NotoSansArabic", "NotoSansThai", "Arimo"):
        assert re.search(rf"\+fb-{family}|\+{family}", listed), family
    assert "Helvetica" not in listed
    from pypdf import PdfReader

    assert len(PdfReader(built / "m.pdf").pages) == 1


@needs_scripts
def test_pdftotext_gives_back_the_devanagari_and_thai_that_were_typed(built: Path) -> None:
    text = subprocess.run(
        ["pdftotext", built / "m.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Rajnath Singh ({NAME}) spoke" in text
    assert f"Bangkok ({PLACE})" in text
    assert "“भारत और अमेरिका की रक्षा साझेदारी मज़बूत है।”" in text


@needs_scripts
def test_pdftotext_gives_back_arabic_and_hebrew_in_the_order_typed(built: Path) -> None:
    text = subprocess.run(
        ["pdftotext", built / "m.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    text = text.replace("\u202b", "").replace("\u202c", "")  # poppler's embedding marks
    assert MINISTRY in text
    assert "delegation sent שלום." in text


@needs_scripts
def test_each_shaped_word_carries_what_was_typed_and_its_language(built: Path) -> None:
    import pikepdf

    with pikepdf.open(built / "m.pdf") as pdf:
        spans = [
            (str(ops[1].get("/Lang")), bytes(ops[1].ActualText).decode("utf-16"))
            for ops, op in pikepdf.parse_content_stream(pdf.pages[0])
            if str(op) == "BDC" and str(ops[0]) == "/Span"
        ]
    assert ("hi", "सिंह)") in spans
    # a right-to-left run whole, in the order it is drawn (poppler and PDFium read it so)
    assert ("ar", MINISTRY[::-1]) in spans
    assert ("he", "שלום"[::-1]) in spans
    assert ("th", f"({PLACE}).") in spans


@needs_scripts
def test_the_pdf_stays_tagged_with_everything_marked(built: Path) -> None:
    report = tagged.read((built / "m.pdf").read_bytes())
    assert report.unmarked == []
    assert report.nested == []
    assert sorted(report.in_stream) == sorted(report.in_tree)


@needs_scripts
def test_the_docx_names_each_scripts_font_direction_and_language(built: Path) -> None:
    xml = zipfile.ZipFile(built / "m.docx").read("word/document.xml").decode()
    runs = re.findall(r"<w:r><w:rPr>(.*?)</w:rPr><w:t[^>]*>([^<]*)</w:t>", xml)
    by_text = {text: props for props, text in runs}
    arabic = by_text[MINISTRY]
    assert 'w:cs="Noto Sans Arabic"' in arabic and 'w:ascii="Arial"' in arabic
    assert "<w:rtl/><w:cs/>" in arabic and '<w:lang w:bidi="ar"/>' in arabic
    deva = by_text[f"({NAME})"]
    assert 'w:cs="Noto Sans Devanagari"' in deva and "<w:rtl/>" not in deva
    assert '<w:lang w:bidi="hi"/>' in deva
    hebrew = by_text["שלום"]
    assert 'w:cs="Arial"' in hebrew and "<w:rtl/>" in hebrew
    latin = next(props for props, text in runs if text.startswith("Defence Minister"))
    assert "<w:cs/>" not in latin and "w:lang" not in latin


@needs_scripts
def test_a_conjunct_is_drawn_as_one_glyph(built: Path) -> None:
    """रक्षा is five characters (र क ् ष ा) and three glyphs once shaped: र, क्ष, ा."""
    import pikepdf

    drawn: list[int] = []
    inside = False
    with pikepdf.open(built / "m.pdf") as pdf:
        for ops, op in pikepdf.parse_content_stream(pdf.pages[0]):
            name = str(op)
            if name == "BDC" and str(ops[0]) == "/Span":
                inside = bytes(ops[1].ActualText).decode("utf-16") == "रक्षा"
                if inside:
                    drawn.append(0)
            elif name == "EMC":
                inside = False
            elif inside and name in ("Tj", "TJ"):
                strings = ops[0] if name == "TJ" else [ops[0]]
                drawn[-1] += sum(len(bytes(s)) for s in strings if isinstance(s, pikepdf.String))
    assert drawn == [3]


@needs_scripts
def test_a_fallback_run_is_regular_in_both_formats_even_in_a_bold_name(built: Path) -> None:
    xml = zipfile.ZipFile(built / "m.docx").read("word/document.xml").decode()
    runs = re.findall(r"<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:t[^>]*>([^<]*)</w:t>", xml)
    speaker = [props for props, text in runs if text == NAME]  # the quote's attribution
    assert len(speaker) == 1
    assert '<w:b w:val="0"/><w:bCs w:val="0"/>' in speaker[0]
    listed = subprocess.run(
        ["pdffonts", built / "m.pdf"], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSansDevanagari-Bold" not in listed


@needs_scripts
def test_the_docx_embeds_each_fallback_font_subset_and_obfuscated(built: Path) -> None:
    import io
    import uuid

    from fontTools.ttLib import TTFont

    package = zipfile.ZipFile(built / "m.docx")
    table = package.read("word/fontTable.xml").decode()
    embedded = re.findall(
        r'<w:font w:name="([^"]+)"><w:embedRegular r:id="([^"]+)" w:fontKey="\{([^}]+)\}"/>', table
    )
    assert [name for name, _, _ in embedded] == [
        "Noto Sans Arabic",
        "Noto Sans CJK JP",
        "Noto Sans CJK KR",
        "Noto Sans CJK SC",
        "Noto Sans Devanagari",
        "Noto Sans Thai",
    ]
    rels = package.read("word/_rels/fontTable.xml.rels").decode()
    assert "<w:embedTrueTypeFonts/>" in package.read("word/settings.xml").decode()
    for name, rel, key in embedded:
        target = re.search(rf'Id="{rel}"[^>]*Target="([^"]+)"', rels)
        assert target is not None
        data = package.read(f"word/{target.group(1)}")
        mask = bytes.fromhex(uuid.UUID(key).hex)[::-1]
        font = TTFont(
            io.BytesIO(bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32])) + data[32:])
        )
        cmap = font.getBestCmap()
        assert "fvar" not in font and len(cmap) < 80, name  # a static subset
        assert "glyf" in font and "CFF " not in font, name  # TrueType outlines
        wanted = {
            "Noto Sans Arabic": MINISTRY,
            "Noto Sans CJK JP": "日米同盟を一層強化していく",
            "Noto Sans CJK KR": "국방부",
            "Noto Sans CJK SC": "防衛省国防部防衛大臣",
            "Noto Sans Devanagari": NAME,
            "Noto Sans Thai": PLACE,
        }
        assert all(ord(c) in cmap for c in wanted[name].replace(" ", "")), name


def _latin_lines(pdf: Path) -> list[list[str]]:
    """Each line's Latin words: where every line starts and ends, whatever the scripts."""
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    lines = [[w for w in line.split() if w.isascii()] for line in text.stdout.splitlines()]
    return [words for words in lines if words]


@needs_scripts
@pytest.mark.soffice
def test_libreoffice_breaks_the_lines_where_the_pdf_does(built: Path, tmp_path: Path) -> None:
    from conftest import docx_to_pdf

    converted = docx_to_pdf(built / "m.docx", tmp_path / "lo")
    listed = subprocess.run(["pdffonts", converted], capture_output=True, text=True).stdout
    assert "NotoSansDevanagari" in listed and "NotoSansThai" in listed  # the embedded fonts
    ours, theirs = _latin_lines(built / "m.pdf"), _latin_lines(converted)
    assert ours == theirs
    assert [
        "both",
        "joined",
        "talks",
        "in",
        "Bangkok",
        "The",
        "Israeli",
        "delegation",
        "sent",
        "Japan's",
        "Ministry",
        "of",
    ] in ours


@needs_scripts
def test_a_link_whose_text_is_in_another_script_stays_tagged(brief) -> None:
    brief(
        f'title: T\nsummary: "See [{NAME}](https://example.org/a) and [{MINISTRY}](https://example.org/b)."\n'
    )
    assert run("build").exit_code == 0
    pdf = Path("out/b.pdf")
    report = tagged.read(pdf.read_bytes())
    assert report.unmarked == [] and report.nested == []
    assert sorted(report.in_stream) == sorted(report.in_tree)
    assert report.roles.count("/Link") == 2
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert f"See {NAME} and" in text


@needs_scripts
def test_chinese_characters_take_the_language_of_the_kana_or_hangul_beside_them() -> None:
    text = "防衛省 防衛大臣は 國防部장관 國防部"
    from briefgen.layout import cjk

    langs = cjk.languages(text)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    words = [(w, langs[at]) for w, at in zip(text.split(), starts, strict=True)]
    assert words == [("防衛省", "zh"), ("防衛大臣は", "ja"), ("國防部장관", "ko"), ("國防部", "zh")]


@needs_scripts
def test_japanese_korean_and_chinese_names_are_runs_in_their_own_faces() -> None:
    assert runs_of("Japan (防衛省), Korea (국방부): 「同盟を強化」") == [
        ("Japan (", ""),
        ("防衛省", "zh"),
        ("), Korea (", ""),
        ("국방부", "ko"),
        ("): ", ""),
        ("「同盟を強化」", "ja"),
    ]


@needs_scripts
def test_a_cjk_face_is_made_truetype_the_same_bytes_in_any_process() -> None:
    import hashlib
    import sys

    from briefgen.layout import cjk

    face = next(fb.file for fb in scripts.chain(FALLBACK_FONTS) if fb.lang == "ja")
    ours = hashlib.sha256(cjk.truetype(face, "防衛省です")).hexdigest()
    code = f"import hashlib;from briefgen.layout import cjk;print(hashlib.sha256(cjk.truetype({face!r}, '防衛省です')).hexdigest())"
    theirs = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert theirs.stdout.strip() == ours


@needs_scripts
def test_pdftotext_gives_back_the_japanese_korean_and_chinese_that_were_typed(built: Path) -> None:
    text = subprocess.run(
        ["pdftotext", built / "m.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Defense (防衛省) and" in text and "Defense (국방부) sent" in text
    assert "Defense (国防部)." in text
    assert "「日米同盟を一層強化していく。」" in text
    listed = subprocess.run(["pdffonts", built / "m.pdf"], capture_output=True, text=True).stdout
    for face in ("NotoSansCJKjp", "NotoSansCJKkr", "NotoSansCJKsc"):
        assert re.search(rf"\+{face}-Regular-[0-9a-f]{{8}} +TrueType", listed), face
