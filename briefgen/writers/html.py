"""HTML: one self-contained file for e-mail bodies and intranet pages.

Everything is inline: the styles on each element (as mail clients need), the
logo as a data URI, no script and no request for anything. The brief sits in a
table as wide as the page's text area, which desktop and web mail clients alike
keep; inside it the page's blocks are headings, paragraphs, lists, quotations
and data tables with header cells, between a header and a footer that carry
the classification banner. Printed, it is the page: its size, margins, banners
and sizes (see :mod:`._htmlpage`). Every text and attribute is escaped by the
element tree, so no content becomes markup.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from briefgen.layout import page as p
from briefgen.layout.page import pt, size_pt
from briefgen.writers._blocks import Items, grouped, merged
from briefgen.writers._htmlpage import Sheet, css, el
from briefgen.writers.registry import Writer

if TYPE_CHECKING:  # lxml is imported when a page is written
    from lxml import etree

TAGS = {1: "h1", 2: "h2", 3: "h3"}


def text_style(para: p.Para, **more: str | float) -> str:
    return css(
        font_size=size_pt(para.size),
        line_height=pt(para.leading),
        color=para.color,
        font_weight="bold" if para.bold else "normal",
        text_align=para.align,
        **more,
    )


def spans(parent: etree._Element, para: p.Para) -> None:
    """The paragraph's text into parent: emphasis, links, sizes and colours of its own."""
    for span in merged(para.spans, faces=True):
        target = parent
        if span.face is not None and span.face.lang:  # a screen reader's voice
            face = {"style": css(font_family=f'"{span.face.word}"')} if span.face.word else {}
            # no dir: a dir isolates the run, and a number after an Arabic phrase
            # ("الدفاع 2025") would leave it, where the paragraph's own bidirectional
            # order (UAX #9), as in the PDF and the DOCX, keeps it inside
            target = el(target, "span", lang=span.face.lang, **face)
        if span.href:
            target = el(target, "a", href=span.href, style=css(color=span.color))
        own: dict[str, str | float] = {}
        if span.size != para.size:
            own["font_size"] = size_pt(span.size)
        if span.color != para.color and not span.href:
            own["color"] = span.color
        if own:
            target = el(target, "span", style=css(**own))
        if span.bold and not para.bold:
            target = el(target, "strong")
        if span.italic:
            target = el(target, "em")
        add_text(target, span.text)


def add_text(parent: etree._Element, text: str) -> None:
    """Text at the end of parent, a line break for each newline."""
    from lxml import etree

    for i, line in enumerate(text.split("\n")):
        if i:
            parent.append(etree.Element("br"))
        children = list(parent)
        if children:
            children[-1].tail = (children[-1].tail or "") + line
        else:
            parent.text = (parent.text or "") + line


def para(parent: etree._Element, block: p.Para, *, after: int | None = None) -> None:
    below = pt(block.after if after is None else after)
    extra: dict[str, str | float] = {}
    rule = block.rule_below
    if rule is not None:  # drawn inside the space after, as on the page
        extra = {
            "border_bottom": f"{rule.width:g}pt solid {rule.color}",
            "padding_bottom": rule.gap,
        }
        below = max(0.0, below - rule.gap - rule.width)
    style = text_style(block, margin=f"{pt(block.before):g}pt 0 {below:g}pt 0", **extra)
    tag = TAGS.get(block.heading, "h3") if block.heading else "p"
    spans(el(parent, tag, style=style), block)


def items(parent: etree._Element, run: Items) -> None:
    first, last = run.paras[0], run.paras[-1]
    kind = "decimal" if run.ordered else "disc"
    listing = el(
        parent,
        "ol" if run.ordered else "ul",
        style=css(
            margin=f"0 0 {pt(last.after):g}pt 0",
            padding=f"0 0 0 {pt(first.indent):g}pt",
            list_style_type=kind,
        ),
    )
    if run.start != 1:
        listing.set("start", str(run.start))
    for item in run.paras:
        spans(el(listing, "li", style=text_style(item, margin=f"0 0 {pt(item.after):g}pt 0")), item)


def quote(parent: etree._Element, block: p.Quote) -> None:
    box = el(
        parent,
        "blockquote",
        style=css(
            margin=f"0 0 {pt(block.after):g}pt 0",
            padding=f"0 0 0 {pt(block.indent):g}pt",
            border_left=f"{block.bar.width:g}pt solid {block.bar.color}",
        ),
    )
    for inner in block.paras:
        para(box, inner, after=0)


def grid(parent: etree._Element, block: p.Grid) -> None:
    table = el(
        parent,
        "table",
        style=css(
            border_collapse="collapse",
            table_layout="fixed",
            width=sum(block.widths),
            margin=f"0 0 {pt(block.after):g}pt 0",
        ),
    )
    columns = el(table, "colgroup")
    for width in block.widths:
        el(columns, "col", style=css(width=width))
    head = [row for row in block.rows if row.header]
    sections = [("thead", head), ("tbody", [row for row in block.rows if not row.header])]
    for name, rows in sections:
        if not rows:
            continue
        section = el(table, name)
        for row in rows:
            tr = el(section, "tr")
            for cell in row.cells:
                cell_style = {
                    "padding": f"{pt(block.pad_y):g}pt {pt(block.pad_x):g}pt",
                    "border_bottom": f"{block.rule.width:g}pt solid {block.rule.color}",
                    "vertical_align": "top",
                }
                if cell.fill:
                    cell_style["background_color"] = cell.fill
                if cell.gaps:
                    side = f"{cell.gaps.width:g}pt solid {cell.gaps.color}"
                    cell_style.update(border_left=side, border_right=side)
                first, *more = cell.paras
                attrs = {"style": text_style(first, **cell_style)}
                if cell.span > 1:
                    attrs["colspan"] = str(cell.span)
                if row.header:
                    attrs["scope"] = "col" if cell.span == 1 else "colgroup"
                target = el(tr, "th" if row.header else "td", **attrs)
                bar = first.rule_below
                if bar is not None:  # a stage of the track: the bar under its line
                    line = f"{bar.width:g}pt solid {bar.color}"
                    style = css(border_bottom=line, padding_bottom=bar.gap)
                    spans(el(target, "div", style=style), first)
                elif more:  # lines of small text under the first: each in its own leading
                    spans(el(target, "div"), first)
                    for para in more:
                        spans(el(target, "div", style=text_style(para)), para)
                else:
                    spans(target, first)


def rule(parent: etree._Element, block: p.Rule) -> None:
    el(
        parent,
        "hr",
        style=css(
            border="0",
            border_top=f"{block.line.width:g}pt solid {block.line.color}",
            margin=f"{block.height - block.line.width:g}pt 0 {pt(block.after):g}pt 0",
        ),
    )


def pages(page: p.Page) -> list[p.Page]:
    """The page's blocks page by page (one page unless the layout broke it)."""
    if not page.breaks:
        return [page]
    edges = [0, *page.breaks, len(page.blocks)]
    return [
        replace(page, blocks=page.blocks[a:b], sources=page.sources[a:b], breaks=())
        for a, b in itertools.pairwise(edges)
    ]


def render(page: p.Page) -> bytes:
    sheet = Sheet(page)
    for number, part in enumerate(pages(page)):
        if number:  # printed, the next page starts here, as in the PDF
            el(sheet.main, "div", **{"class": "page-break"})
        blocks(sheet, part)
    return sheet.bytes()


def blocks(sheet: Sheet, page: p.Page) -> None:
    for item in grouped(page):
        if isinstance(item, Items):
            items(sheet.main, item)
        elif isinstance(item, p.Para):
            para(sheet.main, item)
        elif isinstance(item, p.Quote):
            quote(sheet.main, item)
        elif isinstance(item, p.Grid):
            grid(sheet.main, item)
        else:
            rule(sheet.main, item)


WRITER = Writer(name="html", suffix=".html", libraries=(), preload=(), render=render)
