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
from briefgen.writers.docx import parts
from briefgen.writers.registry import Writer


class Base(Protocol):
    """A document the brief is written into: the built-in one or a letterhead."""

    def link(self, url: str) -> str: ...  # the relationship id of a hyperlink

    def image(self, logo: Logo) -> str: ...  # the header's relationship id of the logo

    def save(self, body: str, header: str, footer: str) -> bytes: ...


def base(page: Page) -> Base:
    if page.reference_docx:
        from briefgen.writers.docx.letterhead import Letterhead

        return Letterhead(page)
    return parts.Builtin(page)


def render(page: Page) -> bytes:
    """The DOCX of a laid-out page: one path, whichever document it starts from."""
    document = base(page)
    body = wordml.Body(page, document.link).xml()
    banner = wordml.banner(page)
    header = banner
    if page.logo is not None:
        header += wordml.logo(page, document.image(page.logo))
    return document.save(body, header, banner)


WRITER = Writer(
    name="docx",
    suffix=".docx",
    libraries=("python-docx",),
    preload=("briefgen.writers.docx.body", "briefgen.writers.docx.parts"),
    render=render,
    default=True,
)
