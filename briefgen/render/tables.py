"""A ``<table>``'s markup -> the model's table: its cells, column widths and header rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefgen.errors import BriefgenError
from briefgen.render import model

#: the parser's located error for a message
Fail = Callable[[str], BriefgenError]


def cell(tag: str, attrs: dict[str, str], runs: model.Inline, fail: Fail) -> model.Cell:
    """A ``<th>`` or ``<td>``: its alignment, span, fill and stage bar."""
    align = attrs.get("align", "left")
    if align not in ("left", "center", "right"):
        raise fail(f"align={align!r}: use left, center or right")
    try:
        span = int(attrs.get("colspan", "1"))
    except ValueError:
        raise fail(f"colspan={attrs['colspan']!r} is not a whole number") from None
    fill, bar = attrs.get("class") or None, attrs.get("bar") or None
    return model.Cell(runs, tag == "th", fill, align, max(1, span), bar)


def table(
    cells: Sequence[Sequence[model.Cell]],
    row_marks: Sequence[str],
    attrs: dict[str, str],
    fail: Fail,
) -> model.Table:
    """The table of rows as read (empty rows dropped with their marks); every row must
    span the same number of columns, and the leading all-header rows are its header."""
    marks = tuple(k for r, k in zip(cells, row_marks, strict=True) if r)
    rows = tuple(tuple(r) for r in cells if r)
    if not rows:
        raise fail("<table> has no rows")
    columns = max(sum(c.span for c in r) for r in rows)
    for r in rows:
        if sum(c.span for c in r) != columns:
            raise fail(f"every table row needs {columns} cells (count colspan)")
    shares = widths(attrs.get("widths", ""), columns)
    if shares is None:
        raise fail(
            f'widths={attrs.get("widths")!r}: give {columns} positive numbers, e.g. widths="3,1,1"'
        )
    header_rows = 0
    for r in rows:
        if not all(c.header for c in r):
            break
        header_rows += 1
    style = attrs.get("class", "grid")
    if style not in ("grid", "track"):
        raise fail(f"<table class={style!r}>: use grid or track")
    return model.Table(rows, shares, header_rows, style, marks if any(marks) else ())


def widths(spec: str, columns: int) -> tuple[float, ...] | None:
    """``widths="3,1,1"`` as shares of the table's width (equal when not given); None
    when the spec is not that many positive numbers."""
    if not spec.strip():
        return tuple(1 / columns for _ in range(columns))
    try:
        numbers = [float(x) for x in spec.split(",")]
    except ValueError:
        return None
    if len(numbers) != columns or any(n <= 0 for n in numbers):
        return None
    total = sum(numbers)
    return tuple(n / total for n in numbers)
