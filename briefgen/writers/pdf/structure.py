"""The structure tree of a laid-out page: what each drawn piece of text is.

Made from the page before anything is drawn, in the page's order (the order
it is read and drawn in): a ``Document`` holding a ``Figure`` for the logo,
``H1``-``H3`` and ``P`` for paragraphs, ``L``/``LI``/``Lbl``/``LBody`` for list
items, ``Table``/``THead``/``TBody``/``TR``/``TH``/``TD`` for tables and
``BlockQuote`` for quotations. Each piece of text drawn gets a :class:`Tag`
saying which element its marked content belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.layout import page as p


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: its page (from 0) and MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    """An annotation (a link's active area) that belongs to an element."""

    page: int
    ref: Any  # reportlab's reference to the annotation object


@dataclass(eq=False)
class Element:
    """A structure element; its kids are elements, marked content and annotations."""

    role: str
    attributes: dict[str, Any] = field(default_factory=dict)  # /A: owner -> {key: value}
    alt: str = ""
    kids: list[Element | Content | Annotation] = field(default_factory=list)

    def add(self, role: str, **attributes: Any) -> Element:
        kid = Element(role, attributes)
        self.kids.append(kid)
        return kid


@dataclass(eq=False)
class Tag:
    """What a drawn paragraph is: the element its text belongs to, the label of a list
    item (its marker, drawn first), its links' texts by URL and its bookmark title."""

    element: Element
    label: Element | None = None
    links: dict[str, str] = field(default_factory=dict)
    bookmark: str = ""
    #: the Link element for each URL, made when the link's text is drawn
    made: dict[str, Element] = field(default_factory=dict)
    #: the Link whose text is being drawn (kept across a page break)
    inside: list[Element] = field(default_factory=list)

    def continued(self) -> Tag:
        """The tag of the rest of a paragraph split across pages: the same element and
        links, without the list marker (drawn with the first part) or the bookmark."""
        return Tag(self.element, None, self.links, "", self.made, self.inside)


#: a table's tags by row and column, one for each paragraph of a cell; None under a span
Cells = list[list[list[Tag] | None]]
BlockTag = Tag | Cells | list[Tag] | None  # a paragraph's, a table's, a quote's, a rule's


def plain(para: p.Para) -> str:
    return "".join(span.text for span in para.spans).replace("\n", " ").strip()


def links(para: p.Para) -> dict[str, str]:
    out: dict[str, str] = {}
    for span in para.spans:
        if span.href:
            out[span.href] = (out.get(span.href, "") + span.text).replace("\n", " ")
    return out


def tag(para: p.Para, element: Element, label: Element | None = None) -> Tag:
    bookmark = plain(para) if para.heading == 2 else ""
    return Tag(element, label, links(para), bookmark)


class Builder:
    """The tree for one page, block by block."""

    def __init__(self, page: p.Page) -> None:
        self.page = page
        self.root = Element("Document")
        self.figure: Tag | None = None
        if page.logo is not None:
            logo = page.logo
            g = page.geometry
            box = [logo.left, g.height - logo.top - logo.height]
            box += [box[0] + logo.width, box[1] + logo.height]
            figure = self.root.add("Figure", Layout={"Placement": "Block", "BBox": box})
            figure.alt = logo.alt
            self.figure = Tag(figure)
        self.list: Element | None = None
        self.list_source = -1

    def para(self, para: p.Para, source: int) -> Tag:
        if para.bullet is None:
            self.list = None
            role = f"H{para.heading}" if para.heading else "P"
            return tag(para, self.root.add(role))
        if self.list is None or self.list_source != source:
            numbered = para.number is not None
            self.list = self.root.add(
                "L", List={"ListNumbering": "Decimal" if numbered else "Disc"}
            )
            self.list_source = source
        item = self.list.add("LI")
        label = item.add("Lbl")
        return tag(para, item.add("LBody"), label)

    def grid(self, grid: p.Grid) -> Cells:
        table = self.root.add("Table")
        head = table.add("THead") if any(row.header for row in grid.rows) else None
        body = table.add("TBody") if not all(row.header for row in grid.rows) else None
        out: Cells = []
        for row in grid.rows:
            group = head if row.header and head is not None else body
            assert group is not None
            tr = group.add("TR")
            tags: list[list[Tag] | None] = []
            for cell in row.cells:
                attributes: dict[str, Any] = {"ColSpan": cell.span} if cell.span > 1 else {}
                if row.header:
                    attributes["Scope"] = "Column"
                element = tr.add(
                    "TH" if row.header else "TD", **({"Table": attributes} if attributes else {})
                )
                tags.append([tag(para, element) for para in cell.paras])
                tags.extend(None for _ in range(cell.span - 1))
            out.append(tags)
        return out

    def quote(self, quote: p.Quote) -> list[Tag]:
        element = self.root.add("BlockQuote")
        return [tag(para, element.add("P")) for para in quote.paras]

    def block(self, block: p.Block, source: int) -> BlockTag:
        if isinstance(block, p.Para):
            return self.para(block, source)
        self.list = None
        if isinstance(block, p.Grid):
            return self.grid(block)
        if isinstance(block, p.Quote):
            return self.quote(block)
        return None  # a rule: decoration, drawn as an artifact


def build(page: p.Page) -> tuple[Builder, list[BlockTag]]:
    """The page's tree, and each block's tags in the page's order."""
    builder = Builder(page)
    tags = [
        builder.block(block, source)
        for block, source in zip(page.blocks, page.sources, strict=True)
    ]
    return builder, tags
