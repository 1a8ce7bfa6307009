"""Content schema v1: what a brief says, checked field by field.

Every error names the file, the line and the field path, e.g.
``content/x.yaml:14: next_steps[2].status: 'finished' is not one of planned, ...``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError, display_path
from briefgen.yamlsource import Locator, Path_, Source, Where, field_path

STATUSES = ("planned", "agreed", "in-progress", "done", "blocked")
STAGES = ("proposed", "announced", "negotiation", "contracted", "delivery", "in-service")


@dataclass(frozen=True)
class Statement:
    speaker: str
    text: str
    role: str | None = None
    source: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Step:
    action: str
    owner: str | None = None
    due: dt.date | str | None = None
    status: str = "agreed"


@dataclass(frozen=True)
class Item:
    """One system in the procurement pipeline."""

    system: str
    stage: str
    category: str | None = None
    quantity: int | None = None
    arrangement: str | None = None
    value: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True)
class Brief:
    path: Path
    title: str
    summary: str
    subtitle: str | None = None
    date: dt.date | None = None
    classification: str = "UNCLASSIFIED"
    prepared_by: str | None = None
    key_statements: tuple[Statement, ...] = ()
    next_steps: tuple[Step, ...] = ()
    procurement: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()
    template: str | None = None
    #: every file this brief was read from: the content file, then any file it names
    inputs: tuple[Path, ...] = ()
    lines: dict[Path_, int] = field(default_factory=dict, compare=False, repr=False)
    #: where each value came from, across included files and tables (None: only lines)
    origin: Locator | None = field(default=None, compare=False, repr=False)

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
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if is_dataclass(item):
                    yield from _record_texts(item, (*path, f.name, i))


# --- field checks ---------------------------------------------------------------

Check = Callable[[Any], Any]
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NEAR_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$")
MAX_QUANTITY = 1_000_000
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


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
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise _Invalid(f"'{value}' is not a valid date: {exc}") from None
    raise _Invalid(f"{_show(value)} is not a date (write YYYY-MM-DD)")


def due(value: Any) -> dt.date | str:
    if isinstance(value, (dt.date, dt.datetime)) or (
        isinstance(value, str) and _ISO_DATE.match(value.strip())
    ):
        return date(value)
    if isinstance(value, str) and _NEAR_DATE.match(value.strip()):
        raise _Invalid(f"'{value.strip()}' looks like a date: write it YYYY-MM-DD, e.g. 2025-07-01")
    return text(value)


def whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"{_show(value)} is not a whole number")
    if value < 0:
        raise _Invalid(f"{value} is negative")
    if value > MAX_QUANTITY:
        raise _Invalid(f"{value} is more than {MAX_QUANTITY:,}")
    return value


def one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str:
        word = text(value)
        norm = re.sub(r"[\s_]+", "-", word.lower())
        if norm not in choices:
            raise _Invalid(f"'{word}' is not one of {', '.join(choices)}")
        return norm

    return check


def template_name(value: Any) -> str:
    name = text(value)
    if not _TEMPLATE_NAME.match(name):
        raise _Invalid(f"'{name}' is not a template name (letters, digits, '-', '_', '.')")
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


# --- records --------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False


Record = dict[str, Field]

STATEMENT: Record = {
    "speaker": Field(text, required=True),
    "role": Field(text),
    "text": Field(text, required=True),
    "source": Field(text),
    "date": Field(date),
}
STEP: Record = {
    "action": Field(text, required=True),
    "owner": Field(text),
    "due": Field(due),
    "status": Field(one_of(STATUSES)),
}
ITEM: Record = {
    "system": Field(text, required=True),
    "category": Field(text),
    "quantity": Field(whole_number),
    "arrangement": Field(text),
    "stage": Field(one_of(STAGES), required=True),
    "value": Field(text),
    "notes": Field(text),
}
SECTION: Record = {
    "heading": Field(text, required=True),
    "body": Field(text, required=True),
}
LISTS: dict[str, tuple[Record, type]] = {
    "key_statements": (STATEMENT, Statement),
    "next_steps": (STEP, Step),
    "procurement": (ITEM, Item),
    "sections": (SECTION, Section),
}
BRIEF: Record = {
    "title": Field(title, required=True),
    "subtitle": Field(text),
    "date": Field(date),
    "classification": Field(marking),
    "prepared_by": Field(text),
    "summary": Field(text, required=True),
    "template": Field(template_name),
}
TOP_KEYS = (*BRIEF, *LISTS)


class _Checker:
    def __init__(self, source: Source) -> None:
        self.source = source

    def fail(self, path: Path_, message: str) -> BriefgenError:
        where = self.source.where(path)
        return BriefgenError(message, file=where.file, line=where.line, field=where.field)

    def record(
        self, data: Any, spec: Record, path: Path_, extra: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            what = "each entry" if path else "a brief"
            fields = ", ".join((*spec, *extra))
            raise self.fail(path, f"{what} must be key: value pairs ({fields}); got {_kind(data)}")
        known = (*spec, *extra)
        for key in data:
            if key not in known:
                hint = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                suggestion = (
                    f"; did you mean '{hint[0]}'?"
                    if hint
                    else f"; known fields: {', '.join(known)}"
                )
                raise self.fail((*path, key), "unknown field" + suggestion)
        values: dict[str, Any] = {}
        for name, fld in spec.items():
            value = data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                if fld.required:
                    problem = "is required but empty" if name in data else "is required"
                    raise self.fail((*path, name), problem)
                continue
            try:
                values[name] = fld.check(value)
            except _Invalid as exc:
                raise self.fail((*path, name), str(exc)) from None
        return values

    def items(self, data: Any, key: str) -> tuple[Any, ...]:
        spec, cls = LISTS[key]
        if data is None:
            return ()
        if not isinstance(data, list):
            raise self.fail((key,), f"expected a list, got {_kind(data)}")
        return tuple(cls(**self.record(item, spec, (key, i))) for i, item in enumerate(data))


def check(source: Source, path: Path) -> Brief:
    """Validate loaded data against schema v1."""
    checker = _Checker(source)
    data = source.data
    if data is None:
        raise BriefgenError(
            "the file is empty; a brief needs at least title and summary", file=source.file
        )
    values: dict[str, Any] = checker.record(data, BRIEF, (), extra=(*LISTS, "include"))
    for key in LISTS:
        values[key] = checker.items(data.get(key), key)
    inputs = tuple(dict.fromkeys((path, *source.inputs)))
    return Brief(path=path, **values, inputs=inputs, lines=source.lines, origin=source)


def load(path: Path) -> Brief:
    """Read, parse and validate one content file (YAML or JSON), with what it includes."""
    # sources builds on the schema defined here (which fields may be tables), so it is
    # imported when needed rather than at the top
    from briefgen.sources import read

    return check(read(path), path)
