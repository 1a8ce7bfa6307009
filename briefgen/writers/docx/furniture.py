"""The page around the body in WordprocessingML: the classification banner and the logo.

Each a paragraph, placed by the page's numbers: in the built-in base the first
page's banner and logo open the body (:func:`lead` is the space from them to the
text), and later pages' header and every footer hold the banner.
"""

from __future__ import annotations

from briefgen.layout import page as p
from briefgen.writers.docx.body import EMU, Body, ppr, twips
from briefgen.xmltext import quoteattr


def banner(page: p.Page, before: int = 0) -> str:
    """The classification banner as one shaded paragraph ("" where there is none)."""
    bar = page.banner
    if bar is None:
        return ""
    body = Body(page, lambda url: "")
    properties = ppr(twips(bar.height), before=before, align="center", shading=bar.fill)
    run = body.run(p.Span(bar.text, round(bar.size * 2), bar.color, bold=True))
    return f"<w:p>{properties}{run}</w:p>"


def lead(page: p.Page) -> int:
    """Twips between the first page's banner (and logo) at the top of the body and the
    text's top margin, given to the first block as space before."""
    g, bar, box = page.geometry, page.banner, page.logo
    bottom = box.top + box.height if box is not None else g.header_distance
    if box is None and bar is not None:
        bottom = bar.distance + bar.height
    return max(0, twips(g.margin_top - bottom))


def folio(page: p.Page) -> str:
    """ "Page N of M" right-aligned above the bottom banner, N a PAGE field ("" where the
    page has none)."""
    made = page.folio
    if made is None:
        return ""
    body = Body(page, lambda url: "")
    before, after = made.text(1).split("1", 1)
    number = body.run(p.Span("1", made.size, made.color))
    field = f'<w:fldSimple w:instr=" PAGE ">{number}</w:fldSimple>'
    runs = body.run(p.Span(before, made.size, made.color)) + field
    runs += body.run(p.Span(after, made.size, made.color))
    return f"<w:p>{ppr(made.leading, after=made.gap, align='right')}{runs}</w:p>"


def spacer(height: int) -> str:
    """An empty paragraph height twips high: under a header's banner and logo, it ends the
    header at the text's top margin, where the body of every page after the first starts."""
    if height <= 0:
        return ""
    return (
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{height}" '
        'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
    )


def logo(page: p.Page, rel_id: str, drawing_id: int = 1) -> str:
    """A paragraph holding the logo, right-aligned, under the banner ("" where there is none);
    drawing_id: the picture's id, unique in the document."""
    box = page.logo
    if box is None:
        return ""
    alt = quoteattr(box.alt)  # what a screen reader says for the picture
    emu_h = round(box.height * EMU)
    emu_w = round(box.width * EMU)
    drawing = (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{emu_w}" cy="{emu_h}"/><wp:docPr id="{drawing_id}" name="Logo" descr={alt}/>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo" descr={alt}/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu_w}" cy="{emu_h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f"</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    return (
        f'<w:p><w:pPr><w:spacing w:before="{box.gap}" w:after="0" '
        f'w:line="{twips(box.height)}" w:lineRule="atLeast"/><w:jc w:val="right"/></w:pPr>'
        f"<w:r>{drawing}</w:r></w:p>"
    )
