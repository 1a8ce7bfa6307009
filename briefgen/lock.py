"""One build per output folder at a time: an advisory lock on a file in the folder.

The lock is ``fcntl.flock`` on ``<output>/.briefgen/lock`` (on Windows,
``msvcrt.locking`` on its first byte). The kernel drops it
when the holding process ends, however it ends, so a lock file left behind by a
killed build never blocks the next one. While holding the lock, a build writes
its pid, host and start time into the file, for the message a second build
prints. The file itself is never deleted: deleting a lock file races with a
process that has just opened it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from briefgen.errors import BriefgenError, display_path
from briefgen.manifest import STATE

NAME = "lock"
POLL = 0.1  # seconds between attempts while waiting


class Busy(BriefgenError):
    """Another build holds the output folder (exit code 75, EX_TEMPFAIL)."""

    exit_code = 75


if sys.platform == "win32":  # pragma: no cover - not run on the machines that test this
    import msvcrt

    def _try(fh: IO[str]) -> bool:
        fh.seek(0)
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

    def _try(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def holder(path: Path) -> str:
    """Who holds the lock, as recorded in the file: 'pid 123 on host since 06:00:01'."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(info["started"])
        return f"pid {info['pid']} on {info['host']} since {started:%Y-%m-%d %H:%M:%S}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another briefgen process"


def _busy(folder: Path) -> str:
    return (
        f"{display_path(folder)} is being built by {holder(folder / STATE / NAME)}; "
        "try again later, or use --wait"
    )


@contextmanager
def hold(
    folder: Path,
    *,
    wait: float | None = None,
    waiting: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block.

    wait=None fails at once with Busy if another build holds it; wait=N waits up to
    N seconds; wait=math.inf waits as long as it takes. waiting(holder) is called
    once if the lock is not free at first.
    """
    state = folder / STATE
    try:
        state.mkdir(parents=True, exist_ok=True)
        fh = (state / NAME).open("a+", encoding="utf-8")
    except OSError as exc:
        raise BriefgenError(
            f"cannot lock the output folder: {exc.strerror or exc}", file=display_path(folder)
        ) from None
    with fh:
        if not _try(fh):
            if not wait:
                raise Busy(_busy(folder))
            if waiting is not None:
                waiting(holder(state / NAME))
            deadline = time.monotonic() + wait
            while not _try(fh):
                if time.monotonic() >= deadline:
                    raise Busy(_busy(folder))
                time.sleep(POLL)
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
        }
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(info) + "\n")
        fh.flush()
        try:
            yield
        finally:
            _release(fh)
