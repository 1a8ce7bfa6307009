"""What changed since the edition the reader last saw: new, changed and removed entries.

An edition is a brief's content as built into an output folder. Two are kept
per brief, in the folder this module is given (the state folder):
``<name>.built.json``, the edition now in the output folder, and
``<name>.published.json``, the last edition *published*: handed to readers by a
successful ``--on-change`` command, by ``build --publish``, or by ``briefgen
publish``. Each holds the content and the edition it was compared with.

A brief is compared with the published edition, so NEW and CHANGED mean "since
the reader last saw it", however often it was built in between. Content equal to
the published edition is compared with what that edition was compared with, so
rebuilding what readers have (a new day, a new template) keeps its markers, and
publishing never changes a brief's files. With nothing published yet there is
nothing to compare with: a first edition, without markers. Entries are
recognised as :mod:`briefgen.sections.match` says: by id, else by alike text.

Templates get a ``changes`` object (see :class:`briefgen.render.view.Changes`):
``changes.mark(item)`` is "NEW", "CHANGED" or "" for an entry of a list section
(a statement, step, procurement item or talking point), and ``changes.was(item)``
the status or stage it had before, when that is what moved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content.schema import TOP_KEYS, Brief
from briefgen.markings.fields import MARKING_FIELDS
from briefgen.regen import safewrite
from briefgen.sections import BY_KEY, SECTIONS, ListSection, words
from briefgen.sections.match import pairs

NEW = "NEW"
CHANGED = "CHANGED"
Snapshot = dict[str, Any]
BUILT = "built"
PUBLISHED = "published"
#: the files of the release before this scheme: the edition built, and the one before it
OLD = ("current", "previous")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            # an entry without an id or a classification is recorded as before they existed
            if not (f.name in ("id", "classification") and getattr(value, f.name) is None)
        }
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


#: fields added after schema v1's first release, recorded only when set, so that an
#: edition recorded before they existed still equals the same content
LATER = frozenset(MARKING_FIELDS)


def snapshot(brief: Brief) -> Snapshot:
    """The brief's content as JSON-ready data (not where it came from)."""
    return {
        name: _plain(value)
        for name in TOP_KEYS
        if (value := getattr(brief, name))
        or (name not in BY_KEY and name not in LATER)
        or (name in BY_KEY and BY_KEY[name].always_recorded)
    }


def digest(data: Snapshot | None) -> str:
    if data is None:
        return "none"
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Changes:
    """Markers for the template, and lines for the command line.

    Entries are known by their list and position (``("next_steps", 2)``), which
    rendering a templated field leaves as they are.
    """

    #: (list, position, "NEW" or "CHANGED", the status or stage it had before or None)
    marks: tuple[tuple[str, int, str, str | None], ...] = ()
    #: the changes in words, section by section: new and changed entries, then removed ones
    lines: tuple[str, ...] = ()
    first: bool = True  # no published edition to compare with

    def at(self, key: str, index: int) -> tuple[str, str]:
        """('NEW', '') / ('CHANGED', status or stage before, or '') / ('', '') for an entry."""
        for name, position, label, before in self.marks:
            if name == key and position == index:
                return label, before or ""
        return "", ""

    def __bool__(self) -> bool:
        return bool(self.lines)


def compare(base: Snapshot | None, brief: Brief) -> Changes:
    """How brief differs from base, the edition it is compared with (None: a first edition)."""
    if base is None:
        return Changes()
    marks: list[tuple[str, int, str, str | None]] = []
    lines: list[str] = []
    for section in SECTIONS:
        entries = getattr(brief, section.key)
        before = _list(base, section)
        paired = pairs(section, entries, before)
        for i, entry in enumerate(entries):
            if i not in paired:
                marks.append((section.key, i, NEW, None))
                lines.append(section.new_line(entry))
                continue
            was = before[paired[i]]
            moved = _moved(section, entry, was)
            if moved is not None and section.moved_line is not None:
                marks.append((section.key, i, CHANGED, moved))
                lines.append(section.moved_line(entry, moved))
            elif any(_differs(getattr(entry, f), was.get(f)) for f in section.compared):
                marks.append((section.key, i, CHANGED, None))
                lines.append(section.changed_line(entry))
        kept = set(paired.values())
        lines += [section.removed_line(e) for j, e in enumerate(before) if j not in kept]
    return Changes(tuple(marks), tuple(lines), first=False)


def _moved(section: ListSection, entry: Any, was: dict[str, Any]) -> str | None:
    """The tracked field's value before, if it moved."""
    if section.tracked is None:
        return None
    before = was.get(section.tracked)
    if isinstance(before, str) and _differs(getattr(entry, section.tracked), before):
        return before
    return None


def _differs(now: Any, before: Any) -> bool:
    now = _plain(now)
    if isinstance(now, str) and isinstance(before, str):
        return words(now) != words(before)
    return bool(now != before)


def _list(data: Snapshot, section: ListSection) -> list[dict[str, Any]]:
    """A recorded list's entries; one without its text (a hand-edited record) is left out."""
    value = data.get(section.key) or []
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict) and isinstance(v.get(section.match_text), str)]


# --- the editions kept in the state folder ----------------------------------------


@dataclass(frozen=True)
class Kept:
    """One recorded edition: its content, and the edition it was compared with."""

    content: Snapshot
    base: Snapshot | None


@dataclass(frozen=True)
class Edition:
    """One brief's place in its history: what it is compared with, what is recorded."""

    folder: Path  # the state folder
    name: str  # the output name (content file's stem)
    content: Snapshot
    base: Snapshot | None  # the edition compared with: None for a first edition
    built: Kept | None  # the edition now in the output folder
    published: Kept | None  # the edition readers last saw
    #: read from the files of the release before (see OLD): written anew on success
    old: bool = False


def files(name: str) -> tuple[str, ...]:
    """The names of every file kept for the brief name, in this scheme and the one before."""
    return tuple(f"{name}.{kind}.json" for kind in (BUILT, PUBLISHED, *OLD))


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _kept(path: Path) -> Kept | None:
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("content"), dict):
        return None
    base = data.get("base")
    return Kept(data["content"], base if isinstance(base, dict) else None)


def _history(folder: Path, name: str) -> tuple[Kept | None, Kept | None, bool]:
    """The built and published editions, and whether they come from the files of before.

    Before, ``current`` was the edition built and ``previous`` the one it was compared
    with; the edition built was the one readers were taken to have seen, so it is
    taken as published, with the markers it was built with.
    """
    built = _kept(folder / f"{name}.{BUILT}.json")
    published = _kept(folder / f"{name}.{PUBLISHED}.json")
    if built is None and published is None:
        current = _read(folder / f"{name}.{OLD[0]}.json")
        if isinstance(current, dict):
            previous = _read(folder / f"{name}.{OLD[1]}.json")
            kept = Kept(current, previous if isinstance(previous, dict) else None)
            return kept, kept, True
    return built, published, False


def edition(folder: Path, name: str, brief: Brief) -> Edition:
    """Where brief stands against the editions kept in folder (read only)."""
    content = snapshot(brief)
    built, published, old = _history(folder, name)
    if published is None:
        base = None
    elif published.content == content:
        base = published.base  # what readers have: with the markers they saw
    else:
        base = published.content
    return Edition(folder, name, content, base, built, published, old)


def record(ed: Edition, *, publish: bool = False) -> None:
    """After a successful build: the content is the edition built, and with publish
    the one published too."""
    now = Kept(ed.content, ed.base)
    published = now if publish else ed.published
    if ed.built != now or ed.old:
        _write(ed.folder / f"{ed.name}.{BUILT}.json", now)
    if published is not None and (published != ed.published or ed.old):
        _write(ed.folder / f"{ed.name}.{PUBLISHED}.json", published)
    if ed.old:
        _forget(ed.folder, ed.name, OLD)


def publish(folder: Path, name: str) -> bool | None:
    """Make the edition built the one published: True if it was not already, None if
    nothing was built."""
    built, published, old = _history(folder, name)
    if built is None:
        return None
    if built == published and not old:
        return False
    _write(folder / f"{name}.{PUBLISHED}.json", built)
    if old:
        _write(folder / f"{name}.{BUILT}.json", built)
        _forget(folder, name, OLD)
    return True


def forget(folder: Path, name: str) -> None:
    """Remove every edition kept for the brief name (its content file is gone)."""
    _forget(folder, name, (BUILT, PUBLISHED, *OLD))


def _forget(folder: Path, name: str, kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        (folder / f"{name}.{kind}.json").unlink(missing_ok=True)


def _write(path: Path, kept: Kept) -> None:
    data = {"content": kept.content, "base": kept.base}
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    safewrite.write_bytes(path, text.encode())
