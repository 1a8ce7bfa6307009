"""The page as one 16:9 slide: every box, size and position decided here, once.

A slide has its own geometry, so it is laid out here, in the layout stage, from
the laid-out page (the PPTX writer only translates the :class:`Slide`). Its
content is the page's digest (:mod:`.digest`): the title and the lines under it
across the top, the sections with tables in a wide right column and the others
in the left, both read in the page's order. Every size keeps its proportion to
the body text, as on the page; the fit takes the largest body size from
:data:`LARGEST` down to :data:`SMALLEST` at which each column fits its height (a
binary search, as for the page), measuring with the reportlab paragraphs and
tables the fit of the page uses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefgen.errors import FitError
from briefgen.layout import digest, lines
from briefgen.layout import page as p
from briefgen.layout.page import hp, pt, tw
from briefgen.render.model import Meta

WIDTH, HEIGHT = 960.0, 540.0  # points: 13.33 x 7.5 inches, PowerPoint's 16:9
MARGIN = 30.0  # left and right, and between the banners and the text
BANNER_HEIGHT, BANNER_EDGE = 18.0, 6.0  # the banners' height and distance from the edge
GUTTER = 24.0  # between the columns
LEFT = 0.42  # the left column's share of the width between the margins
LARGEST, SMALLEST = 14.0, 9.0  # body text sizes the fit tries, in half points
#: where the banners fall, the text does not: the body area's top and bottom
TOP = BANNER_EDGE + BANNER_HEIGHT + 12.0
BOTTOM = HEIGHT - BANNER_EDGE - BANNER_HEIGHT - 12.0


@dataclass(frozen=True)
class Frame:
    """A box in points from the slide's top left corner."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Text:
    """A text box: its paragraphs at the slide's sizes, stacked at their exact leading."""

    frame: Frame
    paras: tuple[p.Para, ...]
    fill: str | None = None
    middle: bool = False  # centred vertically (the banners)


@dataclass(frozen=True)
class Table:
    frame: Frame
    grid: p.Grid
    heights: tuple[float, ...]  # each row's, as measured


@dataclass(frozen=True)
class Bar:
    """A filled rectangle: a heading's rule."""

    frame: Frame
    color: str


@dataclass(frozen=True)
class Picture:
    frame: Frame
    data: bytes  # PNG or JPEG


Shape = Text | Table | Bar | Picture


@dataclass(frozen=True)
class Slide:
    width: float
    height: float
    fonts: p.Fonts
    shapes: tuple[Shape, ...]  # in reading order
    notes: tuple[str, ...]  # the page's whole text
    meta: Meta
    size: float  # body text, points
    fits: bool = True


class _Sizer:
    """The page's blocks at another body size: every size and space in proportion."""

    def __init__(self, page: p.Page, body: float) -> None:
        from briefgen.layout.measure import Flowables  # reportlab, only to lay out a slide

        self.k = body / page.scale
        self.measures = Flowables(page)
        self.family = page.fonts.pdf
        #: a word that only just fits its column, or does not (see lines.crowded)
        self.crowded = False

    def para(self, para: p.Para) -> p.Para:
        """The paragraph at the slide's size, without the page's line breaks: the slide's
        columns are not the page's (each is broken anew in its width, :meth:`settle`)."""
        k = self.k
        spans = tuple(replace(s, size=max(hp(s.size / 2 * k), 10)) for s in para.spans)
        return replace(para, spans=spans, size=max(hp(para.size / 2 * k), 10),
                       leading=tw(pt(para.leading) * k), before=tw(pt(para.before) * k),
                       after=tw(pt(para.after) * k), indent=tw(pt(para.indent) * k),
                       bullet_at=tw(pt(para.bullet_at) * k), breaks=())  # fmt: skip

    def grid(self, grid: p.Grid, width: float) -> p.Grid:
        total = sum(grid.widths)
        rows = tuple(
            replace(
                row,
                cells=tuple(replace(c, paras=tuple(map(self.para, c.paras))) for c in row.cells),
            )
            for row in grid.rows
        )
        made = replace(grid, rows=rows, widths=tuple(w / total * width for w in grid.widths),
                       pad_x=tw(pt(grid.pad_x) * self.k), pad_y=tw(pt(grid.pad_y) * self.k),
                       after=tw(pt(grid.after) * self.k))  # fmt: skip
        for row in made.rows:
            c = 0
            for cell in row.cells:
                room = sum(made.widths[c : c + cell.span]) - 2 * pt(made.pad_x)
                self.crowded = self.crowded or any(
                    lines.crowded(x, room - pt(x.indent), self.family) for x in cell.paras
                )
                c += cell.span
        return lines.settle_grid(made, self.family)

    def settle(self, para: p.Para, width: float) -> p.Para:
        """Line breaks robust in the slide's width, as on the page (see layout.lines)."""
        room = width - pt(para.indent)
        self.crowded = self.crowded or lines.crowded(para, room, self.family)
        return lines.settle(para, room, self.family)

    def height(self, para: p.Para, width: float) -> float:
        return float(self.measures.paragraph(para, after=0).wrap(width, 1e6)[1])

    def rows(self, grid: p.Grid) -> tuple[float, ...]:
        table = self.measures.grid(grid)
        table.wrap(sum(grid.widths), 1e6)
        return tuple(float(h) for h in table._rowHeights)


class _Column:
    """Shapes stacked down a column from a top, each after the space the last one leaves."""

    def __init__(self, sizer: _Sizer, left: float, width: float, top: float) -> None:
        self.sizer, self.left, self.width = sizer, left, width
        self.y, self.space = top, 0.0
        self.shapes: list[Shape] = []

    def texts(self, paras: list[p.Para]) -> None:
        if not paras:
            return
        self.y += self.space
        paras = [self.sizer.settle(para, self.width) for para in paras]
        height = sum(self.sizer.height(para, self.width) for para in paras)
        height += sum(pt(para.after) for para in paras[:-1])
        self.shapes.append(Text(Frame(self.left, self.y, self.width, height), tuple(paras)))
        self.y += height
        self.space = pt(paras[-1].after)
        rule = paras[-1].rule_below
        if rule is not None:  # inside the heading's space after, as on the page
            self.shapes.append(Bar(Frame(self.left, self.y + rule.gap, self.width, rule.width),
                                   rule.color))  # fmt: skip

    def table(self, grid: p.Grid) -> None:
        self.y += self.space
        heights = self.sizer.rows(grid)
        self.shapes.append(Table(Frame(self.left, self.y, self.width, sum(heights)), grid, heights))
        self.bars(grid, heights)
        self.y += sum(heights)
        self.space = pt(grid.after)

    def bars(self, grid: p.Grid, heights: tuple[float, ...]) -> None:
        """The track's bars, each under its stage cell's text, as on the page."""
        pad_x, top = pt(grid.pad_x), self.y
        for row, height in zip(grid.rows, heights, strict=True):
            c, left = 0, self.left
            for cell in row.cells:
                across = sum(grid.widths[c : c + cell.span])
                rule = cell.paras[0].rule_below
                if rule is not None:
                    text = self.sizer.height(cell.paras[0], across - 2 * pad_x)
                    y = top + pt(grid.pad_y) + text + rule.gap
                    frame = Frame(left + pad_x, y, across - 2 * pad_x, rule.width)
                    self.shapes.append(Bar(frame, rule.color))
                c, left = c + cell.span, left + across
            top += height

    def section(self, section: digest.Section) -> None:
        run: list[p.Para] = []
        for block in (section.heading, *section.blocks):
            if isinstance(block, p.Para):
                run.append(self.sizer.para(block))
                if block.heading:
                    self.texts(run)
                    run = []
            elif isinstance(block, p.Grid):
                self.texts(run)
                run = []
                self.table(self.sizer.grid(block, self.width))
        self.texts(run)


def banner(bar: p.Banner, top: float) -> Text:
    size = max(hp(bar.size), 20)
    span = p.Span(bar.text, size, bar.color, bold=True)
    para = p.Para((span,), size, tw(size / 2 * 1.2), bar.color, bold=True, align="center")
    return Text(Frame(MARGIN, top, WIDTH - 2 * MARGIN, BANNER_HEIGHT), (para,), bar.fill, True)


def at_size(page: p.Page, body: float) -> tuple[Slide, dict[str, float]]:
    """The slide at one body size, and how much of its height each column needs."""
    sizer = _Sizer(page, body)
    parts = digest.sections(page)
    inner = WIDTH - 2 * MARGIN
    head = _Column(sizer, MARGIN, inner, TOP)
    shapes: list[Shape] = []
    if page.banner is not None:
        shapes.append(banner(page.banner, BANNER_EDGE))
    if page.logo is not None:
        logo = page.logo
        head.width -= logo.width + GUTTER
        shapes.append(Picture(Frame(WIDTH - MARGIN - logo.width, TOP, logo.width, logo.height),
                              logo.data))  # fmt: skip
    if parts and parts[0].heading is None:
        head.section(parts[0])
        parts = parts[1:]
    shapes.extend(head.shapes)
    top = head.y + head.space
    tabular = any(s.tabular for s in parts)
    textual = any(not s.tabular for s in parts)
    left_width = inner * LEFT - GUTTER / 2 if tabular and textual else inner
    left = _Column(sizer, MARGIN, left_width, top)
    right_width = inner - left_width - GUTTER if textual else inner
    right = _Column(sizer, WIDTH - MARGIN - right_width, right_width, top)
    for section in parts:  # shapes in the page's order, whichever column
        column = right if section.tabular else left
        before = len(column.shapes)
        column.section(section)
        shapes.extend(column.shapes[before:])
    if page.banner is not None:
        shapes.append(banner(page.banner, HEIGHT - BANNER_EDGE - BANNER_HEIGHT))
    room = BOTTOM - top
    needs = {"left column": (left.y - top) / room, "right column": (right.y - top) / room}
    if head.y > BOTTOM:
        needs["title and the lines under it"] = head.y / BOTTOM
    if sizer.crowded and body > SMALLEST:  # a smaller size, where every word has room
        needs["a word as wide as its column"] = CROWDED
    slide = Slide(WIDTH, HEIGHT, page.fonts, tuple(shapes), digest.notes(page), page.meta, body)
    return slide, needs


CROWDED = 1.01  # a size with a word as wide as its column does not fit, but at the smallest


def sizes() -> list[float]:
    out, size = [], LARGEST
    while size >= SMALLEST - 1e-9:
        out.append(size)
        size -= 0.5
    return out


def lay_out(page: p.Page) -> Slide:
    """The slide at the largest body size at which everything fits; FitError if none does,
    unless the page was allowed to overflow (then the slide at the smallest size)."""
    options = sizes()
    tried: dict[int, tuple[Slide, dict[str, float]]] = {}

    def at(index: int) -> tuple[Slide, dict[str, float]]:
        if index not in tried:
            tried[index] = at_size(page, options[index])
        return tried[index]

    # Binary search over the sizes (largest first) for the first that fits, as the page's fit.
    lo, hi, best = 0, len(options) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if max(at(mid)[1].values()) <= 1.0:
            best, hi = at(mid)[0], mid - 1
        else:
            lo = mid + 1
    if best is not None:
        return best
    slide, needs = at(len(options) - 1)
    if page.overflow:
        return replace(slide, fits=False)
    worst = ", ".join(f"the {name} needs {share:.0%}" for name, share in needs.items() if share > 1)
    raise FitError(
        f"does not fit on one slide even at {SMALLEST:g} pt: {worst} of its height "
        "(shorten the sections there, or build without -f pptx)"
    )
