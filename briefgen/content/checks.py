"""The checks a content field's value goes through, and how a record declares its fields.

Each check takes the value as read (YAML, JSON or a table cell) and returns it as
the brief holds it, or raises :class:`_Invalid` with what is wrong; the loader adds
file, line and field. :mod:`briefgen.content.schema` checks the brief's own fields with
them and each list section (:mod:`briefgen.sections`) declares its entries' fields.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from briefgen.content import dates

STATUSES = ("planned", "agreed", "in-progress", "done", "blocked")
STAGES = ("proposed", "announced", "negotiation", "contracted", "delivery", "in-service")

Check = Callable[[Any], Any]
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
MAX_QUANTITY = 1_000_000
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
MAX_ID = 40


class _Invalid(Exception):
    """A check's complaint; the loader adds file, line and field."""


def text(value: Any, max_len: int | None = None) -> str:
    if isinstance(value, bool):
        raise _Invalid(
            f"expected text, got the yes/no value {str(value).lower()}: "
            "put it in quotes (YAML reads no, on, off, yes as yes/no)"
        )
    if isinstance(value, (int, float)):
        value = str(value)
    elif isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise _Invalid(f"expected text, got {_kind(value)}")
    value = value.strip()
    bad = _BAD_CHARS.search(value)
    if bad:
        raise _Invalid(
            f"contains the control character U+{ord(bad.group()):04X} "
            f"at position {bad.start() + 1}; remove it"
        )
    if max_len is not None and len(value) > max_len:
        raise _Invalid(f"is {len(value)} characters long; at most {max_len} are allowed")
    return str(value)


def date(value: Any) -> dt.date:
    when = due(value)
    if not isinstance(when, dt.date):
        raise _Invalid(f"{_show(when)} is not a date (write YYYY-MM-DD, or e.g. 1 July 2025)")
    return when


def due(value: Any) -> dt.date | str:
    """A date (ISO or written out: 1 Dec 2025, December 1, 2025), else free text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    words = text(value)
    try:
        when = dates.read(words)
    except dates.NotADate as exc:
        raise _Invalid(str(exc)) from None
    return words if when is None else when


def as_read(check: Check, value: Any) -> bool:
    """Whether a field takes a value as YAML or JSON read it, not as typed: a number for
    quantity and pages, and a date that YAML read for a date field (the same date either way)."""
    return check in (whole_number, pages) or (check in (date, due) and isinstance(value, dt.date))


def whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"{_show(value)} is not a whole number")
    if value < 0:
        raise _Invalid(f"{value} is negative")
    if value > MAX_QUANTITY:
        raise _Invalid(f"{value} is more than {MAX_QUANTITY:,}")
    return value


#: the pages a brief may take: one, or two for the briefs that are allowed two
PAGES = (1, 2)


def pages(value: Any) -> int:
    """1 or 2: the pages the fit may spread the brief over."""
    if isinstance(value, bool) or value not in PAGES:
        raise _Invalid(
            f"1 or 2, not {_show(value)} (a brief takes one page, or two where it is allowed two)"
        )
    return int(value)


def one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str:
        word = text(value)
        norm = re.sub(r"[\s_]+", "-", word.lower())
        if norm not in choices:
            near = difflib.get_close_matches(norm, choices, n=1, cutoff=0.7)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise _Invalid(f"'{word}' is not one of {', '.join(choices)}{hint}")
        return norm

    return check


def template_name(value: Any) -> str:
    name = text(value)
    if not _TEMPLATE_NAME.match(name):
        raise _Invalid(f"'{name}' is not a template name (letters, digits, '-', '_', '.')")
    return name


def language(value: Any) -> str:
    """A BCP 47 language tag (en-US, fr, hi-IN): what screen readers read the brief in."""
    tag = text(value)
    if not _LANGUAGE_TAG.match(tag):
        raise _Invalid(f"'{tag[:40]}' is not a language tag (e.g. en-US, en-GB, fr)")
    return tag


def identifier(value: Any) -> str:
    """An entry's id: a short name that keeps it the same entry between editions."""
    if isinstance(value, float):
        raise _Invalid(
            f"{value} is a decimal number: put the id in quotes (YAML reads 1.10 as 1.1)"
        )
    name = text(value)
    if not _IDENTIFIER.match(name) or len(name) > MAX_ID:
        raise _Invalid(
            f"{_show(name)} is not an id: up to {MAX_ID} letters, digits, '-', '_', '.' "
            "or ':', starting with a letter or digit"
        )
    return name


def marking(value: Any) -> str:
    """A classification marking: read as it looks, so its banner is the level it shows.

    Compatibility forms are folded (full-width letters, no-break spaces); invisible
    characters and words that mix scripts (a Cyrillic 'Е' in 'SECRET') are refused.
    """
    word = unicodedata.normalize("NFKC", text(value))
    for char in word:
        if unicodedata.category(char) == "Cf":
            raise _Invalid(
                f"contains the invisible character U+{ord(char):04X}; "
                "a marking must read exactly as it looks"
            )
    for token in re.findall(r"[^\W\d_]+", word):
        scripts = {unicodedata.name(c, "?").split()[0] for c in token}
        if len(scripts) > 1:
            odd = min(
                (c for c in token if unicodedata.name(c, "?").split()[0] != "LATIN"),
                key=token.index,
                default=token[0],
            )
            raise _Invalid(
                f"'{token}' mixes {' and '.join(sorted(s.title() for s in scripts))} letters "
                f"('{odd}' is U+{ord(odd):04X}); a marking must read exactly as it looks"
            )
    return word


def title(value: Any) -> str:
    return text(value, max_len=120)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{_show(value)}"


def _show(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return _kind(value)
    shown = repr(value) if isinstance(value, str) else str(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False


Record = dict[str, Field]
