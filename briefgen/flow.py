"""Document model -> reportlab flowables, at one set of sizes.

Used twice: by :mod:`briefgen.fit` to measure, and by the PDF writer to draw,
so what is measured is exactly what is drawn.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag

from briefgen import fonts, model
from briefgen.sizes import Sizes, Text
from briefgen.theme import Theme

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
BORDER = 0.5  # thin rules: table rows, heading underline
BAR = 1.5  # the bar beside a quote
CELL_GAP = 1.0  # white gap between shaded cells of a track


class HLine(Flowable):  # type: ignore[misc]
    """A horizontal rule, drawn the same height as the DOCX's bordered empty paragraph."""

    def __init__(self, color: str, height: float = 1.5) -> None:
        super().__init__()
        self.color = color
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor(self.color))
        self.canv.setLineWidth(BORDER)
        self.canv.line(0, BORDER / 2, self.width, BORDER / 2)


class StableParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that wraps the same however often it is wrapped.

    reportlab changes a paragraph's fragments while breaking a word at its hyphen,
    so a second wrap (a table wraps its cells more than once) could drop the
    hyphen of "government-to-government". Each wrap starts from copies of the
    fragments as they were made.
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[ParaFrag] | None = None,
    ) -> None:
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        made: list[ParaFrag] = getattr(self, "frags")  # noqa: B009 - set by reportlab
        self._pristine = [copy.copy(f) for f in made]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        setattr(self, "frags", [copy.copy(f) for f in self._pristine])  # noqa: B010
        return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]


class RuledHeading(StableParagraph):
    """A section heading with a thin rule under it (the DOCX uses a bottom border)."""

    rule_color = "#000000"

    def draw(self) -> None:
        super().draw()
        self.canv.setStrokeColor(colors.HexColor(self.rule_color))
        self.canv.setLineWidth(BORDER)
        y = -1.0 - BORDER / 2
        self.canv.line(0, y, self.width, y)


def inline(runs: model.Inline, theme: Theme, sizes: Sizes) -> str:
    """reportlab paragraph markup for runs; every piece of text is escaped."""
    parts = []
    for run in runs:
        piece = escape(run.text).replace("\n", "<br/>")
        if run.small:
            piece = f'<font size="{sizes.small.size}">{piece}</font>'
        if run.color:
            piece = f'<font color="{theme.color(run.color)}">{piece}</font>'
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.href:
            href = escape(run.href, {'"': "&quot;"})
            piece = f'<a href="{href}" color="{theme.color("link")}"><u>{piece}</u></a>'
        parts.append(piece)
    return "".join(parts)


class Styles:
    """Paragraph styles for one set of sizes."""

    def __init__(self, theme: Theme, sizes: Sizes) -> None:
        self.theme, self.sizes = theme, sizes
        self.family = fonts.register(theme)
        self._cache: dict[tuple[Any, ...], ParagraphStyle] = {}

    def get(
        self,
        text: Text,
        *,
        bold: bool = False,
        color: str = "text",
        before: float = 0.0,
        after: float = 0.0,
        indent: float = 0.0,
        bullet_indent: float = 0.0,
        align: str = "left",
    ) -> ParagraphStyle:
        key = (text, bold, color, before, after, indent, bullet_indent, align)
        style = self._cache.get(key)
        if style is None:
            style = ParagraphStyle(
                f"s{len(self._cache)}",
                fontName=self.family + ("-Bold" if bold else ""),
                fontSize=text.size,
                leading=text.leading,
                textColor=colors.HexColor(self.theme.color(color)),
                spaceBefore=before,
                spaceAfter=after,
                leftIndent=indent,
                bulletIndent=bullet_indent,
                bulletFontName=self.family,
                bulletFontSize=text.size,
                alignment=ALIGN[align],
                allowWidows=1,
                allowOrphans=1,
                # Break after the hyphen of "US-India" at a line end, as word processors do.
                embeddedHyphenation=1,
                hyphenationMinWordLength=1,
            )
            self._cache[key] = style
        return style

    def frags(self, runs: model.Inline, style: ParagraphStyle) -> list[ParaFrag] | None:
        """reportlab's fragments for runs, made directly instead of by parsing markup.

        Parsing paragraph markup is most of the cost of measuring a brief; runs are
        already plain text with a style, so their fragments are made here. Runs with
        a link (rare) return None and go through markup, which builds the link.
        """
        if any(r.href for r in runs):
            return None
        out: list[ParaFrag] = []
        bold_style = style.fontName.endswith("-Bold")
        for run in runs:
            bold, italic = bold_style or run.bold, run.italic
            name = (
                self.family
                + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[
                    (int(bold), int(italic))
                ]
            )
            size = self.sizes.small.size if run.small else style.fontSize
            color = colors.HexColor(self.theme.color(run.color)) if run.color else style.textColor
            for i, piece in enumerate(run.text.split("\n")):
                if i:
                    out.append(_frag("", name, size, color, bold, italic, line_break=True))
                if piece:
                    out.append(_frag(piece, name, size, color, bold, italic))
        return out

    def paragraph(
        self, runs: model.Inline, style: ParagraphStyle, bullet: str | None = None
    ) -> Paragraph:
        frags = self.frags(runs, style)
        if frags is None:
            return StableParagraph(inline(runs, self.theme, self.sizes), style, bulletText=bullet)
        return StableParagraph("", style, bulletText=bullet, frags=frags)


def _frag(
    text: str,
    name: str,
    size: float,
    color: Any,
    bold: bool,
    italic: bool,
    *,
    line_break: bool = False,
) -> ParaFrag:
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.us_lines = []
    frag.fontName = name
    frag.bold = int(bold)
    frag.italic = int(italic)
    frag.fontSize = size
    frag.textColor = color
    frag.text = text
    if line_break:
        frag.lineBreak = True
    return frag


def flowables(doc: model.Document, theme: Theme, sizes: Sizes) -> list[tuple[int, Flowable]]:
    """Flowables for the document, each with the index of the block it came from."""
    styles = Styles(theme, sizes)
    width = theme.frame[0]
    out: list[tuple[int, Flowable]] = []
    for index, block in enumerate(doc.blocks):
        before, after = sizes.spacing(block, first=index == 0)
        for flowable in _block(block, styles, width, before, after):
            out.append((index, flowable))
    return out


def _block(
    block: model.Block, st: Styles, width: float, before: float, after: float
) -> Iterator[Flowable]:
    sizes, theme = st.sizes, st.theme
    if isinstance(block, model.Heading):
        text = {1: sizes.title, 2: sizes.heading}.get(block.level, sizes.body)
        style = st.get(text, bold=True, color="accent", before=before, after=after)
        if block.level == 2:
            frags = st.frags(block.runs, style)
            heading = (
                RuledHeading("", style, frags=frags)
                if frags is not None
                else RuledHeading(inline(block.runs, theme, sizes), style)
            )
            heading.rule_color = theme.color("rule")
            yield heading
        else:
            yield st.paragraph(block.runs, style)
    elif isinstance(block, model.Paragraph):
        color = "muted" if block.style == "muted" else "text"
        style = st.get(sizes.text(block.style), color=color, after=after)
        yield st.paragraph(block.runs, style)
    elif isinstance(block, model.ListBlock):
        indent, bullet_at = sizes.list_geometry(block.ordered)
        for i, item in enumerate(block.items):
            last = i == len(block.items) - 1
            style = st.get(
                sizes.body,
                indent=indent,
                bullet_indent=bullet_at,
                after=after if last else sizes.item_after,
            )
            bullet = f"{i + 1}." if block.ordered else "\u2022"
            yield st.paragraph(item, style, bullet)
    elif isinstance(block, model.Table):
        yield _table(block, st, width, after)
    elif isinstance(block, model.Quote):
        yield _quote(block, st, width, after)
    elif isinstance(block, model.Rule):
        line = HLine(theme.color("rule"))
        line.spaceAfter = after
        yield line


def cell_text(cell: model.Cell, sizes: Sizes) -> Text:
    return sizes.small if (cell.header or cell.fill) else sizes.body


def _table(block: model.Table, st: Styles, width: float, after: float) -> Table:
    sizes, theme = st.sizes, st.theme
    col_widths = [w * width for w in block.widths]
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), sizes.cell_pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), sizes.cell_pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), sizes.cell_pad_y),
        # Word and LibreOffice add each row's bottom rule to its height; so does the PDF.
        ("BOTTOMPADDING", (0, 0), (-1, -1), sizes.cell_pad_y + BORDER),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    rule = colors.HexColor(theme.color("rule"))
    for r, row in enumerate(block.rows):
        cells: list[Any] = []
        c = 0
        for cell in row:
            style = st.get(
                cell_text(cell, sizes),
                bold=cell.header,
                color="muted" if cell.header else "text",
                align=cell.align,
            )
            cells.append(st.paragraph(cell.runs, style))
            if cell.span > 1:
                cells.extend("" for _ in range(cell.span - 1))
                commands.append(("SPAN", (c, r), (c + cell.span - 1, r)))
            fill = cell.fill or ("header-fill" if cell.header else None)
            if fill:
                end = (c + cell.span - 1, r)
                commands.append(("BACKGROUND", (c, r), end, colors.HexColor(theme.color(fill))))
            if cell.fill and not cell.header:
                commands.append(("LINEBEFORE", (c, r), end, CELL_GAP, colors.white))
                commands.append(("LINEAFTER", (c, r), end, CELL_GAP, colors.white))
            c += cell.span
        data.append(cells)
        commands.append(("LINEBELOW", (0, r), (-1, r), BORDER, rule))
    table = Table(data, colWidths=col_widths, style=TableStyle(commands), hAlign="LEFT")
    table.spaceAfter = after
    return table


def _quote(block: model.Quote, st: Styles, width: float, after: float) -> Table:
    sizes, theme = st.sizes, st.theme
    parts = [st.paragraph(block.runs, st.get(sizes.body))]
    if block.cite:
        parts.append(st.paragraph(block.cite, st.get(sizes.small, color="muted")))
    table = Table(
        [[parts]],
        colWidths=[width],
        style=TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), sizes.quote_indent),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEBEFORE", (0, 0), (0, 0), BAR, colors.HexColor(theme.color("rule"))),
            ]
        ),
        hAlign="LEFT",
    )
    table.spaceAfter = after
    return table
