"""The layout stage: document model + theme -> laid-out page.

Every size, colour, width and spacing a writer draws is decided here, once:
:mod:`blocks` lays out the text, :mod:`furniture` the page around it, and
:mod:`briefgen.layout.fit` searches the scales for the largest at which the page fits,
measuring with reportlab through :mod:`measure`. Writers receive the
:class:`~briefgen.layout.page.Page` and only translate it.
"""

from __future__ import annotations

from briefgen.layout import blocks, contrast, furniture, lines, scripts
from briefgen.layout import page as p
from briefgen.layout.page import hp, tw
from briefgen.layout.sizes import Sizes
from briefgen.layout.theme import Theme
from briefgen.render import model

__all__ = ["lay_out"]


def lay_out(
    doc: model.Document, theme: Theme, sizes: Sizes, fonts: p.Fonts, logo: p.Logo | None
) -> p.Page:
    """The page for a document at one set of sizes."""
    laid, sources = blocks.blocks(doc, theme, sizes)
    laid = scripts.apply(laid, fonts.pdf, theme.fallback_fonts)
    laid = lines.settle_blocks(laid, theme.frame[0], fonts.pdf)
    meta = doc.meta
    return p.Page(
        geometry=furniture.geometry(theme),
        fonts=fonts,
        styles=p.Styles(
            hp(sizes.body.size),
            tw(sizes.body.leading),
            theme.color("text"),
            theme.color("accent"),
            (hp(sizes.title.size), hp(sizes.heading.size), hp(sizes.body.size)),
        ),
        blocks=laid,
        sources=sources,
        meta=meta,
        banner=furniture.banner(doc, theme),
        logo=logo,
        scale=sizes.body.size,
        reference_docx=theme.reference_docx,
        pdf_standard=theme.pdf_standard,
        warnings=contrast.warnings(theme),
    )
