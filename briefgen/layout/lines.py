"""Where each paragraph's lines break, decided once for the PDF and the DOCX.

A word processor measures text a little differently from reportlab (up to
about a point over a line of a hundred characters). A line that fits with a
hair to spare in one can wrap in the other, and every line below moves. So
each paragraph is broken (greedily, at the opportunities of
:mod:`briefgen.layout.breaks`) at the widest width, in whole twips, at which
every line has at least :data:`RESERVE` to spare and the next line's first word
misses by at least as much: then both programs make the same choice. The width
given up is the paragraph's right indent, which both writers set; the PDF also
breaks exactly where the layout did.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from briefgen.layout import breaks, dictionary
from briefgen.layout import page as p
from briefgen.layout.page import pt, size_pt

RESERVE = 1.0  # points a line keeps free, and a next word misses by, in both programs
MOST = 0.06  # of the width: at most this much is given up to reach a robust break
STEP = 2  # twips: the least a width is narrowed by per try
SLIVER = 0.01  # points past a limit
VARIANT = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}

Measure = Callable[[int, int], float]


@lru_cache(maxsize=16384)
def _advance(char: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth  # imported when a page is laid out

    return float(stringWidth(char, font, size))


def _measurer(para: p.Para, family: str) -> tuple[str, Measure]:
    """The paragraph's text, and the width of text[a:b] in its fonts.

    reportlab sets text without kerning, so a width is the sum of its characters'
    advances: one running sum per paragraph answers every question in constant time.
    """
    text = "".join(s.text for s in para.spans)
    sums = [0.0]
    for span in para.spans:
        font = family + VARIANT[(int(span.bold or para.bold), int(span.italic))]
        if span.face is not None and span.face.pdf:
            font = span.face.pdf  # a Chinese, Japanese or Korean run: its face, regular
        size = size_pt(span.size)
        for char in span.text:
            sums.append(sums[-1] + _advance(char, font, size))

    def width(a: int, b: int) -> float:
        return sums[b] - sums[a]

    return text, width


def _trim(text: str, a: int, b: int) -> int:
    """b, less the spaces at the end of text[a:b] (they may hang in the margin), or less
    the full-width comma or full stop that ends it (it hangs in the margin too, in Word
    and in LibreOffice)."""
    if b - 1 > a and text[b - 1] in breaks.HANGING:
        return b - 1
    while b > a and text[b - 1] in breaks.SPACES:
        b -= 1
    return b


def _reach(text: str, a: int, stop: int, iffy: frozenset[int]) -> int:
    """Where a line of text from a to stop must fit to: its end less the spaces that may
    hang, or past the character after stop when that opportunity holds only if the
    character fits too (:func:`breaks.conditional`)."""
    return stop + 1 if stop in iffy else _trim(text, a, stop)


def stops_in(text: str) -> list[int]:
    """Where each possible line of text may end, ascending: its break opportunities and its end."""
    return [*breaks.opportunities(text), len(text)]


def wrap(text: str, width: Measure, room: float) -> tuple[list[int], float, int]:
    """Greedy line starts for text in room points; how much narrower room must be for
    every choice to be robust (0.0 when every line's text falls short of room by
    :data:`RESERVE` or more and the next word misses it by as much); and how many
    words had to be split inside.

    A line of one word that fits narrowly is let be: pushing it down would split it.
    """
    starts: list[int] = []
    shrink = float("inf")
    splits = 0
    offset = 0
    for hard in text.split("\n"):
        stops = stops_in(hard)
        iffy = breaks.conditional(hard)
        a = 0
        while a < len(hard):
            b = a
            chunks = 0
            # from the first stop past a: each line looks at its own stops, not every one
            # before it (a paragraph of a megabyte took minutes)
            for k in range(bisect.bisect_right(stops, a), len(stops)):
                stop = stops[k]
                if width(offset + a, offset + _reach(hard, a, stop, iffy)) > room:
                    break
                b = stop
                chunks += 1
            split = b == a
            splits += split
            if split:  # one word wider than the line: split it where it must
                b = a + 1
                while b < len(hard) and width(offset + a, offset + b + 1) <= room:
                    b += 1
            short = room - width(offset + a, offset + _reach(hard, a, b, iffy))
            if short < RESERVE and chunks > 1:
                shrink = min(shrink, short + SLIVER)  # push the last word down
            if b < len(hard):
                after = bisect.bisect_right(stops, b)
                nxt = b + 1 if split else (stops[after] if after < len(stops) else len(hard))
                over = width(offset + a, offset + _reach(hard, a, nxt, iffy)) - room
                if over < RESERVE:
                    shrink = min(shrink, RESERVE - over + SLIVER)
                starts.append(offset + b)
            a = b
        offset += len(hard) + 1
    return starts, 0.0 if shrink == float("inf") else shrink, splits


def settle(para: p.Para, room: float, family: str) -> p.Para:
    """The paragraph with the right indent and line starts that break it robustly in room.

    Where no width within :data:`MOST` of room is robust, or the first that is would
    split a word inside, the full width is kept.
    """
    if not para.spans or room <= 0 or not ours(para):
        return para  # runs HarfBuzz shapes (Devanagari, Arabic...): reportlab breaks them
    text, width = _measurer(para, family)
    right = 0
    most = room * MOST * 20
    full, shrink, splits = wrap(text, width, room)
    starts = full
    while right <= most:
        if not shrink:
            return replace(para, right=right, breaks=tuple(starts))
        right += max(STEP, math.ceil(shrink * 20))
        starts, shrink, more = wrap(text, width, room - pt(right))
        if more > splits:
            break  # narrower would split a word that fits whole
    return replace(para, breaks=tuple(full))


def ours(para: p.Para) -> bool:
    """Whether the layout breaks the paragraph's lines: its runs in other scripts are all
    Chinese, Japanese and Korean, or all Thai, broken at the words ICU's dictionary finds
    (when it is installed); reportlab breaks the others (Devanagari, Arabic...) at spaces."""
    faces = {s.face for s in para.spans if s.face}
    if all(face.east_asian for face in faces):
        return True
    return all(face.lang == "th" and face.pdf for face in faces) and dictionary.available()


def crowded(para: p.Para, room: float, family: str) -> bool:
    """Whether a word of the paragraph (text between two break opportunities) leaves
    less than :data:`RESERVE` of room: there a word processor may split it where reportlab
    does not, or the other way round, and no narrower width can help."""
    if not para.spans or any(s.face for s in para.spans):
        return False
    text, width = _measurer(para, family)
    offset = 0
    for hard in text.split("\n"):
        a = 0
        for stop in [*breaks.opportunities(hard), len(hard)]:
            if width(offset + a, offset + _trim(hard, a, stop)) > room - RESERVE:
                return True
            a = stop
        offset += len(hard) + 1
    return False


def settle_blocks(blocks: tuple[p.Block, ...], frame: float, family: str) -> tuple[p.Block, ...]:
    """Every paragraph of the page settled in the width it is set in."""
    out: list[p.Block] = []
    for block in blocks:
        if isinstance(block, p.Para):
            out.append(settle(block, frame - pt(block.indent), family))
        elif isinstance(block, p.Quote):
            room = frame - pt(block.indent)
            out.append(replace(block, paras=tuple(settle(x, room, family) for x in block.paras)))
        elif isinstance(block, p.Grid):
            out.append(settle_grid(block, family))
        else:
            out.append(block)
    return tuple(out)


def settle_grid(grid: p.Grid, family: str) -> p.Grid:
    """Every cell's paragraphs settled in the width of its columns."""
    rows = []
    for row in grid.rows:
        cells = []
        c = 0
        for cell in row.cells:
            room = sum(grid.widths[c : c + cell.span]) - 2 * pt(grid.pad_x)
            paras = tuple(settle(x, room - pt(x.indent), family) for x in cell.paras)
            cells.append(replace(cell, paras=paras))
            c += cell.span
        rows.append(replace(row, cells=tuple(cells)))
    return replace(grid, rows=tuple(rows))


def broken(para: p.Para) -> p.Para:
    """The paragraph with its line starts written into its text as line breaks ("\\n"),
    the spaces before each dropped: how the PDF draws exactly the lines the layout chose."""
    if not para.breaks:
        return para
    starts = set(para.breaks)
    spans = []
    at = 0
    for span in para.spans:
        pieces: list[str] = []
        for i, char in enumerate(span.text):
            if at + i in starts:
                while pieces and pieces[-1] in breaks.SPACES:
                    pieces.pop()
                pieces.append("\n")
            pieces.append(char)
        at += len(span.text)
        spans.append(replace(span, text="".join(pieces)))
    return replace(para, spans=tuple(spans), breaks=())
