"""The allow-list: what a template may read and call on each kind of object.

Everything not named here is refused (see SECURITY.md for the list in words).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
from jinja2.environment import TemplateModule
from jinja2.filters import _GroupTuple
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from briefgen.render import view

STR_METHODS = frozenset(
    {
        *("capitalize", "casefold", "center", "count", "endswith", "find", "index"),
        *("isalnum", "isalpha", "isdigit", "islower", "isnumeric", "isspace", "istitle"),
        *("isupper", "join", "ljust", "lower", "lstrip", "partition", "removeprefix"),
        *("removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit"),
        *("rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title"),
        *("upper", "zfill"),
    }
)
MARKUP_METHODS = STR_METHODS | {"striptags", "unescape"}
SEQUENCE_METHODS = frozenset({"index", "count"})
MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})
DATE_ATTRIBUTES = frozenset({"year", "month", "day", "isoformat", "weekday", "isoweekday"})
#: Jinja2's own template objects (loop, macros, blocks, cycler, joiner, namespace):
#: their public attributes are made for templates
JINJA_OBJECTS = (
    LoopContext,
    Macro,
    BlockReference,
    TemplateReference,
    TemplateModule,
    Cycler,
    Joiner,
    Namespace,
)
GROUP_ATTRIBUTES = frozenset({"grouper", "list"}) | SEQUENCE_METHODS  # groupby's groups


def allowed_attributes(obj: Any) -> frozenset[str] | None:
    """The attributes a template may read on obj; None: every public one."""
    if isinstance(obj, view.Record):
        return view.field_names(obj)
    if isinstance(obj, view.Changes):
        return view.CHANGES_ATTRIBUTES
    if isinstance(obj, Markup):
        return MARKUP_METHODS
    if isinstance(obj, str):
        return STR_METHODS
    if isinstance(obj, _GroupTuple):
        return GROUP_ATTRIBUTES
    if isinstance(obj, (tuple, list)):
        return SEQUENCE_METHODS
    if isinstance(obj, Mapping):
        return MAPPING_METHODS
    if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
        return DATE_ATTRIBUTES
    if isinstance(obj, JINJA_OBJECTS) and not isinstance(obj, type):
        return None
    return frozenset()
