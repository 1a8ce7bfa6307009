"""How `briefgen watch` learns of changes: file events, or polling.

Both hand over a burst of changes at once, as a set of paths that matter (see
watch.Scope): an editor that writes a temporary file and renames it over the
old one, or a synchronised folder bringing in several files, gives one rebuild.

- Events: the system's file events (inotify, FSEvents, ReadDirectoryChangesW)
  through watchfiles, on each folder that holds a watched file (not recursively,
  so the output folder's writes never wake it). A burst ends 25 ms after its
  last event. When the folders to watch change, the new watcher starts before
  the old one is emptied and closed, so no change is lost in between.
- Poller: the sizes and times of every watched file, every `interval` seconds
  (for network drives, where file events do not arrive); a burst ends at the
  first poll that finds nothing new.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from watchfiles._rust_notify import RustNotify

    from briefgen.regen.watch import Scope

STEP_MS = 25  # a burst of events ends after this long without a new one
DEBOUNCE_MS = 1000  # ... and is handed over after this long at most
CHECK_MS = 5000  # how often an idle watcher checks that its folders are still the same


class CannotWatch(Exception):
    """File events are not available here (no watchfiles, a watch limit reached)."""


class Changes(Protocol):
    #: how it watches, for the line that says so
    def describe(self, scope: Scope) -> str: ...

    #: start watching what scope names (before the first build)
    def prime(self, scope: Scope) -> None: ...

    #: block until a burst of changes that matter, then return their paths
    def wait(self, scope: Scope) -> set[Path]: ...

    def close(self) -> None: ...


# --- polling ---------------------------------------------------------------------------

Stamp = tuple[int, int]  # modification time (ns), size


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def scan(files: Iterable[Path]) -> dict[Path, Stamp | None]:
    return {path: _stamp(path) for path in files}


def changed(before: dict[Path, Stamp | None], after: dict[Path, Stamp | None]) -> set[Path]:
    """Files added, removed or modified between two scans."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@dataclass
class Debounce:
    """Collects the changes of a burst; hands them over at the first quiet poll."""

    pending: set[Path] = field(default_factory=set)

    def feed(self, found: set[Path]) -> set[Path]:
        if found:
            self.pending |= found
            return set()
        ready, self.pending = self.pending, set()
        return ready


class Poller:
    """Looks at every watched file's size and time every interval seconds."""

    def __init__(self, interval: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self.sleep = sleep
        self._before: dict[Path, Stamp | None] = {}
        self._files: frozenset[Path] = frozenset()

    def describe(self, scope: Scope) -> str:
        return f"watching {len(scope.listing())} files every {self.interval:g} s"

    def prime(self, scope: Scope) -> None:
        self._before = scan(scope.listing())
        self._files = scope.files

    def wait(self, scope: Scope) -> set[Path]:
        # A file a build has just started to read (a new table) is not a change.
        for path in scope.files - self._files:
            self._before.setdefault(path, _stamp(path))
        self._files = scope.files
        debounce = Debounce()
        while True:
            self.sleep(self.interval)
            after = scan(scope.listing())
            ready = debounce.feed(changed(self._before, after))
            self._before = after
            if ready:
                return ready

    def close(self) -> None:
        pass


# --- file events -------------------------------------------------------------------------

Folder = tuple[Path, int, int]  # path, device, inode: a folder replaced is another folder


def _identify(folders: Iterable[Path]) -> tuple[Folder, ...]:
    found = []
    for folder in folders:
        try:
            st = os.stat(folder)
        except OSError:
            continue
        found.append((folder, st.st_dev, st.st_ino))
    return tuple(sorted(found))


def _start(folders: list[Path]) -> RustNotify:
    try:
        from watchfiles._rust_notify import RustNotify
    except ImportError as exc:  # a platform without a watchfiles wheel
        raise CannotWatch(f"watchfiles cannot be loaded: {exc}") from None
    try:  # not recursive: only the folders that hold watched files
        return RustNotify([str(f) for f in folders], False, False, 0, False, False)
    except (OSError, RuntimeError) as exc:  # e.g. the inotify watch limit reached
        raise CannotWatch(str(exc).strip() or type(exc).__name__) from None


class Events:
    """The system's file events on each folder that holds a watched file."""

    def __init__(self) -> None:
        self._notify: RustNotify | None = None
        self._folders: tuple[Folder, ...] = ()

    def describe(self, scope: Scope) -> str:
        count = len(self._folders)
        return f"watching {count} folder{'s' if count != 1 else ''} for file events"

    def prime(self, scope: Scope) -> None:
        self._follow(scope)

    def wait(self, scope: Scope) -> set[Path]:
        found = self._follow(scope)
        while not found:
            assert self._notify is not None
            raw = self._notify.watch(DEBOUNCE_MS, STEP_MS, CHECK_MS, None)
            if raw == "signal":
                raise KeyboardInterrupt
            if raw == "timeout":  # a watched folder deleted and made again sends nothing
                now = _identify(f for f, _, _ in self._folders)
                found = {f for f, _, _ in set(self._folders) ^ set(now)}
            elif not isinstance(raw, str):
                found = {p for p in (Path(name) for _, name in raw) if scope.matters(p)}
        return found

    def _follow(self, scope: Scope) -> set[Path]:
        """Watch the folders scope needs now; what changed while switching watchers."""
        folders = _identify(scope.folders())
        if self._notify is not None and folders == self._folders:
            return set()
        new = _start([f for f, _, _ in folders])
        pending: set[Path] = set()
        old, self._notify = self._notify, new
        if old is not None:
            raw = old.watch(DEBOUNCE_MS, STEP_MS, 1, None)  # what it saw and did not hand over
            old.close()
            if raw == "signal":
                raise KeyboardInterrupt
            if not isinstance(raw, str):
                pending = {p for p in (Path(name) for _, name in raw) if scope.matters(p)}
            before = {f: (d, i) for f, d, i in self._folders}
            pending |= {f for f, d, i in folders if before.get(f, (d, i)) != (d, i)}
        self._folders = folders
        return pending

    def close(self) -> None:
        if self._notify is not None:
            self._notify.close()
            self._notify = None
