"""The one exception type users see: a message that names the file, line and field."""

from __future__ import annotations

import os
from pathlib import Path


class BriefgenError(Exception):
    """A user error: printed as one line, exit code 1, never a traceback."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class FitError(BriefgenError):
    """The brief does not fit on one page even at the smallest allowed size."""


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    absolute = Path(os.path.abspath(path))  # not resolve(): keep the name of a symlink
    try:
        return str(absolute.relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(path)
