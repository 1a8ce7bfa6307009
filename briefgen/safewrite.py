"""Safe writes: a file is either its previous good self or its new self, never half.

Each file is written to a temporary file in its own folder (``.NAME.XXXXXXXX.tmp``),
flushed and fsynced, then renamed over the old one; the folder is fsynced too,
so the rename survives a power cut. A file whose new bytes equal its old bytes
is left alone, so its modification time stays. A failure removes the temporary
file; a kill (which nothing can catch) can leave one behind, which ``clean``
removes at the next build in that folder, under the folder's lock.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import TracebackType

TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # the names tempfile.mkstemp gives below
#: test hook: seconds to pause after staging each output file, before renaming it
PAUSE = "BRIEFGEN_TEST_WRITE_PAUSE"


@cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a platform or file system that cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _same(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except FileNotFoundError:
        return False


@dataclass
class Staged:
    """A new version of path, complete and fsynced in a temporary file beside it."""

    path: Path
    tmp: Path

    def commit(self) -> bool:
        """Rename the new version over the old; False (and nothing touched) if the bytes equal."""
        if _same(self.tmp, self.path):
            self.discard()
            return False
        try:
            mode = self.path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(self.tmp, mode)  # mkstemp makes it private; keep the old file's mode
        os.replace(self.tmp, self.path)
        _fsync_folder(self.path.parent)
        return True

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def stage(path: Path, write: Callable[[Path], None]) -> Staged:
    """Write path's new version to a temporary file in its folder; raises, leaving none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    staged = Staged(path, Path(name))
    try:
        write(staged.tmp)
        with staged.tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        staged.discard()
        raise
    return staged


def write_atomic(path: Path, write: Callable[[Path], None]) -> bool:
    """Write through a temporary file in the same folder, then rename over the old file.

    A failure at any point leaves the previous file as it was, and no temporary file.
    Returns whether the file changed (False: the new bytes equalled the old).
    """
    staged = stage(path, write)
    try:
        return staged.commit()
    except BaseException:
        staged.discard()
        raise


def write_bytes(path: Path, data: bytes) -> bool:
    """write_atomic for bytes at hand."""

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write_atomic(path, write)


@dataclass
class Batch:
    """Stage several files, then rename them together: a failure while staging
    any of them changes none of them (a brief's DOCX and PDF stay a pair)."""

    staged: list[Staged] = field(default_factory=list)

    def stage(self, path: Path, write: Callable[[Path], None]) -> None:
        self.staged.append(stage(path, write))
        pause = os.environ.get(PAUSE)
        if pause:  # tests kill or stop a build here, its new file complete but not renamed
            time.sleep(float(pause))

    def commit(self) -> list[Path]:
        """Rename every staged file into place; returns those whose bytes changed."""
        changed = []
        while self.staged:
            staged = self.staged[0]
            if staged.commit():
                changed.append(staged.path)
            self.staged.pop(0)
        return changed

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for staged in self.staged:
            staged.discard()
        self.staged.clear()


def clean(folder: Path) -> list[Path]:
    """Remove temporary files a killed build left in folder; call only under its lock."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if TEMP.match(entry.name) and entry.is_file():
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed
