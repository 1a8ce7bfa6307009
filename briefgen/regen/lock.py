"""One build per output folder at a time: an advisory lock on a file in its state folder.

The lock is ``fcntl.flock`` on ``lock`` in the output folder's state folder (state.py) (on Windows,
``msvcrt.locking`` on its first byte). The kernel drops it
when the holding process ends, however it ends, so a lock file left behind by a
killed build never blocks the next one. While holding the lock, a build writes
its pid, host and start time into the file, for the message a second build
prints. The file itself is never deleted: deleting a lock file races with a
process that has just opened it.

Shards (``--shard I/N``) write disjoint briefs, so they may share a folder: a
shard holds ``lock`` shared, which keeps out a whole build but not the other
shards, and ``lock-I-of-N`` alone, which keeps out a second run of the same
shard. A shard also refuses to run beside a shard of another count (2/3 and
2/4 would build some briefs twice at once). Windows has no shared lock here:
there, shards of one folder take turns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from briefgen.errors import BriefgenError, display_path
from briefgen.regen.shard import Shard

NAME = "lock"
POLL = 0.1  # seconds between attempts while waiting
_SHARD_LOCK = re.compile(r"^lock-(\d+)-of-(\d+)$")


class Busy(BriefgenError):
    """Another build holds the output folder (exit code 75, EX_TEMPFAIL)."""

    exit_code = 75


if sys.platform == "win32":  # pragma: no cover - not run on the machines that test this
    import msvcrt

    def _try(fh: IO[str], shared: bool = False) -> bool:
        fh.seek(0)  # no shared lock: a shard takes the whole folder, so shards take turns
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try(fh: IO[str], shared: bool = False) -> bool:
        try:
            fcntl.flock(fh.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class _Folder:
    """A lock on the output folder itself (a descriptor of the folder, nothing written in
    it), so builds that keep their records in different state folders (--state-dir, a
    path spelt another way) still never build one folder at once. POSIX only."""

    def __init__(self, anchor: Path) -> None:
        self.fd: int | None = None
        if sys.platform != "win32":
            anchor.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(anchor, os.O_RDONLY)

    def fileno(self) -> int:
        assert self.fd is not None
        return self.fd

    def take(self, shared: bool) -> bool:
        return self.fd is None or _try(self, shared)  # type: ignore[arg-type]

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None


def holder(path: Path) -> str:
    """Who holds the lock, as recorded in the file: 'pid 123 on host since 06:00:01'."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(info["started"])
        who = f"pid {info['pid']} on {info['host']} since {started:%Y-%m-%d %H:%M:%S}"
        return who + (f" as shard {info['shard']}" if info.get("shard") else "")
    except (OSError, ValueError, KeyError, TypeError):
        return "another briefgen process"


def _busy(folder: Path, who: str) -> str:
    return f"{display_path(folder)} is being built by {who}; try again later, or use --wait"


def _shard_locks(state: Path) -> list[tuple[Path, int]]:
    """The shard lock files in the folder, with the shard count each names."""
    try:
        names = sorted(p.name for p in state.iterdir())
    except OSError:
        return []
    return [(state / n, int(m[2])) for n in names if (m := _SHARD_LOCK.match(n))]


def _held(path: Path) -> bool:
    """Whether a build holds this lock file now (a shared probe, released at once)."""
    try:
        fh = path.open("a+", encoding="utf-8")
    except OSError:
        return False
    with fh:
        if not _try(fh, shared=True):
            return True
        _release(fh)
        return False


class _Attempt:
    """One try at the locks a build needs; who holds them if it fails."""

    def __init__(
        self, state: Path, main: IO[str], own: IO[str] | None, shard: Shard | None, folder: _Folder
    ):
        self.state, self.main, self.own, self.shard = state, main, own, shard
        self.folder = folder

    def __call__(self) -> str | None:
        """None if every lock is now held; else who holds the one that is not free."""
        who = self._try()
        if who is not None:
            return who
        if not self.folder.take(shared=self.shard is not None):
            self._release_all()
            return "another briefgen process, keeping its records in another state folder"
        return None

    def _release_all(self) -> None:
        if self.own is not None:
            _release(self.own)
        _release(self.main)

    def _try(self) -> str | None:
        if self.shard is None:
            if _try(self.main):
                return None
            return holder(self.state / NAME) if not self._shared_only() else self._shards()
        if not _try(self.main, shared=True):
            return holder(self.state / NAME)
        assert self.own is not None
        if not _try(self.own):
            _release(self.main)
            return holder(self.state / f"{NAME}-{self.shard.tag}")
        for path, count in _shard_locks(self.state):
            if count != self.shard.count and _held(path):
                _release(self.own)
                _release(self.main)
                return f"{holder(path)} (shards that share a folder must use the same count)"
        return None

    def _shared_only(self) -> bool:
        """Whether the folder's lock is held only by shards (shared): then they are named."""
        if not _try(self.main, shared=True):
            return False
        _release(self.main)
        return True

    def _shards(self) -> str:
        held = [holder(p) for p, _ in _shard_locks(self.state) if _held(p)]
        return "; ".join(held) or "sharded builds"


@contextmanager
def hold(
    folder: Path,
    *,
    state: Path,
    anchor: Path | None = None,
    wait: float | None = None,
    waiting: Callable[[str], None] | None = None,
    shard: Shard | None = None,
) -> Iterator[None]:
    """Hold the output folder's lock (or a shard's share of it) for the duration of the block.

    The lock files are in state, the output folder's state folder (see state.py); the
    folder anchor (the output folder, or where its generations are) is locked as well.

    wait=None fails at once with Busy if another build holds it; wait=N waits up to
    N seconds; wait=math.inf waits as long as it takes. waiting(holder) is called
    once if the lock is not free at first.
    """
    with ExitStack() as files:
        try:
            state.mkdir(parents=True, exist_ok=True)
            main = files.enter_context((state / NAME).open("a+", encoding="utf-8"))
            own = None
            if shard is not None:
                own = files.enter_context(
                    (state / f"{NAME}-{shard.tag}").open("a+", encoding="utf-8")
                )
        except OSError as exc:
            raise BriefgenError(
                f"cannot lock the output folder: {exc.strerror or exc} "
                f"(its state folder is {display_path(state)})",
                file=display_path(folder),
            ) from None
        try:
            whole = _Folder(anchor or folder)
        except OSError as exc:
            raise BriefgenError(
                f"cannot lock the output folder: {exc.strerror or exc}", file=display_path(folder)
            ) from None
        files.callback(whole.close)
        attempt = _Attempt(state, main, own, shard, whole)
        busy = attempt()
        if busy is not None:
            if not wait:
                raise Busy(_busy(folder, busy))
            if waiting is not None:
                waiting(busy)
            deadline = time.monotonic() + wait
            while busy is not None:
                if time.monotonic() >= deadline:
                    raise Busy(_busy(folder, busy))
                time.sleep(POLL)
                busy = attempt()
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
        }
        if shard is not None:
            info["shard"] = str(shard)
        record = own or main  # a shard leaves the folder's record to whole builds
        record.seek(0)
        record.truncate()
        record.write(json.dumps(info) + "\n")
        record.flush()
        try:
            yield
        finally:
            if own is not None:
                _release(own)
            _release(main)
