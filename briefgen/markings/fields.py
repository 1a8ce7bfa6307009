"""The content fields of markings, declared for the schema (:mod:`briefgen.content.schema`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from briefgen.content.checks import Field, _Invalid, marking, text

_KEY = re.compile(r"^[a-z][a-z_]*$")


def scheme_name(value: Any) -> str:
    """A marking scheme: a built-in name (us, uk, nato, none) or a scheme file."""
    return text(value)


def block_lines(value: Any) -> tuple[tuple[str, Any], ...]:
    """An authority or CUI block: key: value lines (text, or a date for Declassify On)."""
    if not isinstance(value, Mapping):
        raise _Invalid("expected key: value lines, e.g. classified_by: J. Smith, Director")
    out: list[tuple[str, Any]] = []
    for key, line in value.items():
        if not isinstance(key, str) or not _KEY.match(key):
            raise _Invalid(f"{key!r} is not a field name (lower-case letters and '_')")
        if line is None:
            continue
        out.append((key, line if isinstance(line, dt.date) else text(line)))
    return tuple(out)


#: the brief's own marking fields (each list entry and section has ``classification``)
MARKING_FIELDS: dict[str, Field] = {
    "summary_classification": Field(marking),
    "default_classification": Field(marking),
    "marking": Field(scheme_name),
    "authority": Field(block_lines),
    "cui": Field(block_lines),
}
