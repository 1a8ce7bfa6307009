"""briefgen's own template filters (md, md_blocks, date, tie) and the due marker
offered to templates: what a template may call beyond Jinja2's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from briefgen.content.schema import Step
from briefgen.render import inline, jinjafilters, ties, view


def format_date(value: Any, style: str = "long") -> str:
    """A date as '1 July 2025' (long) or '1 Jul 2025' (short), its parts joined by no-break
    spaces (a line never parts them); text passes through."""
    if isinstance(value, dt.date):
        month = value.strftime("%B" if style == "long" else "%b")
        return f"{value.day}{ties.NBSP}{month}{ties.NBSP}{value.year}"
    return "" if value is None else str(value)


def _due(label: str, color: str) -> view.Due:
    return view.Due({"label": label, "color": color})


def due_marker(step: Any, as_of: Any) -> view.Due:
    """Where a next step stands against the brief's date: ``.label`` ("overdue",
    "in 12 days", "due today", "done" or "") and ``.color`` (a theme colour name).

    Offered to templates: it reads a step's ``status`` and ``due`` and nothing else.
    """
    status = getattr(step, "status", None) if isinstance(step, (view.Record, Step)) else None
    due = getattr(step, "due", None) if status is not None else None
    if status == "done":
        return _due("done", "done")
    if not isinstance(due, dt.date) or not isinstance(as_of, dt.date):
        return _due("", "muted")
    days = (due - as_of).days
    if days < 0:
        return _due("overdue", "overdue")
    if days == 0:
        return _due("due today", "in-progress")
    return _due(f"in {days}{ties.NBSP}day{'s' if days != 1 else ''}", "muted")


def briefgen_filters() -> dict[str, Callable[..., Any]]:
    """briefgen's own filters (md, md_blocks, date, tie), counted like Jinja2's."""
    own = (("md", inline.inline), ("md_blocks", inline.blocks), ("date", format_date))
    return {name: jinjafilters.counted(f) for name, f in (*own, ("tie", ties.tie))}
