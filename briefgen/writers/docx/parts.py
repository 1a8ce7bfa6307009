"""The built-in base document: a WordprocessingML package made of a few small parts.

The body, header and footer come from :mod:`.body`; the styles a user editing
the DOCX sees in Word, the page set-up and the document properties are written
here from the page. No template document is opened.
"""

from __future__ import annotations

import datetime as dt

from briefgen.layout import page as p
from briefgen.writers.docx import body as wordml
from briefgen.writers.docx import embed, zipped
from briefgen.writers.docx import lists as numbering
from briefgen.xmltext import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HYPERLINK = f"{R}/hyperlink"

OFFICE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
FIRST_PAGE_TYPES = (
    f'<Override PartName="/word/header2.xml" ContentType="{OFFICE}.header+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{OFFICE}.footer+xml"/>'
)
NUMBERING_TYPE = f'<Override PartName="/word/numbering.xml" ContentType="{OFFICE}.numbering+xml"/>'
FONT_TABLE_TYPE = f'<Override PartName="/word/fontTable.xml" ContentType="{OFFICE}.fontTable+xml"/>'
EMBED_SETTINGS = "<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"
CONTENT_TYPES = XML_HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Default Extension="jpeg" ContentType="image/jpeg"/>'
    '<Default Extension="jpg" ContentType="image/jpeg"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footer+xml"/>'
    "{first}"
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/>'
    "</Types>"
)
ROOT_RELS = XML_HEAD + (
    f'<Relationships xmlns="{PKG_RELS}">'
    f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{PKG_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
APP = XML_HEAD + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>briefgen</Application><DocSecurity>0</DocSecurity></Properties>"
)
SETTINGS = XML_HEAD + (
    f'<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)


def styles(page: p.Page) -> str:
    """Normal, Heading 1-3 and the default table style: what a user editing the
    DOCX sees in Word's style list, set like the brief."""
    st = page.styles
    font = escape(page.fonts.word, {'"': "&quot;"})
    fonts = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
    body = st.size
    text = wordml.hex6(st.color)
    accent = wordml.hex6(st.heading_color)
    headings = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{accent}"/><w:sz w:val="{size}"/>'
        f'<w:szCs w:val="{size}"/></w:rPr></w:style>'
        for level, size in enumerate(st.headings, start=1)
    )
    return XML_HEAD + (
        f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
        f'<w:sz w:val="{body}"/><w:szCs w:val="{body}"/><w:lang w:val="{_attribute(page.meta.language)}"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f'<w:spacing w:after="0" w:line="{st.leading}" w:lineRule="exact"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr><w:rPr><w:color w:val="{text}"/>'
        "</w:rPr></w:style>"
        f"{headings}"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style></w:styles>"
    )


def _attribute(value: str) -> str:
    """value escaped for an attribute in double quotes."""
    return escape(value, {'"': "&quot;"})


def core(page: p.Page) -> str:
    meta = page.meta
    when = dt.datetime.combine(meta.date or dt.date(2000, 1, 1), dt.time()).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )

    def field(tag: str, value: str) -> str:
        return f"<{tag}>{escape(limit(value))}</{tag}>" if value else f"<{tag}/>"

    return XML_HEAD + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + field("dc:title", meta.title)
        + field("dc:subject", meta.subject)
        + field("dc:creator", meta.author)
        + field("cp:keywords", meta.keywords)
        + field("dc:language", meta.language)
        + field("cp:lastModifiedBy", meta.author)
        + "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def limit(text: str, most: int = 255) -> str:
    """Word's document properties hold at most 255 characters."""
    return text if len(text) <= most else text[: most - 1].rstrip(" ,") + "…"


def section(page: p.Page, header: str, footer: str, *, first_page: bool = False) -> str:
    """The page set-up; first_page: the first page's banner is in the body, its header
    empty at the edge (so nothing pushes the body down) and its top margin the banner's."""
    g = page.geometry
    orient = ' w:orient="landscape"' if g.landscape else ""
    t = wordml.twips
    refs = (
        f'<w:headerReference w:type="default" r:id="{header}"/>'
        f'<w:footerReference w:type="default" r:id="{footer}"/>'
    )
    top, header_at = t(g.margin_top), t(g.header_distance)
    if first_page:
        refs += (
            f'<w:headerReference w:type="first" r:id="{FIRST_HEADER}"/>'
            f'<w:footerReference w:type="first" r:id="{FIRST_FOOTER}"/>'
        )
        top, header_at = t(g.header_distance), 0
    return (
        f"<w:sectPr>{refs}"
        f'<w:pgSz w:w="{t(g.width)}" w:h="{t(g.height)}"{orient}/>'
        f'<w:pgMar w:top="{top}" w:right="{t(g.margin_right)}" '
        f'w:bottom="{t(g.margin_bottom)}" w:left="{t(g.margin_left)}" '
        f'w:header="{header_at}" w:footer="{t(g.header_distance)}" w:gutter="0"/>'
        f"{'<w:titlePg/>' if first_page else ''}</w:sectPr>"
    )


FIRST_HEADER, FIRST_FOOTER, NUMBERING, BODY_IMAGE = "rId5", "rId6", "rId7", "rId8"
#: the first page's header: one paragraph a twentieth of a point high, at the edge
EMPTY_HEADER = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="1" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
)


class Links:
    """Relationship ids for hyperlinks, numbered in order of first use."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.ids: dict[str, str] = {}

    def __call__(self, url: str) -> str:
        if url not in self.ids:
            self.ids[url] = f"rId{self.first + len(self.ids)}"
        return self.ids[url]

    def xml(self) -> str:
        return "".join(
            f'<Relationship Id="{rid}" Type="{HYPERLINK}" '
            f'Target="{escape(url, {chr(34): "&quot;"})}" TargetMode="External"/>'
            for url, rid in self.ids.items()
        )


class Builtin:
    """The built-in base document: the package is written here, part by part."""

    marking_in_body = True
    first_list = 1

    def __init__(self, page: p.Page) -> None:
        self.page = page
        self.link = Links(first=10)
        self.media: dict[str, bytes] = {}
        self.rels = {"body": "", "header": ""}

    def image(self, logo: p.Logo, part: str) -> str:
        """The relationship id for the logo, from the body or the header."""
        name = f"media/logo.{logo.kind}"
        self.media[f"word/{name}"] = logo.data
        rel_id = BODY_IMAGE if part == "body" else "rId1"
        self.rels[part] = f'<Relationship Id="{rel_id}" Type="{R}/image" Target="{name}"/>'
        return rel_id

    def fill(
        self, body: str, header: str, footer: str, lists: list[numbering.ListStyle]
    ) -> list[tuple[str, bytes]]:
        """Every part of the DOCX, in the order they are zipped."""
        page = self.page
        first = page.banner is not None  # the first page's banner is in the body
        document = XML_HEAD + (
            f"<w:document {wordml.NS}><w:body>{body}"
            f"{section(page, 'rId3', 'rId4', first_page=first)}</w:body></w:document>"
        )
        more = self.rels["body"]
        if first:
            more += (
                f'<Relationship Id="{FIRST_HEADER}" Type="{R}/header" Target="header2.xml"/>'
                f'<Relationship Id="{FIRST_FOOTER}" Type="{R}/footer" Target="footer2.xml"/>'
            )
        if lists:
            more += f'<Relationship Id="{NUMBERING}" Type="{R}/numbering" Target="numbering.xml"/>'
        types = (FIRST_PAGE_TYPES if first else "") + (NUMBERING_TYPE if lists else "")
        fonts = embed.fonts(page)
        settings = SETTINGS
        if fonts:  # the fallback fonts the runs name, subset, for machines without them
            more += f'<Relationship Id="rIdFonts" Type="{R}/fontTable" Target="fontTable.xml"/>'
            types += f'<Default Extension="odttf" ContentType="{embed.FONT_TYPE}"/>'
            types += FONT_TABLE_TYPE
            settings = SETTINGS.replace("<w:defaultTabStop", EMBED_SETTINGS + "<w:defaultTabStop")
        document_rels = XML_HEAD + (
            f'<Relationships xmlns="{PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{R}/header" Target="header1.xml"/>'
            f'<Relationship Id="rId4" Type="{R}/footer" Target="footer1.xml"/>'
            f"{more}{self.link.xml()}</Relationships>"
        )
        empty = '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
        parts = [
            ("[Content_Types].xml", CONTENT_TYPES.replace("{first}", types)),
            ("_rels/.rels", ROOT_RELS),
            ("docProps/core.xml", core(page)),
            ("docProps/app.xml", APP),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", document_rels),
            ("word/styles.xml", styles(page)),
            ("word/settings.xml", settings),
            ("word/header1.xml", XML_HEAD + f"<w:hdr {wordml.NS}>{header or empty}</w:hdr>"),
            ("word/footer1.xml", XML_HEAD + f"<w:ftr {wordml.NS}>{footer or empty}</w:ftr>"),
        ]
        if first:
            parts.append(
                ("word/header2.xml", XML_HEAD + f"<w:hdr {wordml.NS}>{EMPTY_HEADER}</w:hdr>")
            )
            parts.append(("word/footer2.xml", XML_HEAD + f"<w:ftr {wordml.NS}>{footer}</w:ftr>"))
        if lists:
            names = wordml.Body(page, Links(0)).fonts
            parts.append(("word/numbering.xml", XML_HEAD + numbering.part(lists, names)))
        if fonts:
            table, table_rels = embed.font_table(fonts)
            parts += [("word/fontTable.xml", table), ("word/_rels/fontTable.xml.rels", table_rels)]
        if self.rels["header"]:
            rels = f'<Relationships xmlns="{PKG_RELS}">{self.rels["header"]}</Relationships>'
            parts.append(("word/_rels/header1.xml.rels", XML_HEAD + rels))
        data = [(name, text.encode("utf-8")) for name, text in parts] + list(self.media.items())
        return data + [(f"word/{f.part}", f.data) for f in fonts]

    def save(self, body: str, header: str, footer: str, lists: list[numbering.ListStyle]) -> bytes:
        return zipped.pack(dict(self.fill(body, header, footer, lists)))
