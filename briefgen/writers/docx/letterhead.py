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
from briefgen.writers.docx import zipped

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _elements(xml: str) -> list[Any]:
    from lxml import etree

    return list(etree.fromstring(f"<w:body {wordml.NS}>{xml}</w:body>"))


class Letterhead:
    """The user's letterhead as the base document: its package, its body emptied."""

    def __init__(self, page: p.Page) -> None:
        import docx

        self.document = docx.Document(page.reference_docx)
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

    def image(self, logo: p.Logo) -> str:
        header = self._own_header_footer()[0].part
        rel_id, _ = header.get_or_add_image(io.BytesIO(logo.data))
        return str(rel_id)

    def save(self, body: str, header: str, footer: str) -> bytes:
        from docx.oxml.ns import qn

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
        top, bottom = self._own_header_footer()
        if header:
            for offset, new in enumerate(_elements(header)):
                top._element.insert(offset, new)
        if footer:
            for new in _elements(footer):
                bottom._element.append(new)
        return zipped.save(self.document)
