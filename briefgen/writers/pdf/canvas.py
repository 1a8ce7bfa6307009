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

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab)
from reportlab.pdfbase.pdfdoc import PDFName, PDFPage, PDFString
from reportlab.pdfgen.canvas import Canvas

from briefgen.layout.rlmarkup import DIRECTION
from briefgen.writers.pdf.structure import Annotation, Content, Element, Tag

#: what a URI may keep as it is; everything else (IRIs' non-ASCII) is percent-encoded
URI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"<>\\^`{|}')
LINK_MARK = "briefgen_link"  # the paragraph callback at each link's start and end
TEXT_MARK = "briefgen_text"  # the paragraph callback around each shaped word
PRINT = 4  # an annotation's flag: printed with the page (PDF/A asks for it)


def ascii_uri(url: str) -> str:
    """The URI as 7-bit ASCII (ISO 32000-1, 12.6.4.7): other characters UTF-8, percent-encoded."""
    return quote(url, safe=URI_SAFE)


def text_mark(canvas: Any, _kind: str, label: str) -> None:
    """Around each shaped word, in its text object: a span whose ActualText is what was
    typed (a conjunct or a joined Arabic letter is a glyph that maps to no one character)
    and whose Lang is its language."""
    tx = canvas._curr_tx_info["tx"]
    if label == "end":
        tx._code.append("EMC")
        return
    lang, text = label.split("|", 1)
    actual = "FEFF" + text.encode("utf-16-be").hex().upper()
    lang_entry = f"/Lang ({lang}) " if lang else ""
    tx._code.append(f"/Span <<{lang_entry}/ActualText <{actual}>>> BDC")


def no_mark(_canvas: Any, _kind: str, _label: str) -> None:
    """A callback that only tells the shaping something (a span's direction): draws nothing."""


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
        self._inline = False  # the paragraph is marked inside its text object (it has links)
        self._opening: str | None = None  # the BDC its text object opens with
        self.setNamedCB(LINK_MARK, self.link_mark)
        self.setNamedCB(TEXT_MARK, text_mark)
        self.setNamedCB(DIRECTION, no_mark)
        self.bookmarks = 0
        #: writes the structure tree and the catalog's entries, before the file is saved
        self.before_save: Callable[[], None] = lambda: None

    @property
    def page_index(self) -> int:
        return len(self.parents) - 1

    # --- marked content ----------------------------------------------------------------
    def mark(self, element: Element) -> str:
        """A new MCID on this page for element: its BDC operator."""
        mcid = len(self.parents[-1])
        self.parents[-1].append(element)
        element.kids.append(Content(self.page_index, mcid))
        return f"/{element.role} <</MCID {mcid}>> BDC"

    def begin(self, element: Element) -> None:
        self._code.append(self.mark(element))

    def end(self) -> None:
        self._code.append("EMC")

    def content(self, tag: Tag, draw: Callable[[], None]) -> None:
        """draw() marked as tag's element's content (a list item: its marker as its label).

        A paragraph with links is marked inside its text object, so each link's text
        can be the Link element's: the paragraph's marks open after BT and close before
        ET, the links' callbacks (:meth:`link_mark`) switch between them, and the
        links' underlines, drawn outside the text object, are artifacts."""
        self.tag = tag
        self._inline = bool(tag.links)
        if tag.label is not None:
            self._label = tag
        else:
            self._open_next(tag)
        draw()
        if not self._inline and self._label is None:
            self.end()
        self._label = self.tag = self._opening = None
        self._inline = False

    def _open_next(self, tag: Tag) -> None:
        """Open the paragraph's content: now, or (with links) at its text object's start."""
        element = tag.inside[0] if tag.inside else tag.element  # a link split by a page
        if self._inline:
            self._opening = self.mark(element)
        else:
            self.begin(element)

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
        if label is not None and label.label is not None:
            self.begin(label.label)
            super().drawText(aTextObject)
            self.end()
            self._label = None
            self._open_next(label)
            return
        if self._opening is None:
            super().drawText(aTextObject)
            return
        code = aTextObject.getCode()
        assert code.startswith("BT") and code.endswith("ET"), code[:40]
        self._code.append(f"BT {self._opening} {code[2:-2]} EMC ET")
        self._opening = None

    def line(self, *args: Any, **kwargs: Any) -> None:
        if not self._inline:
            super().line(*args, **kwargs)
            return
        self.artifact(lambda: super(TaggedCanvas, self).line(*args, **kwargs))

    def link_mark(self, _canvas: Any, _kind: str, label: str) -> None:
        """Where a link's text starts ("start:N", the paragraph's Nth URL) or ends ("end"),
        inside the paragraph's text object: close one mark and open the next."""
        tag, tx = self.tag, self._curr_tx_info["tx"]
        assert tag is not None
        if label == "end":
            tag.inside.clear()
            tx._code.append(f"EMC {self.mark(tag.element)}")
            return
        url = list(tag.links)[int(label.split(":")[1])]
        link = tag.made.get(url)
        if link is None:
            link = tag.made[url] = tag.element.add("Link")
        tag.inside[:] = [link]
        tx._code.append(f"EMC {self.mark(link)}")

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setNamedCB(TEXT_MARK, text_mark)  # text extraction still gives what was typed
        self.setNamedCB(DIRECTION, no_mark)

    def content(self, tag: Tag, draw: Callable[[], None]) -> None:
        draw()

    def artifact(self, draw: Callable[[], None], pagination: str = "") -> None:
        draw()
