"""The PDF's font: Arimo (Arial's metrics), four static styles, embedded.

Arimo ships as a variable font; reportlab needs static fonts, so the four
styles are cut once, deterministically, by tools/cut_fonts.py and shipped in
``arimo/`` beside this module (SIL Open Font License, ``arimo/OFL.txt``). No
run cuts a font or needs a cache, so every machine embeds the same bytes. The
DOCX names Arial, whose metrics Arimo and Liberation Sans share, so both files
break lines alike.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.layout.theme import Theme

FAMILY = "Arimo"
HERE = Path(__file__).resolve().parent / "arimo"
STYLES = {  # reportlab name: shipped file
    "Arimo": "Arimo-Regular.ttf",
    "Arimo-Bold": "Arimo-Bold.ttf",
    "Arimo-Italic": "Arimo-Italic.ttf",
    "Arimo-BoldItalic": "Arimo-BoldItalic.ttf",
}


def sources(theme: Theme | None = None) -> list[Path]:
    """The font files the PDF is set in: the theme's own, or the shipped Arimo."""
    chosen = _theme_files(theme) if theme is not None else None
    if chosen is not None:
        return [Path(p) for p in sorted(set(chosen))]
    return [HERE / name for name in STYLES.values()]


@cache
def _register_files(family: str, files: tuple[str, str, str, str]) -> str:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from briefgen.errors import BriefgenError

    names = (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")
    for name, file in zip(names, files, strict=True):
        try:
            pdfmetrics.registerFont(TTFont(name, file))
        except (TTFError, OSError, ValueError) as exc:
            raise BriefgenError(f"not a usable TrueType font: {exc}", file=file) from None
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(family, bold, italic, name)
    return family


def register(theme: Theme | None = None) -> str:
    """Register the theme's PDF font (Arimo unless the theme names TTF files) once
    per process; returns its family name."""
    return _register(_theme_files(theme) if theme is not None else None)


@cache
def _register(chosen: tuple[str, str, str, str] | None) -> str:
    if chosen is None:
        return _register_files(FAMILY, tuple(str(HERE / f) for f in STYLES.values()))
    regular = Path(chosen[0])
    key = hashlib.sha256("\0".join(chosen).encode()).hexdigest()[:6]
    family = f"{regular.stem.split('-')[0][:24]}-{key}"
    return _register_files(family, chosen)


def _theme_files(theme: Theme) -> tuple[str, str, str, str] | None:
    regular = theme.font_regular
    if not regular:
        return None
    bold = theme.font_bold or regular
    italic = theme.font_italic or regular
    return (regular, bold, italic, theme.font_bold_italic or bold)


@cache
def coverage(family: str = FAMILY) -> frozenset[int]:
    """Code points the regular style of a registered family can draw."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(family).face
    return frozenset(face.charToGlyph)


def missing(text: str, family: str = FAMILY) -> list[str]:
    """Characters in text the font cannot draw, in order of first appearance."""
    have = coverage(family)
    return list(dict.fromkeys(c for c in text if ord(c) not in have and c not in "\n\t "))
