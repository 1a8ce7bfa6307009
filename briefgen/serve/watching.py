"""Which files serve watches, and the file events that tell it they changed.

Events come from the operating system through ``watchfiles`` (inotify,
FSEvents, ReadDirectoryChanges), so a save is seen within tens of
milliseconds and nothing is read while nothing changes. Folders that hold
briefs' files are watched with their subfolders (content, templates, the
built-in templates); the project folder itself, for briefgen.toml, and the
folders of files read from elsewhere, without theirs, so that a virtual
environment or an output folder inside the project costs nothing. Where the
system cannot give events (a watch limit reached, a network file system),
watchfiles looks at the files every 0.1 s instead, and serve says so once.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from briefgen import project as projects
from briefgen.regen import state as states
from briefgen.resources import builtin_templates

POLL_MS = 100
DEBOUNCE_MS, STEP_MS = 200, 30  # a burst of saves is one change; a quiet 30 ms ends it


@dataclass(frozen=True)
class Targets:
    deep: frozenset[Path]  # watched with their subfolders
    flat: frozenset[Path]  # watched without them
    ignore: frozenset[Path] = frozenset()  # changes under these are not changes (out/, state)


def targets(
    project: projects.Project | None, paths: Iterable[Path], inputs: Iterable[Path]
) -> Targets:
    """What to watch for the briefs in paths (the project's content folder if none)."""
    here = _absolute(project.root if project else Path.cwd())
    named = [_absolute(p) for p in paths]
    deep = {_absolute(builtin_templates()), *(p for p in named if p.is_dir())}
    if project is not None:
        deep.add(_absolute(project.templates))
        if not named:
            deep.add(_absolute(project.content))
    flat = {here, *(p.parent for p in named if not p.is_dir())}
    for path in inputs:
        folder = _absolute(path).parent
        if not any(folder.is_relative_to(d) for d in deep):
            flat.add(folder)
    ignore = set()
    if project is not None:  # what builds write, should one run beside serve
        ignore = {_absolute(project.output), states.root(project)}
    return Targets(
        frozenset(d for d in deep if d.is_dir()),
        frozenset(f for f in flat if f.is_dir()),
        frozenset(ignore),
    )


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


Changed = Callable[[set[Path]], Targets]  # makes the briefs again; says what to watch next


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
        try:
            for files in _bursts(watching, stop, poll):
                following = changed(files)
                if following != watching:
                    watching = following
                    break  # watch the new set from here
        except OSError as exc:
            if poll:
                raise
            notice(f"cannot watch for file events ({exc}); looking every {POLL_MS / 1000:g} s")
            poll = True


def _bursts(watching: Targets, stop: threading.Event, poll: bool) -> Iterator[set[Path]]:
    """Sets of changed files, until stop is set or the caller stops asking."""
    done = threading.Event()
    found: queue.Queue[set[Path] | OSError] = queue.Queue()
    groups = [(sorted(watching.deep), True), (sorted(watching.flat), False)]
    threads = [
        threading.Thread(
            target=_watch, args=(found, folders, deep, done, poll, watching.ignore), daemon=True
        )
        for folders, deep in groups
        if folders
    ]
    for thread in threads:
        thread.start()
    try:
        while not stop.is_set():
            try:
                item = found.get(timeout=0.05)
            except queue.Empty:
                continue
            if isinstance(item, OSError):
                raise item
            while not found.empty():  # both groups saw the same burst: one change
                more = found.get_nowait()
                if isinstance(more, OSError):
                    raise more
                item |= more
            yield item
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=2)


def _watch(
    found: queue.Queue[set[Path] | OSError],
    folders: list[Path],
    deep: bool,
    done: threading.Event,
    poll: bool,
    ignore: frozenset[Path],
) -> None:
    keep = watchfiles.DefaultFilter()

    def wanted(change: watchfiles.Change, path: str) -> bool:
        return keep(change, path) and not any(Path(path).is_relative_to(i) for i in ignore)

    try:
        for changes in watchfiles.watch(
            *folders,
            watch_filter=wanted,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=done,
            recursive=deep,
            raise_interrupt=False,
            force_polling=poll or None,
            poll_delay_ms=POLL_MS,
        ):
            found.put({Path(p) for _, p in changes})
    except OSError as exc:
        found.put(exc)
    except Exception as exc:  # watchfiles' own errors (e.g. a watch limit) as an OSError
        found.put(OSError(str(exc)))
