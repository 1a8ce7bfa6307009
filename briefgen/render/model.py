"""The document model: what every writer draws, and nothing else.

Built from brief markup by :mod:`briefgen.render.markup`. Plain text only: no markup
string of any kind survives into the model, so no content can reach reportlab's
paragraph markup or Word's XML except as text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text with one inline style."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    color: str | None = None  # a theme colour name, from <span class="...">
    small: bool = False


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = brief title, 2 = section, 3 = sub-heading
    runs: Inline
    mark: str = ""  # the portion mark printed first, "(S//NF)" (briefgen.markings)


@dataclass(frozen=True)
class Paragraph:
    runs: Inline
    style: str = "body"  # body, lead, small, muted
    mark: str = ""  # the portion mark printed first


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Inline, ...]
    ordered: bool = False
    marks: tuple[str, ...] = ()  # each item's portion mark ("" for none); () for none at all
    start: int = 1  # an ordered list's first number


@dataclass(frozen=True)
class Cell:
    runs: Inline
    header: bool = False
    fill: str | None = None  # a theme colour name, from <td class="...">
    align: str = "left"  # left, center, right
    span: int = 1
    #: a theme colour name, from <td bar="...">: a thin bar under the cell's text (a stage
    #: of the procurement track) instead of a shaded cell
    bar: str | None = None


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width, summing to 1
    header_rows: int = 0
    style: str = "grid"  # grid (ruled rows) or track (a row of shaded cells)
    marks: tuple[str, ...] = ()  # each row's portion mark, printed in its first cell


@dataclass(frozen=True)
class Quote:
    runs: Inline
    cite: Inline = ()
    mark: str = ""  # the portion mark printed first


@dataclass(frozen=True)
class Rule:
    pass


Block = Heading | Paragraph | ListBlock | Table | Quote | Rule


@dataclass(frozen=True)
class Meta:
    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: str = ""
    language: str = "en-US"
    date: dt.date | None = None


@dataclass(frozen=True)
class Banner:
    """The classification marking, drawn at the top and the bottom of the page."""

    text: str  # its colour comes from the theme's [banners], by level


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    meta: Meta = field(default_factory=Meta)
    banner: Banner | None = None
