"""A build's writes, committed on a thread of their own while the next brief is made.

A brief's files are staged by the build (written whole to temporary files beside
their targets; see safewrite). What is left (fsyncing them, renaming them into
place, fsyncing their folder, recording the brief's edition) is mostly waiting on
the disk: five fsyncs, several milliseconds on a busy machine. With more than one
brief to build, one thread does that while the build makes the next brief, and the
two overlap.

The thread takes the briefs in the order given, one at a time, so a brief's files
are in place before the next brief's, and its edition is recorded after its files,
as in a build without it. A brief is reported, and recorded in the manifest, only
once its commit has finished. A build waits for every commit it handed over before
it saves its manifest, publishes a generation or ends, however it ends: a stop
(Ctrl-C, SIGTERM) lets what was handed over finish, which takes milliseconds, and
removes what was still being staged. Only a kill can leave temporary files, which
the next build in the folder removes (safewrite.clean).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

T = TypeVar("T")


class Writes:
    """Run commits in order: on one thread of their own (threaded), or at once, here."""

    def __init__(self, threaded: bool) -> None:
        self._threaded = threaded
        self._executor: ThreadPoolExecutor | None = None

    def submit(self, commit: Callable[[], T]) -> Future[T]:
        if not self._threaded:
            done: Future[T] = Future()
            try:
                done.set_result(commit())
            except Exception as exc:  # the caller's result() raises it, as after a thread
                done.set_exception(exc)
            return done
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(1, thread_name_prefix="briefgen-writes")
        return self._executor.submit(commit)

    def close(self) -> None:
        """Wait for every commit handed over to finish."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
