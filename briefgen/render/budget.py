"""How much text one compile or one render of a template may make.

Each operation whose result can be much larger than its inputs asks for its
size here *before* it runs, so a 30-character expression cannot allocate
gigabytes; every other result is counted after. The budget is per thread and
per compile or render (:func:`fresh`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
from jinja2 import Undefined

BUDGET = 4_000_000  # characters; a one-page brief makes some 50,000
#: what one item of a list, tuple or mapping weighs, in characters: a list of a
#: million one-letter strings costs far more memory than a million-letter string
ITEM = 20


class LimitError(Exception):
    """A template ran too long or would make too much."""


_state = threading.local()


def active() -> bool:
    """A budget is being spent (inside fresh())."""
    return getattr(_state, "left", None) is not None


@contextmanager
def fresh() -> Iterator[None]:
    """A full budget for the code inside (the previous one is restored after)."""
    before = getattr(_state, "left", None), getattr(_state, "weights", None)
    _state.left = BUDGET
    _state.weights = {}
    try:
        yield
    finally:
        _state.left, _state.weights = before


def weight(value: Any) -> int:
    """What value weighs in characters: its text, and ITEM for each item of a container,
    however deeply nested and however often one container is repeated in another.

    Each container is weighed once (remembered by identity), so weighing costs what
    making it cost, not what comparing, hashing or printing it would."""
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return 1
    weights: dict[int, tuple[int, Any]] | None = getattr(_state, "weights", None)
    if weights is not None and id(value) in weights:
        return weights[id(value)][0]
    if isinstance(value, (list, tuple)):
        found = sum(weight(v) + ITEM for v in value)
    elif isinstance(value, Mapping):
        found = sum(weight(k) + weight(v) + ITEM for k, v in value.items())
    elif isinstance(value, Undefined):
        str(value)  # an undefined name in a list is an error here, not 'Undefined' later
        found = 1
    else:
        from briefgen.render.view import Record, record_values

        found = weight(record_values(value)) if isinstance(value, Record) else 1
    if weights is not None:
        weights[id(value)] = (found, value)  # kept, so its id is not reused
    return found


def check_weight(value: Any, what: str = "a list") -> Any:
    """value, unless it weighs more than the whole budget."""
    if weight(value) > BUDGET:
        raise LimitError(f"{what} would weigh more than {BUDGET:,} characters")
    return value


def charge(size: int, what: str = "the text made") -> None:
    """Spend size characters, or raise LimitError if the budget has not that many left."""
    left: int | None = getattr(_state, "left", None)
    if size > (BUDGET if left is None else left):
        raise LimitError(f"{what} would be more than {BUDGET:,} characters")
    if left is not None:
        _state.left = left - size


def charge_result(result: Any) -> None:
    """Count what a filter or method made (one whose size its inputs bound)."""
    if isinstance(result, str):
        charge(len(result))
    elif isinstance(result, (list, tuple, Mapping)):
        charge(len(result) * ITEM)
        check_weight(result)


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
    """At most how long value is as text (weighed, never turned into text to see)."""
    return weight(value)


def charge_join(separator: Any, items: list[Any]) -> None:
    sep = len(separator) if isinstance(separator, str) else 0
    charge(sum(length(x) for x in items) + sep * max(len(items) - 1, 0), what="join")
