"""The DOCX from a user's reference Word document (``reference_docx``).

The reference is the package: its styles, page set-up, header and footer stay.
Its body is replaced by the brief (from :mod:`.body`, so the runs name the
page's font and sizes and the fit holds), and the classification
banner joins the top of its header and the bottom of its footer.
"""

from __future__ import annotations

from typing import Any

from briefgen.layout import page as p
from briefgen.writers.docx import body as wordml
from briefgen.writers.docx import zipped

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _elements(xml: str) -> list[Any]:
    from lxml import etree

    return list(etree.fromstring(f"<w:body {wordml.NS}>{xml}</w:body>"))


def render(page: p.Page, reference: str) -> bytes:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(reference)
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT_THUMBNAIL:  # the reference's picture, not this brief's
            package.rels.pop(rel_id)
    body = document.element.body
    section_properties = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not section_properties:
            body.remove(child)

    def link(url: str) -> str:
        return str(document.part.relate_to(url, RT_HYPERLINK, is_external=True))

    for element in _elements(wordml.Body(page, link).xml()):
        if section_properties is not None:
            section_properties.addprevious(element)
        else:
            body.append(element)

    section = document.sections[0]
    first = section.different_first_page_header_footer
    header = section.first_page_header if first else section.header
    footer = section.first_page_footer if first else section.footer
    banner = wordml.banner(page)
    for part, top in ((header, True), (footer, False)):
        if part.is_linked_to_previous:  # no header of its own yet: start an empty one
            part.is_linked_to_previous = False
            for paragraph in part.paragraphs:
                paragraph._p.getparent().remove(paragraph._p)
        xml = banner
        if top and page.logo is not None:
            rel_id, _ = part.part.get_or_add_image(page.logo.path)
            xml += wordml.logo(page, rel_id)
        if not xml:
            continue
        elements = _elements(xml)
        container = part._element
        if top:
            for offset, element in enumerate(elements):
                container.insert(offset, element)
        else:
            for element in elements:
                container.append(element)
    return zipped.save(document)
