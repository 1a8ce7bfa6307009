"""Chinese, Japanese and Korean: a face of a CFF-outline font collection, made TrueType.

Noto Sans CJK (``pip install briefgen[scripts]`` brings its collection, one file with
a Japanese, a Korean, a Simplified and a Traditional Chinese face) draws its glyphs
with cubic (CFF) outlines, which reportlab cannot embed. So a brief's CJK characters
are cut from the face (fontTools' subsetter) and their outlines turned into
TrueType's quadratic ones (cu2qu, within a hundredth of an em unit): a font of a few
kilobytes, made in memory, that the PDF embeds and the DOCX embeds too. The same
characters give the same bytes in any process; nothing is written to disk.

A face is named ``PATH#LANG`` ("ja", "ko", "zh"): the collection's face for that
language, found by its name when first opened.
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.layout import autospace, subsetting
from briefgen.layout import page as p
from briefgen.layout.scriptdata import script_of

#: the face each language is drawn in, by the name the collection gives it
REGION = {"ja": "JP", "ko": "KR", "zh": "SC"}
SUFFIXES = (".ttc", ".otc", ".otf")
#: the layout features kept: those HarfBuzz applies to horizontal CJK text by default
#: (Word and LibreOffice shape with them); vertical and width forms would only add glyphs
FEATURES = ["calt", "ccmp", "clig", "kern", "liga", "locl"]


def is_outline_font(file: str) -> bool:
    """Whether file (``PATH`` or ``PATH#LANG``) is a CFF font or collection, made TrueType here."""
    return file.split("#")[0].lower().endswith(SUFFIXES)


@cache
def faces(path: str) -> dict[str, int]:
    """Language ("ja", "ko", "zh") -> the number of the face that draws it in a
    collection whose faces end with JP, KR, SC, TC ("Noto Sans CJK JP"); a single font
    draws them all."""
    from fontTools.ttLib import TTCollection

    if not path.lower().endswith((".ttc", ".otc")):
        return {lang: 0 for lang in REGION}
    collection = TTCollection(path, lazy=True)
    try:
        names = [f["name"].getDebugName(1) or "" for f in collection.fonts]
    finally:
        collection.close()
    found: dict[str, int] = {}
    for lang, region in REGION.items():
        for number, name in enumerate(names):
            if name.endswith(" " + region) and "Mono" not in name:
                found[lang] = number
                break
    return found or {lang: 0 for lang in REGION}


def _open(face: str, lazy: bool = True) -> Any:
    from fontTools.ttLib import TTFont

    path, _, lang = face.partition("#")
    number = faces(path).get(lang, 0)
    return TTFont(path, fontNumber=number, lazy=lazy, recalcTimestamp=False)


@cache
def coverage(face: str) -> frozenset[int]:
    """The code points the face draws."""
    with _open(face) as font:
        return frozenset(font.getBestCmap())


@cache
def family(face: str) -> str:
    """The face's family name ("Noto Sans CJK JP"), what Word is told to use."""
    with _open(face) as font:
        return str(font["name"].getDebugName(1) or Path(face).stem)


@cache
def truetype(face: str, text: str) -> bytes:
    """The face cut to text's characters (and a space), with TrueType outlines."""
    with _open(face, lazy=False) as font:
        return _cut(font, text)


def _cut(font: Any, text: str) -> bytes:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    subsetting.cut(font, text, FEATURES)
    if "CFF " in font:
        order = font.getGlyphOrder()
        glyphs = font.getGlyphSet()
        glyf = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = {}
        for name in order:
            pen = TTGlyphPen(glyphs)
            glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyf[name] = pen.glyph()
        font["glyf"] = glyf
        font["loca"] = newTable("loca")
        for tag in ("CFF ", "VORG"):
            if tag in font:
                del font[tag]
        font["maxp"] = _maxp()
        post = font["post"]
        post.formatType = 2.0
        post.extraNames = []
        post.mapping = {}
        post.glyphOrder = None
        font["head"].glyphDataFormat = 0
        font.sfntVersion = "\x00\x01\x00\x00"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@cache
def register(face: str, text: str) -> tuple[str, str]:
    """The face cut to text and registered with reportlab: its PDF family and its Word
    family. The PDF name holds a digest of the characters, so each cut is its own font."""
    import hashlib

    from briefgen.layout import fonts

    data = truetype(face, text)
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = f"fb-cjk-{digest}"
    shown = Path(face.split("#")[0]).name
    data = renamed(shaped_spaces(data, text), digest[:8])
    fonts._register_faces(name, tuple((shown, io.BytesIO(data)) for _ in range(4)))
    autospace.remember(name, data)
    return name, family(face)


def shaped_spaces(data: bytes, text: str) -> bytes:
    """The font with its space the glyph HarfBuzz puts between two of text's letters
    (Noto Sans CJK KR's contextual alternates widen a space between hangul, 224 -> 280
    units, and LibreOffice shapes with them), or the font as it is."""
    letter = next((c for c in text if c.isalpha()), "")
    if not letter or " " not in text:
        return data
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    buffer = hb.Buffer()
    buffer.add_str(f"{letter} {letter}")
    buffer.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(hb.Blob(data))), buffer, {})
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    glyph = font.getGlyphOrder()[buffer.glyph_infos[1].codepoint]
    if glyph == font.getBestCmap().get(0x20):
        return data
    for table in font["cmap"].tables:
        if table.isUnicode() and 0x20 in table.cmap:
            table.cmap[0x20] = glyph
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def renamed(data: bytes, tag: str) -> bytes:
    """The font with tag added to its PostScript name: reportlab keeps one font per
    PostScript name, and each cut (and each spaced copy) must be a font of its own."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    names = font["name"]
    postscript = str(names.getDebugName(6) or "NotoSansCJK-Regular")
    names.setName(f"{postscript}-{tag}"[:63], 6, 3, 1, 0x409)
    names.removeNames(nameID=6, platformID=1)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def languages(text: str) -> list[str]:
    """The language each character would be drawn as if it is Chinese (or CJK
    punctuation): Japanese in a stretch of CJK text that has kana, Korean in one that has
    hangul, else Chinese. "防衛省" alone is Chinese; "防衛省は" is Japanese."""
    out = ["zh"] * len(text)
    start = 0
    while start < len(text):
        script = script_of(text[start])
        if script is None or not script.east_asian:
            start += 1
            continue
        end = start
        langs = set()
        while end < len(text) and (s := script_of(text[end])) is not None and s.east_asian:
            langs.add(s.lang)
            end += 1
        lang = "ja" if "ja" in langs else "ko" if "ko" in langs else "zh"
        out[start:end] = [lang] * (end - start)
        start = end
    return out


def register_faces(blocks: tuple[p.Block, ...]) -> tuple[p.Block, ...]:
    """Each CJK face the page uses, cut to the page's characters, made TrueType and
    registered; its runs renamed to it, and spaced from Latin letters (:mod:`autospace`)."""
    from briefgen.layout.scripts import _map, paras

    used: dict[str, set[str]] = {}
    for block in blocks:
        for para in paras(block):
            for span in para.spans:
                if span.face is not None and span.face.pdf.startswith("fb-cjk-"):
                    used.setdefault(span.face.file, set()).update(span.text)
    if not used:
        return blocks
    named = {face: register(face, "".join(sorted(chars))) for face, chars in used.items()}
    families = frozenset(pdf for pdf, _ in named.values())

    def rename(para: p.Para) -> p.Para:
        if not any(s.face is not None and s.face.file in named for s in para.spans):
            return para
        spans = tuple(
            replace(s, face=replace(s.face, pdf=named[s.face.file][0], word=named[s.face.file][1]))
            if s.face is not None and s.face.file in named
            else s
            for s in para.spans
        )
        return autospace.apply(replace(para, spans=spans), families)

    return tuple(_map(b, rename) for b in blocks)


def _maxp() -> Any:
    """A TrueType maxp table (version 1.0); fontTools fills in the counts on saving."""
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    return maxp
