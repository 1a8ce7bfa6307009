"""Tables from the files people keep: a CSV file or an XLSX sheet -> header and rows.

Reading only: cells keep their row numbers (as the spreadsheet shows them) and the
header they sit under; which column means which field is the caller's business.

- CSV: UTF-8 with or without a byte-order mark; comma or semicolon, whichever the
  header line has more of. Every cell is text.
- XLSX: read with openpyxl in read-only mode. A formula cell gives the result the
  spreadsheet program saved with it and is never calculated; a formula with no saved
  result is an error (its value is unknown, not empty). Text that looks like a formula
  stays text. Dates become dates; whole numbers become ints; TRUE/FALSE become text.

The first non-empty row is the header; empty rows are skipped; blank cells are None.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen import files
from briefgen.errors import BriefgenError

SUFFIXES = (".csv", ".xlsx")
#: a brief's table is a page at most; these bounds stop a stray export or a zip bomb
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ROWS = 500


@dataclass(frozen=True)
class Row:
    number: int
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    file: str
    #: the sheet's name, for an XLSX workbook
    sheet: str | None
    #: the header row's cells, as text ("" where blank); None for a file with no rows
    header: Row | None
    rows: tuple[Row, ...]

    def place(self, row: int, column: int | None = None) -> str:
        """Where a row or cell is, as an error names it: 'sheet S, row 7, column stage'."""
        where = f"sheet {self.sheet}, " if self.sheet is not None else ""
        where += f"row {row}"
        if column is not None:
            where += f", column {self.column_name(column)}"
        return where

    def column_name(self, column: int) -> str:
        """A column by its header, or where it has none by its letter (XLSX) or number."""
        cells = self.header.cells if self.header else ()
        name = cells[column] if column < len(cells) else None
        if name is not None and not isinstance(name, _Unreadable) and str(name).strip():
            return str(name).strip()
        return _letter(column) if self.sheet is not None else str(column + 1)

    def fail(self, message: str, row: int, column: int | None = None) -> BriefgenError:
        return BriefgenError(message, file=self.file, field=self.place(row, column))


class SheetNotFound(Exception):
    """The workbook has no sheet of that name (the content file named it)."""

    def __init__(self, sheets: list[str]) -> None:
        super().__init__(sheets)
        self.sheets = sheets


@dataclass(frozen=True)
class _Unreadable:
    """A cell whose value cannot be known; an error once its column is known."""

    reason: str


def read(path: Path, display: str, sheet: str | None = None) -> Table:
    """Read a CSV file or a sheet of an XLSX workbook (the first, unless sheet names one)."""
    files.check_size(path, display, MAX_BYTES, "a table")
    if path.suffix.lower() == ".csv":
        return _table(display, None, _csv_rows(path, display))
    return _xlsx_table(path, display, sheet)


def _table(display: str, sheet: str | None, rows: Iterable[tuple[int, list[Any]]]) -> Table:
    header: Row | None = None
    body: list[Row] = []
    for number, cells in rows:
        row = Row(number, tuple(_blank_to_none(c) for c in cells))
        if all(c is None for c in row.cells):
            continue
        if header is None:
            header = row
        elif len(body) < MAX_ROWS:
            body.append(row)
        else:
            where = f"sheet {sheet}: " if sheet is not None else ""
            raise BriefgenError(
                f"{where}more than {MAX_ROWS} rows; a one-page brief shows far fewer",
                file=display,
            )
    raw = Table(display, sheet, header, tuple(body))
    _check_cells(raw)
    if header is None:
        return raw
    names = tuple("" if c is None else str(c).strip() for c in header.cells)
    return Table(display, sheet, Row(header.number, names), tuple(body))


def _check_cells(table: Table) -> None:
    """Refuse cells whose value is unknown, and values under no header."""
    if table.header is None:
        return
    header = table.header.cells
    for row in (table.header, *table.rows):
        for column, cell in enumerate(row.cells):
            if isinstance(cell, _Unreadable):
                raise table.fail(cell.reason, row.number, column)
            if cell is not None and (column >= len(header) or header[column] is None):
                raise table.fail(
                    f"{_show(cell)} is in a column with no header; name the column or "
                    "clear the cell",
                    row.number,
                    column,
                )


def _blank_to_none(cell: Any) -> Any:
    if isinstance(cell, str) and not cell.strip():
        return None
    return cell


def _show(cell: Any) -> str:
    shown = repr(cell) if isinstance(cell, str) else str(cell)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- CSV ------------------------------------------------------------------------


def _csv_rows(path: Path, display: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = files.read_bytes(path, display).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefgenError(
            f"not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'", file=display
        ) from None
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror}", file=display) from None
    header = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    delimiter = ";" if unquoted.count(";") > unquoted.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, list(cells)
    except csv.Error as exc:
        raise BriefgenError(
            f"not valid CSV: {exc}", file=display, field=f"row {number + 1}"
        ) from None


# --- XLSX -----------------------------------------------------------------------


def _xlsx_table(path: Path, display: str, sheet: str | None) -> Table:
    _check_zip(path, display)
    import openpyxl  # about 100 ms; only briefs that read a workbook pay for it

    try:
        with warnings.catch_warnings(), contextlib.ExitStack() as stack:
            # e.g. "Data Validation extension is not supported": not the user's concern
            warnings.simplefilter("ignore")
            # the same sheet twice: once for saved results, once to know which are formulas
            books = []
            for data_only in (True, False):
                books.append(openpyxl.load_workbook(path, read_only=True, data_only=data_only))
                stack.callback(books[-1].close)
            names = [ws.title for ws in books[0].worksheets]
            name = sheet if sheet is not None else (names[0] if names else None)
            if name is None or name not in names:
                raise SheetNotFound(names)
            return _table(display, name, _xlsx_cells(books[0][name], books[1][name]))
    except (SheetNotFound, BriefgenError):
        raise
    except Exception as exc:  # a damaged workbook can fail anywhere inside openpyxl
        detail = " ".join(str(exc).split())[:120]
        raise BriefgenError(
            f"cannot read the workbook: {type(exc).__name__}: {detail}", file=display
        ) from None


def _check_zip(path: Path, display: str) -> None:
    """Refuse what is not an XLSX file, or unpacks to far more than it weighs."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError):
        raise BriefgenError(
            "not an .xlsx workbook (not a zip archive; an old .xls file must be saved as "
            ".xlsx or CSV)",
            file=display,
        ) from None
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror}", file=display) from None
    if unpacked > MAX_UNPACKED:
        raise BriefgenError(
            f"the workbook unpacks to {unpacked / 1e6:.0f} MB; at most "
            f"{MAX_UNPACKED // 2**20} MB are read",
            file=display,
        )


def _xlsx_cells(values: Any, formulas: Any) -> Iterator[tuple[int, list[Any]]]:
    # dimensions written by other programs can be wrong; read every cell there is
    values.reset_dimensions()
    formulas.reset_dimensions()
    for number, (row, formula_row) in enumerate(
        zip(values.iter_rows(), formulas.iter_rows(), strict=True), start=1
    ):
        formula_cells = {i: c for i, c in enumerate(formula_row) if c.data_type == "f"}
        if formula_cells or any(c.value is not None for c in row):
            # (a sheet can hold a million empty rows before one styled cell at its foot)
            yield number, [_xlsx_value(c, formula_cells.get(i)) for i, c in enumerate(row)]


def _xlsx_value(cell: Any, formula: Any) -> Any:
    value = cell.value
    if cell.data_type == "e":
        return _Unreadable(f"the cell shows the error {value}")
    if value is None:
        if formula is not None and cell.data_type != "str":  # "str": an empty text result
            shown = _show(str(getattr(formula.value, "text", formula.value)))
            return _Unreadable(
                f"the formula {shown} has no saved result (briefgen never calculates "
                "formulas): open and save the workbook in a spreadsheet program, or type "
                "the value"
            )
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
