"""A font cut to the characters a brief draws (and what shaping them needs): fontTools'
subsetter with the options every cut briefgen makes shares."""

from __future__ import annotations

from typing import Any

#: characters HarfBuzz's shaper splits into others before it looks them up in the font:
#: Thai and Lao SARA AM into NIKHAHIT and SARA AA (without them in the cut's character
#: map, the HarfBuzz of LibreOffice or a browser draws a missing-glyph box in its place)
SHAPED = {"\u0e33": "\u0e4d\u0e32", "\u0eb3": "\u0ecd\u0eb2"}


def cut(font: Any, text: str, features: list[str]) -> None:
    """Cut font (a fontTools TTFont) in place to text's characters and a space, keeping
    the layout features named ("*" for all), every name and the .notdef outline."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " " + "".join(SHAPED.get(c, "") for c in sorted(set(text))))
    subsetter.subset(font)
