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


def sources() -> list[Path]:
    """The font files the PDF's four styles are cut from."""
    return [_source_dir() / name for name in sorted({s for s, _, _ in STYLES.values()})]


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
def register() -> str:
    """Register the four styles with reportlab once per process; returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in STYLES:
        pdfmetrics.registerFont(TTFont(name, str(_static(name))))
    for bold, italic, name in (
        (0, 0, "Arimo"),
        (1, 0, "Arimo-Bold"),
        (0, 1, "Arimo-Italic"),
        (1, 1, "Arimo-BoldItalic"),
    ):
        addMapping(FAMILY, bold, italic, name)
    return FAMILY


@cache
def coverage() -> frozenset[int]:
    """Code points the regular style can draw."""
    register()
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(FAMILY).face
    return frozenset(face.charToGlyph)


def missing(text: str) -> list[str]:
    """Characters in text that the font cannot draw (spaces and line breaks excepted)."""
    have = coverage()
    return sorted({c for c in text if ord(c) not in have and c not in "\n\t "})
