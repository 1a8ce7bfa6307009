"""The DOCX from a user's reference Word document (``reference_docx``).

The reference is the package: its styles, page set-up, header and footer stay.
Its body is replaced by the brief, and the classification banner (and logo)
join the top of its header and the bottom of its footer.
"""

from __future__ import annotations

import io
from typing import Any

from briefgen.layout import page as p
from briefgen.writers.docx import body as wordml
from briefgen.writers.docx import settle, zipped
from briefgen.writers.docx.lists import ListStyle, definitions

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _elements(xml: str) -> list[Any]:
    from lxml import etree

    return list(etree.fromstring(f"<w:body {wordml.NS}>{xml}</w:body>"))


class Letterhead:
    """The user's letterhead as the base document: its package, its body emptied.

    Its header is the letterhead's design: the banner joins it there (a screen reader
    finds the marking in the footer's and header's text, not the body's)."""

    marking_in_body = False

    def __init__(self, page: p.Page) -> None:
        import docx

        self.page = page
        self.document = docx.Document(page.reference_docx)
        self.first_list = _free_list_id(self.document)
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT_THUMBNAIL:  # the reference's picture, not this brief's
                package.rels.pop(rel_id)
        self._header_footer: tuple[Any, Any] | None = None

    def _own_header_footer(self) -> tuple[Any, Any]:
        """The first page's header and footer, made the section's own if they were not.

        Done on first use, after the body's links are related, so relationship ids
        keep the order they have always had."""
        if self._header_footer is None:
            section = self.document.sections[0]
            first = section.different_first_page_header_footer
            header = section.first_page_header if first else section.header
            footer = section.first_page_footer if first else section.footer
            for part in (header, footer):
                if part.is_linked_to_previous:  # no header of its own yet: start an empty one
                    part.is_linked_to_previous = False
                    for paragraph in part.paragraphs:
                        paragraph._p.getparent().remove(paragraph._p)
            self._header_footer = (header, footer)
        return self._header_footer

    def link(self, url: str) -> str:
        return str(self.document.part.relate_to(url, RT_HYPERLINK, is_external=True))

    def image(self, logo: p.Logo, part: str = "header") -> str:
        header = self._own_header_footer()[0].part
        rel_id, _ = header.get_or_add_image(io.BytesIO(logo.data))
        return str(rel_id)

    def save(self, body: str, header: str, footer: str, lists: list[ListStyle]) -> bytes:
        from docx.oxml.ns import qn

        if lists:
            self._add_lists(lists)
        element = self.document.element.body
        section_properties = element.find(qn("w:sectPr"))
        for child in list(element):
            if child is not section_properties:
                element.remove(child)
        for new in _elements(body):
            if section_properties is not None:
                section_properties.addprevious(new)
            else:
                element.append(new)
        settle.properties(self.document, self.page)
        settle.compatibility(self.document)
        settle.margins(self.document, self.page)
        top, bottom = self._own_header_footer()
        if header:
            for offset, new in enumerate(_elements(header)):
                top._element.insert(offset, new)
        if footer:
            for new in _elements(footer):
                bottom._element.append(new)
        return zipped.save(self.document)

    def _add_lists(self, lists: list[ListStyle]) -> None:
        """The brief's list definitions, after the letterhead's own (ids from first_list)."""
        numbering = self.document.part.numbering_part.element  # made if the letterhead has none
        fonts = wordml.Body(self.page, lambda url: "").fonts
        abstracts, nums = definitions(lists, self.first_list, fonts)
        existing = numbering.findall(f"{{{W}}}num")
        for element in _elements("".join(abstracts)):
            if existing:
                existing[0].addprevious(element)  # every abstractNum before the first num
            else:
                numbering.append(element)
        for element in _elements("".join(nums)):
            numbering.append(element)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _free_list_id(document: Any) -> int:
    """One more than any numbering id the letterhead uses (1 if it has no lists)."""
    try:
        numbering = document.part.part_related_by(RT_NUMBERING).element
    except KeyError:
        return 1
    ids = [
        int(e.get(f"{{{W}}}{attr}", 0))
        for tag, attr in (("num", "numId"), ("abstractNum", "abstractNumId"))
        for e in numbering.iter(f"{{{W}}}{tag}")
    ]
    return max(ids, default=0) + 1
