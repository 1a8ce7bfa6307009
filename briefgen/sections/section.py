"""What a list section declares: :class:`ListSection`, and the text helpers its change lines use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefgen.content.checks import Record


def words(text: Any) -> str:
    """Text with its runs of white space made single spaces, as entries are matched."""
    return " ".join(str(text or "").split())


def short(text: Any, most: int = 60) -> str:
    """Text cut to `most` characters for a change line."""
    said = words(text)
    return said if len(said) <= most else said[: most - 1].rstrip() + "…"


@dataclass(frozen=True)
class ListSection:
    """One list section of a brief, as every stage sees it."""

    #: the content key, the field of Brief, and the name templates use (brief.<key>)
    key: str
    #: the frozen dataclass one entry is read into
    entry: type
    #: the entry's fields and their checks, in order; also the table file's columns
    fields: Record
    #: what an author calls one entry ("next step"), in template error messages
    name: str
    #: the fields that together recognise an entry in the previous edition
    match: tuple[str, ...]
    #: the line a change list shows for a new entry
    new_line: Callable[[Any], str]
    #: the field whose change marks an entry CHANGED (None: entries are only ever NEW)
    tracked: str | None = None
    #: the line for an entry whose tracked field moved: (entry, value before) -> line
    moved_line: Callable[[Any, str], str] | None = None
    #: with a tracked field the n-th entry of a key is compared with the n-th before;
    #: otherwise an entry is new only when no entry before had its key
    pairs_repeats: bool = True
    #: the section is in every edition's snapshot, even empty (the lists of schema v1's
    #: first release); a later section is left out while empty, so editions recorded
    #: before it existed still equal the same content
    always_recorded: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns a table file for this section may have."""
        return tuple(self.fields)

    def key_of(self, entry: Any) -> tuple[str, ...]:
        """The entry's matching key, from a dataclass entry or a snapshot's mapping."""
        get = entry.get if isinstance(entry, dict) else lambda f: getattr(entry, f)
        return tuple(words(get(f)) for f in self.match)
