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
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import TracebackType

TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # the names _name gives (and mkstemp gave)
#: test hook: seconds to pause after staging each output file, before renaming it
PAUSE = "BRIEFGEN_TEST_WRITE_PAUSE"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_STOPS = (KeyboardInterrupt, SystemExit)


_asking = threading.Lock()  # two threads asking at once could leave the umask at 0


@cache
def _umask() -> int:
    with _asking:
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


def _equal(path: Path, data: bytes) -> bool:
    """Whether the file at path holds exactly data."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


@dataclass
class Staged:
    """A new version of path, complete in a temporary file beside it (and fsynced,
    once synced is True)."""

    path: Path
    tmp: Path
    #: the new bytes: the old file is compared with them, the temporary file never read back
    data: bytes = b""
    #: the temporary file, still open: fsynced through it, not opened again
    fd: int | None = None
    synced: bool = False

    def fill(self, data: bytes) -> None:
        """Create the temporary file (under another name if one is taken meanwhile) and
        write data into it, left open for sync."""
        self.data = data
        while True:
            try:
                self.fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
                break
            except FileExistsError:
                self.tmp = _random_name(self.path)
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]

    def sync(self) -> None:
        """Flush the temporary file to disk, once, and close it."""
        if not self.synced and self.fd is not None:
            _flush(self)
        self.synced = True
        self._close()

    def commit(self, *, sync: bool = True) -> bool:
        """Rename the new version over the old; False (and nothing touched) if the bytes equal.

        The temporary file is fsynced first if it is not yet; sync=False leaves the
        folder's fsync to the caller (a batch syncs each folder once)."""
        self.sync()
        if _equal(self.path, self.data):
            self.discard()
            return False
        try:
            mode = self.path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(self.tmp, mode)  # created private; now the old file's mode, or the usual
        os.replace(self.tmp, self.path)
        if sync:
            _fsync_folder(self.path.parent)
        return True

    def _close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)

    def discard(self) -> None:
        """Remove the temporary file (closed first: Windows removes no open file)."""
        try:
            self._close()
        finally:
            self.tmp.unlink(missing_ok=True)


def _pause() -> None:
    pause = os.environ.get(PAUSE)
    if pause:  # tests kill or stop a build here, its new file complete but not renamed
        time.sleep(float(pause))


def _flush(staged: Staged) -> None:
    """fsync a staged file, through the file it was written through."""
    assert staged.fd is not None
    os.fsync(staged.fd)


def _random_name(path: Path) -> Path:
    """A temporary name beside path: '.NAME.XXXXXXXX.tmp' (Staged.fill makes sure it is
    not in use)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def write_bytes(path: Path, data: bytes) -> bool:
    """Write data through a temporary file in the same folder, then rename it over the
    old file; the file, then its folder, fsynced. A failure at any point leaves the
    previous file as it was, and no temporary file. Returns whether the file changed
    (False: it held these bytes already, and nothing was written)."""
    if _equal(path, data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = Staged(path, _random_name(path))
    try:
        staged.fill(data)
        return staged.commit()
    except BaseException:
        staged.discard()
        raise


@dataclass
class Batch:
    """Stage several files, then rename them together: a failure while staging
    any of them changes none of them (a brief's DOCX and PDF stay a pair)."""

    staged: list[Staged] = field(default_factory=list)

    def put(self, path: Path, data: bytes, *, sync: bool = True) -> None:
        """Write path's new version beside it, through one open file. sync=False leaves
        its fsync to commit (which may then run on another thread, while this one goes
        on), through the same file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = Staged(path, _random_name(path))
        self.staged.append(staged)  # before the file exists: leaving the batch removes it
        staged.fill(data)
        if sync:
            staged.sync()
        _pause()

    def commit(self) -> list[Path]:
        """Rename every staged file into place; returns those whose bytes changed.

        Files staged with sync=False are fsynced first, every one before any rename.
        Each folder is fsynced once, after its renames (a DOCX and PDF beside each
        other: one fsync, not two), before this returns."""
        for staged in self.staged:  # all on disk before any is renamed: a pair stays a pair
            staged.sync()
        changed: list[Path] = []
        try:
            while self.staged:
                staged = self.staged[0]
                if staged.commit(sync=False):
                    changed.append(staged.path)
                self.staged.pop(0)
        finally:
            for folder in dict.fromkeys(path.parent for path in changed):
                _fsync_folder(folder)
        return changed

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()

    def discard(self) -> None:
        """Remove every staged file not yet renamed (each tried, whatever the others do)."""
        staged, self.staged = self.staged, []
        failed: BaseException | None = None
        for one in staged:
            try:
                one.discard()
            except BaseException as exc:  # a stop or an error: the rest first, then it
                if failed is None or (isinstance(exc, _STOPS) and not isinstance(failed, _STOPS)):
                    failed = exc  # the first stop outranks the first error
        if failed is not None:
            raise failed


def target(temp_name: str) -> str | None:
    """The file a temporary file was to become: '.x.pdf.k3j_9x2a.tmp' -> 'x.pdf'."""
    return temp_name[1:-13] if TEMP.match(temp_name) else None


def clean(folder: Path, owned: Callable[[str], bool] | None = None) -> list[Path]:
    """Remove temporary files a killed build left in folder; call only under its lock.

    owned(name), if given, limits this to temporary files for the files it owns (by
    name): a shard removes its own, never those another shard is writing.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = target(entry.name)
        if name is None or (owned is not None and not owned(name)):
            continue
        if entry.is_file():
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed
