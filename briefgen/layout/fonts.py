"""The PDF's font: Arimo (Arial's metrics), four static styles, embedded.

Arimo ships as a variable font; reportlab needs static fonts, so the four
styles are cut once, deterministically, by tools/cut_fonts.py and shipped in
``arimo/`` beside this module (SIL Open Font License, ``arimo/OFL.txt``). No
run cuts a font or needs a cache, so every machine embeds the same bytes. The
DOCX names Arial, whose metrics Arimo and Liberation Sans share, so both files
break lines alike.

A theme's own TrueType files are read at every build and registered under a
family named after their contents, so a process that runs for days (watch,
schedule) sets a replaced font in its new glyphs, never in the ones it first read.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import files
from briefgen.errors import BriefgenError, display_path

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


MAX_FONT = 64 * 1024 * 1024  # larger than any TrueType file a brief needs


def _register_faces(family: str, faces: tuple[tuple[str, str | io.BytesIO], ...]) -> str:
    """Register four (shown name, file or bytes) faces as family's regular, bold, italic
    and bold italic."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    names = (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")
    for name, (shown, source) in zip(names, faces, strict=True):
        try:
            pdfmetrics.registerFont(TTFont(name, source))
        except (TTFError, OSError, ValueError) as exc:
            raise BriefgenError(f"not a usable TrueType font: {exc}", file=shown) from None
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(family, bold, italic, name)
    return family


def register(theme: Theme | None = None) -> str:
    """Register the theme's PDF font (Arimo unless the theme names TTF files); returns
    its family name. Arimo is registered once per process; a theme's files are read
    each time and registered again only when their contents are new."""
    chosen = _theme_files(theme) if theme is not None else None
    if chosen is None:
        return _arimo()
    read = {file: _read(Path(file)) for file in dict.fromkeys(chosen)}
    data = tuple(read[file] for file in chosen)
    digest = hashlib.sha256(b"".join(hashlib.sha256(d).digest() for d in data)).hexdigest()
    family = f"{Path(chosen[0]).stem.split('-')[0][:24]}-{digest[:12]}"
    if family not in _REGISTERED:
        shown = [display_path(Path(file)) for file in chosen]
        _register_faces(family, tuple((s, io.BytesIO(d)) for s, d in zip(shown, data, strict=True)))
        _REGISTERED.add(family)
    return family


_REGISTERED: set[str] = set()  # families registered from a theme's files, by contents


@cache
def _arimo() -> str:
    shipped = tuple(str(HERE / f) for f in STYLES.values())
    return _register_faces(FAMILY, tuple((f, f) for f in shipped))


def _read(path: Path) -> bytes:
    shown = display_path(path)
    try:
        return files.read_bytes(path, shown, most=MAX_FONT)
    except OSError as exc:
        raise BriefgenError(f"font cannot be read: {exc.strerror or exc}", file=shown) from None


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
