"""The space word processors put between Chinese, Japanese or Korean and Latin letters.

LibreOffice (and Word, by default) set a fifth of an em between an ideograph, kana
or hangul syllable and a Latin letter or digit beside it ("2025 年", "ASEAN 諸国"),
and none beside punctuation; LibreOffice 7 does so whatever the DOCX says
(``w:autoSpaceDE`` is not read). The PDF draws the same space, so both set a line
alike: a CJK character with a Latin neighbour is drawn in a copy of its font whose
glyphs are a fifth of an em wider on that side (:func:`spaced`). The character
itself is unchanged, so the PDF's text is what was typed.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from functools import cache

from briefgen.layout import page as p
from briefgen.layout.scriptdata import script_of

EXTRA = 0.2  # em, measured: 2.0 pt beside a 10 pt ideograph in LibreOffice 7.4

#: the copy of the font a character is drawn in: space before it, after it, or both
SIDES = {(True, False): "-L", (False, True): "-R", (True, True): "-LR"}


def _latin(char: str) -> bool:
    return script_of(char) is None and (unicodedata.category(char)[0] == "L" or char.isdigit())


def _asian(char: str) -> bool:
    script = script_of(char)
    return script is not None and script.east_asian and unicodedata.category(char) in ("Lo", "Lm")


def sides(text: str) -> list[str]:
    """For each character of a paragraph's text, the copy of its font it needs ("" for none)."""
    out = [""] * len(text)
    for i, char in enumerate(text):
        if _asian(char):
            before = i > 0 and _latin(text[i - 1])
            after = i + 1 < len(text) and _latin(text[i + 1])
            out[i] = SIDES.get((before, after), "")
    return out


def apply(para: p.Para, families: frozenset[str]) -> p.Para:
    """The paragraph with each CJK character beside a Latin one in the copy of its font
    with the space (families: the registered CJK fonts, see :mod:`cjk`)."""
    text = "".join(s.text for s in para.spans)
    need = sides(text)
    if not any(need):
        return para
    out: list[p.Span] = []
    at = 0
    for span in para.spans:
        face = span.face
        if face is None or face.pdf not in families or not any(need[at : at + len(span.text)]):
            out.append(span)
            at += len(span.text)
            continue
        start = 0
        for i in range(1, len(span.text) + 1):
            if i == len(span.text) or need[at + i] != need[at + start]:
                side = need[at + start]
                pdf = register(face.pdf, side) if side else face.pdf
                out.append(replace(span, text=span.text[start:i], face=replace(face, pdf=pdf)))
                start = i
        at += len(span.text)
    return replace(para, spans=tuple(out))


_SOURCES: dict[str, bytes] = {}  # registered CJK family -> its font's bytes


def remember(family: str, data: bytes) -> None:
    _SOURCES[family] = data


@cache
def register(family: str, side: str) -> str:
    """The copy of a registered CJK family spaced on side, registered; its name."""
    from briefgen.layout import cjk, fonts

    name = family + side
    data = cjk.renamed(spaced(_SOURCES[family], side), side.strip("-"))
    fonts._register_faces(name, tuple((name, io.BytesIO(data)) for _ in range(4)))
    return name


def spaced(data: bytes, side: str) -> bytes:
    """A TrueType font with every glyph a fifth of an em wider, on the left ("-L"), the
    right ("-R") or both ("-LR")."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    extra = round(font["head"].unitsPerEm * EXTRA)
    shift = extra if "L" in side else 0
    wider = extra * (len(side) - 1)
    glyf, hmtx = font["glyf"], font["hmtx"]
    for name in font.getGlyphOrder():
        advance, lsb = hmtx[name]
        glyph = glyf[name]
        if shift and glyph.numberOfContours > 0:
            glyph.coordinates.translate((shift, 0))
            glyph.recalcBounds(glyf)
            lsb += shift
        hmtx[name] = (advance + wider, lsb)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
