"""Content schema v1: what a brief says, checked field by field.

Every error names the file, the line and the field path, e.g.
``content/x.yaml:14: next_steps[2].status: 'finished' is not one of planned, ...``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from briefgen.content.arrange import ARRANGE
from briefgen.content.checker import Checker
from briefgen.content.checks import (
    STAGES,
    STATUSES,
    Check,
    Field,
    Record,
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


def check(source: Source, path: Path) -> Brief:
    """Validate loaded data against schema v1; every error found is raised at once."""
    checker = Checker(source)
    data = source.data
    if data is None:
        raise_all(checker.found)
        raise BriefgenError(
            "the file is empty; a brief needs at least title and summary", file=source.file
        )
    values = checker.record(data, {**BRIEF, **ARRANGE}, (), extra=(*LISTS, "include"))
    lists: dict[str, Any] = {key: checker.items(data.get(key), key, *LISTS[key]) for key in LISTS}
    raise_all(checker.in_file_order())
    assert values is not None  # no error was found
    inputs = tuple(dict.fromkeys((path, *source.inputs)))
    return Brief(path=path, **values, **lists, inputs=inputs, lines=source.lines, origin=source)


def load(path: Path) -> Brief:
    """Read, parse and validate one content file (YAML or JSON), with what it includes."""
    return check(read(path), path)
