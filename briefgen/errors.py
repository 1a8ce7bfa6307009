"""The one exception type users see: a message that names the file, line and field."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

#: the errors one file reports at most; past these, one line says how many more
MAX_SHOWN = 20
#: the characters str.splitlines() ends a line at, which an error's one line must not hold
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_ESCAPED = {ord(c): c.encode("unicode_escape").decode("ascii") for c in _BREAKS}


def warning_line(source: str, warning: str) -> str:
    """A brief's warning as printed: 'warning: SOURCE: ...', unless the warning names
    its place in that file itself ('SOURCE:LINE: field: ...')."""
    return (
        f"warning: {warning}"
        if warning.startswith(f"{source}:")
        else (f"warning: {source}: {warning}")
    )


class BriefgenError(Exception):
    """A user error: printed as one line, exit code 1, never a traceback."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        column: int | None = None,
        excerpt: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.column = column
        #: the lines under the message that show where (the source line and a caret),
        #: each indented, so that no one mistakes them for a message of their own
        self.excerpt = excerpt
        super().__init__(str(self))

    def headline(self) -> str:
        """The error's one line: file:line[:column]: field: message."""
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "")
            where += (f":{self.column}" if self.line and self.column else "") + ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}".translate(_ESCAPED)  # a key named "\r"

    def __str__(self) -> str:
        return self.headline() + (f"\n{self.excerpt}" if self.excerpt else "")


class Errors(BriefgenError):
    """Several errors found in one pass over a file, reported together: one line each, in
    the order given (file order), at most MAX_SHOWN and then how many more."""

    def __init__(self, errors: Sequence[BriefgenError]) -> None:
        self.errors = tuple(errors)
        first = self.errors[0]
        super().__init__(first.message, file=first.file, line=first.line, field=first.field)

    def __str__(self) -> str:
        shown = [
            e.headline() + (f"\n{e.excerpt}" if e.excerpt else "") for e in self.errors[:MAX_SHOWN]
        ]
        more = len(self.errors) - len(shown)
        if more:
            shown.append(f"  and {more} more error{'s' if more > 1 else ''}")
        return "\n".join(shown)


def raise_all(errors: Sequence[BriefgenError]) -> None:
    """Raise the one error, or all of them together; nothing if there are none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise Errors(errors)


def error_lines(text: str) -> list[str]:
    """A failure's text as the lines to print: 'error: ' before each error, none before the
    indented lines that show where (a source line and its caret, 'and 3 more errors')."""
    return [line if line.startswith(" ") else f"error: {line}" for line in text.splitlines()]


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
