"""Which files serve watches, and the file events that tell it they changed.

What matters is what matters to ``briefgen watch`` (:func:`briefgen.regen.watch.scope_of`):
briefgen.toml, the content files and every file each brief read, the template
folders and the logos, letterheads and fonts their themes name. Each folder
holding one is watched, not recursively, so the output folder's writes or a
virtual environment in the project never wake serve; editors' temporary files
are passed over.

Events come from the operating system through ``watchfiles`` (inotify,
FSEvents, ReadDirectoryChangesW), so a save is seen within tens of
milliseconds and nothing is read while nothing changes. Where the system cannot
give events (a watch limit reached, a network file system), watch's own poller
looks at the files every 0.1 s instead, and serve says so once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from briefgen.regen import watchers
from briefgen.regen.watch import Scope, scope_of

POLL_MS = 100
DEBOUNCE_MS, STEP_MS = 200, 25  # a burst of saves is one change; a quiet 25 ms ends it

Reads = dict[Path, frozenset[Path]]  # each brief's content file: every file it read


@dataclass(frozen=True)
class Targets:
    scope: Scope  # what a change must touch to matter
    folders: frozenset[Path]  # the folders to watch, each without its subfolders


def targets(paths: tuple[Path, ...], reads: Reads, last: Targets | None = None) -> Targets:
    """What to watch for the briefs in paths (the project's content folder if none)."""
    scope = scope_of(paths, reads, last.scope if last is not None else Scope())
    return Targets(scope, frozenset(f for f in scope.folders() if f.is_dir()))


#: makes the briefs again for the files changed; from what is watched now, what to watch next
Changed = Callable[[set[Path], Targets], Targets]


def run(
    start: Targets,
    changed: Changed,
    stop: threading.Event,
    notice: Callable[[str], None],
    *,
    poll: bool = False,
) -> None:
    """Until stop is set: hand each burst of changed files to changed, then watch what
    it returns. Falls back to looking at the files where events cannot be had."""
    watching = start
    while not stop.is_set():
        if poll:
            _poll(watching, changed, stop)
            return
        try:
            for found in _events(watching, stop):
                following = changed(found, watching)
                if following != watching:
                    watching = following
                    break  # watch the new folders from here
        except (OSError, RuntimeError) as exc:  # e.g. the inotify watch limit reached
            why = str(exc).strip() or type(exc).__name__
            notice(f"cannot watch for file events ({why}); looking every {POLL_MS / 1000:g} s")
            poll = True


class _Stopped(Exception):
    pass


def _poll(watching: Targets, changed: Changed, stop: threading.Event) -> None:
    """watch's own poller: every watched file's size and time, every 0.1 s, until stop."""

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise _Stopped

    poller = watchers.Poller(POLL_MS / 1000, sleep=sleep)
    poller.prime(watching.scope)
    try:
        while True:
            watching = changed(poller.wait(watching.scope), watching)
    except _Stopped:
        return


def _events(watching: Targets, stop: threading.Event) -> Iterator[set[Path]]:
    scope = watching.scope

    def wanted(_change: watchfiles.Change, path: str) -> bool:
        return scope.matters(Path(path))

    for changes in watchfiles.watch(
        *sorted(watching.folders),
        watch_filter=wanted,
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        recursive=False,
        raise_interrupt=False,
        force_polling=False,
    ):
        yield {Path(p) for _, p in changes}
