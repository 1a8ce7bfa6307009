"""DOCX: WordprocessingML from the laid-out page.

The body, banner and logo are written by :mod:`.body`. The package around them
is the built-in base document (:mod:`.parts`), or the user's letterhead
(``reference_docx``, :mod:`.letterhead`) whose styles, page set-up, header and
footer stay. Either way the zip is written with a fixed entry order and times
(:mod:`.zipped`), so the same brief gives the same bytes.
"""

from __future__ import annotations

from briefgen.layout.page import Page
from briefgen.writers.docx import parts, zipped
from briefgen.writers.registry import Writer


def render(page: Page) -> bytes:
    if page.reference_docx:
        from briefgen.writers.docx import letterhead

        return letterhead.render(page, page.reference_docx)
    return zipped.pack(dict(parts.package(page)))


WRITER = Writer(
    name="docx",
    suffix=".docx",
    libraries=("python-docx",),
    preload=("briefgen.writers.docx.body", "briefgen.writers.docx.parts"),
    render=render,
)
