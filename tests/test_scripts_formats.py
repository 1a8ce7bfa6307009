"""Names in their own scripts in the HTML page and the slide: each run says its language
and direction, and the HTML carries the fonts it draws them in."""

from __future__ import annotations

import base64
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import html

from briefgen.layout import scripts
from briefgen.layout.theme import FALLBACK_FONTS
from conftest import EXAMPLE, FIXTURES, run

HAVE_SCRIPTS = scripts.shaping_available() and all(
    scripts.package_file(n) is not None for n in FALLBACK_FONTS
)
needs_scripts = pytest.mark.skipif(not HAVE_SCRIPTS, reason="briefgen[scripts] is not installed")
NAME = "राजनाथ सिंह"
MINISTRY = "وزارة الدفاع"


@pytest.fixture
def built(project: Path) -> Path:
    shutil.copy(FIXTURES / "multi-script.yaml", project / "content")
    result = run("build", "-f", "html", "-f", "pptx")
    assert result.exit_code == 0, result.output
    return project / "out"


@needs_scripts
def test_each_run_in_another_script_says_its_language(built: Path) -> None:
    """And no direction: dir="rtl" would isolate the run from a number after it, which
    UAX #9 orders inside the phrase, as the PDF and LibreOffice do."""
    tree = html.fromstring((built / "multi-script.html").read_bytes())
    spans = {s.text_content(): (s.get("lang"), s.get("dir")) for s in tree.iter("span")
             if s.get("lang")}  # fmt: skip
    assert spans[f"({NAME})"] == ("hi", None)
    assert spans[MINISTRY] == ("ar", None)
    assert spans["שלום"] == ("he", None)
    assert spans["국방부"] == ("ko", None)


@needs_scripts
def test_the_html_carries_each_fallback_font_cut_to_its_characters(built: Path) -> None:
    from fontTools.ttLib import TTFont

    page = (built / "multi-script.html").read_text(encoding="utf-8")
    faces = dict(
        re.findall(r'font-family: "([^"]+)"; src: url\(data:font/ttf;base64,([^)]+)\)', page)
    )
    assert {"Noto Sans Devanagari", "Noto Sans Arabic", "Noto Sans Thai"} <= set(faces)
    font = TTFont(io.BytesIO(base64.b64decode(faces["Noto Sans Devanagari"])))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in NAME if c != " ")
    assert len(cmap) < 120  # the brief's characters, not the whole font
    tree = html.fromstring(page.encode())
    (hindi,) = [s for s in tree.iter("span") if s.text_content() == f"({NAME})"]
    assert '"Noto Sans Devanagari"' in (hindi.get("style") or "")


def test_a_brief_in_latin_letters_carries_no_font(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    assert run("build", "-f", "html").exit_code == 0
    page = (project / "out" / EXAMPLE.with_suffix(".html").name).read_text(encoding="utf-8")
    assert "@font-face" not in page and " lang=" not in page.split("<body", 1)[1]


@needs_scripts
def test_the_slides_runs_say_their_language_and_script_font(built: Path) -> None:
    with zipfile.ZipFile(built / "multi-script.pptx") as deck:
        slide = deck.read("ppt/slides/slide1.xml").decode("utf-8")
    runs = re.findall(r"<a:r><a:rPr([^>]*)>(.*?)</a:rPr><a:t>([^<]*)</a:t>", slide)
    found = {text: (props, inner) for props, inner, text in runs}
    props, inner = found[MINISTRY]
    assert (
        'lang="ar"' in props
        and '<a:latin typeface="Arial"/><a:cs typeface="Noto Sans Arabic"/>' in inner
    )
    props, inner = found["국방부"]
    assert 'lang="ko"' in props and "<a:ea typeface=" in inner
