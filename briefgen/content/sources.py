"""Where a brief's content comes from: its file, the files it includes, the tables it names.

``read(path)`` gives one Source: the content file (YAML or JSON) with its included
files merged in and each table reference replaced by the table's rows. Every value
still knows where it came from (file and line, or sheet, row and column), so the
schema's checks name the right place whichever file a value was read from.

Files are named relative to the file that names them, and must lie inside the
project: the folder holding ``briefgen.toml`` above the content file, or, where
there is none, the content file's own folder. Absolute paths are refused, and
symbolic links are followed before the check.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content import tables
from briefgen.content.checks import Record, _kind, whole_number
from briefgen.content.jsonsource import load_json
from briefgen.content.yamlsource import Path_, Source, Where, load_yaml, read_text
from briefgen.errors import BriefgenError, display_path
from briefgen.project import CONFIG
from briefgen.sections import BY_KEY, SECTIONS

CONTENT_SUFFIXES = (".yaml", ".yml", ".json")
#: the list fields that may name a table instead of holding a list
TABLE_FIELDS = tuple(s.key for s in SECTIONS)
REFERENCE_KEYS = ("file", "sheet")
MAX_INCLUDE_DEPTH = 8

_FILE_NAME = re.compile(r"\S+\.[A-Za-z]\w{0,4}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


def read(path: Path) -> Source:
    """The content file at path, with its includes merged and its tables read."""
    reader = _Reader(project_root(path))
    source = reader.content(path, ())
    source.inputs = list(dict.fromkeys(reader.inputs))
    return source


def project_root(path: Path) -> Path:
    """The folder a brief may read files from (see the module's notes)."""
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG).is_file():
            return candidate
    return folder


def _fail(source: Source, path: Path_, message: str) -> BriefgenError:
    where = source.where(path)
    return BriefgenError(message, file=where.file, line=where.line, field=where.field)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.inputs: list[Path] = []

    def content(self, path: Path, chain: tuple[Path, ...]) -> Source:
        display = display_path(path)
        text = read_text(path, display)
        if path.suffix.lower() == ".json":
            source = load_json(text, display)
        else:
            source = load_yaml(text, display)
        if isinstance(source.data, dict):
            for key in TABLE_FIELDS:
                try:
                    self._table(source, path, key)
                except BriefgenError as exc:  # the table is left out; the rest is checked
                    source.errors.append(exc)
                    source.failed.add((key,))
            if "include" in source.data:
                self._include(source, path, (*chain, path.resolve()))
        return source

    def resolve(
        self, source: Source, path: Path, at: Path_, name: Any, suffixes: tuple[str, ...]
    ) -> Path:
        """The file a content file names at field `at`, checked against the rules."""
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, at, f"expected a file name, got {_kind(name)}")
        name = name.strip()
        if Path(name).is_absolute() or name.startswith("~"):
            raise _fail(
                source, at, f"'{name}' is an absolute path; name the file relative to this one"
            )
        target: Path = path.parent / name
        if not target.resolve().is_relative_to(self.root):
            raise _fail(
                source,
                at,
                f"'{name}' is outside the project folder ({display_path(self.root)}); "
                "a brief reads only files inside it",
            )
        if target.suffix.lower() not in suffixes:
            either = ", ".join(suffixes[:-1]) + " or " + suffixes[-1]
            raise _fail(source, at, f"'{name}' is not a {either} file")
        try:
            if target.exists() and not target.is_file():  # a named pipe would block for ever
                raise _fail(source, at, f"'{name}' is not a regular file; refused")
            with target.open("rb"):
                pass
        except OSError as exc:
            raise _fail(source, at, f"cannot read '{name}': {exc.strerror}") from None
        self.inputs.append(target)
        return target

    # --- include: ---------------------------------------------------------------

    def _include(self, source: Source, path: Path, chain: tuple[Path, ...]) -> None:
        data: dict[str, Any] = source.data
        value = data.pop("include")
        names = value if isinstance(value, list) else [value]
        at: list[Path_] = (
            [("include", i) for i in range(len(names))]
            if isinstance(value, list)
            else [("include",)]
        )
        if len(chain) > MAX_INCLUDE_DEPTH:
            raise _fail(source, ("include",), f"includes nest more than {MAX_INCLUDE_DEPTH} deep")
        merged: dict[str, Any] = {}
        origin: dict[str, Source] = {}
        for name, field in zip(names, at, strict=True):
            target = self.resolve(source, path, field, name, CONTENT_SUFFIXES)
            if target.resolve() in chain:
                cycle = chain[chain.index(target.resolve()) :] + (target,)
                raise _fail(
                    source, field, "include cycle: " + " -> ".join(map(display_path, cycle))
                )
            included = self.content(target, chain)
            source.errors.extend(included.errors)
            if included.data is None:  # an empty file includes nothing
                continue
            if not isinstance(included.data, dict):
                raise _fail(
                    included,
                    (),
                    f"an included file must be key: value pairs; got {_kind(included.data)}",
                )
            for key, item in included.data.items():
                merged[key] = item
                origin[key] = included
        for key, included in origin.items():
            if key not in data:  # the including file's own keys win
                source.parts[(key,)] = included
                source.typed.update((p, t) for p, t in included.typed.items() if p[0] == key)
                source.failed.update(p for p in included.failed if p[0] == key)
        source.data = {**merged, **data}

    # --- tables -----------------------------------------------------------------

    def _table(self, source: Source, path: Path, key: str) -> None:
        value = source.data.get(key)
        sheet: str | None = None
        if isinstance(value, str) and (
            value.strip().lower().endswith(tables.SUFFIXES) or _FILE_NAME.fullmatch(value.strip())
        ):
            name: Any = value
            at: Path_ = (key,)
        elif isinstance(value, dict) and any(k in value for k in REFERENCE_KEYS):
            for k in value:
                if k not in REFERENCE_KEYS:
                    hint = difflib.get_close_matches(str(k), REFERENCE_KEYS, n=1)
                    more = f"did you mean '{hint[0]}'?" if hint else "a table has file and sheet"
                    raise _fail(source, (key, k), f"unknown field; {more}")
            if "file" not in value:
                raise _fail(source, (key,), "names a sheet but no file: add file: <name>.xlsx")
            name, at = value["file"], (key, "file")
            if value.get("sheet") is not None:
                if isinstance(value["sheet"], (list, dict, bool)):
                    raise _fail(
                        source,
                        (key, "sheet"),
                        f"expected a sheet name, got {_kind(value['sheet'])}",
                    )
                sheet = str(source.as_typed((key, "sheet"), value["sheet"])).strip()
        else:
            return  # a list, or something the schema's check will explain
        target = self.resolve(source, path, at, name, tables.SUFFIXES)
        if sheet is not None and target.suffix.lower() != ".xlsx":
            raise _fail(source, (key, "sheet"), "only an .xlsx workbook has sheets")
        display = display_path(target)
        try:
            table = tables.read(target, display, sheet)
        except tables.SheetNotFound as exc:
            if not exc.sheets:
                raise _fail(source, at, f"{display} has no worksheets") from None
            hint = difflib.get_close_matches(sheet or "", exc.sheets, n=1)
            more = (
                f"did you mean '{hint[0]}'?" if hint else "its sheets are " + ", ".join(exc.sheets)
            )
            raise _fail(
                source, (key, "sheet"), f"{display} has no sheet '{sheet}'; {more}"
            ) from None
        records, places = _records(table, key)
        source.data[key] = records
        source.typed = {p: t for p, t in source.typed.items() if p[0] != key}
        for i, place in enumerate(places):
            source.parts[(key, i)] = place


@dataclass(frozen=True)
class _RowPlace:
    """Where an entry read from a table row came from: its row, and a field's column."""

    table: tables.Table
    row: int
    columns: dict[str, int]

    def where(self, path: Path_) -> Where:
        column = self.columns.get(str(path[2])) if len(path) > 2 else None
        return Where(self.table.file, None, self.table.place(self.row, column))


def _records(table: tables.Table, key: str) -> tuple[list[dict[str, Any]], list[_RowPlace]]:
    """The table's rows as entries of the list field `key`, each with where it came from."""
    spec: Record = BY_KEY[key].fields  # its columns
    if table.header is None:  # an empty file is more likely a mistake than an empty list
        raise BriefgenError(
            f"has no header row (it is empty); the columns of {key} are {', '.join(spec)}",
            file=table.file,
        )
    header = table.header
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for column, name in enumerate(header.cells):
        if not name:
            continue
        field = re.sub(r"[\s-]+", "_", name.lower())
        if field not in spec:
            unknown.append(name)
        elif field in columns:
            first = table.column_name(columns[field])
            raise table.fail(
                f"a second {field} column (the first is '{first}')", header.number, column
            )
        else:
            columns[field] = column
    if unknown:
        raise table.fail(_unknown_columns(unknown, key, spec), header.number)
    required = [f for f, fld in spec.items() if fld.required]
    missing = [f for f in required if f not in columns]
    if missing:
        raise table.fail(
            f"no {' or '.join(missing)} column; {key} needs {', '.join(required)}", header.number
        )
    records: list[dict[str, Any]] = []
    places: list[_RowPlace] = []
    for row in table.rows:
        cells = row.cells
        records.append(
            {
                field: _cell(cells[column] if column < len(cells) else None, spec, field)
                for field, column in columns.items()
            }
        )
        places.append(_RowPlace(table, row.number, columns))
    return records, places


def _cell(value: Any, spec: Record, field: str) -> Any:
    """A cell as the field's check expects it: CSV holds whole numbers as text."""
    if (
        spec[field].check is whole_number
        and isinstance(value, str)
        and _WHOLE_NUMBER.fullmatch(value.strip())
    ):
        return int(value)
    return value


def _unknown_columns(names: list[str], key: str, spec: Record) -> str:
    shown = []
    for name in names:
        field = re.sub(r"[\s-]+", "_", name.lower())
        hint = (
            difflib.get_close_matches(field, spec, n=1, cutoff=0.6)
            or [word for word in field.split("_") if word in spec]
            or [known for known in spec if _abbreviates(field, known)]
        )
        shown.append(f"'{name}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""))
    plural = "s" if len(names) > 1 else ""
    return f"unknown column{plural} {', '.join(shown)}; the columns of {key} are {', '.join(spec)}"


def _abbreviates(short: str, name: str) -> bool:
    """Whether short abbreviates name (Qty, quantity): its first letter, the rest in order."""
    if len(short) < 2 or len(short) >= len(name) or short[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(letter in rest for letter in short[1:])
