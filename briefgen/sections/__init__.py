"""The list sections a brief can hold, each declared once in its own module.

A section's declaration (:class:`ListSection`) says everything the rest of
briefgen needs to know about it: the content key (also its name in templates),
the frozen dataclass of one entry, the entry's fields and their checks (which are
also the columns of a table file), what an author calls one entry in errors, how
an entry is recognised in the published edition (its text, the fields that must
agree, how alike is alike: see :mod:`briefgen.sections.match`), the field whose
move the change line names, and the words of its change lines. The schema
(:mod:`briefgen.content.schema`), tables (:mod:`briefgen.content.sources`), editions
(:mod:`briefgen.regen.editions`) and the plain view templates get (:mod:`briefgen.render.view`)
all read :data:`SECTIONS`; a new list section is one module here, one line below,
its field on :class:`briefgen.content.schema.Brief`, and template markup.
"""

from __future__ import annotations

from briefgen.sections import procurement, statements, steps, talking_points
from briefgen.sections.section import ListSection, short, words

__all__ = ["BY_KEY", "SECTIONS", "ListSection", "short", "words"]

#: every list section, in the order a brief's change lines list them
SECTIONS: tuple[ListSection, ...] = (
    statements.SECTION,
    steps.SECTION,
    procurement.SECTION,
    talking_points.SECTION,
)
#: the sections by content key
BY_KEY: dict[str, ListSection] = {s.key: s for s in SECTIONS}
