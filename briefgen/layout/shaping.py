"""reportlab's HarfBuzz shaping, a font at a time, with callbacks kept where they were.

reportlab 5.1 shapes a word (text between spaces) through ``shapeFragWord`` with
the font of the word's first fragment, so a word that changes font, such as
"(राजनाथ" with its bracket in Arimo, is shaped in the wrong font; and a word
holding a paragraph callback (``<onDraw>``: the tagged PDF's marks for links and
for the text typed behind shaped glyphs) comes back with the callback as a bare
list, which its line breaking cannot read. :func:`install` wraps it: each stretch
in one font between callbacks is shaped on its own, and the callbacks stay where
they were. A callback named ``briefgen_direction`` (layout.rlmarkup) sets the
direction the stretch just before it is shaped in, in place of the one HarfBuzz guesses
from their script: Arabic-Indic digits inside an Arabic phrase are set left to right,
a bracket inside it right to left, mirrored.
"""

from __future__ import annotations

from functools import cache
from itertools import groupby
from types import ModuleType
from typing import Any

DIRECTION = "briefgen_direction"  # layout.rlmarkup.DIRECTION
_forced: list[str] = []  # the direction the stretch being shaped is forced to


@cache
def install() -> None:
    """Wrap reportlab's word shaping (once per process)."""
    from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab.platypus)
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import paragraph

    shape = paragraph.shapeFragWord
    if ttfonts.uharfbuzz is not None:
        ttfonts.uharfbuzz = _directed(ttfonts.uharfbuzz)

    def shape_by_font(word: Any, *args: Any, **kwargs: Any) -> Any:
        items = list(word[1:])
        if not items or hasattr(word, "__shapeData__") or type(word).__name__.startswith("Shaped"):
            return shape(word, *args, **kwargs)
        fonts = {f.fontName for f, _ in items if not hasattr(f, "cbDefn")}
        if len(fonts) < 2 and not any(hasattr(f, "cbDefn") for f, _ in items):
            return shape(word, *args, **kwargs)
        width, parts, kind = 0.0, [], None
        # stretches in one font, cut at each callback, which stays where it was
        stretches = [(font, list(group)) for font, group in groupby(items, key=_font)]
        for at, (font, stretch) in enumerate(stretches):
            if font is None:
                parts.extend(stretch)
                continue
            bare = word.__class__([0.0, *stretch])
            after = stretches[at + 1][1] if at + 1 < len(stretches) else []
            _forced[:] = [str(f.cbDefn.label) for f, _ in after if _named(f, DIRECTION)][:1]
            try:
                shaped = shape(bare, *args, **kwargs)
            finally:
                _forced.clear()
            if shaped is bare:
                width += sum(stringWidth(t, f.fontName, f.fontSize) for f, t in stretch)
            else:
                kind = shaped.__class__
                width += shaped[0]
            parts.extend(shaped[1:])
        if kind is None:
            return word
        return kind([width, *parts])

    paragraph.shapeFragWord = shape_by_font


def _directed(harfbuzz: ModuleType) -> ModuleType:
    """uharfbuzz, its Buffer shaping in the direction forced for the stretch, if any."""
    if hasattr(harfbuzz, "forcing"):
        return harfbuzz

    class Buffer(harfbuzz.Buffer):  # type: ignore[misc,name-defined]
        def guess_segment_properties(self) -> None:
            super().guess_segment_properties()
            if _forced:
                self.direction = _forced[0]

    module = ModuleType("uharfbuzz")
    module.__dict__.update(vars(harfbuzz))
    module.Buffer = Buffer  # type: ignore[attr-defined]
    module.forcing = True  # type: ignore[attr-defined]
    return module


def _named(frag: Any, name: str) -> bool:
    """Whether a fragment is the paragraph callback of that name."""
    return getattr(getattr(frag, "cbDefn", None), "name", None) == name


def _font(item: Any) -> str | None:
    """A fragment's font; None for a callback."""
    return None if hasattr(item[0], "cbDefn") else str(item[0].fontName)
