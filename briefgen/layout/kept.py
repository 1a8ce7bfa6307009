"""The flowables the fit measured, kept for the PDF writer to draw.

The fit wraps every block of each page it measures (:func:`.measure.measure`);
the page it chooses is drawn from those same flowables, already wrapped at the
frame's width, instead of being made and wrapped a second time. They are kept
for the last few pages measured in this process and handed out once: drawing
changes them (reportlab splits and re-wraps what does not fit).

A block is known by itself (the object, not an equal one: the chosen page is the
measured one with its fill recorded, and a page broken in two keeps every block
but the one at the break), on a page with the same fonts and frame. Anything
else gets nothing, and the writer makes its own.
"""

from __future__ import annotations

from typing import Any

from briefgen.layout import page as p

#: how many measured pages' flowables are kept (the fit measures two or three per brief)
KEEP = 4

_kept: list[tuple[p.Page, list[Any]]] = []


def _alike(a: p.Page, b: p.Page) -> bool:
    return a.fonts == b.fonts and a.geometry.frame == b.geometry.frame


def keep(page: p.Page, flowables: list[Any]) -> None:
    """Keep the flowables wrapped for page (one per block, in order), dropping the oldest."""
    _kept[:] = [e for e in _kept if e[0].blocks is not page.blocks][-(KEEP - 1) :]
    _kept.append((page, flowables))


def take(page: p.Page) -> list[Any] | None:
    """For each of the page's blocks, the flowable measured for that very block (None
    for a block that was not measured), once; None if no block was."""
    for i, (measured, flowables) in enumerate(_kept):
        if not _alike(measured, page):
            continue
        by_block = {id(b): f for b, f in zip(measured.blocks, flowables, strict=True)}
        found = [by_block.pop(id(b), None) for b in page.blocks]  # each used once
        if any(f is not None for f in found):
            del _kept[i]
            return found
    return None


def clear() -> None:
    _kept.clear()
