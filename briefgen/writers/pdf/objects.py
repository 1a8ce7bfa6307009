"""The structure tree as PDF objects: StructTreeRoot, elements, ParentTree.

Written once every page is drawn, from the elements of :mod:`.structure` and
what :class:`~.canvas.TaggedCanvas` recorded: each element's kids (MCIDs on
its page, MCRs on another, OBJRs for link areas), and the ParentTree mapping
each page's MCIDs and each link area back to its element (ISO 32000-1, 14.7).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab)
from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFString,
    format,
)

from briefgen.writers.pdf.structure import Annotation, Content, Element

_names: dict[str, bytes] = {}  # a key's PDF name, as reportlab writes it


class Entries(PDFDictionary):  # type: ignore[misc]
    """A PDFDictionary that writes the same bytes sooner: a page's structure tree has
    dozens of elements, each a dictionary of names, numbers, references and an array of
    them, and reportlab's general formatting (every key made a PDF name again, every
    value dispatched on its type) took 2.1 ms of a brief. Names, whole numbers,
    references and arrays of them are written here, by reportlab's rules; any other
    value, and any setting these rules do not cover (one entry a line, comments, an
    OrderedDict's order, an item written as an indirect object), goes to reportlab."""

    def format(self, document: PDFDocument, IND: bytes = b"\n ") -> bytes:
        if _lines(self) or rl_config.pdfComments or isinstance(self.dict, OrderedDict):
            return bytes(super().format(document, IND))  # kept in order, or commented
        items = [_name(key) + b" " + _value(self.dict[key], document) for key in sorted(self.dict)]
        for i in reversed(range(6, len(items), 6)):  # reportlab breaks the line every 6
            items.insert(i, b"\n ")
        return b"<<\n" + b" ".join(items) + b"\n>>"


def _lines(item: Any) -> bool:
    """Whether reportlab writes item one entry a line (the rules here do not)."""
    return bool((item.multiline and rl_config.pdfMultiLine) or item.multiline == "forced")


def _name(key: str) -> bytes:
    found = _names.get(key)
    if found is None:
        found = _names[key] = PDFName(key).encode("ascii")  # escapes all but ! to ~
    return found


def _value(item: Any, document: PDFDocument) -> bytes:
    """item written as reportlab's pdfdoc.format writes it. Its encoding (PDFDocEncoding)
    is ASCII's for printable ASCII, which is all a name, a number or a reference has."""
    kind = type(item)
    if kind is str:  # a PDFName's result, say
        text: str = item
        if text.isascii() and text.isprintable():
            return text.encode("ascii")
    if kind is int:
        return str(fp_str(item)).encode("ascii")
    if hasattr(item, "__RefOnly__"):  # written as a reference to it, by reportlab
        return bytes(format(item, document))
    if kind is PDFObjectReference:
        number, version = document.idToObjectNumberAndVersion[item.name]
        return f"{number} {version} R".encode("ascii")
    if kind is PDFArray and not _lines(item):
        parts = [_value(x, document) for x in item.sequence]
        for i in reversed(range(10, len(parts), 10)):  # reportlab breaks the line every 10
            parts.insert(i, b"\n ")
        return b"[ " + b" ".join(parts) + b" ]"
    return bytes(format(item, document))


def page_ref(page: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{page + 1}")  # reportlab names pages from 1


def value(item: Any) -> Any:
    """An attribute's value in PDF terms: names for words, arrays for lists."""
    if isinstance(item, str):
        return PDFName(item)
    if isinstance(item, (list, tuple)):
        return PDFArray([value(x) for x in item])
    return item


class Writer:
    def __init__(self, doc: PDFDocument) -> None:
        self.doc = doc
        self.refs: dict[int, PDFObjectReference] = {}

    def ref(self, element: Element) -> PDFObjectReference:
        key = id(element)
        if key not in self.refs:
            self.refs[key] = PDFObjectReference(f"StructElem{len(self.refs)}")
        return self.refs[key]

    def element(self, element: Element, parent: PDFObjectReference) -> None:
        entries: dict[str, Any] = {
            "Type": PDFName("StructElem"),
            "S": PDFName(element.role),
            "P": parent,
        }
        page = first_page(element)
        if page is not None:
            entries["Pg"] = page_ref(page)
        if element.alt:
            entries["Alt"] = PDFString(element.alt)
        if element.attributes:
            owners = [
                PDFDictionary({"O": PDFName(owner), **{k: value(v) for k, v in keys.items()}})
                for owner, keys in element.attributes.items()
            ]
            entries["A"] = owners[0] if len(owners) == 1 else PDFArray(owners)
        me = self.ref(element)
        kids: list[Any] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                self.element(kid, me)
                kids.append(self.ref(kid))
            elif isinstance(kid, Content):
                if kid.page == page:
                    kids.append(kid.mcid)
                else:
                    mcr = {"Type": PDFName("MCR"), "Pg": page_ref(kid.page), "MCID": kid.mcid}
                    kids.append(PDFDictionary(mcr))
            else:
                objr = {"Type": PDFName("OBJR"), "Pg": page_ref(kid.page), "Obj": kid.ref}
                kids.append(PDFDictionary(objr))
        if kids:
            entries["K"] = PDFArray(kids)
        self.doc.Reference(Entries(entries), me.name)

    def write(
        self, root: Element, pages: list[list[Element]], links: list[tuple[Element, Any]]
    ) -> Any:
        """The StructTreeRoot (referenced), for the catalog; links are (element, area)."""
        tree = PDFObjectReference("StructTreeRoot")
        self.element(root, tree)
        nums: list[Any] = []
        for number, parents in enumerate(pages):
            nums += [number, PDFArray([self.ref(e) for e in parents])]
        for number, (link, area) in enumerate(links, start=len(pages)):
            nums += [number, self.ref(link)]
            self.doc.idToObject[area.name]["StructParent"] = number
        parent_tree = self.doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}), "ParentTree")
        entries = {
            "Type": PDFName("StructTreeRoot"),
            "K": PDFArray([self.ref(root)]),
            "ParentTree": parent_tree,
            "ParentTreeNextKey": len(pages) + len(links),
        }
        return self.doc.Reference(PDFDictionary(entries), tree.name)


def first_page(element: Element) -> int | None:
    """The page of an element's first marked content or link area, looking into its kids."""
    for kid in element.kids:
        if isinstance(kid, (Content, Annotation)):
            return kid.page
        found = first_page(kid)
        if found is not None:
            return found
    return None
