"""The fallback fonts a page's runs in other scripts use, cut to the characters they draw:
the DOCX embeds them (writers.docx.embed) and the HTML carries them as @font-face."""

from __future__ import annotations

import io
from functools import cache

from briefgen.layout import page as p


def used(page: p.Page) -> dict[tuple[str, str], str]:
    """(family, file) -> the characters its runs draw, for every fallback font with a file."""
    from briefgen.layout.scripts import paras

    chars: dict[tuple[str, str], set[str]] = {}
    for block in page.blocks:
        for para in paras(block):
            for span in para.spans:
                face = span.face
                if face is not None and face.word and face.file:
                    chars.setdefault((face.word, face.file), set()).update(span.text)
    return {key: "".join(sorted(found)) for key, found in sorted(chars.items())}


@cache
def subset(file: str, text: str) -> bytes:
    """The font cut to text's characters (and what shaping them needs), static, its
    time stamp left as the font has it."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    from briefgen.layout import cjk, subsetting

    if cjk.is_outline_font(file):
        return cjk.truetype(file, text)  # the same font the PDF embeds
    font = TTFont(file, recalcTimestamp=False)
    subsetting.cut(font, text, ["*"])
    if "fvar" in font:
        defaults = {a.axisTag: a.defaultValue for a in font["fvar"].axes}
        font = instancer.instantiateVariableFont(font, defaults)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
