"""What changed since the last edition: new entries, and steps and systems that moved.

An edition is a brief's content as last built into an output folder. The build
keeps two in that folder's state folder (state.py): ``<name>.current.json`` (the
edition now in the folder) and ``<name>.previous.json`` (the one before it). A brief is
compared with the previous edition, so rebuilding the same content (a new day,
a new template) keeps its markers; new content makes the current edition the
previous one. A first edition has nothing to compare with, and no markers.

Entries are recognised as :mod:`briefgen.sections.match` says: by id, else by
alike text.

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
from briefgen.regen import safewrite
from briefgen.sections import BY_KEY, SECTIONS, ListSection, words
from briefgen.sections.match import pairs

NEW = "NEW"
CHANGED = "CHANGED"
Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            # an entry without an id is recorded as before ids existed
            if not (f.name == "id" and getattr(value, f.name) is None)
        }
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(brief: Brief) -> Snapshot:
    """The brief's content as JSON-ready data (not where it came from)."""
    return {
        name: _plain(value)
        for name in TOP_KEYS
        if (value := getattr(brief, name)) or name not in BY_KEY or BY_KEY[name].always_recorded
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
    first: bool = True  # no previous edition to compare with

    def at(self, key: str, index: int) -> tuple[str, str]:
        """('NEW', '') / ('CHANGED', status or stage before, or '') / ('', '') for an entry."""
        for name, position, label, before in self.marks:
            if name == key and position == index:
                return label, before or ""
        return "", ""

    def __bool__(self) -> bool:
        return bool(self.lines)


def compare(base: Snapshot | None, brief: Brief) -> Changes:
    """How brief differs from base, the previous edition (None: a first edition)."""
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


# --- the editions kept in the output folder -------------------------------------


@dataclass(frozen=True)
class Edition:
    """One brief's place in its history: what it is compared with, what it records."""

    folder: Path  # <output>/.briefgen
    name: str  # the output name (content file's stem)
    content: Snapshot
    base: Snapshot | None  # the previous edition, compared with
    current: Snapshot | None  # the edition now in the output folder
    #: the content differs from the current edition: on success it becomes the previous one
    new: bool


def _read(path: Path) -> Snapshot | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def edition(folder: Path, name: str, brief: Brief) -> Edition:
    """Where brief stands against the editions kept in folder (read only)."""
    content = snapshot(brief)
    current = _read(folder / f"{name}.current.json")
    if current is None:
        return Edition(folder, name, content, None, None, new=True)
    if current == content:
        return Edition(
            folder, name, content, _read(folder / f"{name}.previous.json"), current, False
        )
    return Edition(folder, name, content, current, current, new=True)


def record(ed: Edition) -> None:
    """After a successful build: the current edition becomes the previous, content current."""
    if not ed.new:
        return
    if ed.current is not None:
        safewrite.write_bytes(ed.folder / f"{ed.name}.previous.json", _dump(ed.current))
    safewrite.write_bytes(ed.folder / f"{ed.name}.current.json", _dump(ed.content))


def _dump(data: Snapshot) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
