"""How much text one compile or one render of a template may make.

Each operation whose result can be much larger than its inputs asks for its
size here *before* it runs, so a 30-character expression cannot allocate
gigabytes; every other result is counted after. The budget is per thread and
per compile or render (:func:`fresh`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

BUDGET = 4_000_000  # characters; a one-page brief makes some 50,000


class LimitError(Exception):
    """A template ran too long or would make too much."""


_state = threading.local()


@contextmanager
def fresh() -> Iterator[None]:
    """A full budget for the code inside (the previous one is restored after)."""
    before = getattr(_state, "left", None)
    _state.left = BUDGET
    try:
        yield
    finally:
        _state.left = before


def charge(size: int, what: str = "the text made") -> None:
    """Spend size characters, or raise LimitError if the budget has not that many left."""
    left: int | None = getattr(_state, "left", None)
    if size > (BUDGET if left is None else left):
        raise LimitError(f"{what} would be more than {BUDGET:,} characters")
    if left is not None:
        _state.left = left - size


def charge_result(result: Any) -> None:
    """Count what a filter or method made (one whose size its inputs bound)."""
    if isinstance(result, (str, list, tuple)):
        charge(len(result))


def charge_width(text: Any, width: Any) -> None:
    """center, ljust, rjust, zfill: as long as the width."""
    if isinstance(width, int) and isinstance(text, str):
        charge(max(len(text), width), what="padding")


def charge_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    times = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    charge(len(text) + times * max(len(new) - len(old), 0), what="replace")


def length(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(str(value))


def charge_join(separator: Any, items: list[Any]) -> None:
    sep = len(separator) if isinstance(separator, str) else 0
    charge(sum(length(x) for x in items) + sep * max(len(items) - 1, 0), what="join")
