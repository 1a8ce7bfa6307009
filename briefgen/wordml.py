"""WordprocessingML for a fitted brief, written as text.

The DOCX writer's body, header and footer, built as XML strings from the
document model at the fitted sizes: exact line spacing equal to the PDF's
leading, the same margins, column widths and cell padding, and Arial (whose
metrics the PDF's Arimo shares), so Word and LibreOffice break lines where the
PDF does. Writing text instead of calling python-docx element by element makes
a brief's DOCX about twenty times faster; elements are emitted in the order the
schema requires, which Word insists on.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from briefgen import model
from briefgen.fit import Fitted
from briefgen.flow import BAR, BORDER, CELL_GAP, cell_text
from briefgen.sizes import Text

HEADING_RULE_SPACE = 1.0  # points between a heading's text and its rule
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)

LinkId = Callable[[str], str]  # a URL -> the relationship id that points at it


def twips(points: float) -> int:
    return round(points * 20)


def half_points(points: float) -> int:
    return round(points * 2)


def eighths(points: float) -> int:
    return max(2, round(points * 8))


def hex6(color: str) -> str:
    return color.lstrip("#").upper()


def border(side: str, color: str, width: float, space: float = 0) -> str:
    return (
        f'<w:{side} w:val="single" w:sz="{eighths(width)}" w:space="{round(space)}" '
        f'w:color="{hex6(color)}"/>'
    )


class Body:
    """Builds the XML of one brief's paragraphs and tables."""

    def __init__(self, fitted: Fitted, link_id: LinkId) -> None:
        self.doc, self.theme, self.sizes = fitted.document, fitted.theme, fitted.sizes
        self.link_id = link_id
        name = quoteattr(self.theme.font_docx)
        self.fonts = f"<w:rFonts w:ascii={name} w:hAnsi={name} w:cs={name} w:eastAsia={name}/>"
        self.carry = 0.0  # space owed after a table, given to the next paragraph's before
        self.quotes = 0
        self.parts: list[str] = []

    # --- runs --------------------------------------------------------------------------
    def run(
        self,
        text: str,
        size: float,
        color: str,
        *,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
    ) -> str:
        props = [self.fonts]
        if bold:
            props.append("<w:b/><w:bCs/>")
        if italic:
            props.append("<w:i/><w:iCs/>")
        props.append(f'<w:color w:val="{hex6(color)}"/>')
        hp = half_points(size)
        props.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
        if underline:
            props.append('<w:u w:val="single"/>')
        pieces = text.split("\n")
        content = "<w:br/>".join(
            f'<w:t xml:space="preserve">{escape(piece)}</w:t>' if piece else "" for piece in pieces
        )
        return f"<w:r><w:rPr>{''.join(props)}</w:rPr>{content}</w:r>"

    def runs(
        self, runs: model.Inline, text: Text, *, bold: bool = False, color: str = "text"
    ) -> str:
        out = []
        theme = self.theme
        for r in runs:
            size = self.sizes.small.size if r.small else text.size
            name = "link" if r.href else (r.color or color)
            xml = self.run(
                r.text,
                size,
                theme.color(name),
                bold=bold or r.bold,
                italic=r.italic,
                underline=bool(r.href),
            )
            if r.href:
                xml = f'<w:hyperlink r:id="{self.link_id(r.href)}">{xml}</w:hyperlink>'
            out.append(xml)
        return "".join(out)

    # --- paragraphs --------------------------------------------------------------------
    def ppr(
        self,
        text: Text,
        *,
        before: float = 0.0,
        after: float = 0.0,
        indent: float = 0.0,
        first_line: float = 0.0,
        align: str = "left",
        style: str = "",
        borders: str = "",
        shading: str = "",
        tab: float = 0.0,
        rule: str = "exact",
    ) -> str:
        before = max(before, self.carry)
        self.carry = 0.0
        parts = []
        if style:
            parts.append(f'<w:pStyle w:val="{style}"/><w:keepNext w:val="0"/>')
        parts.append('<w:widowControl w:val="0"/>')
        if borders:
            parts.append(f"<w:pBdr>{borders}</w:pBdr>")
        if shading:
            parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{hex6(shading)}"/>')
        if tab:
            parts.append(f'<w:tabs><w:tab w:val="left" w:pos="{twips(tab)}"/></w:tabs>')
        parts.append(
            f'<w:spacing w:before="{twips(before)}" w:after="{twips(after)}" '
            f'w:line="{twips(text.leading)}" w:lineRule="{rule}"/>'
        )
        if indent or first_line:
            hang = (
                f' w:hanging="{twips(-first_line)}"'
                if first_line < 0
                else (f' w:firstLine="{twips(first_line)}"' if first_line else "")
            )
            parts.append(f'<w:ind w:left="{twips(indent)}"{hang}/>')
        if align != "left":
            parts.append(f'<w:jc w:val="{align}"/>')
        return f"<w:pPr>{''.join(parts)}</w:pPr>"

    def paragraph(
        self,
        runs: model.Inline,
        text: Text,
        *,
        bold: bool = False,
        color: str = "text",
        **fmt: object,
    ) -> str:
        return f"<w:p>{self.ppr(text, **fmt)}{self.runs(runs, text, bold=bold, color=color)}</w:p>"  # type: ignore[arg-type]

    def spacer(self, height: float) -> str:
        self.carry = 0.0
        return f"<w:p>{self.ppr(Text(1.0, max(height, 1.0)))}</w:p>"

    # --- blocks ------------------------------------------------------------------------
    def add(self, block: model.Block, first: bool) -> None:
        sizes, theme = self.sizes, self.theme
        before, after = sizes.spacing(block, first)
        out = self.parts
        if isinstance(block, model.Heading):
            text = {1: sizes.title, 2: sizes.heading}.get(block.level, sizes.body)
            ruled = block.level == 2
            borders = (
                border("bottom", theme.color("rule"), BORDER, HEADING_RULE_SPACE) if ruled else ""
            )
            after = max(0.0, after - (HEADING_RULE_SPACE + BORDER)) if ruled else after
            out.append(
                self.paragraph(
                    block.runs,
                    text,
                    bold=True,
                    color="accent",
                    before=before,
                    after=after,
                    style=f"Heading{block.level}",
                    borders=borders,
                )
            )
        elif isinstance(block, model.Paragraph):
            color = "muted" if block.style == "muted" else "text"
            out.append(
                self.paragraph(block.runs, sizes.text(block.style), color=color, after=after)
            )
        elif isinstance(block, model.ListBlock):
            indent, bullet_at = sizes.list_geometry(block.ordered)
            for i, item in enumerate(block.items):
                last = i == len(block.items) - 1
                bullet = f"{i + 1}." if block.ordered else "\u2022"
                ppr = self.ppr(
                    sizes.body,
                    after=after if last else sizes.item_after,
                    indent=indent,
                    first_line=bullet_at - indent,
                    tab=indent,
                )
                marker = self.run(bullet + "\t", sizes.body.size, theme.color("text"))
                out.append(f"<w:p>{ppr}{marker}{self.runs(item, sizes.body)}</w:p>")
        elif isinstance(block, model.Table):
            out.append(self.table(block))
            self.carry = after
        elif isinstance(block, model.Quote):
            self.quote(block, after)
        elif isinstance(block, model.Rule):
            bottom = border("bottom", theme.color("rule"), BORDER)
            out.append(f"<w:p>{self.ppr(Text(1.0, 1.0), after=after, borders=bottom)}</w:p>")

    def quote(self, block: model.Quote, after: float) -> None:
        sizes = self.sizes
        # Word joins the borders of neighbouring paragraphs that match exactly; an
        # invisible change of colour keeps each quote's bar its own, as in the PDF.
        rule = self.theme.color("rule")
        color = rule if self.quotes % 2 == 0 else f"#{int(rule.lstrip('#'), 16) ^ 1:06x}"
        self.quotes += 1
        bar = border("left", color, BAR, max(0.0, sizes.quote_indent - BAR))
        parts: list[tuple[model.Inline, Text, str]] = [(block.runs, sizes.body, "text")]
        if block.cite:
            parts.append((block.cite, sizes.small, "muted"))
        for i, (runs, text, tone) in enumerate(parts):
            last = i == len(parts) - 1
            self.parts.append(
                self.paragraph(
                    runs,
                    text,
                    color=tone,
                    after=after if last else 0.0,
                    indent=sizes.quote_indent,
                    borders=bar,
                )
            )

    def table(self, block: model.Table) -> str:
        sizes, theme = self.sizes, self.theme
        out = [self.spacer(self.carry)] if self.carry else []
        widths = [twips(w * theme.frame[0]) for w in block.widths]
        margins = "".join(
            f'<w:{side} w:w="{twips(value)}" w:type="dxa"/>'
            for side, value in (
                ("top", sizes.cell_pad_y),
                ("left", sizes.cell_pad_x),
                ("bottom", sizes.cell_pad_y),
                ("right", sizes.cell_pad_x),
            )
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="left"/>'
            f'<w:tblInd w:w="0" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar>{margins}</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )
        rule = theme.color("rule")
        for r, row in enumerate(block.rows):
            out.append("<w:tr>")
            if r < block.header_rows:
                out.append("<w:trPr><w:tblHeader/></w:trPr>")
            c = 0
            for cell in row:
                width = sum(widths[c : c + cell.span])
                span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
                sides = border("bottom", rule, BORDER)
                if cell.fill and not cell.header:
                    sides = (
                        border("left", "#FFFFFF", CELL_GAP)
                        + sides
                        + border("right", "#FFFFFF", CELL_GAP)
                    )
                fill = cell.fill or ("header-fill" if cell.header else None)
                shading = (
                    f'<w:shd w:val="clear" w:color="auto" w:fill="{hex6(theme.color(fill))}"/>'
                    if fill
                    else ""
                )
                text = cell_text(cell, sizes)
                paragraph = self.paragraph(
                    cell.runs,
                    text,
                    bold=cell.header,
                    color="muted" if cell.header else "text",
                    align=cell.align,
                )
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}'
                    f"<w:tcBorders>{sides}</w:tcBorders>{shading}</w:tcPr>{paragraph}</w:tc>"
                )
                c += cell.span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def xml(self) -> str:
        """The body's content: every block, then a one-point paragraph Word needs after a table."""
        for i, block in enumerate(self.doc.blocks):
            self.add(block, first=i == 0)
        self.parts.append(self.spacer(max(self.carry, 1.0)))
        return "".join(self.parts)


def banner(fitted: Fitted) -> str:
    """The classification banner as one shaded paragraph ("" where there is none)."""
    doc, theme = fitted.document, fitted.theme
    if doc.banner is None:
        return ""
    body = Body(fitted, lambda url: "")
    text = Text(theme.banner_size, theme.banner_height)
    ppr = body.ppr(text, align="center", shading=theme.banner_color(doc.banner.text))
    run = body.run(doc.banner.text, theme.banner_size, theme.color("banner-text"), bold=True)
    return f"<w:p>{ppr}{run}</w:p>"


def logo(fitted: Fitted, rel_id: str, width_px: int, height_px: int) -> str:
    """A paragraph holding the theme's logo, right-aligned, under the banner."""
    theme = fitted.theme
    emu_h = round(theme.logo_height * 12700)
    emu_w = round(theme.logo_height * width_px / height_px * 12700)
    space = twips(theme.logo_top - theme.banner_distance - theme.banner_height)
    drawing = (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{emu_w}" cy="{emu_h}"/><wp:docPr id="1" name="Logo"/>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu_w}" cy="{emu_h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f"</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    return (
        f'<w:p><w:pPr><w:spacing w:before="{space}" w:after="0" '
        f'w:line="{twips(theme.logo_height)}" w:lineRule="atLeast"/><w:jc w:val="right"/></w:pPr>'
        f"<w:r>{drawing}</w:r></w:p>"
    )
