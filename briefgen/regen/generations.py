"""Atomic output (``atomic_output = true``, ``--atomic``): a build appears all at once.

Two renames are not one: a kill between a brief's DOCX and PDF renames leaves a
new DOCX beside an old PDF until the next build. With atomic output, the output
folder is a symbolic link to a generation folder beside it::

    out -> .out.generations/7/        (readers open out/india.pdf as ever)

A build makes generation 8 from 7 with hard links (an unchanged file keeps its
inode and time), writes its new files into 8, fsyncs it, and then replaces the
link in one rename, so a reader sees every brief of generation 7 or every brief
of generation 8, never a mix, whenever the build is killed. Generation 7 is kept
for readers still reading it; older ones, and any a killed build left, go.

The first atomic build turns an existing output folder into generation 1 and
swaps it for the link in one ``renameat2(RENAME_EXCHANGE)`` on Linux (elsewhere,
a rename and a link, a moment apart; a kill between them is put right by the next
build). POSIX only; not with ``--shard``, whose builds would replace each other's
links; not for an output folder that is a mount point.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError, display_path

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


def store(out: Path) -> Path:
    """The folder of generation folders beside the output folder `out`."""
    return out.parent / f".{out.name}.generations"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _numbers(folder: Path) -> list[int]:
    try:
        return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())
    except FileNotFoundError:
        return []


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names a and b in one system call; False where the system or the file
    system cannot (ENOSYS, EINVAL); any other failure is raised."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    if call(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _link(source: Path, target: Path) -> None:
    """A hard link (same inode and time), or a copy where the two are on other file
    systems (an output folder that is a mount point) or links are refused."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@dataclass
class Generations:
    out: Path  # the output folder, a link to the current generation once published

    @property
    def store(self) -> Path:
        return store(self.out)

    def current(self) -> Path | None:
        """The generation folder readers see now, if the output folder is ours."""
        if not self.out.is_symlink():
            return None
        target = Path(os.readlink(self.out))
        where = (self.out.parent / target).resolve()
        if where.parent != self.store.resolve() or not where.name.isdigit():
            raise BriefgenError(
                f"is a link to {display_path(where)}, not to one of briefgen's generations; "
                "atomic output replaces the link in each build: point -o elsewhere",
                file=display_path(self.out),
            )
        return where

    def begin(self) -> Path:
        """A new generation folder holding hard links of every file readers see now."""
        if os.name != "posix":
            raise BriefgenError(
                "atomic output needs symbolic links (POSIX)", file=display_path(self.out)
            )
        if os.path.ismount(self.out):
            raise BriefgenError(
                "is a mount point, which cannot become a link; atomic output needs the "
                "folder above it to hold the output: build into a folder inside the mount",
                file=display_path(self.out),
            )
        self._recover()
        self.prune()  # generations a killed build left
        now = self.current()
        base = now if now is not None else (self.out if self.out.is_dir() else None)
        if base is not None:
            self._only_files(base)
        self.store.mkdir(parents=True, exist_ok=True)
        numbers = _numbers(self.store)
        folder = self.store / str((numbers[-1] if numbers else 0) + 1)
        folder.mkdir()
        if base is not None:
            for entry in sorted(base.iterdir()):
                _link(entry, folder / entry.name)
        return folder

    def _recover(self) -> None:
        """Finish a first swap a kill interrupted where the system has no exchange call
        (a rename and a link, a moment apart): the link, or the old folder, comes back."""
        link = self.out.parent / f".{self.out.name}.link"
        old = self.out.parent / f".{self.out.name}.old"
        if not os.path.lexists(self.out):
            if os.path.lexists(link):
                os.replace(link, self.out)
            elif old.is_dir():
                os.replace(old, self.out)
        if self.out.is_symlink() and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)  # its files live on in the generation the link shows

    def _only_files(self, base: Path) -> None:
        """Refuse an output folder holding anything a generation could not carry over."""
        for entry in sorted(base.iterdir()):
            if entry.is_symlink() or not entry.is_file():
                raise BriefgenError(
                    f"holds {entry.name}, which is not a file; atomic output publishes "
                    "files only and would leave it behind: move it out of the folder",
                    file=display_path(self.out),
                )

    def same(self, folder: Path) -> bool:
        """Whether the new generation holds exactly the files readers see now."""
        now = self.current()
        if now is None:
            return False

        def files(where: Path) -> set[tuple[str, int, int]]:
            # by size and time, not inode: where links fail, the files are copies (copy2)
            return {(p.name, (s := p.stat()).st_size, s.st_mtime_ns) for p in where.iterdir()}

        return files(now) == files(folder)

    def publish(self, folder: Path) -> None:
        """Make folder the generation readers see, in one rename, then drop the older ones."""
        _fsync(folder)
        link = self.out.parent / f".{self.out.name}.link"
        link.unlink(missing_ok=True)
        os.symlink(os.path.relpath(folder, self.out.parent), link)
        if self.out.is_symlink() or not self.out.exists():
            os.replace(link, self.out)
        elif _exchange(link, self.out):  # a real folder becomes the link, in one call
            shutil.rmtree(link)  # now the old folder, whose files live on in generation 1
        else:
            old = self.out.parent / f".{self.out.name}.old"
            os.replace(self.out, old)
            os.replace(link, self.out)
            shutil.rmtree(old)
        _fsync(self.out.parent)
        self.prune(keep=folder)

    def abandon(self, folder: Path) -> None:
        """Remove an unpublished generation; never the one readers see (a signal may
        arrive after the link was replaced)."""
        try:
            if self.current() == folder.resolve():
                return
        except BriefgenError:
            return
        shutil.rmtree(folder, ignore_errors=True)

    def prune(self, keep: Path | None = None) -> None:
        """Remove every generation but the one readers see, the one before it, and keep."""
        if not os.path.lexists(self.out) and _numbers(self.store):
            return  # a first swap is unfinished: _recover puts it right, nothing is removed
        now = self.current()
        numbers = _numbers(self.store)
        wanted = {p.name for p in (now, keep) if p is not None}
        if now is not None:
            earlier = [n for n in numbers if n < int(now.name)]
            if earlier:
                wanted.add(str(earlier[-1]))
        for number in numbers:
            if str(number) not in wanted:
                shutil.rmtree(self.store / str(number), ignore_errors=True)
