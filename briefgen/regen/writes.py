"""A build's writes, committed on a thread of their own while the next brief is made.

A brief's files are staged by the build (written whole to temporary files beside
their targets; see safewrite). What is left (fsyncing them, renaming them into
place, fsyncing their folder, recording the brief's edition) is mostly waiting on
the disk: five fsyncs, several milliseconds on a busy machine. With more than one
brief to build, one thread does that while the build makes the next brief, and the
two overlap.

The thread takes the briefs in the order given, one at a time, and a brief is
handed over only once the one before it is committed: so a brief's files are in
place before the next brief's, its edition is recorded after its files, as in a
build without it, and one brief's temporary files at most wait to be committed.
A brief is reported, and recorded in the manifest, only once its commit has
finished. A build waits for the commit it handed over before it saves its
manifest, publishes a generation or ends, however it ends: a stop (Ctrl-C,
SIGTERM, even a second one) lets that commit finish, and removes what was still
being staged. Only a kill can leave temporary files, which the next build in the
folder removes (safewrite.clean).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, wait
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

T = TypeVar("T")


def _nothing() -> None:
    pass


def settle(future: Future[Any]) -> None:
    """Wait until future is done, whatever signals arrive meanwhile; a stop (Ctrl-C,
    SIGTERM) is raised once it is. A commit takes milliseconds: leaving it half done
    could split a pair or leave temporary files."""
    stop: BaseException | None = None
    while True:
        try:
            wait([future])
            break
        except KeyboardInterrupt as exc:
            stop = exc
    if stop is not None:
        raise stop


class Writes:
    """Run commits in order: on one thread of their own (threaded), at most one at a
    time and one brief behind, or at once, here."""

    def __init__(self, threaded: bool) -> None:
        self._threaded = threaded
        self._executor: ThreadPoolExecutor | None = None
        self._last: Future[Any] | None = None

    def submit(self, commit: Callable[[], T]) -> Future[T]:
        """Hand commit over, once the commit before it is done (so a stop waits for
        one commit at most, and one brief's temporary files are staged at a time)."""
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
            self._last = self._executor.submit(_nothing)  # the thread starts here, not later
        self.settle()
        future = self._last = self._executor.submit(commit)
        return future

    def settle(self) -> None:
        """Wait for the last commit handed over (see settle())."""
        if self._last is not None:
            settle(self._last)

    def close(self) -> None:
        """Wait for every commit handed over to finish, and end the thread."""
        self.settle()
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
