"""Content schema v1: what a brief says, checked field by field.

Every error names the file, the line and the field path, e.g.
``content/x.yaml:14: next_steps[2].status: 'finished' is not one of planned, ...``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from briefgen.content.arrange import ARRANGE
from briefgen.content.arrange import extra as own_fields
from briefgen.content.checks import (
    STAGES,
    STATUSES,
    Check,
    Field,
    Record,
    _Invalid,
    _kind,
    as_read,
    date,
    due,
    language,
    marking,
    one_of,
    template_name,
    text,
    title,
    whole_number,
)
from briefgen.content.sources import read
from briefgen.content.yamlsource import Locator, Path_, Source, Where, field_path
from briefgen.errors import BriefgenError, display_path, raise_all
from briefgen.markings.fields import MARKING_FIELDS
from briefgen.sections import SECTIONS, procurement, statements, steps
from briefgen.sections.procurement import Item
from briefgen.sections.statements import Statement
from briefgen.sections.steps import Step
from briefgen.sections.talking_points import TalkingPoint

__all__ = [
    "ARRANGE",
    "BRIEF",
    "ITEM",
    "LISTS",
    "SECTION",
    "STAGES",
    "STATEMENT",
    "STATUSES",
    "STEP",
    "TOP_KEYS",
    "Brief",
    "Check",
    "Field",
    "Item",
    "Record",
    "Section",
    "Statement",
    "Step",
    "TalkingPoint",
    "check",
    "date",
    "due",
    "language",
    "load",
    "marking",
    "one_of",
    "template_name",
    "text",
    "title",
    "whole_number",
]


@dataclass(frozen=True)
class Section:
    heading: str
    body: str
    #: the portion's marking, as written (briefgen.markings)
    classification: str | None = None


@dataclass(frozen=True)
class Brief:
    path: Path
    title: str
    summary: str
    subtitle: str | None = None
    date: dt.date | None = None
    classification: str = "UNCLASSIFIED"
    prepared_by: str | None = None
    language: str | None = None
    key_statements: tuple[Statement, ...] = ()
    next_steps: tuple[Step, ...] = ()
    procurement: tuple[Item, ...] = ()
    talking_points: tuple[TalkingPoint, ...] = ()
    sections: tuple[Section, ...] = ()
    template: str | None = None
    #: the page's sections in this order, these hidden, these headings (None: as set elsewhere)
    order: tuple[str, ...] | None = None
    hide: tuple[str, ...] | None = None
    headings: Mapping[str, str] = field(default_factory=dict, hash=False)
    #: the pages the brief may take, 1 or 2 (None: as set elsewhere, else 1)
    pages: int | None = None
    #: the author's own fields, which templates print as brief.extra.NAME
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: every file this brief was read from: the content file, then any file it names
    inputs: tuple[Path, ...] = ()
    lines: dict[Path_, int] = field(default_factory=dict, compare=False, repr=False)
    #: where each value came from, across included files and tables (None: only lines)
    origin: Locator | None = field(default=None, compare=False, repr=False)
    #: portion markings (briefgen.markings): the summary's, every portion's default,
    #: the scheme (else briefgen.toml's) and the authority and CUI blocks' lines
    summary_classification: str | None = None
    default_classification: str | None = None
    marking: str | None = None
    authority: tuple[tuple[str, Any], ...] = ()
    cui: tuple[tuple[str, Any], ...] = ()

    def line(self, path: Path_) -> int | None:
        """The line a field came from, or that of its nearest enclosing field."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def where(self, path: Path_) -> Where:
        """The file, line (or table row and column) and field a value came from."""
        if self.origin is not None:
            return self.origin.where(path)
        return Where(display_path(self.path), self.line(path), field_path(path) or None)

    def texts(self) -> Iterator[tuple[Path_, str]]:
        """Every text field with its path, e.g. (("next_steps", 2, "action"), "...")."""
        yield from _record_texts(self)


def _record_texts(record: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    for f in fields(record):
        if f.name in ("path", "lines", "inputs", "origin"):
            continue
        value = getattr(record, f.name)
        if isinstance(value, str):
            yield (*path, f.name), value
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(item, str):
                    yield (*path, f.name, key), item
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if is_dataclass(item):
                    yield from _record_texts(item, (*path, f.name, i))


# --- records --------------------------------------------------------------------


#: each list section's entry fields, by the name schema v1 first gave them
STATEMENT: Record = statements.SECTION.fields
STEP: Record = steps.SECTION.fields
ITEM: Record = procurement.SECTION.fields
SECTION: Record = {
    "heading": Field(text, required=True),
    "body": Field(text, required=True),
    "classification": Field(marking),
}
#: every list a brief holds: the list sections, then the free-form sections
LISTS: dict[str, tuple[Record, type]] = {
    **{s.key: (s.fields, s.entry) for s in SECTIONS},
    "sections": (SECTION, Section),
}
BRIEF: Record = {
    "title": Field(title, required=True),
    "subtitle": Field(text),
    "date": Field(date),
    "classification": Field(marking),
    "prepared_by": Field(text),
    "language": Field(language),
    "summary": Field(text, required=True),
    "template": Field(template_name),
    **MARKING_FIELDS,
}
TOP_KEYS = (*BRIEF, *LISTS)


class _Checker:
    """Checks every field it can and keeps each error, so that one run names them all."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.found: list[BriefgenError] = list(source.errors)  # the loaders' own

    def fail(self, path: Path_, message: str) -> BriefgenError:
        where = self.source.where(path)
        return BriefgenError(message, file=where.file, line=where.line, field=where.field)

    def report(self, path: Path_, message: str) -> None:
        self.found.append(self.fail(path, message))

    def record(
        self, data: Any, spec: Record, path: Path_, extra: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """The checked values of one record; None where any was wrong (each reported)."""
        if not isinstance(data, Mapping):
            what = "each entry" if path else "a brief"
            fields = ", ".join((*spec, *extra))
            raise self.fail(path, f"{what} must be key: value pairs ({fields}); got {_kind(data)}")
        before = len(self.found)
        known = (*spec, *extra)
        meant: set[str] = set()  # 'sumary' for summary: that summary is missing goes unsaid
        for key in data:
            if key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                meant.update(hint)
                suggestion = (
                    f"; did you mean '{hint[0]}'?"
                    if hint
                    else f"; known fields: {', '.join(known)}"
                )
                self.report((*path, key), "unknown field" + suggestion)
        values: dict[str, Any] = {}
        typed, failed = self.source.typed, self.source.failed
        for name, fld in spec.items():
            value = data.get(name)
            if typed or failed:
                at = (*path, name)
                if at in failed:  # the loader has said what is wrong
                    continue
                if at in typed and not as_read(fld.check, value):  # 10:30 is text, not 630
                    value = typed[at]
                elif fld.check is own_fields and isinstance(value, Mapping):  # 007 stays 007
                    value = {
                        k: v if isinstance(v, dt.date) else typed.get((*at, k), v)
                        for k, v in value.items()
                    }
            if value is None or (isinstance(value, str) and not value.strip()):
                if fld.required and name not in meant:
                    problem = "is required but empty" if name in data else "is required"
                    self.report((*path, name), problem)
                continue
            try:
                values[name] = fld.check(value)
            except _Invalid as exc:
                self.report((*path, name), str(exc))
        return values if len(self.found) == before else None

    def items(self, data: Any, key: str) -> tuple[Any, ...]:
        spec, cls = LISTS[key]
        if data is None or (key,) in self.source.failed:
            return ()
        if not isinstance(data, list):
            self.report((key,), f"expected a list, got {_kind(data)}")
            return ()
        entries: list[tuple[int, Any]] = []
        for i, item in enumerate(data):
            if (key, i) in self.source.failed:
                continue
            try:
                values = self.record(item, spec, (key, i))
            except BriefgenError as exc:  # an entry that is not key: value pairs
                self.found.append(exc)
                continue
            if values is not None:
                entries.append((i, cls(**values)))
        self.unique_ids(entries, key)
        return tuple(entry for _, entry in entries)

    def unique_ids(self, entries: list[tuple[int, Any]], key: str) -> None:
        """An id names one entry of its list: a second use is an error at the second."""
        first: dict[str, int] = {}
        for i, entry in entries:
            name = getattr(entry, "id", None)
            if name is None:
                continue
            if name in first:
                where = self.source.where((key, first[name], "id"))
                at = f"{where.file}:{where.line}" if where.line else f"{where.file}, {where.field}"
                self.report(
                    (key, i, "id"),
                    f"'{name}' is already the id of {key}[{first[name]}] ({at}); "
                    "an id names one entry of its list",
                )
                continue
            first[name] = i

    def in_file_order(self) -> list[BriefgenError]:
        """The errors found: the content file's first, then each other file's, by line."""
        if not self.found:
            return []
        files = [self.source.file, *(display_path(p) for p in self.source.inputs)]
        rank = {name: i for i, name in reversed(list(enumerate(files)))}
        return sorted(self.found, key=lambda e: (rank.get(e.file or "", len(rank)), e.line or 0))


def check(source: Source, path: Path) -> Brief:
    """Validate loaded data against schema v1; every error found is raised at once."""
    checker = _Checker(source)
    data = source.data
    if data is None:
        raise_all(checker.found)
        raise BriefgenError(
            "the file is empty; a brief needs at least title and summary", file=source.file
        )
    values = checker.record(data, {**BRIEF, **ARRANGE}, (), extra=(*LISTS, "include"))
    lists: dict[str, Any] = {key: checker.items(data.get(key), key) for key in LISTS}
    raise_all(checker.in_file_order())
    assert values is not None  # no error was found
    inputs = tuple(dict.fromkeys((path, *source.inputs)))
    return Brief(path=path, **values, **lists, inputs=inputs, lines=source.lines, origin=source)


def load(path: Path) -> Brief:
    """Read, parse and validate one content file (YAML or JSON), with what it includes."""
    return check(read(path), path)
