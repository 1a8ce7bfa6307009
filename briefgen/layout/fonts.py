"""The PDF's font: Arimo (Arial's metrics), four static styles, embedded.

Arimo ships as a variable font; reportlab needs static fonts, so the four
styles are cut once, deterministically, by tools/cut_fonts.py and shipped in
``arimo/`` beside this module (SIL Open Font License, ``arimo/OFL.txt``). No
run cuts a font or needs a cache, so every machine embeds the same bytes; what
reportlab reads from them is shipped beside them too (:mod:`briefgen.layout.faces`). The
DOCX names Arial, whose metrics Arimo and Liberation Sans share, so both files
break lines alike.

A theme's own TrueType files are read at every build and registered under a
family named after their contents, so a process that runs for days (watch,
schedule) sets a replaced font in its new glyphs, never in the ones it first read.
"""

from __future__ import annotations

import hashlib
import io
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    and bold italic.

    A face from the same file or bytes as the regular is the regular: reportlab gives
    every name of one face the first font read for it, so it is not read again. The
    shipped Arimo's other styles are read when a page first sets text in them.
    """
    from reportlab.lib.fonts import addMapping

    names = (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")
    regular = _source(faces[0][1])
    for name, (shown, source) in zip(names, faces, strict=True):
        if name == family or _source(source) != regular:
            _register_face(name, shown, source)
        else:  # as registerFont leaves it: the regular's font, and a family of its own
            from reportlab.pdfbase.pdfmetrics import registerFontFamily

            _registry()[name] = _registry()[family]
            registerFontFamily(name)
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(family, bold, italic, name)
    return family


def _source(source: str | io.BytesIO) -> str | bytes:
    return source.getvalue() if isinstance(source, io.BytesIO) else source


def _register_face(name: str, shown: str, source: str | io.BytesIO) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from briefgen.layout import faces

    try:
        made = None
        if isinstance(source, str) and Path(source).parent == HERE:
            made = faces.font(name, Path(source))  # as reportlab read it when shipped
        pdfmetrics.registerFont(made or TTFont(name, source))
    except (TTFError, OSError, ValueError) as exc:
        raise BriefgenError(f"not a usable TrueType font: {exc}", file=shown) from None


class _Registry(dict[str, Any]):
    """reportlab's table of registered fonts, which reads a shipped face on first use."""

    def __missing__(self, name: str) -> Any:
        from reportlab.lib.fonts import addMapping

        with _LOCK:
            pending = _PENDING.pop(name, None)
            if pending is not None:
                file, family, bold, italic = pending
                _register_face(name, file, file)
                addMapping(family, bold, italic, name)  # registerFont made it a family
        if name not in self:
            raise KeyError(name)  # reportlab then looks for a font of that name itself
        return dict.__getitem__(self, name)


#: shipped faces not read yet, by font name: file, family, bold, italic
_PENDING: dict[str, tuple[str, str, int, int]] = {}
_LOCK = threading.Lock()


def _registry() -> dict[str, Any]:
    """reportlab's font table, made a :class:`_Registry` (same contents) once."""
    from reportlab.pdfbase import pdfmetrics

    if not isinstance(pdfmetrics._fonts, _Registry):
        pdfmetrics._fonts = _Registry(pdfmetrics._fonts)
    table: dict[str, Any] = pdfmetrics._fonts
    return table


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
    from reportlab.lib.fonts import addMapping

    _registry()
    styles = zip(((0, 0), (1, 0), (0, 1), (1, 1)), STYLES.items(), strict=True)
    for i, ((bold, italic), (name, file)) in enumerate(styles):
        if i == 0:
            _register_face(name, str(HERE / file), str(HERE / file))
        else:
            _PENDING[name] = (str(HERE / file), FAMILY, bold, italic)
        addMapping(FAMILY, bold, italic, name)
    return FAMILY


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
