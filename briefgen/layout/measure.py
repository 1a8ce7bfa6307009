"""reportlab flowables for a laid-out page: the fit measures them, the PDF draws them.

The one place reportlab meets the layout. Every number comes from the page;
this module only says it in reportlab's terms, so what is measured is exactly
what the PDF draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab.platypus)
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag

from briefgen.layout import kept, lines, shaping
from briefgen.layout import page as p
from briefgen.layout.page import pt, size_pt
from briefgen.layout.rlflowables import HLine, StableParagraph, StableTable, color
from briefgen.layout.rlmarkup import markup

#: every paragraph style made in this process, by what it is made of
STYLES: dict[tuple[Any, ...], ParagraphStyle] = {}

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
VARIANT = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}


@dataclass(frozen=True)
class Piece:
    """One laid-out block as a page break sees it (see layout.paginate), in points."""

    before: float
    height: float
    after: float
    rows: tuple[float, ...] = ()  # a table's row heights, its rules included
    header: int = 0  # the table's header rows, repeated after a break
    keep: bool = False  # kept on the page of the block after it (a heading)


@dataclass(frozen=True)
class Measure:
    total: float
    per_block: tuple[float, ...]  # height each document block takes, spacing included
    pieces: tuple[Piece, ...] = ()  # each laid-out block's spaces and height


class Flowables:
    """Paragraph styles and flowables for one page.

    The classes it makes are attributes, so the PDF writer can make the same
    flowables in subclasses that also mark what they draw (tagged PDF).
    """

    paragraph_class: type[StableParagraph] = StableParagraph
    line_class: type[HLine] = HLine

    def __init__(self, page: p.Page) -> None:
        self.page = page
        self.family = page.fonts.pdf

    def style(self, para: p.Para, *, after: int | None = None) -> ParagraphStyle:
        after = para.after if after is None else after
        key: tuple[Any, ...] = (self.family, para.size, para.leading, para.bold, para.color)
        key += (para.before,)
        key += (after, para.indent, para.bullet_at, para.align, para.right)
        # runs in other scripts: HarfBuzz shapes, but for Chinese, Japanese and Korean,
        # which are set as their fonts' advances say, unkerned, as word processors set them
        shaped = any(s.face and not s.face.east_asian for s in para.spans)
        if shaped:
            shaping.install()
        key += (shaped,) if shaped else ()
        style = STYLES.get(key)
        if style is None:
            style = ParagraphStyle(
                f"s{len(STYLES)}",
                fontName=self.family + ("-Bold" if para.bold else ""),
                fontSize=size_pt(para.size),
                leading=pt(para.leading),
                textColor=color(para.color),
                spaceBefore=pt(para.before),
                spaceAfter=pt(after),
                leftIndent=pt(para.indent),
                rightIndent=pt(para.right),
                bulletIndent=pt(para.bullet_at),
                bulletFontName=self.family,
                bulletFontSize=size_pt(para.size),
                alignment=ALIGN[para.align],
                allowWidows=1,
                allowOrphans=1,
                # Break after the hyphen of "US-India" at a line end, as word processors do.
                embeddedHyphenation=1,
                hyphenationMinWordLength=1,
                **({"shaping": 1} if shaped else {}),
            )
            STYLES[key] = style
        return style

    def frags(self, para: p.Para) -> list[ParaFrag] | None:
        """reportlab's fragments for a paragraph, made directly instead of by parsing markup.

        Parsing paragraph markup is most of the cost of measuring a brief; spans are
        already plain text with a style, so their fragments are made here. A paragraph
        with a link (rare) returns None and goes through markup, which builds the link.
        """
        if any(s.href or s.face for s in para.spans):
            return None
        out: list[ParaFrag] = []
        for span in para.spans:
            name = self.family + VARIANT[(int(span.bold), int(span.italic))]
            size = size_pt(span.size)
            ink = color(span.color)
            for i, piece in enumerate(span.text.split("\n")):
                if i:
                    out.append(_frag("", name, size, ink, span, line_break=True))
                if piece:
                    out.append(_frag(piece, name, size, ink, span))
        return out

    def markup(self, para: p.Para) -> str:
        """The paragraph markup of a paragraph with a link."""
        return markup(para)

    def paragraph(self, para: p.Para, *, after: int | None = None) -> StableParagraph:
        para = lines.broken(para)  # drawn in exactly the lines the layout chose
        style = self.style(para, after=after)
        frags = self.frags(para)
        if frags is None:
            made = self.paragraph_class(self.markup(para), style, bulletText=para.bullet)
        else:
            made = self.paragraph_class("", style, bulletText=para.bullet, frags=frags)
        made.rule = para.rule_below
        return made

    def block(self, block: p.Block) -> Flowable:
        if isinstance(block, p.Para):
            return self.paragraph(block)
        if isinstance(block, p.Grid):
            return self.grid(block)
        if isinstance(block, p.Quote):
            return self.quote(block)
        line = self.line_class(block.line, block.height)
        line.spaceAfter = pt(block.after)
        return line

    def cell_font(self) -> list[tuple[Any, ...]]:
        """reportlab's tables set a cell font (Helvetica by default) before drawing each
        cell, which leaves an unembedded font in the PDF; the page's own font instead."""
        return [("FONTNAME", (0, 0), (-1, -1), self.family)]

    def grid(self, block: p.Grid) -> Table:
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [
            ("LEFTPADDING", (0, 0), (-1, -1), pt(block.pad_x)),
            ("RIGHTPADDING", (0, 0), (-1, -1), pt(block.pad_x)),
            ("TOPPADDING", (0, 0), (-1, -1), pt(block.pad_y)),
            # Word and LibreOffice add each row's bottom rule to its height; so does the PDF.
            ("BOTTOMPADDING", (0, 0), (-1, -1), pt(block.pad_y) + block.rule.width),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *self.cell_font(),
        ]
        rule = color(block.rule.color)
        for r, row in enumerate(block.rows):
            cells: list[Any] = []
            c = 0
            for cell in row.cells:
                made: list[Flowable] = [self.paragraph(x) for x in cell.paras]
                if cell.paras[-1].after:  # Word counts a cell's last space after (a bar's
                    made.append(Spacer(0, 0))  # room); reportlab only a space before another
                cells.append(made if len(made) > 1 else made[0])
                end = (c + cell.span - 1, r)
                if cell.span > 1:
                    cells.extend("" for _ in range(cell.span - 1))
                    commands.append(("SPAN", (c, r), end))
                if cell.fill:
                    commands.append(("BACKGROUND", (c, r), end, color(cell.fill)))
                if cell.gaps:
                    gap = color(cell.gaps.color)
                    commands.append(("LINEBEFORE", (c, r), end, cell.gaps.width, gap))
                    commands.append(("LINEAFTER", (c, r), end, cell.gaps.width, gap))
                c += cell.span
            data.append(cells)
            commands.append(("LINEBELOW", (0, r), (-1, r), block.rule.width, rule))
        table = StableTable(
            data, colWidths=list(block.widths), style=TableStyle(commands), hAlign="LEFT"
        )
        table.spaceAfter = pt(block.after)
        return table

    def quote(self, block: p.Quote) -> Table:
        parts = [self.paragraph(para, after=0) for para in block.paras]
        table = StableTable(
            [[parts]],
            colWidths=[self.page.geometry.frame[0]],
            style=TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), pt(block.indent)),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    *self.cell_font(),
                    (
                        "LINEBEFORE",
                        (0, 0),
                        (0, 0),
                        block.bar.width,
                        color(block.bar.color),
                    ),
                ]
            ),
            hAlign="LEFT",
        )
        table.spaceAfter = pt(block.after)
        return table


def _frag(
    text: str, name: str, size: float, ink: Any, span: p.Span, *, line_break: bool = False
) -> ParaFrag:
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.us_lines = []
    frag.fontName = name
    frag.bold = int(span.bold)
    frag.italic = int(span.italic)
    frag.fontSize = size
    frag.textColor = ink
    frag.text = text
    if line_break:
        frag.lineBreak = True
    return frag


def flowables(page: p.Page) -> list[Flowable]:
    """A flowable for each laid-out block, made anew (reportlab changes them as it draws)."""
    made = Flowables(page)
    return [made.block(block) for block in page.blocks]


def measure(page: p.Page, blocks: int) -> Measure:
    """The height the page's text takes, and the share of each of the document's blocks."""
    width = page.geometry.frame[0]
    per_block = [0.0] * blocks
    total = 0.0
    previous_after = 0.0
    pieces = []
    wrapped = flowables(page)
    made = zip(page.sources, page.blocks, wrapped, strict=True)
    for i, (index, block, flowable) in enumerate(made):
        _, height = flowable.wrap(width, 1e6)
        # Between two blocks the larger of the two spaces counts, not their sum:
        # word processors do this, and reportlab's frame is told to do the same.
        gap = max(flowable.getSpaceBefore(), previous_after) if i else 0.0
        previous_after = flowable.getSpaceAfter()
        per_block[index] += gap + height
        total += gap + height
        pieces.append(piece(block, flowable, height))
    kept.keep(page, wrapped)  # the PDF writer draws these, if this page is the one chosen
    return Measure(total, tuple(per_block), tuple(pieces))


def piece(block: p.Block, flowable: Flowable, height: float) -> Piece:
    """A wrapped block's spaces, height, rows (a table's) and whether it keeps with the next."""
    rows: tuple[float, ...] = ()
    header = 0
    if isinstance(block, p.Grid) and len(block.rows) > 1:
        rows = tuple(float(h) for h in flowable._rowHeights)
        header = next((r for r, row in enumerate(block.rows) if not row.header), len(block.rows))
    keep = isinstance(block, p.Para) and block.heading > 0
    before, after = flowable.getSpaceBefore(), flowable.getSpaceAfter()
    return Piece(before, height, after, rows, header, keep)
