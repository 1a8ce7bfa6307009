"""The flowables the fit measured, kept for the PDF writer to draw.

The fit wraps every block of each page it measures (:func:`.measure.measure`);
the page it chooses is drawn from those same flowables, already wrapped at the
frame's width, instead of being made and wrapped a second time. They are kept
for the last few pages measured in this process and handed out once: drawing
changes them (reportlab splits and re-wraps what does not fit).

A page is known by its blocks (the tuple itself, not an equal one: the chosen
page is the measured one with its fill recorded), its fonts and its frame.
Anything else gets nothing, and the writer makes its own.
"""

from __future__ import annotations

from typing import Any

from briefgen.layout import page as p

#: how many measured pages' flowables are kept (the fit measures two or three per brief)
KEEP = 4

_kept: list[tuple[p.Page, list[Any]]] = []


def _same(a: p.Page, b: p.Page) -> bool:
    return a.blocks is b.blocks and a.fonts == b.fonts and a.geometry.frame == b.geometry.frame


def keep(page: p.Page, flowables: list[Any]) -> None:
    """Keep the flowables wrapped for page (one per block, in order), dropping the oldest."""
    _kept[:] = [entry for entry in _kept if not _same(entry[0], page)][-(KEEP - 1) :]
    _kept.append((page, flowables))


def take(page: p.Page) -> list[Any] | None:
    """The flowables measured for this page, once; None if there are none."""
    for i, (measured, flowables) in enumerate(_kept):
        if _same(measured, page):
            del _kept[i]
            return flowables
    return None


def clear() -> None:
    _kept.clear()
