"""The PDF's font: Arimo (Arial's metrics), four static styles, embedded.

Arimo ships as a variable font (weight 400-700, upright and italic). reportlab
needs static fonts, so the four styles are cut with fontTools once and cached;
later runs only read the cache. The DOCX names Arial, whose metrics Arimo and
Liberation Sans share, so both files break lines alike.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.layout.theme import Theme

FAMILY = "Arimo"
STYLES = {  # reportlab name: (source file, weight, style name)
    "Arimo": ("Arimo[wght].ttf", 400, "Regular"),
    "Arimo-Bold": ("Arimo[wght].ttf", 700, "Bold"),
    "Arimo-Italic": ("Arimo-Italic[wght].ttf", 400, "Italic"),
    "Arimo-BoldItalic": ("Arimo-Italic[wght].ttf", 700, "Bold Italic"),
}
CUT = "2"  # bump when the way static fonts are cut changes, to refresh caches


def cache_dir() -> Path:
    root = os.environ.get("BRIEFGEN_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    base = Path(root) if root else Path.home() / ".cache"
    return (base if os.environ.get("BRIEFGEN_CACHE_DIR") else base / "briefgen") / "fonts"


def _source_dir() -> Path:
    import fontpkg_arimo

    return Path(fontpkg_arimo.__file__).resolve().parent / "files"


def sources(theme: Theme | None = None) -> list[Path]:
    """The font files the PDF is set in: the theme's own, or those Arimo is cut from."""
    chosen = _theme_files(theme) if theme is not None else None
    if chosen is not None:
        return [Path(p) for p in sorted(set(chosen))]
    return [_source_dir() / name for name in sorted({s for s, _, _ in STYLES.values()})]


@cache
def _static(name: str) -> Path:
    """Path of one static style, cutting it from the variable font if not cached."""
    source_name, weight, style = STYLES[name]
    source = _source_dir() / source_name
    import fontTools

    key = hashlib.sha256(source.read_bytes() + (fontTools.version + CUT).encode()).hexdigest()[:16]
    target = cache_dir() / f"{name}-{key}.ttf"
    if target.exists():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(TTFont(source), {"wght": weight})
    # Each style needs its own names: reportlab (and PDF readers) tell fonts apart by them.
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            table.removeNames(nameID=record.nameID)
    for name_id, value in (
        (1, FAMILY),
        (2, style),
        (3, f"{name};briefgen"),
        (4, f"{FAMILY} {style}"),
        (6, name),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    except OSError:  # no writable cache: keep the cut font in a private temp folder
        target = Path(tempfile.mkdtemp(prefix="briefgen-fonts-")) / target.name
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        font.save(fh)
    os.replace(tmp, target)
    return target


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
        return _register_files(FAMILY, tuple(str(_static(n)) for n in STYLES))
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
