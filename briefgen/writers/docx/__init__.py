"""DOCX: WordprocessingML from the laid-out page.

One path for every brief: the body, banner and logo are written by
:mod:`.body` into a base document, the built-in one (:mod:`.parts`) or the
user's letterhead (``reference_docx``, :mod:`.letterhead`, whose styles, page
set-up, header and footer stay); both give relationship ids for links and
pictures and save themselves. The zip is written with a fixed entry order and
times (:mod:`.zipped`), so the same brief gives the same bytes.
"""

from __future__ import annotations

from typing import Protocol

from briefgen.layout.page import Logo, Page
from briefgen.writers.docx import body as wordml
from briefgen.writers.docx import furniture, parts
from briefgen.writers.docx.lists import ListStyle
from briefgen.writers.registry import Writer


class Base(Protocol):
    """A document the brief is written into: the built-in one or a letterhead."""

    #: the first page's banner and logo go at the top of the body, where screen readers,
    #: which skip headers and footers, read the marking first (the built-in base)
    marking_in_body: bool
    first_list: int  # the first numbering instance free for the brief's lists

    def link(self, url: str) -> str: ...  # the relationship id of a hyperlink

    def image(self, logo: Logo, part: str) -> str: ...  # part "body" or "header": its rel id

    def save(self, body: str, header: str, footer: str, lists: list[ListStyle]) -> bytes: ...


def base(page: Page) -> Base:
    if page.reference_docx:
        from briefgen.writers.docx.letterhead import Letterhead

        return Letterhead(page)
    return parts.Builtin(page)


def render(page: Page) -> bytes:
    """The DOCX of a laid-out page: one path, whichever document it starts from."""
    document = base(page)
    in_body = document.marking_in_body and page.banner is not None
    top, lead = "", 0
    if in_body:
        top = furniture.banner(page)
        if page.logo is not None:
            top += furniture.logo(page, document.image(page.logo, "body"))
        lead = furniture.lead(page)
    body = wordml.Body(page, document.link, document.first_list, lead)
    content = top + body.xml()
    # Pages after the first (a brief written with --allow-overflow) keep the banner in
    # their header, at the banner's distance from the edge.
    distance = wordml.twips(page.geometry.header_distance) if in_body else 0
    header = furniture.banner(page, before=distance)
    if page.logo is not None:
        header += furniture.logo(page, document.image(page.logo, "header"), drawing_id=2)
    if page.breaks and in_body:  # a second page's text starts at the top margin, as the PDF's
        header += furniture.spacer(lead)
    footer = furniture.folio(page) + furniture.banner(page)
    return document.save(content, header, footer, body.lists)


WRITER = Writer(
    name="docx",
    suffix=".docx",
    libraries=("python-docx",),
    preload=("briefgen.writers.docx.body", "briefgen.writers.docx.parts"),
    render=render,
    default=True,
)
