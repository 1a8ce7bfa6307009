"""What a list section declares: :class:`ListSection`, and the text helpers its change lines use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from briefgen.content.checks import Record

#: how alike two entries' texts must be to be one (difflib's ratio; see sections.match)
ALIKE = 0.6


def words(text: Any) -> str:
    """Text with its runs of white space made single spaces, as entries are matched."""
    return " ".join(str(text or "").split())


def short(text: Any, most: int = 60) -> str:
    """Text cut to `most` characters for a change line."""
    said = words(text)
    return said if len(said) <= most else said[: most - 1].rstrip() + "…"


def field_of(entry: Any, name: str) -> Any:
    """A field of an entry: a content dataclass, or a mapping from a recorded edition."""
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


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
    #: what a change line calls one entry ("statement", "system")
    noun: str
    #: the entry in a change line, from a dataclass entry or a recorded mapping
    label: Callable[[Any], str]
    #: the field compared by similarity to recognise an entry in the published edition
    match_text: str
    #: fields that must be the same (ignoring case and spacing) for two entries to be one
    match_key: tuple[str, ...] = ()
    #: how alike the texts must be (0..1, difflib.SequenceMatcher's ratio, case and spacing ignored)
    alike: float = ALIKE
    #: the field whose move the change line names, with its value before (None: none)
    tracked: str | None = None
    #: the line for an entry whose tracked field moved: (entry, value before) -> line
    moved_line: Callable[[Any, str], str] | None = None
    #: the section is in every edition's snapshot, even empty (the lists of schema v1's
    #: first release); a later section is left out while empty, so editions recorded
    #: before it existed still equal the same content
    always_recorded: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns a table file for this section may have."""
        return tuple(self.fields)

    @property
    def compared(self) -> tuple[str, ...]:
        """The fields whose change marks an entry CHANGED (all but its id)."""
        return tuple(f for f in self.fields if f != "id")

    def new_line(self, entry: Any) -> str:
        return f"new {self.noun}: {self.label(entry)}"

    def changed_line(self, entry: Any) -> str:
        return f"changed {self.noun}: {self.label(entry)}"

    def removed_line(self, entry: Any) -> str:
        return f"removed {self.noun}: {self.label(entry)}"
