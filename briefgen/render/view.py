"""What templates see: the brief as plain, read-only data.

A template (and a templated content field) never receives one of briefgen's own
objects. It receives :class:`Record` values whose only attributes are the brief's
fields, holding text, whole numbers, decimals, yes/no values, nothing, dates, and
tuples or read-only mappings of those. No path, no file, no method of briefgen's
own is reachable, so the sandbox's allow-list (see :mod:`briefgen.render.sandbox`) can
be short and exact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from briefgen.render import reads
from briefgen.sections import SECTIONS

#: content fields that say where a brief came from, not what it says: never shown
HIDDEN = frozenset({"path", "lines", "inputs", "origin"})


class Record:
    """A read-only record of plain values, read as ``record.name`` or ``record['name']``."""

    __slots__ = ("_values",)
    _values: Mapping[str, Any]

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", MappingProxyType(dict(values)))

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._values[name]
        except KeyError:
            raise AttributeError(name) from None
        reads.note(self, name)
        return value

    def __getitem__(self, name: str) -> Any:
        value = self._values[name]
        reads.note(self, name)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def record_values(record: Record) -> Mapping[str, Any]:
    """record's fields and values (a function, so no field can hide it)."""
    return record._values


def field_names(record: Record) -> frozenset[str]:
    """The names a template may read on record (a function, so no field can hide it)."""
    return frozenset(record._values)


class Brief(Record):
    __slots__ = ()


class Section(Record):
    __slots__ = ()


class Due(Record):
    """Where a next step stands: ``label`` and ``color``; false when there is no label."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return bool(self._values.get("label"))


def _kind(name: str, doc: str) -> type[Record]:
    """A record type of this module, named as its content dataclass (Jinja2 names it so)."""
    return type(name, (Record,), {"__slots__": (), "__module__": __name__, "__doc__": doc})


#: one record type for each list section's entries, named as the section's dataclass
ENTRIES: dict[str, type[Record]] = {
    s.entry.__name__: _kind(s.entry.__name__, f"One {s.name} of brief.{s.key}.") for s in SECTIONS
}
#: the record type for each content dataclass, by its class name
KINDS: dict[str, type[Record]] = {
    "Brief": Brief,
    **ENTRIES,
    "Section": Section,
}
#: what a template author calls each record in an error message
NAMES = {
    "Brief": "brief",
    **{s.entry.__name__: s.name for s in SECTIONS},
    "Section": "section",
    "Due": "due marker",
}
PLAIN = (str, int, float, bool, type(None))


def plain_names(message: str | None) -> str:
    """Jinja2 names a Python class where a template author thinks of a brief's parts."""
    text = message or "undefined"
    for python, name in NAMES.items():
        text = text.replace(f"'{__name__}.{python} object'", name)
    return text


def plain(value: Any) -> Any:
    """value as plain, read-only data; TypeError for anything that has no plain form."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(plain(v) for v in value)
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): plain(v) for k, v in value.items()})
    if isinstance(value, Record):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = KINDS.get(type(value).__name__, Record)
        return kind(
            {
                f.name: plain(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in HIDDEN
            }
        )
    raise TypeError(f"{type(value).__name__} has no plain form for a template")


class Changes:
    """What changed since the last edition, as a template asks it.

    ``changes.mark(item)`` is "NEW", "CHANGED" or "" for an entry of one of the
    brief's list sections (statement, step, procurement item, talking point);
    ``changes.was(item)`` the status or stage it had before; ``changes.lines``
    the changes in words; ``changes.first`` true for a first edition.
    """

    __slots__ = ("_marks", "first", "lines")
    _marks: Mapping[int, tuple[str, str]]
    first: bool
    lines: tuple[str, ...]

    def __init__(
        self, marks: Mapping[int, tuple[str, str]], lines: tuple[str, ...], first: bool
    ) -> None:
        object.__setattr__(self, "_marks", MappingProxyType(dict(marks)))
        object.__setattr__(self, "lines", tuple(lines))
        object.__setattr__(self, "first", bool(first))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("changes is read-only")

    def mark(self, item: Any) -> str:
        return self._marks.get(id(item), ("", ""))[0]

    def was(self, item: Any) -> str:
        return self._marks.get(id(item), ("", ""))[1]

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __repr__(self) -> str:
        return "<Changes>"


#: what a template may read and call on each kind of object it can be given
CHANGES_ATTRIBUTES = frozenset({"mark", "was", "lines", "first"})

#: the lists whose entries changes can mark
MARKED = tuple(s.key for s in SECTIONS)


def changes_view(brief: Record, found: Any) -> Changes:
    """The template's changes for brief (a plain record) from the build's
    :class:`briefgen.regen.editions.Changes` (None: a first edition)."""
    if found is None:
        return Changes({}, (), True)
    marks: dict[int, tuple[str, str]] = {}
    for key in MARKED:
        for index, record in enumerate(getattr(brief, key, ())):
            label, before = found.at(key, index)
            if label:
                marks[id(record)] = (label, before)
    return Changes(marks, found.lines, found.first)
