"""A reportlab canvas that marks what it draws: content with MCIDs, the rest artifacts.

reportlab has no tagging of its own. Every piece of text is drawn between
``/Role <</MCID n>> BDC`` and ``EMC``, numbered per page, and the element it
belongs to is recorded for the ParentTree; decoration (banners, rules, cell
shading) is drawn inside ``/Artifact`` sequences. Each page gets its
``/StructParents`` and tab order, and each link area its ``/StructParent``, its
``/Contents`` and a URI in 7-bit ASCII.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from reportlab.pdfbase.pdfdoc import PDFName, PDFPage, PDFString
from reportlab.pdfgen.canvas import Canvas

from briefgen.writers.pdf.structure import Annotation, Content, Element, Tag

#: what a URI may keep as it is; everything else (IRIs' non-ASCII) is percent-encoded
URI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"<>\\^`{|}')
PRINT = 4  # an annotation's flag: printed with the page (PDF/A asks for it)


def ascii_uri(url: str) -> str:
    """The URI as 7-bit ASCII (ISO 32000-1, 12.6.4.7): other characters UTF-8, percent-encoded."""
    return quote(url, safe=URI_SAFE)


class TaggedCanvas(Canvas):  # type: ignore[misc]
    """A canvas recording, page by page, the element of each MCID and link area."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: per page, the element each MCID belongs to, in MCID order
        self.parents: list[list[Element]] = [[]]
        #: every link area, with the Link element it belongs to
        self.annotations: list[tuple[Element, Any]] = []
        self.tag: Tag | None = None  # the paragraph being drawn
        self._label: Tag | None = None  # a list item whose marker is still to come
        self.bookmarks = 0
        #: writes the structure tree and the catalog's entries, before the file is saved
        self.before_save: Callable[[], None] = lambda: None

    @property
    def page_index(self) -> int:
        return len(self.parents) - 1

    # --- marked content ----------------------------------------------------------------
    def begin(self, element: Element) -> None:
        mcid = len(self.parents[-1])
        self.parents[-1].append(element)
        element.kids.append(Content(self.page_index, mcid))
        self._code.append(f"/{element.role} <</MCID {mcid}>> BDC")

    def end(self) -> None:
        self._code.append("EMC")

    def content(self, tag: Tag, draw: Callable[[], None]) -> None:
        """draw() marked as tag's element's content (a list item: its marker as its label)."""
        self.tag = tag
        if tag.label is not None:
            self._label = tag
        else:
            self.begin(tag.element)
        draw()
        if self._label is None:
            self.end()
        self._label = self.tag = None

    def artifact(self, draw: Callable[[], None], pagination: str = "") -> None:
        """draw() as decoration; pagination "Header" or "Footer" for running furniture."""
        if pagination:
            self._code.append(f"/Artifact <</Type /Pagination /Subtype /{pagination}>> BDC")
        else:
            self._code.append("/Artifact BMC")
        draw()
        self.end()

    def drawText(self, aTextObject: Any) -> None:
        # A list item's marker is the paragraph's first text object: it is the label,
        # and what follows it the item's body.
        label = self._label
        if label is None or label.label is None:
            super().drawText(aTextObject)
            return
        self.begin(label.label)
        super().drawText(aTextObject)
        self.end()
        self.begin(label.element)
        self._label = None

    # --- links -------------------------------------------------------------------------
    def linkURL(self, url: str, rect: Any, relative: int = 0, **kw: Any) -> None:
        tag = self.tag
        if tag is None:
            raise AssertionError("a link drawn outside a tagged paragraph")
        link = tag.made.get(url)
        if link is None:
            link = tag.made[url] = tag.element.add("Link")
        kw["StructParent"] = 0  # numbered after the pages' when the tree is written
        kw["Contents"] = PDFString(tag.links.get(url, url).strip() or url)
        kw["F"] = PRINT
        super().linkURL(ascii_uri(url), rect, relative=relative, **kw)
        area = self._annotationrefs[-1]
        link.kids.append(Annotation(self.page_index, area))
        self.annotations.append((link, area))

    # --- pages -------------------------------------------------------------------------
    def _setAnnotations(self, page: PDFPage) -> None:
        super()._setAnnotations(page)
        page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = self.page_index
        page.Tabs = PDFName("S")  # tab order follows the structure

    def showPage(self) -> None:
        super().showPage()
        self.parents.append([])

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self.before_save()
        super().save()

    def bookmark(self, title: str, top: float) -> None:
        """An outline entry for a section heading, at top (in the current coordinates)."""
        key = f"section{self.bookmarks}"
        self.bookmarks += 1
        self.bookmarkHorizontal(key, 0, top)
        self.addOutlineEntry(title, key, level=0)


class PlainCanvas(Canvas):  # type: ignore[misc]
    """reportlab's canvas for an untagged PDF: what the tagged one marks is just drawn."""

    def content(self, tag: Tag, draw: Callable[[], None]) -> None:
        draw()

    def artifact(self, draw: Callable[[], None], pagination: str = "") -> None:
        draw()
