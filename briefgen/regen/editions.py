"""What changed since the last edition: new entries, and steps and systems that moved.

An edition is a brief's content as last built into an output folder. The build
keeps two in that folder's state folder (state.py): ``<name>.current.json`` (the
edition now in the folder) and ``<name>.previous.json`` (the one before it). A brief is
compared with the previous edition, so rebuilding the same content (a new day,
a new template) keeps its markers; new content makes the current edition the
previous one. A first edition has nothing to compare with, and no markers.

Templates get a ``changes`` object (see :class:`briefgen.render.view.Changes`):
``changes.mark(item)`` is "NEW", "CHANGED" or "" for an entry of a list section
(a statement, step, procurement item or talking point), and ``changes.was(item)``
the status or stage it had before.
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
from briefgen.sections import BY_KEY, SECTIONS, ListSection

NEW = "NEW"
CHANGED = "CHANGED"
Snapshot = dict[str, Any]
Key = tuple[str, ...]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
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
    lines: tuple[str, ...] = ()
    first: bool = True  # no previous edition to compare with

    def at(self, key: str, index: int) -> tuple[str, str]:
        """('NEW', '') / ('CHANGED', status or stage before) / ('', '') for an entry."""
        for name, position, label, before in self.marks:
            if name == key and position == index:
                return label, before or ""
        return "", ""

    def __bool__(self) -> bool:
        return bool(self.lines)


def _keyed(names: list[Key]) -> list[tuple[Key, int]]:
    """Each key with how many times it came before: the second 'P-8I' is ('P-8I', 1)."""
    seen: dict[Key, int] = {}
    keys = []
    for name in names:
        keys.append((name, seen.get(name, 0)))
        seen[name] = seen.get(name, 0) + 1
    return keys


def compare(previous: Snapshot | None, brief: Brief) -> Changes:
    """How brief differs from the previous edition's content.

    Each list section says how its entries are recognised (see
    :mod:`briefgen.sections`): statements by speaker and text, steps by their
    action, systems by their name (the n-th of a name by the n-th before),
    talking points by their text.
    """
    if previous is None:
        return Changes()
    marks: list[tuple[str, int, str, str | None]] = []
    lines: list[str] = []
    for section in SECTIONS:
        entries = getattr(brief, section.key)
        before = _list(previous, section.key)
        for i, (entry, known, was) in enumerate(_matched(section, entries, before)):
            if not known:
                marks.append((section.key, i, NEW, None))
                lines.append(section.new_line(entry))
            elif section.tracked is not None and section.moved_line is not None:
                now = getattr(entry, section.tracked)
                if was != now:
                    marks.append((section.key, i, CHANGED, was))
                    lines.append(section.moved_line(entry, was))
    return Changes(tuple(marks), tuple(lines), first=False)


def _list(data: Snapshot, key: str) -> list[dict[str, Any]]:
    value = data.get(key) or []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


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


def _matched(
    section: ListSection, current: tuple[Any, ...], before: list[dict[str, Any]]
) -> list[tuple[Any, bool, Any]]:
    """Each current entry, whether the previous edition had it, and the value its
    tracked field had there (None where it has none or the entry is new)."""
    if not section.pairs_repeats:
        seen = {section.key_of(e) for e in before}
        return [(entry, section.key_of(entry) in seen, None) for entry in current]
    tracked = section.tracked
    was = dict(
        zip(
            _keyed([section.key_of(e) for e in before]),
            [e.get(tracked) if tracked else None for e in before],
            strict=True,
        )
    )
    keys = _keyed([section.key_of(e) for e in current])
    # an entry before without a tracked value (a hand-edited edition) counts as absent
    return [
        (entry, k in was and (tracked is None or was[k] is not None), was.get(k))
        for entry, k in zip(current, keys, strict=True)
    ]


def record(ed: Edition) -> None:
    """After a successful build: the current edition becomes the previous, content current."""
    if not ed.new:
        return
    if ed.current is not None:
        safewrite.write_bytes(ed.folder / f"{ed.name}.previous.json", _dump(ed.current))
    safewrite.write_bytes(ed.folder / f"{ed.name}.current.json", _dump(ed.content))


def _dump(data: Snapshot) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
