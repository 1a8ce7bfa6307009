"""The filters a template may use: Jinja2's own, less those a brief has no use for
(pprint, random, tojson, urlize, wordwrap, xmlattr), each charged against the
template's budget (see :mod:`briefgen.render.budget`).

Filters whose result can outgrow their inputs (center, format, indent, join,
replace, batch, slice) are charged *before* they run; the others after.
briefgen's own filters (md, md_blocks, date, tie) are added by the templating code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2
from jinja2 import filters as jinja_filters

from briefgen.render import budget
from briefgen.render.budget import LimitError

Filter = Callable[..., Any]

#: Jinja2 filters left out: they print Python objects, are not the same twice,
#: or make markup that a brief's parser does not read
LEFT_OUT = frozenset({"pprint", "random", "tojson", "urlize", "wordwrap", "xmlattr"})
MAX_DIGITS = 100


#: filters that make an item of each letter of a text (list, batch ...): charged
#: by the item before they run
BY_ITEM = frozenset({"list", "batch", "slice", "sort", "unique", "groupby", "dictsort"})
#: filters whose text grows by at most this factor (a letter to %F0%9F%98%80)
GROWS = {"urlencode": 12, "escape": 6, "e": 6, "forceescape": 6}


def counted(function: Filter, name: str = "") -> Filter:
    """function, with what it returns counted against the budget (and, for the filters
    named above, what it will make charged before it runs)."""
    first = 0 if getattr(function, "jinja_pass_arg", None) is None else 1

    @functools.wraps(function)  # keeps Jinja2's pass_context/pass_environment mark
    def run(*args: Any, **kwargs: Any) -> Any:
        value = args[first] if len(args) > first else None
        if isinstance(value, str):
            if name in BY_ITEM:
                budget.charge(len(value) * budget.ITEM, what=name)
            elif name in GROWS:
                budget.charge(len(value) * GROWS[name], what=name)
        result = function(*args, **kwargs)
        budget.charge_result(result)
        return result

    return run


def _argument(
    args: tuple[Any, ...], kwargs: dict[str, Any], at: int, name: str, default: Any
) -> Any:
    return args[at] if len(args) > at else kwargs.get(name, default)


def center(value: Any, *args: Any, **kwargs: Any) -> str:
    budget.charge_width(str(value), _argument(args, kwargs, 0, "width", 80))
    return jinja_filters.do_center(value, *args, **kwargs)


def indent(s: Any, *args: Any, **kwargs: Any) -> str:
    width = _argument(args, kwargs, 0, "width", 4)
    text = str(s)
    each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    budget.charge(len(text) + (text.count("\n") + 1) * max(each, 0), what="indent")
    return jinja_filters.do_indent(text, *args, **kwargs)


@jinja2.pass_eval_context
def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(value)
    if attribute is not None:
        getter = jinja_filters.make_attrgetter(eval_ctx.environment, attribute)
        items = [getter(item) for item in items]
    budget.charge_join(d, items)
    return str(jinja_filters.do_join(eval_ctx, items, d))


@jinja2.pass_eval_context
def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> str:
    budget.charge_replace(str(s), old, new, -1 if count is None else count)
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


def format_(value: Any, *args: Any, **kwargs: Any) -> str:
    from briefgen.render.charges import percent_size

    budget.charge(percent_size(str(value), kwargs or args), what="format")
    return jinja_filters.do_format(value, *args, **kwargs)


def batch(value: Any, linecount: Any, fill_with: Any = None) -> Any:
    if isinstance(linecount, int):
        budget.charge(max(linecount, 0) * budget.ITEM, what="batch")
    return jinja_filters.do_batch(value, linecount, fill_with)


def slice_(value: Any, slices: Any, fill_with: Any = None) -> Any:
    if isinstance(slices, int):
        budget.charge(max(slices, 0) * budget.ITEM, what="slice")
    return jinja_filters.sync_do_slice(value, slices, fill_with)


@jinja2.pass_environment
def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    items = list(iterable)
    values = (
        items
        if attribute is None
        else list(map(jinja_filters.make_attrgetter(environment, attribute), items))
    )
    numbers = (int, float)
    if not isinstance(start, numbers) or not all(isinstance(v, numbers) for v in values):
        raise LimitError("sum adds numbers only")
    return jinja_filters.do_sum(environment, values, start=start)


def int_(value: Any, default: int = 0, base: int = 10) -> int:
    if isinstance(value, str) and len(value.strip()) > MAX_DIGITS:
        raise LimitError(f"a number of more than {MAX_DIGITS} digits")
    return jinja_filters.do_int(value, default, base)


#: filters charged before they run, by name
SIZED: dict[str, Filter] = {
    "center": center,
    "indent": indent,
    "join": join,
    "replace": replace,
    "format": format_,
    "batch": batch,
    "slice": slice_,
    "sum": sum_,
    "int": int_,
}


def allowed() -> dict[str, Filter]:
    """The filters a briefgen template environment offers."""
    found: dict[str, Filter] = {}
    for name, function in jinja_filters.FILTERS.items():
        if name not in LEFT_OUT:
            found[name] = counted(SIZED.get(name, function), name)
    return found
