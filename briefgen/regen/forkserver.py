"""Where worker processes come from, and starting their fork server early.

On Linux and other POSIX systems but macOS, each worker process is forked from a
fork server: a process that imports briefgen and every writer once (about a
quarter of a second on 2 Linux cores) before it forks the first worker. A build
sure to hand many briefs to workers starts that server as it begins (see
start_early), so that the server imports while the build process loads its own
modules and plans its briefs, and the first worker is forked at once instead of
a quarter of a second later. The server ends with the build process, used or
not. macOS and Windows start workers with "spawn": there is nothing to start early.

This module imports nothing heavy (multiprocessing only once it starts the
server): the build command calls it first, whatever the build.
"""

from __future__ import annotations

import os
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
    folder was never built into. Whether it was started."""
    if jobs < 2 or sources < START:
        return False
    if state is not None and any(state.glob("manifest*.json")):
        return False  # built before: the briefs to build are known once they are planned
    if context().get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    try:
        forkserver.ensure_running()
    except OSError:
        return False  # the pool tries again, and builds in this process if it cannot
    return True
