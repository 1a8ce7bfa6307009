"""What each operation a template runs will cost, charged before it runs.

Operations whose result can be much larger than their inputs (str methods that
pad, replace or join; ``*``, ``+`` and ``**``; ``%`` formatting) ask the budget
(:mod:`briefgen.render.budget`) for their size first; and only text, numbers
and dates print (:func:`printable`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined

from briefgen.render import budget, view
from briefgen.render.budget import LimitError

MAX_WIDTH = 1_000  # a width or precision in '%' formatting
MAX_EXPONENT = 64
MAX_INT_BITS = 10_000  # about 3,000 digits


def charge_str_method(
    text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Charge a str method whose result can outgrow its inputs; the args to call it with."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        budget.charge_width(text, args[0])
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        budget.charge_replace(text, args[0], args[1], count)
    elif name == "join" and args:
        items = list(args[0])
        budget.charge_join(text, items)
        return (items, *args[1:])
    elif name in ("split", "rsplit", "splitlines"):  # an item per piece, at most
        budget.charge((len(text) // 2 + 1) * budget.ITEM, what=name)
    return args


def charge_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "%" and isinstance(left, str):
        budget.charge(percent_size(left, right))
    elif operator == "**" and isinstance(right, int) and isinstance(left, int):
        if abs(right) > MAX_EXPONENT:
            raise LimitError(f"exponent {right} is too large")
        _int_bits(abs(left).bit_length() * max(right, 0))
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                budget.charge(len(seq) * max(times, 0), what="repetition")
        if isinstance(left, int) and isinstance(right, int):
            _int_bits(left.bit_length() + right.bit_length())
    elif operator == "+":
        for a, b in ((left, right), (right, left)):
            if isinstance(a, (str, list, tuple)) and isinstance(b, (str, list, tuple)):
                budget.charge(len(a) + len(b))
                break


def _int_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise LimitError(f"a number of more than {MAX_INT_BITS:,} bits")


def _specs(fmt: str) -> Iterator[tuple[str, str]]:
    """The width and precision of each conversion in a '%' format, as CPython reads
    them (a mapping key may hold balanced parentheses: '%((a))5s')."""
    i = fmt.find("%")
    while i >= 0:
        j = i + 1
        if fmt.startswith("(", j):
            depth = 0
            while j < len(fmt):
                depth += {"(": 1, ")": -1}.get(fmt[j], 0)
                j += 1
                if depth == 0:
                    break
        while j < len(fmt) and fmt[j] in "#0- +":
            j += 1
        start = j
        while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "*"):
            j += 1
        width = fmt[start:j]
        precision = ""
        if fmt.startswith(".", j):
            start = j = j + 1
            while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "*"):
                j += 1
            precision = fmt[start:j]
        yield width, precision
        i = fmt.find("%", j + 1)


def percent_size(fmt: str, args: Any) -> int:
    """At most how long ``fmt % args`` is; LimitError for a width too large to print."""
    if isinstance(args, (Mapping, view.Record)):  # '%(name)s': any value, any number of times
        named = view.record_values(args) if isinstance(args, view.Record) else args
        values = list(named.values())
    else:
        values = list(args) if isinstance(args, tuple) else [args]
        for value in values:
            printable(value)
    longest = max((budget.length(v) for v in values), default=0)
    size = len(fmt)
    for width, precision in _specs(fmt):
        for number in (width, precision):
            if "*" in number:
                raise LimitError("'*' widths in '%' formatting are not allowed")
            if number and (len(number) > 4 or int(number) > MAX_WIDTH):
                raise LimitError(f"a width of {number} in '%' formatting is more than {MAX_WIDTH}")
        size += max(int(width or 0), longest) + int(precision or 0) + 320
    return size


def _kind(value: Any) -> str:
    if isinstance(value, view.Record):
        return view.plain_names(f"'briefgen.render.view.{type(value).__name__} object'")
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a function" if callable(value) else type(value).__name__


def printable(value: Any) -> Any:
    """value, if it prints as text (text, a number, a date, yes/no or nothing).

    A list, record, function or other object would print as Python writes it
    (and an undefined name inside a list would print as 'Undefined'): refused."""
    if value is None or isinstance(value, (str, int, float, dt.date, Undefined)):
        return value
    raise SecurityError(
        f"cannot print {_kind(value)} as text; print its fields, or join a list's items "
        "(e.g. items | join(', '))"
    )
