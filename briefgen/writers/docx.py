"""DOCX writer: python-docx, with every size taken from the fitted page.

Exact line spacing equal to the PDF's leading, the same margins, the same
column widths and cell padding, and Arial (whose metrics the PDF's Arimo
shares), so Word and LibreOffice break lines where the PDF does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from briefgen import model, zipdocx
from briefgen.fit import Fitted
from briefgen.flow import BAR, BORDER, CELL_GAP, cell_text
from briefgen.sizes import Sizes, Text
from briefgen.theme import Theme

SUFFIX = ".docx"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
HEADING_RULE_SPACE = 1.0  # points between a heading's text and its rule


def _eighths(points: float) -> str:
    return str(max(2, round(points * 8)))


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


_ORDER = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "w:pBdr": "top left bottom right between bar",
    "w:tcBorders": "top left start bottom right end insideH insideV tl2br tr2bl",
    "w:tblCellMar": "top left start bottom right end",
}
ORDER = {qn(k): [qn(f"w:{t}") for t in v.split()] for k, v in _ORDER.items()}


def _set(parent: Any, element: Any) -> Any:
    """Put element in parent in the schema's order, replacing one of the same tag.

    Word refuses a document whose property elements are out of order.
    """
    order = ORDER[parent.tag]
    for old in parent.findall(element.tag):
        parent.remove(old)
    rank = order.index(element.tag)
    for index, child in enumerate(parent):
        if child.tag in order and order.index(child.tag) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _container(parent: Any, tag: str) -> Any:
    found = parent.find(qn(tag))
    return found if found is not None else _set(parent, _el(tag))


def _border(
    parent: Any, container: str, side: str, color: str, width: float, space: float = 0
) -> None:
    _set(
        _container(parent, container),
        _el(
            f"w:{side}",
            val="single",
            sz=_eighths(width),
            space=str(round(space)),
            color=_hex(color),
        ),
    )


class _Writer:
    def __init__(self, fitted: Fitted) -> None:
        self.doc = fitted.document
        self.theme: Theme = fitted.theme
        self.sizes: Sizes = fitted.sizes
        self.reference = bool(self.theme.reference_docx)
        self.out = docx.Document(self.theme.reference_docx or None)
        self.carry = 0.0  # space owed after a table, given to the next paragraph's before
        self.quotes = 0

    # --- document set-up -----------------------------------------------------------
    def setup(self) -> None:
        theme = self.theme
        section = self.out.sections[0]
        width, height = theme.page
        section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Pt(width), Pt(height)
        section.top_margin, section.bottom_margin = Pt(theme.margin_top), Pt(theme.margin_bottom)
        section.left_margin, section.right_margin = Pt(theme.margin_left), Pt(theme.margin_right)
        section.header_distance = section.footer_distance = Pt(theme.banner_distance)
        section.gutter = Pt(0)
        package = self.out.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # the base document's picture, not this brief's
                package.rels.pop(rel_id)
        if self.reference:
            # The user's styles stay as they are; only the body is replaced.
            body = self.out.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
            self._compat()
        else:
            self._defaults()
        first = section.different_first_page_header_footer
        header = section.first_page_header if first else section.header
        footer = section.first_page_footer if first else section.footer
        for part, top in ((header, True), (footer, False)):
            fresh = part.is_linked_to_previous or not self.reference
            part.is_linked_to_previous = False
            if fresh:
                for extra in part.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
                paragraph = part.paragraphs[0]
            elif top:
                paragraph = (
                    part.paragraphs[0].insert_paragraph_before()
                    if part.paragraphs
                    else part.add_paragraph()
                )
            else:
                paragraph = part.add_paragraph()
            self._banner(paragraph)
            if top and theme.logo:
                self._logo(part.add_paragraph())

    def _defaults(self) -> None:
        """Arial, the body size and no automatic spacing for everything, including styles."""
        styles = self.out.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for style_rpr in [rpr, *styles.iter(qn("w:rPr"))]:
            fonts = style_rpr.find(qn("w:rFonts"))
            if fonts is not None:
                style_rpr.remove(fonts)
            style_rpr.insert(0, self._fonts())
        normal = self.out.styles["Normal"]
        normal.font.size = Pt(self.sizes.body.size)
        normal.font.color.rgb = RGBColor.from_string(_hex(self.theme.color("text")))
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(self.sizes.body.leading)
        fmt.widow_control = False
        self._compat()

    def _compat(self) -> None:
        """Lay out as current Word does (table indents, spacing), not as Word 2003."""
        settings = self.out.settings.element
        compat = settings.find(qn("w:compat"))
        if compat is None:
            compat = _el("w:compat")
            settings.append(compat)
        for old in compat.findall(qn("w:compatSetting")):
            if old.get(qn("w:name")) == "compatibilityMode":
                compat.remove(old)
        compat.append(
            _el(
                "w:compatSetting",
                name="compatibilityMode",
                uri="http://schemas.microsoft.com/office/word",
                val="15",
            )
        )

    def _fonts(self) -> Any:
        name = self.theme.font_docx
        return _el("w:rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name)

    def _banner(self, paragraph: Any) -> None:
        banner = self.doc.banner
        if banner is None:
            return
        theme = self.theme
        text = Text(theme.banner_size, theme.banner_height)
        self._format(paragraph, text, align="center")
        ppr = paragraph._p.get_or_add_pPr()
        _set(
            ppr, _el("w:shd", val="clear", color="auto", fill=_hex(theme.banner_color(banner.text)))
        )
        run = paragraph.add_run(banner.text)
        self._font(run)
        run.bold = True
        run.font.size = Pt(theme.banner_size)
        run.font.color.rgb = RGBColor.from_string(_hex(theme.color("banner-text")))

    def _logo(self, paragraph: Any) -> None:
        from briefgen.images import logo

        theme = self.theme
        picture = logo(Path(theme.logo))
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(theme.logo_top - theme.banner_distance - theme.banner_height)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(theme.logo_height)
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run()
        run.add_picture(
            str(picture.path),
            height=Pt(theme.logo_height),
            width=Pt(picture.width_for(theme.logo_height)),
        )

    # --- paragraphs ----------------------------------------------------------------
    def _format(
        self,
        paragraph: Any,
        text: Text,
        *,
        before: float = 0.0,
        after: float = 0.0,
        indent: float = 0.0,
        first_line: float = 0.0,
        align: str = "left",
    ) -> None:
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(max(before, self.carry))
        fmt.space_after = Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(text.leading)
        fmt.widow_control = False
        if indent:
            fmt.left_indent = Pt(indent)
        if first_line:
            fmt.first_line_indent = Pt(first_line)
        fmt.alignment = ALIGN[align]
        self.carry = 0.0

    def _runs(
        self,
        paragraph: Any,
        runs: model.Inline,
        text: Text,
        *,
        bold: bool = False,
        color: str = "text",
    ) -> None:
        for run in runs:
            pieces = run.text.split("\n")
            target = paragraph
            if run.href:
                target = self._hyperlink(paragraph, run.href)
            for i, piece in enumerate(pieces):
                r = target.add_run(piece)
                if i < len(pieces) - 1:
                    r.add_break()
                self._font(r)
                r.bold = bold or run.bold or None
                r.italic = run.italic or None
                size = self.sizes.small.size if run.small else text.size
                r.font.size = Pt(size)
                name = "link" if run.href else (run.color or color)
                r.font.color.rgb = RGBColor.from_string(_hex(self.theme.color(name)))
                if run.href:
                    r.font.underline = True

    def _font(self, run: Any) -> None:
        """Name the font on the run itself, so a reference document's styles cannot
        change the metrics the page was fitted with."""
        rpr = run._r.get_or_add_rPr()
        old = rpr.find(qn("w:rFonts"))
        if old is not None:
            rpr.remove(old)
        rpr.insert(0, self._fonts())

    def _hyperlink(self, paragraph: Any, url: str) -> Any:
        rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        paragraph._p.append(link)
        return _LinkTarget(paragraph, link)

    def paragraph(self, runs: model.Inline, text: Text, **fmt: Any) -> Any:
        bold, color = fmt.pop("bold", False), fmt.pop("color", "text")
        style = fmt.pop("style", None)
        paragraph = self.out.add_paragraph(style=style)
        self._format(paragraph, text, **fmt)
        self._runs(paragraph, runs, text, bold=bold, color=color)
        return paragraph

    # --- blocks --------------------------------------------------------------------
    def block(self, block: model.Block, first: bool) -> None:
        sizes = self.sizes
        before, after = sizes.spacing(block, first)
        if isinstance(block, model.Heading):
            text = {1: sizes.title, 2: sizes.heading}.get(block.level, sizes.body)
            ruled = block.level == 2
            after_rule = after - (HEADING_RULE_SPACE + BORDER) if ruled else after
            p = self.paragraph(
                block.runs,
                text,
                before=before,
                after=max(0.0, after_rule),
                bold=True,
                color="accent",
                style=f"Heading {block.level}",
            )
            p.paragraph_format.keep_with_next = False
            if ruled:
                ppr = p._p.get_or_add_pPr()
                _border(
                    ppr, "w:pBdr", "bottom", self.theme.color("rule"), BORDER, HEADING_RULE_SPACE
                )
        elif isinstance(block, model.Paragraph):
            color = "muted" if block.style == "muted" else "text"
            self.paragraph(block.runs, sizes.text(block.style), after=after, color=color)
        elif isinstance(block, model.ListBlock):
            indent, bullet_at = sizes.list_geometry(block.ordered)
            for i, item in enumerate(block.items):
                last = i == len(block.items) - 1
                bullet = f"{i + 1}." if block.ordered else "\u2022"
                p = self.out.add_paragraph()
                self._format(
                    p,
                    sizes.body,
                    after=after if last else sizes.item_after,
                    indent=indent,
                    first_line=bullet_at - indent,
                )
                p.paragraph_format.tab_stops.add_tab_stop(Pt(indent))
                marker = p.add_run(bullet + "\t")
                self._font(marker)
                marker.font.size = Pt(sizes.body.size)
                self._runs(p, item, sizes.body)
        elif isinstance(block, model.Table):
            self.table(block)
            self.carry = after
        elif isinstance(block, model.Quote):
            self.quote(block, after)
        elif isinstance(block, model.Rule):
            p = self.out.add_paragraph()
            self._format(p, Text(1.0, 1.0), after=after)
            _border(p._p.get_or_add_pPr(), "w:pBdr", "bottom", self.theme.color("rule"), BORDER)

    def quote(self, block: model.Quote, after: float) -> None:
        sizes = self.sizes
        # Word joins the borders of neighbouring paragraphs that match exactly; an
        # invisible change of colour keeps each quote's bar its own, as in the PDF.
        rule = self.theme.color("rule")
        color = rule if self.quotes % 2 == 0 else _nudge(rule)
        self.quotes += 1
        parts: list[tuple[model.Inline, Text, str]] = [(block.runs, sizes.body, "text")]
        if block.cite:
            parts.append((block.cite, sizes.small, "muted"))
        for i, (runs, text, tone) in enumerate(parts):
            last = i == len(parts) - 1
            p = self.paragraph(
                runs, text, after=after if last else 0.0, indent=sizes.quote_indent, color=tone
            )
            space = max(0.0, sizes.quote_indent - BAR)
            _border(p._p.get_or_add_pPr(), "w:pBdr", "left", color, BAR, space)

    def table(self, block: model.Table) -> None:
        sizes, theme = self.sizes, self.theme
        if self.carry:
            self._spacer(self.carry)
        total = theme.frame[0]
        columns = len(block.widths)
        table = self.out.add_table(rows=len(block.rows), cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        tblpr = table._tbl.tblPr
        widths = [Twips(round(w * total * 20)) for w in block.widths]
        _set(tblpr, _el("w:tblW", w=str(sum(widths)), type="dxa"))
        _set(tblpr, _el("w:tblInd", w="0", type="dxa"))
        _set(tblpr, _el("w:tblLayout", type="fixed"))
        margins = _el("w:tblCellMar")
        for side, value in (
            ("top", sizes.cell_pad_y),
            ("left", sizes.cell_pad_x),
            ("bottom", sizes.cell_pad_y),
            ("right", sizes.cell_pad_x),
        ):
            margins.append(_el(f"w:{side}", w=str(round(value * 20)), type="dxa"))
        _set(tblpr, margins)
        for i, width in enumerate(widths):
            table.columns[i].width = width
        rule = theme.color("rule")
        for r, row in enumerate(block.rows):
            if r < block.header_rows:
                trpr = table.rows[r]._tr.get_or_add_trPr()
                trpr.append(_el("w:tblHeader"))
            c = 0
            for cell in row:
                target = table.cell(r, c)
                if cell.span > 1:
                    target = target.merge(table.cell(r, c + cell.span - 1))
                target.width = Twips(sum(widths[c : c + cell.span]))
                tcpr = target._tc.get_or_add_tcPr()
                fill = cell.fill or ("header-fill" if cell.header else None)
                _border(tcpr, "w:tcBorders", "bottom", rule, BORDER)
                if cell.fill and not cell.header:
                    _border(tcpr, "w:tcBorders", "left", "#FFFFFF", CELL_GAP)
                    _border(tcpr, "w:tcBorders", "right", "#FFFFFF", CELL_GAP)
                if fill:
                    _set(
                        tcpr, _el("w:shd", val="clear", color="auto", fill=_hex(theme.color(fill)))
                    )
                paragraph = target.paragraphs[0]
                text = cell_text(cell, sizes)
                self._format(paragraph, text, align=cell.align)
                self._runs(
                    paragraph,
                    cell.runs,
                    text,
                    bold=cell.header,
                    color="muted" if cell.header else "text",
                )
                c += cell.span

    def _spacer(self, height: float) -> None:
        p = self.out.add_paragraph()
        size = Text(1.0, max(height, 1.0))
        self.carry = 0.0
        self._format(p, size)

    def finish(self) -> None:
        # Word needs a paragraph after a final table; keep it one point high.
        self._spacer(max(self.carry, 1.0))
        meta = self.doc.meta
        props = self.out.core_properties
        props.title = _limit(meta.title)
        props.subject = _limit(meta.subject)
        props.author = _limit(meta.author)
        props.keywords = _limit(meta.keywords)
        props.language = _limit(meta.language)
        props.comments = ""
        props.last_modified_by = _limit(meta.author)
        props.revision = 1
        when = dt.datetime.combine(meta.date or dt.date(2000, 1, 1), dt.time())
        props.created = props.modified = when
        props.last_printed = when


class _LinkTarget:
    """Adds runs inside a w:hyperlink element instead of the paragraph."""

    def __init__(self, paragraph: Any, link: Any) -> None:
        self.paragraph, self.link = paragraph, link

    def add_run(self, text: str) -> Any:
        run = self.paragraph.add_run(text)
        self.link.append(run._r)
        return run


def _limit(text: str, most: int = 255) -> str:
    """Word's document properties hold at most 255 characters."""
    return text if len(text) <= most else text[: most - 1].rstrip(" ,") + "…"


def _nudge(color: str) -> str:
    value = int(color.lstrip("#"), 16)
    return f"#{value ^ 1:06x}"


def write(fitted: Fitted, path: Path) -> None:
    writer = _Writer(fitted)
    writer.setup()
    for i, block in enumerate(fitted.document.blocks):
        writer.block(block, first=i == 0)
    writer.finish()
    zipdocx.save(writer.out, path)
