"""The keys a brief sets about its own page: the order of its sections, which to hide,
their headings' wording, how many pages it may take (``pages``), and fields of the
author's own (``extra``) for templates to print.

The mappings are plain dicts, so a brief crosses to a worker process (--jobs);
templates get them read-only (:mod:`briefgen.render.view`). Which section names
exist is the template's to say, so names are checked here only for their form;
:mod:`briefgen.render.arrange` checks them against the template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from briefgen.content.checks import Field, Record, _Invalid, _kind, pages, text

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_EXTRA = 100


def _name(value: Any, what: str) -> str:
    name = text(value)
    if not _NAME.match(name):
        raise _Invalid(f"{what} {name[:40]!r} is not a section name (letters, digits, '_')")
    return name


def section_names(value: Any) -> tuple[str, ...]:
    """A list of section names, e.g. [summary, procurement, next_steps]."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _Invalid(f"expected a list of section names, got {_kind(value)}")
    names = tuple(_name(v, f"item {i + 1}") for i, v in enumerate(value))
    twice = [n for i, n in enumerate(names) if n in names[:i]]
    if twice:
        raise _Invalid(f"'{twice[0]}' is named twice")
    return names


def headings(value: Any) -> Mapping[str, str]:
    """Section name: heading, e.g. {next_steps: Actions}."""
    if not isinstance(value, Mapping):
        raise _Invalid(f"expected section: heading pairs, got {_kind(value)}")
    return {_name(k, "key"): text(v) for k, v in value.items()}


def extra(value: Any) -> Mapping[str, Any]:
    """The author's own fields, name: text (or a number or a date), for templates."""
    if not isinstance(value, Mapping):
        raise _Invalid(f"expected name: value pairs, got {_kind(value)}")
    if len(value) > MAX_EXTRA:
        raise _Invalid(f"has {len(value)} fields; at most {MAX_EXTRA} are allowed")
    found: dict[str, Any] = {}
    for key, item in value.items():
        name = _name(key, "key")
        if isinstance(item, (dt.date, int, float)) and not isinstance(item, bool):
            found[name] = item
        elif isinstance(item, (Mapping, list)) or item is None:
            raise _Invalid(f"{name}: expected text, a number or a date, got {_kind(item)}")
        else:
            found[name] = text(item)
    return found


#: the keys of a brief about its page, beside the schema's own (see schema.BRIEF)
ARRANGE: Record = {
    "order": Field(section_names),
    "hide": Field(section_names),
    "headings": Field(headings),
    "extra": Field(extra),
    "pages": Field(pages),
}
