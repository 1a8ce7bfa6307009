"""A loaded brief checked record by record and field by field, every error kept, so
that one run names them all, each at its file, line and field."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from briefgen.content.arrange import extra as own_fields
from briefgen.content.checks import Record, _Invalid, _kind, as_read
from briefgen.content.yamlsource import Path_, Source
from briefgen.errors import BriefgenError, display_path


class Checker:
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

    def items(self, data: Any, key: str, spec: Record, cls: type) -> tuple[Any, ...]:
        """The checked entries of the list under key, each made a cls."""
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
