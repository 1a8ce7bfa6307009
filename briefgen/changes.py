"""What changed since the last edition: new statements, steps and systems that moved.

An edition is a brief's content as last built into an output folder. The build
keeps two in ``<output>/.briefgen/``: ``<name>.current.json`` (the edition now
in the folder) and ``<name>.previous.json`` (the one before it). A brief is
compared with the previous edition, so rebuilding the same content (a new day,
a new template) keeps its markers; new content makes the current edition the
previous one. A first edition has nothing to compare with, and no markers.

Templates get a ``changes`` object (see :class:`briefgen.view.Changes`):
``changes.mark(item)`` is "NEW", "CHANGED" or "" for a statement, step or
procurement item, and ``changes.was(item)`` the status or stage it had before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content import TOP_KEYS, Brief
from briefgen.regen import safewrite

NEW = "NEW"
CHANGED = "CHANGED"
Snapshot = dict[str, Any]


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
    return {name: _plain(getattr(brief, name)) for name in TOP_KEYS}


def digest(data: Snapshot | None) -> str:
    if data is None:
        return "none"
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _words(text: Any) -> str:
    return " ".join(str(text or "").split())


def _short(text: Any, most: int = 60) -> str:
    words = _words(text)
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


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


def _keyed(names: list[str]) -> list[tuple[str, int]]:
    """Each name with how many times it came before: the second 'P-8I' is ('P-8I', 1)."""
    seen: dict[str, int] = {}
    keys = []
    for name in names:
        keys.append((name, seen.get(name, 0)))
        seen[name] = seen.get(name, 0) + 1
    return keys


def compare(previous: Snapshot | None, brief: Brief) -> Changes:
    """How brief differs from the previous edition's content.

    Statements are the same if speaker and text are; steps are known by their
    action and systems by their name (the n-th of a name by the n-th before).
    """
    if previous is None:
        return Changes()
    marks: list[tuple[str, int, str, str | None]] = []
    lines: list[str] = []

    before = _list(previous, "key_statements")
    said = {(_words(s.get("speaker")), _words(s.get("text"))) for s in before}
    for i, s in enumerate(brief.key_statements):
        if (_words(s.speaker), _words(s.text)) not in said:
            marks.append(("key_statements", i, NEW, None))
            lines.append(f"new statement: {s.speaker}: {_short(s.text)}")

    steps = _matched(brief.next_steps, _list(previous, "next_steps"), "action", "status")
    for i, (step, was) in enumerate(steps):
        if was is None:
            marks.append(("next_steps", i, NEW, None))
            lines.append(f"new step: {_short(step.action)}")
        elif was != step.status:
            marks.append(("next_steps", i, CHANGED, was))
            lines.append(f"step {_short(step.action)}: {was} -> {step.status}")
    items = _matched(brief.procurement, _list(previous, "procurement"), "system", "stage")
    for i, (item, was) in enumerate(items):
        if was is None:
            marks.append(("procurement", i, NEW, None))
            lines.append(f"new system: {item.system} ({item.stage})")
        elif was != item.stage:
            marks.append(("procurement", i, CHANGED, was))
            lines.append(f"{item.system}: {was} -> {item.stage}")
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
    current: tuple[Any, ...], before: list[dict[str, Any]], key: str, value: str
) -> list[tuple[Any, str | None]]:
    """Each current entry with its previous value of `value` (None: a new entry),
    entries matched by `key` (a repeated key by its position among equals)."""
    was = dict(
        zip(
            _keyed([_words(e.get(key)) for e in before]),
            [e.get(value) for e in before],
            strict=True,
        )
    )
    keys = _keyed([_words(getattr(e, key)) for e in current])
    return [(entry, was.get(k)) for entry, k in zip(current, keys, strict=True)]


def record(ed: Edition) -> None:
    """After a successful build: the current edition becomes the previous, content current."""
    if not ed.new:
        return
    if ed.current is not None:
        safewrite.write_bytes(ed.folder / f"{ed.name}.previous.json", _dump(ed.current))
    safewrite.write_bytes(ed.folder / f"{ed.name}.current.json", _dump(ed.content))


def _dump(data: Snapshot) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
