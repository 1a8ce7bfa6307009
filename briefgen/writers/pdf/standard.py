"""What a PDF/UA-1 (and PDF/A-2b) file declares: catalog entries, XMP, output intent.

The XMP metadata repeats the Info dictionary (title, author, subject,
keywords, producer, creator, dates), claims PDF/UA-1 (``pdfuaid:part``) and,
for ``a-2b+ua-1``, PDF/A-2b, with the extension schema PDF/A asks for the
pdfuaid property. The output intent is sRGB: ``srgb.icc``, the compact sRGB
profile littleCMS builds (``PIL.ImageCms.createProfile("sRGB")``: 588 bytes,
"no copyright, use freely"), saved once with its creation date fixed and its
version set to 4.3 (ICC.1:2010, what PDF/A-2 names; the tags are the same).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab)
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDate,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFStream,
    PDFString,
    format,
)

from briefgen.xmltext import escape

SRGB = "sRGB IEC61966-2.1"
_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'")

PDFUA_SCHEMA = """<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed
</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>"""


class PlainStream(PDFStream):  # type: ignore[misc]
    """A stream written as it is: PDF/A wants the XMP readable without a filter."""

    def format(self, document: PDFDocument) -> bytes:
        entries = PDFDictionary(dict(self.dictionary.dict, Length=len(self.content)))
        out: bytes = format(entries, document) + b"\nstream\n" + self.content + b"endstream\n"
        return out


def iso_date(doc: PDFDocument) -> str:
    """The Info dictionary's date (D:YYYYMMDDHHmmSS+HH'mm') as XMP writes dates."""
    info = doc.info
    raw = format(PDFDate(ts=doc._timeStamp, dateFormatter=info._dateFormatter), doc).decode()
    match = _DATE.search(raw)
    assert match is not None, raw
    y, mo, d, h, mi, s, zh, zm = match.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zh}:{zm}"


def xmp(doc: PDFDocument, lang: str, archival: bool) -> bytes:
    info = doc.info

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    when = iso_date(doc)
    pdfa = "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" '
        'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
        'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
        'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
        'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n'
        "<dc:format>application/pdf</dc:format>"
        f"<dc:title>{alt(info.title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:description>{alt(info.subject)}</dc:description>"
        f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>\n"
        f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>"
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>"
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>\n"
        "<pdfuaid:part>1</pdfuaid:part>"
        f"{pdfa + PDFUA_SCHEMA if archival else ''}\n"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>\n'
    )
    return text.encode("utf-8")


def output_intent(doc: PDFDocument) -> Any:
    profile = resources.files("briefgen.writers.pdf").joinpath("srgb.icc").read_bytes()
    icc = doc.Reference(PDFStream(PDFDictionary({"N": 3}), profile), "sRGBProfile")
    intent = {
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(SRGB),
        "Info": PDFString(SRGB),
        "DestOutputProfile": icc,
    }
    return PDFArray([doc.Reference(PDFDictionary(intent), "OutputIntent")])


def declare(doc: PDFDocument, tree: Any, lang: str, archival: bool) -> None:
    """Set the catalog's entries for a tagged PDF (and an archival one)."""
    catalog: PDFCatalog = doc.Catalog
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.StructTreeRoot = tree
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})  # a str is written as it is
    metadata = PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}))
    metadata.content = xmp(doc, lang, archival)
    catalog.Metadata = doc.Reference(metadata, "Metadata")
    if archival:
        catalog.OutputIntents = output_intent(doc)
