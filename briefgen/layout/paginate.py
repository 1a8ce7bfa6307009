"""Two pages: where a brief allowed two pages breaks, decided once for every writer.

The break falls as late as the first page allows, where writers keep things together:
never after a heading (it goes with what follows it), never inside a paragraph or a
quotation, and inside a table only between rows, with at least one row under the
header on the first page and the header rows repeated at the top of the second. The
block that starts the second page loses its space before, as at the top of any page.
Every writer breaks at the page's ``breaks``; the fit measures each page's content in
the same room, the banners and the logo being the same on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefgen.layout import page as p

if TYPE_CHECKING:  # measure needs reportlab; the formats without pages only call whole()
    from briefgen.layout.measure import Piece


@dataclass(frozen=True)
class Split:
    """Where the second page starts and what each page holds, in points."""

    block: int  # the laid-out block the second page starts with (or continues)
    row: int  # 0: the whole block; else the first of the table's rows on the second page
    first: float  # the height the first page's content takes
    second: float  # the height the second page's content takes


def flow(pieces: Sequence[Piece], first_height: float | None = None) -> float:
    """The height of blocks set one after another from the top of a page: the first
    block's space before dropped, between two blocks the larger space."""
    total, previous_after = 0.0, 0.0
    for i, piece in enumerate(pieces):
        height = piece.height if i or first_height is None else first_height
        total += (max(piece.before, previous_after) if i else 0.0) + height
        previous_after = piece.after
    return total


def split(pieces: Sequence[Piece], room: float) -> Split | None:
    """The latest break at which the first page's content fits in room; None if there
    is none (the first page would be empty). Only for content taller than room."""
    ends: list[float] = []  # the height used once each block is on the first page
    used, previous_after = 0.0, 0.0
    for i, piece in enumerate(pieces):
        gap = max(piece.before, previous_after) if i else 0.0
        if used + gap + piece.height <= room:
            used += gap + piece.height
            previous_after = piece.after
            ends.append(used)
            continue
        if piece.rows:
            found = _rows(piece, room - used - gap)
            if found:
                taken = sum(piece.rows[:found])
                rest = sum(piece.rows[: piece.header]) + sum(piece.rows[found:])
                second = flow(pieces[i:], first_height=rest)
                return Split(i, found, used + gap + taken, second)
        k = i
        while k > 0 and pieces[k - 1].keep:
            k -= 1
        if k == 0:
            return None
        return Split(k, 0, ends[k - 1], flow(pieces[k:]))
    return None


def _rows(piece: Piece, room: float) -> int:
    """How many of a table's rows go on the first page: at least one under its header
    and one left for the second, else 0."""
    count, used = 0, 0.0
    while count < len(piece.rows) and used + piece.rows[count] <= room:
        used += piece.rows[count]
        count += 1
    return count if piece.header < count < len(piece.rows) else 0


def paged(page: p.Page, at: Split) -> p.Page:
    """The page with its second page starting at the split: a table split into its rows
    before and (after its header rows again) after the break."""
    blocks, sources = list(page.blocks), list(page.sources)
    i = at.block
    block = blocks[i]
    if at.row and isinstance(block, p.Grid):
        header = next((r for r, row in enumerate(block.rows) if not row.header), 0)
        before = replace(block, rows=block.rows[: at.row])
        after = replace(block, rows=block.rows[:header] + block.rows[at.row :], continued=True)
        blocks[i : i + 1] = [before, after]
        sources[i : i + 1] = [sources[i], sources[i]]
        i += 1
    elif isinstance(block, p.Para):
        blocks[i] = replace(block, before=0)
    return replace(page, blocks=tuple(blocks), sources=tuple(sources), breaks=(i,))


def whole(page: p.Page) -> p.Page:
    """The page as one flow, for formats without pages (Markdown, the slide): a table
    split by the break joined again, its repeated header rows dropped."""
    if not page.breaks:
        return page
    blocks: list[p.Block] = []
    for block in page.blocks:
        previous = blocks[-1] if blocks else None
        if isinstance(block, p.Grid) and block.continued and isinstance(previous, p.Grid):
            rows = tuple(row for row in block.rows if not row.header)
            blocks[-1] = replace(previous, rows=previous.rows + rows)
            continue
        blocks.append(block)
    sources = [s for s, b in zip(page.sources, page.blocks, strict=True) if not _joined(b)]
    return replace(page, blocks=tuple(blocks), sources=tuple(sources), breaks=())


def _joined(block: p.Block) -> bool:
    return isinstance(block, p.Grid) and block.continued
