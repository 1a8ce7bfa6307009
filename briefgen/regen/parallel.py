"""Worker processes that prepare briefs and make their files' bytes.

A worker gets a loaded brief (with what changed since its last edition), fits
it and renders each format, and sends back the bytes of each file and how the
brief fitted (its template, text size and fill). The build process writes them into
the output folder, under its lock, with the same safe writes as a build in one
process: workers write no file at all, so a worker that dies, or a build that
is stopped or killed, cannot leave a half-written brief or a temporary file
anywhere, and the manifest and editions have one writer.

Each worker loads templates, themes and fonts once and keeps them for every
brief it builds. Workers start with the "forkserver" method where CPython uses
it by default for new code (Linux and other POSIX systems but macOS): the server
imports briefgen and the writers once and each worker is forked from it, without
the build process's threads or state (a first build of many briefs starts that server as
it begins: see forkserver.py). macOS and Windows use "spawn".
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from types import FrameType
from typing import Any

from briefgen import collector
from briefgen.errors import BriefgenError, brief_error, debugging
from briefgen.project import Project
from briefgen.regen import forkserver
from briefgen.regen.job import Job, Made, Summary
from briefgen.regen.job import make as job_files
from briefgen.render.templating import Templates

STOP = 5.0  # seconds a stopped worker gets to end
POLL = 0.5  # seconds between looks at the workers while waiting for a result


# --- in the worker ----------------------------------------------------------------


class _Worker:
    templates: Templates
    settled = False  # a first brief's files are made: what it loaded is frozen too


_worker = _Worker()


def _stop(_signum: int | None = None, _frame: FrameType | None = None) -> None:
    """Leave at once (SIGTERM, or the build process gone)."""
    os._exit(1)


def _watch_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the build process has ended, however it ended
        _stop()


def _start(project: Project, environ: dict[str, str], cwd: str) -> None:
    """Set a worker up once: the build's environment and folder, templates, signals."""
    os.environ.clear()  # the fork server may have started under another environment
    os.environ.update(environ)
    os.chdir(cwd)  # messages name files as the build process does
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build process's to handle
    signal.signal(signal.SIGTERM, _stop)
    _worker.templates = Templates(project)
    threading.Thread(target=_watch_parent, daemon=True).start()
    collector.start()
    gc.freeze()  # what is loaded now lives as long as the worker: collections skip it


def make(job: Job) -> Made:
    """Prepare one brief and make its files' bytes; a failure is returned, as its line."""
    made = _make(job)
    if not _worker.settled and made.files:
        # the first brief made read fonts, compiled its template and filled caches that
        # live as long as the worker: frozen too, the collector skips them, and collects
        # the cycles each later brief leaves (python-docx makes some) in its own time,
        # instead of a full collection after every brief (with the command line's
        # policy, a 200-brief --jobs 2 build used 8.6 s of processor time in all, where
        # it used 10.1 s)
        _worker.settled = True
        collector.finish()
    return made


def _make(job: Job) -> Made:
    summary = None
    try:
        prepared = job.prepare(_worker.templates)
        summary = Summary.of(prepared)
        return Made(summary, job_files(prepared, job.formats))
    except Exception as exc:
        if debugging() and not isinstance(exc, (BriefgenError, OSError)):
            raise
        return Made(summary, {}, brief_error(job.brief.path, exc))


# --- in the build process ---------------------------------------------------------


@contextmanager
def _held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back until the block is done, then acted on as ever.

    A worker started by submitting a brief is forked, then sent its set-up: a stop
    that arrived meanwhile would stop the build before it knows the worker, which
    would then find the build's queues gone and print a traceback. A second stop
    while held is acted on at once (the fork server may still be importing)."""
    kept = {n: signal.getsignal(n) for n in _HELD}
    if threading.current_thread() is not threading.main_thread() or None in kept.values():
        yield  # signals are the main thread's; None: a handler Python did not install
        return
    arrived: list[tuple[int, FrameType | None]] = []

    def hold(number: int, frame: FrameType | None) -> None:
        arrived.append((number, frame))
        if len(arrived) > 1:
            _restore(kept)
            _act(kept, number, frame)

    try:
        for number in _HELD:
            signal.signal(number, hold)
        yield
    finally:
        _restore(kept)
        if len(arrived) == 1:
            _act(kept, *arrived[0])


def _restore(kept: dict[signal.Signals, Any]) -> None:
    """Put each handler back, every one even if a stop arrives meanwhile."""
    (first, handler), *rest = kept.items()
    try:
        signal.signal(first, handler)
    finally:
        if rest:
            _restore(dict(rest))


def _act(kept: dict[signal.Signals, Any], number: int, frame: FrameType | None) -> None:
    handler = kept[signal.Signals(number)]
    if callable(handler):
        handler(number, frame)  # the command line's: raises the stop
    elif handler == signal.SIG_DFL:
        signal.raise_signal(number)


_HELD = (signal.SIGINT, signal.SIGTERM)


class Pool:
    """Worker processes for one build; leave it with close(), or stop() to end them now."""

    def __init__(self, project: Project, jobs: int) -> None:
        forkserver.start()  # Ctrl-C ignored while it starts
        self._executor = ProcessPoolExecutor(
            jobs,
            mp_context=forkserver.context(),
            initializer=_start,
            initargs=(project, dict(os.environ), os.getcwd()),
        )
        forkserver.taken()  # a server started early is this pool's now

    def submit(self, job: Job) -> Future[Made]:
        """The job's future; a pool that a dead worker broke, or a worker that could not
        start, gives a failed one."""
        try:
            with _held():  # it may start a worker
                return self._executor.submit(make, job)
        except (BrokenProcessPool, OSError) as exc:
            failed: Future[Made] = Future()
            failed.set_exception(exc)
            return failed

    def result(self, future: Future[Made]) -> Made:
        """What a worker made; BrokenProcessPool if a worker died first.

        A worker killed while sending a result leaves half a message in the result
        pipe, and the executor's own thread then waits for the rest for ever (it no
        longer watches for dead workers). So this waits in steps, and once a worker
        is seen dead it ends the others (one may wait for ever on the pipe's lock,
        which the dead one held, and keeps the pipe open) and then the pipe for that
        thread (see _unstick): the pool is broken, and what is left fails."""
        while True:
            try:
                return future.result(timeout=POLL)
            except FutureTimeout:
                processes = self._processes()
                if any(not p.is_alive() for p in processes):
                    for process in processes:
                        if process.is_alive():
                            process.kill()
                    self._unstick()

    def close(self) -> None:
        """Wait for the workers to finish what they have, then end them."""
        self._executor.shutdown(wait=True)

    def stop(self) -> None:
        """End the workers now (Ctrl-C, SIGTERM, an error), whatever state they are in."""
        processes = self._processes()
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(STOP)
            if process.is_alive():
                process.kill()
                process.join(STOP)  # reaped, not left behind as zombies
        self._unstick()
        self._executor.shutdown(wait=False, cancel_futures=True)
        manager = getattr(self._executor, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(STOP)

    def _processes(self) -> list[multiprocessing.process.BaseProcess]:
        return list((self._executor._processes or {}).values())

    def _unstick(self) -> None:
        """Close this process's end of the result pipe: with the workers gone, the
        executor's thread reading a half-sent result gets end-of-file, not silence,
        and fails what is left with BrokenProcessPool."""
        queue = getattr(self._executor, "_result_queue", None)
        writer = getattr(queue, "_writer", None)
        if writer is not None and not writer.closed:
            writer.close()
