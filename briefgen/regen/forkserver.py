"""Where worker processes come from, and starting their fork server early.

On Linux and other POSIX systems but macOS, each worker process is forked from a
fork server: a process that imports briefgen and every writer once (about a
quarter of a second on 2 Linux cores) before it forks the first worker. A build
sure to hand many briefs to workers starts that server as it begins (see
start_early), so that the server imports while the build process loads its own
modules and plans its briefs, and the first worker is forked at once instead of
a quarter of a second later. A server that no pool uses is ended as the build
process exits (see start_early). macOS and Windows start workers with "spawn":
there is nothing to start early.

This module imports nothing heavy (multiprocessing only once it starts the
server): the build command calls it first, whatever the build.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # multiprocessing is imported only by builds that start workers
    from multiprocessing.context import BaseContext

#: the module the fork server imports; it imports the rest (see preload.py)
PRELOAD = "briefgen.regen.preload"
#: briefs that a build makes in this process alone (fewer are made sooner here than
#: workers start and warm up: 0.4 s to a first result on 2 Linux cores)
START = 8


def default_jobs() -> int:
    """The number of processors this process may run on (what --jobs defaults to)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13: honours CPU affinity
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def context() -> BaseContext:
    """How worker processes start: forked from the fork server, or else spawned."""
    import multiprocessing

    if sys.platform in ("darwin", "win32") or "forkserver" not in (
        multiprocessing.get_all_start_methods()
    ):
        return multiprocessing.get_context("spawn")
    forking = multiprocessing.get_context("forkserver")
    forking.set_forkserver_preload([PRELOAD])
    return forking


def start_early(jobs: int, sources: int, state: Path | None) -> bool:
    """Start the fork server now if the build will hand briefs to workers whatever it
    finds: more than one job, at least START content files, and every one of them to
    build (state: the output folder's state folder, None with --force), because the
    folder was never built into. Whether it was started.

    A server started early that no pool then uses (the build stopped before it had
    briefs to hand over: a held lock, briefs that do not load) is ended as this
    process exits, not left to finish its imports on its own."""
    if jobs < 2 or sources < START:
        return False
    if state is not None and any(state.glob("manifest*.json")):
        return False  # built before: the briefs to build are known once they are planned
    if context().get_start_method() != "forkserver" or not _start():
        return False
    pid = _server_pid()
    if pid is not None:
        if not _unused:
            atexit.register(_end_unused)
        _unused.append(pid)
    return True


def start() -> None:
    """Make sure the fork server runs, for a pool about to start workers."""
    if context().get_start_method() == "forkserver":
        _start()


def taken() -> None:
    """A pool uses the fork server: it runs, as multiprocessing keeps it, until this
    process ends."""
    _unused.clear()


#: the fork server started early, while no pool has used it
_unused: list[int] = []


def _start() -> bool:
    """Start the fork server, or find it running; False if it cannot start.

    Ctrl-C is ignored while it starts, in the server too: it imports for a quarter of a
    second before it sets itself to ignore Ctrl-C, and a Ctrl-C in that time would
    print its traceback (the build process handles Ctrl-C for its workers)."""
    import threading
    from multiprocessing import forkserver

    here = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGINT, signal.SIG_IGN) if here else None
    try:
        forkserver.ensure_running()
    except OSError:
        return False  # the pool tries again, and builds in this process if it cannot
    finally:
        if here:
            signal.signal(signal.SIGINT, before)
    return True


def _server_pid() -> int | None:
    from multiprocessing import forkserver

    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    return pid if isinstance(pid, int) else None


def _end_unused() -> None:
    """At exit: end a fork server started early and never used (it may still be
    importing, holding this process's output open)."""
    for pid in _unused:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:  # ended already, or not this process's child
            pass
    _unused.clear()
