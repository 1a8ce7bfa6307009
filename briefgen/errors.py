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


def brief_error(source: Path, exc: Exception) -> str:
    """The one line that reports a brief's failure, wherever it was built.

    A user error as it reads; a write that failed naming the brief; a bug as
    'internal error', so that it does not stop the other briefs.
    """
    if isinstance(exc, FitError) and not exc.file:  # a writer's own fit (the slide's)
        return f"{display_path(source)}: {exc}"
    if isinstance(exc, BriefgenError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{display_path(source)}: cannot write: {exc.strerror or exc}"
    detail = " ".join(str(exc).split())[:200]
    return f"{display_path(source)}: internal error: {type(exc).__name__}: {detail}"


def debugging() -> bool:
    """BRIEFGEN_DEBUG is set: let a bug raise, with its traceback."""
    return bool(os.environ.get("BRIEFGEN_DEBUG"))
