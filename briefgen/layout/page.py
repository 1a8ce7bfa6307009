"""The laid-out page: everything a writer draws, every decision already made.

Made by :func:`briefgen.layout.blocks.lay_out` from the document model and the
theme at one scale. Sizes of text are whole half points and the spaces and
indents of paragraphs whole twips (twentieths of a point), as Word stores them,
so every writer draws exactly the numbers the fit measured. Page geometry and
table column widths are in points. Colours are "#rrggbb". A writer translates
these values into its format; it never chooses one.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.render.model import Meta  # the document's properties, as the template set them

HALF_POINTS = 2  # per point
TWIPS = 20  # per point


def hp(points: float) -> int:
    """Half points from points."""
    return round(points * HALF_POINTS)


def tw(points: float) -> int:
    """Twips from points."""
    return round(points * TWIPS)


def pt(twips: int) -> float:
    """Points from twips."""
    return twips / TWIPS


def size_pt(half_points: int) -> float:
    """Points from half points."""
    return half_points / HALF_POINTS


@dataclass(frozen=True)
class Line:
    """A rule: its colour and width in points; gap is the space between it and the text."""

    color: str
    width: float
    gap: float = 0.0


@dataclass(frozen=True)
class Face:
    """A run's font when it is not the page's own, and its script's needs."""

    pdf: str  # the registered fallback family; "" for the page's own font
    word: str  # the family a word processor is told to use; "" for the page's own
    lang: str  # BCP 47 language of the run's script ("hi", "ar"), "" if none
    rtl: bool  # written right to left
    east_asian: bool  # Word's eastAsia font slot, else its complex-script one
    file: str = ""  # the fallback's TrueType file, which the DOCX embeds; "" for the page's own


@dataclass(frozen=True)
class Span:
    """A stretch of text in one resolved style."""

    text: str  # "\n" is a line break
    size: int  # half points
    color: str
    bold: bool = False
    italic: bool = False
    href: str | None = None  # drawn underlined
    mark: bool = False  # a portion mark, "(S//NF) ", set first in its paragraph
    face: Face | None = None  # a run in another script (see layout.scripts); None: the page's font
    level: int = 0  # its embedding level (layout.bidi): odd is right to left


@dataclass(frozen=True)
class Para:
    """A paragraph: its text, size, spacing and indents."""

    spans: tuple[Span, ...]
    size: int  # half points
    leading: int  # twips, exact line spacing
    color: str
    bold: bool = False
    before: int = 0  # twips
    after: int = 0  # twips
    indent: int = 0  # twips from the text area's left edge
    bullet: str | None = None  # a list item's marker
    bullet_at: int = 0  # twips from the left edge where the marker starts
    align: str = "left"  # left, center, right
    heading: int = 0  # outline level (1 title, 2 section, 3 sub-heading), 0 for text
    rule_below: Line | None = None  # a section heading's underline
    right: int = 0  # twips from the text area's right edge (the lines' reserve, see layout.lines)
    #: where each line after the first starts (offsets into the spans' joined text): the
    #: PDF breaks there; a word processor breaks there by itself in the same width
    breaks: tuple[int, ...] = ()

    @property
    def number(self) -> int | None:
        """A numbered list item's number (its marker "3." is 3); None for a bullet or text."""
        marker = (self.bullet or "").rstrip(".")
        return int(marker) if marker.isascii() and marker.isdigit() else None


@dataclass(frozen=True)
class Quote:
    """A quotation: paragraphs set in from a bar at the left."""

    paras: tuple[Para, ...]
    indent: int  # twips from the bar's outer edge to the text
    bar: Line
    after: int  # twips


@dataclass(frozen=True)
class Cell:
    #: the cell's paragraphs, top to bottom: its text, then any lines of small text under it
    #: (a system's facts, a step's due marker), each set in the leading of its own size
    paras: tuple[Para, ...]
    span: int = 1  # columns
    fill: str | None = None
    #: white rules at the sides that keep neighbouring shaded cells apart
    gaps: Line | None = None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False  # repeated at the top of a page


@dataclass(frozen=True)
class Grid:
    """A table: column widths in points, cell padding, a rule under every row."""

    rows: tuple[Row, ...]
    widths: tuple[float, ...]  # points
    pad_x: int  # twips, left and right of every cell
    pad_y: int  # twips, above and below
    rule: Line  # under every row; counted in the row's height
    after: int  # twips
    #: the rows of a table after a page break: its first rows repeat the table's header
    continued: bool = False


@dataclass(frozen=True)
class Rule:
    """A horizontal rule across the text area."""

    line: Line
    height: float  # points, the rule included
    after: int  # twips


Block = Para | Quote | Grid | Rule


@dataclass(frozen=True)
class Banner:
    """The classification bar at the top and the bottom of the page."""

    text: str
    size: float  # points
    height: float  # points, a whole number of twips
    fill: str
    color: str
    left: float  # points from the page's left edge
    width: float  # points
    distance: float  # points from the page's top (and bottom) edge


@dataclass(frozen=True)
class Folio:
    """ "Page N of M" at the bottom right, just above the bottom banner: on a brief set on
    more than one page (see layout.paginate), in every format that has pages."""

    pages: int  # M
    size: int  # half points
    leading: int  # twips, exact: the line's height
    color: str
    gap: int  # twips between the line and the banner under it
    bottom: float  # points from the page's bottom edge to the top of that banner

    def text(self, number: int) -> str:
        return f"Page {number} of {self.pages}"


@dataclass(frozen=True)
class Logo:
    """A picture at the top right, under the banner."""

    data: bytes  # the image itself, PNG or JPEG: writers read no file
    kind: str  # "png" or "jpeg"
    pixels: tuple[int, int]
    width: float  # points
    height: float  # points
    left: float  # points from the page's left edge
    top: float  # points from the page's top edge
    gap: int  # twips between the banner's bottom edge and the picture
    alt: str = ""  # the alternative text, read instead of the picture (the theme's logo_alt)


@dataclass(frozen=True)
class Geometry:
    """Page size, margins and text area, in points."""

    width: float
    height: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    header_distance: float  # from the edge to the banners

    @property
    def frame(self) -> tuple[float, float]:
        return (
            self.width - self.margin_left - self.margin_right,
            self.height - self.margin_top - self.margin_bottom,
        )

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class Fonts:
    word: str  # the family a word processor is told to use
    pdf: str  # the registered family the PDF embeds (same metrics)


@dataclass(frozen=True)
class Styles:
    """The document's named styles, for formats that keep them (what Word lists)."""

    size: int  # half points, body text
    leading: int  # twips
    color: str
    heading_color: str
    headings: tuple[int, ...]  # half points, levels 1, 2, 3


@dataclass(frozen=True)
class Page:
    geometry: Geometry
    fonts: Fonts
    styles: Styles
    blocks: tuple[Block, ...]
    #: index of the document block each laid-out block came from
    sources: tuple[int, ...]
    meta: Meta
    banner: Banner | None
    logo: Logo | None
    scale: float  # body text size, points
    fill: float = 0.0  # fraction of the text area used (set by the fit)
    fits: bool = True
    room: float = 1.0  # fraction of the text area the fit may use
    #: --allow-overflow: a writer with a fit of its own (the slide) may write what does not fit
    overflow: bool = False
    #: the user's Word letterhead, which a DOCX starts from instead of the built-in base
    reference_docx: str = ""
    #: what the PDF claims and is made to: "ua-1", "a-2b+ua-1" or "none"
    pdf_standard: str = "ua-1"
    #: what the build should tell the user about the theme (colour pairs under WCAG AA)
    warnings: tuple[str, ...] = ()
    #: the pages the brief may take: 1, or 2 for a brief allowed two (its ``pages``)
    pages: int = 1
    #: where each page after the first starts, as indices into blocks: decided by the
    #: fit of a brief allowed two pages, kept by every writer that has pages
    breaks: tuple[int, ...] = ()
    folio: Folio | None = None  # "Page N of M" on each page of a brief set on two

    @property
    def spread(self) -> int:
        """The pages the brief is set on: two for a brief allowed two that needs them (its
        fill is then the second page's), else one."""
        return 2 if self.breaks or (self.pages == 2 and not self.fits) else 1


def share(fill: float, pages: int = 1) -> str:
    """How much of its page a brief takes, as build prints it: "92% of the page"; on two
    pages (fill is then the second's), "two pages, 64% of the second"."""
    return f"{fill:.0%} of the page" if pages == 1 else f"two pages, {fill:.0%} of the second"
