"""WordprocessingML for a laid-out page, written as text.

The body, the banner and the logo, each value taken from the page: exact line
spacing, the same margins, column widths and cell padding as the PDF, and the
font the page names for word processors (Arial, whose metrics the PDF's Arimo
shares), so Word and LibreOffice break lines where the PDF does. Writing text
instead of calling python-docx element by element makes a brief's DOCX about
twenty times faster; elements are emitted in the order the schema requires,
which Word insists on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from briefgen.layout import bidi
from briefgen.layout import page as p
from briefgen.writers.docx.lists import ListStyle
from briefgen.xmltext import escape, quoteattr

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
EMU = 12700  # per point

LinkId = Callable[[str], str]  # a URL -> the relationship id that points at it


def twips(points: float) -> int:
    return round(points * 20)


def eighths(points: float) -> int:
    return max(2, round(points * 8))


def hex6(color: str) -> str:
    return color.lstrip("#").upper()


def border(side: str, line: p.Line, space: float | None = None) -> str:
    gap = line.gap if space is None else space
    return (
        f'<w:{side} w:val="single" w:sz="{eighths(line.width)}" w:space="{round(gap)}" '
        f'w:color="{hex6(line.color)}"/>'
    )


def ppr(
    leading: int,
    *,
    before: int = 0,
    after: int = 0,
    indent: int = 0,
    right: int = 0,
    first_line: int = 0,
    align: str = "left",
    style: str = "",
    borders: str = "",
    shading: str = "",
    tab: int = 0,
    rule: str = "exact",
    num: int = 0,
    page_break: bool = False,
) -> str:
    """Paragraph properties; every length in twips; num: the list the paragraph is an item
    of; page_break: the paragraph starts a page."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/><w:keepNext w:val="0"/>')
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    parts.append('<w:widowControl w:val="0"/>')
    if num:
        parts.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')
    if borders:
        parts.append(f"<w:pBdr>{borders}</w:pBdr>")
    if shading:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{hex6(shading)}"/>')
    if tab:
        parts.append(f'<w:tabs><w:tab w:val="left" w:pos="{tab}"/></w:tabs>')
    parts.append(
        f'<w:spacing w:before="{before}" w:after="{after}" w:line="{leading}" w:lineRule="{rule}"/>'
    )
    if indent or first_line or right:
        hang = (
            f' w:hanging="{-first_line}"'
            if first_line < 0
            else (f' w:firstLine="{first_line}"' if first_line else "")
        )
        end = f' w:right="{right}"' if right else ""
        parts.append(f'<w:ind w:left="{indent}"{end}{hang}/>')
    if align != "left":
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


class Body:
    """Builds the XML of one page's paragraphs and tables."""

    def __init__(self, page: p.Page, link_id: LinkId, first_list: int = 1, lead: int = 0) -> None:
        self.page = page
        self.link_id = link_id
        name = quoteattr(page.fonts.word)
        self.fonts = f"<w:rFonts w:ascii={name} w:hAnsi={name} w:cs={name} w:eastAsia={name}/>"
        #: space owed after a table (twips), given to the next paragraph's before:
        #: Word keeps no space after a table
        self.carry = lead  # lead: space (twips) above the first block
        self.quotes = 0
        #: every list's style; list n is numbering instance first_list + n
        self.lists: list[ListStyle] = []
        self.first_list = first_list
        self._list_source = -1
        self.parts: list[str] = []
        self.page_break = False  # the next paragraph starts a page (see layout.paginate)

    # --- runs --------------------------------------------------------------------------
    def run(self, span: p.Span) -> str:
        props = [self.fonts if span.face is None else self.face_fonts(span.face)]
        if span.bold:
            props.append("<w:b/><w:bCs/>")
        elif span.face is not None and span.face.file:  # regular even in a bold heading
            props.append('<w:b w:val="0"/><w:bCs w:val="0"/>')
        if span.italic:
            props.append("<w:i/><w:iCs/>")
        elif span.face is not None and span.face.file:
            props.append('<w:i w:val="0"/><w:iCs w:val="0"/>')
        props.append(f'<w:color w:val="{hex6(span.color)}"/>')
        props.append(f'<w:sz w:val="{span.size}"/><w:szCs w:val="{span.size}"/>')
        if span.href:
            props.append('<w:u w:val="single"/>')
        if span.face is not None:
            props.append(self.script(span.face))
        pieces = span.text.split("\n")
        content = "<w:br/>".join(
            f'<w:t xml:space="preserve">{escape(piece)}</w:t>' if piece else "" for piece in pieces
        )
        xml = f"<w:r><w:rPr>{''.join(props)}</w:rPr>{content}</w:r>"
        if span.href:
            xml = f'<w:hyperlink r:id="{self.link_id(span.href)}">{xml}</w:hyperlink>'
        return xml

    def face_fonts(self, face: p.Face) -> str:
        """A run in another script: its font in the slot Word draws that script from."""
        own = quoteattr(self.page.fonts.word)
        other = quoteattr(face.word) if face.word else own
        cs, east = (own, other) if face.east_asian else (other, own)
        return f"<w:rFonts w:ascii={own} w:hAnsi={own} w:cs={cs} w:eastAsia={east}/>"

    @staticmethod
    def script(face: p.Face) -> str:
        """Direction, complex-script shaping and language, in the schema's order."""
        if face.east_asian:
            return f'<w:lang w:eastAsia="{face.lang}"/>' if face.lang else ""
        rtl = "<w:rtl/>" if face.rtl else ""
        lang = f'<w:lang w:bidi="{face.lang}"/>' if face.lang else ""
        return f"{rtl}<w:cs/>{lang}"

    # --- paragraphs --------------------------------------------------------------------
    def ppr(self, leading: int, *, before: int = 0, **fmt: object) -> str:
        before = max(before, self.carry)
        self.carry = 0
        if self.page_break:
            fmt["page_break"], self.page_break = True, False
        return ppr(leading, before=before, **fmt)  # type: ignore[arg-type]

    def list_item(self, para: p.Para, source: int) -> int:
        """The numbering instance of the list para is an item of (a new list per block)."""
        if source != self._list_source or not self.lists:
            self.lists.append(ListStyle.of(para))
            self._list_source = source
        return self.first_list + len(self.lists) - 1

    def paragraph(
        self, para: p.Para, *, after: int | None = None, borders: str = "", source: int = -1
    ) -> str:
        after = para.after if after is None else after
        fmt: dict[str, object] = {}
        if para.bullet is not None:
            fmt = {"first_line": para.bullet_at - para.indent, "tab": para.indent}
            fmt["num"] = self.list_item(para, source)
        if para.rule_below is not None:
            # Word draws the border below the paragraph's spacing: the rule's gap and
            # width come out of the space after, as the PDF draws the rule inside it.
            rule = para.rule_below
            borders = border("bottom", rule)
            after = max(0, after - twips(rule.gap + rule.width))
        properties = self.ppr(
            para.leading,
            before=para.before,
            after=after,
            indent=para.indent,
            right=para.right,
            align=para.align,
            style=f"Heading{para.heading}" if para.heading else "",
            borders=borders,
            **fmt,
        )
        runs = "".join(self.run(span) for span in bidi.joined(para.spans))
        return f"<w:p>{properties}{runs}</w:p>"

    def spacer(self, height: int) -> str:
        self.carry = 0
        return f"<w:p>{self.ppr(max(height, 20))}</w:p>"

    # --- blocks ------------------------------------------------------------------------
    def add(self, block: p.Block, source: int = -1) -> None:
        if isinstance(block, p.Para):
            self.parts.append(self.paragraph(block, source=source))
        elif isinstance(block, p.Grid):
            self.parts.append(self.table(block))
            self.carry = block.after
        elif isinstance(block, p.Quote):
            self.quote(block)
        else:
            line = twips(block.height - block.line.width)
            bottom = border("bottom", block.line)
            self.parts.append(f"<w:p>{self.ppr(line, after=block.after, borders=bottom)}</w:p>")

    def quote(self, block: p.Quote) -> None:
        # Word joins the borders of neighbouring paragraphs that match exactly; an
        # invisible change of colour keeps each quote's bar its own, as in the PDF.
        color = block.bar.color
        if self.quotes % 2:
            color = f"#{int(color.lstrip('#'), 16) ^ 1:06x}"
        self.quotes += 1
        space = max(0.0, p.pt(block.indent) - block.bar.width)
        bar = border("left", p.Line(color, block.bar.width), space)
        for i, para in enumerate(block.paras):
            last = i == len(block.paras) - 1
            indented = replace(para, indent=block.indent)
            self.parts.append(
                self.paragraph(indented, after=block.after if last else 0, borders=bar)
            )

    def table(self, block: p.Grid) -> str:
        out = [self.spacer(self.carry)] if self.carry else []
        if self.page_break:  # a table starts the page: a paragraph a twip high breaks it
            self.page_break = False
            out.append(f"<w:p>{ppr(1, page_break=True)}</w:p>")
        widths = [twips(w) for w in block.widths]
        margins = "".join(
            f'<w:{side} w:w="{value}" w:type="dxa"/>'
            for side, value in (
                ("top", block.pad_y),
                ("left", block.pad_x),
                ("bottom", block.pad_y),
                ("right", block.pad_x),
            )
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="left"/>'
            f'<w:tblInd w:w="0" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar>{margins}</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )
        for row in block.rows:
            out.append("<w:tr>")
            if row.header:
                out.append("<w:trPr><w:tblHeader/></w:trPr>")
            c = 0
            for cell in row.cells:
                width = sum(widths[c : c + cell.span])
                span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
                sides = border("bottom", block.rule)
                if cell.gaps:
                    sides = border("left", cell.gaps) + sides + border("right", cell.gaps)
                shading = (
                    f'<w:shd w:val="clear" w:color="auto" w:fill="{hex6(cell.fill)}"/>'
                    if cell.fill
                    else ""
                )
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}'
                    f"<w:tcBorders>{sides}</w:tcBorders>{shading}</w:tcPr>"
                    f"{''.join(self.paragraph(para) for para in cell.paras)}</w:tc>"
                )
                c += cell.span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def xml(self) -> str:
        """The body's content: every block, and after a last table the one-point paragraph
        Word needs there (the only empty paragraph a screen reader meets, with the one
        between two tables that follow each other)."""
        for i, (block, source) in enumerate(zip(self.page.blocks, self.page.sources, strict=True)):
            if i in self.page.breaks:
                self.carry, self.page_break = 0, True  # a page's first block has no space above
            self.add(block, source)
        if not self.parts or isinstance(self.page.blocks[-1], p.Grid):
            self.parts.append(self.spacer(max(self.carry, 20)))
        return "".join(self.parts)
