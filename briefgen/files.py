"""Reading the files a brief is made from: regular files only.

A FIFO, a device or a socket named as a content file, table, include,
template, theme, logo, font or letterhead would block a build forever (with
the output folder's lock held) or feed it endless bytes; each is refused with
one line naming it. Files are opened without blocking and checked after
opening, so what is read is what was checked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefgen.errors import BriefgenError, display_path

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _kind(mode: int) -> str | None:
    """What a file of this mode is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_size(path: Path, display: str, most: int, what: str) -> None:
    """Refuse path unless it is a regular file of at most `most` bytes; what names the
    kind of file in the message ("a table", "a content file")."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror}", file=display) from None
    check_regular(path, display)
    if size > most:
        raise BriefgenError(
            f"file is {size / 1e6:.1f} MB; {what} may be at most {most // 2**20} MB",
            file=display,
        )


def not_regular(path: Path, display: str | None = None) -> BriefgenError:
    kind = _kind(os.stat(path).st_mode) or "not a regular file"
    return BriefgenError(f"is {kind}, not a file; refused", file=display or display_path(path))


def check_regular(path: Path, display: str | None = None) -> None:
    """Refuse path unless it is a regular file (or missing: the reader says so)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if _kind(mode):
        raise not_regular(path, display)


def read_bytes(path: Path, display: str | None = None, most: int | None = None) -> bytes:
    """The bytes of a regular file of at most `most` bytes; BriefgenError for anything
    else (a larger file is refused without reading past the limit), OSError as open gives it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise BriefgenError(
                f"is {kind}, not a file; refused", file=display or display_path(path)
            )
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if most is not None and size > most:
                raise BriefgenError(
                    f"is larger than {most:,} bytes; refused", file=display or display_path(path)
                )
        return b"".join(chunks)
    finally:
        os.close(fd)
