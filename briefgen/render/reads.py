"""Which of a brief's entries the template read: the content a template leaves out.

A template may show the first three key statements, or no next steps at all; that is
its design, but the author of the content should hear of it rather than find it
missing. While a template renders, every read of a record's field is noted (by the
record), and afterwards :func:`unshown` says, per list, how many entries' own text
(a statement's text, a step's action, a system's name, a section's body: the field
editions match entries by) was never read. Other fields do not count: a filter on
every step's status, or the page's keywords made from every speaker, show nothing of
them. A text read but not printed counts as shown: the note errs on the side of silence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from briefgen.sections import SECTIONS

Seen = set[tuple[int, str]]
_READ: ContextVar[Seen | None] = ContextVar("briefgen_read", default=None)
#: the lists whose entries are counted: what one entry is called, and its own text
LISTS = {**{s.key: (s.name, s.match_text) for s in SECTIONS}, "sections": ("section", "body")}


def note(record: object, name: str) -> None:
    """The field name of record was read (while a template renders; else nothing)."""
    seen = _READ.get()
    if seen is not None:
        seen.add((id(record), name))


@contextmanager
def reading() -> Iterator[Seen]:
    """Note the fields read inside: (the record's id, the field's name) of each."""
    seen: Seen = set()
    token = _READ.set(seen)
    try:
        yield seen
    finally:
        _READ.reset(token)


def unshown(fields: Mapping[str, Any], seen: Seen) -> tuple[str, ...]:
    """'3 of 6 key statements', 'the 1 section': each list of the brief (its fields)
    with entries whose own text the template never read."""
    out = []
    for key, (noun, own) in LISTS.items():
        entries = fields.get(key) or ()
        left = sum((id(entry), own) not in seen for entry in entries)
        if left:
            plural = noun if len(entries) == 1 else noun + "s"
            out.append(
                f"{'all' if left == len(entries) else f'{left} of'} {len(entries)} {plural}"
                if len(entries) > 1
                else f"the 1 {plural}"
            )
    return tuple(out)
