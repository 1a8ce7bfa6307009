"""The HTML document around a page's blocks: head, print stylesheet, banners and logo."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from briefgen.layout import page as p
from briefgen.writers import _subset

if TYPE_CHECKING:  # lxml is imported when a page is written, not to name the format
    from lxml import etree

#: the page names its family for word processors (Arial); these share its metrics
FALLBACK = '"Liberation Sans", Arimo, Helvetica, sans-serif'
PIXELS = 4 / 3  # CSS pixels per point


def css(**values: str | float) -> str:
    """A style attribute from keyword values; numbers are points, underscores dashes."""
    return "; ".join(
        f"{k.replace('_', '-')}: {f'{v:g}pt' if isinstance(v, (int, float)) else v}"
        for k, v in values.items()
    )


def el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A child element; the tree escapes its text and attributes when it is written."""
    from lxml import etree

    return etree.SubElement(parent, tag, attrs)


def data_uri(logo: p.Logo) -> str:
    return f"data:image/{logo.kind};base64,{base64.b64encode(logo.data).decode('ascii')}"


def print_css(page: p.Page) -> str:
    """Printed, the sheet is the page: its size and margins, the banners at their distance."""
    g = page.geometry
    frame = g.frame[0]
    rules = [
        f"@page {{ size: {g.width:g}pt {g.height:g}pt; margin: 0; }}",
        "* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
        "@media print {",
        "  body { margin: 0; }",
        "  .sheet, .sheet > tbody > tr > td { width: auto !important; padding: 0 !important; }",
        f"  main {{ padding: {g.margin_top:g}pt {g.margin_right:g}pt 0 {g.margin_left:g}pt; }}",
        f"  .banner {{ position: fixed; left: {g.margin_left:g}pt; width: {frame:g}pt;"
        " margin: 0 !important; }",
        f"  header .banner {{ top: {g.header_distance:g}pt; }}",
        f"  footer .banner {{ bottom: {g.header_distance:g}pt; }}",
    ]
    if page.logo is not None:
        logo = page.logo
        rules.append(f"  .logo {{ position: fixed; top: {logo.top:g}pt; left: {logo.left:g}pt; }}")
    if page.breaks:  # the next page's text starts at the top margin, under its banner
        rules.append(f"  .page-break {{ break-before: page; height: {g.margin_top:g}pt; }}")
    rules.append("}")
    return "\n".join(rules)


def font_faces(page: p.Page) -> str:
    """@font-face rules carrying each fallback font the page's runs use, cut to their
    characters, so a machine without Noto Sans Devanagari draws the same glyphs; none
    where fontTools (briefgen[scripts]) is missing."""
    used = _subset.used(page)
    if not used:
        return ""
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return ""
    rules = []
    for (family, file), text in used.items():
        data = base64.b64encode(_subset.subset(file, text)).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; '
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


class Sheet:
    """The document: a head, then a table as wide as the text area holding header, main, footer."""

    def __init__(self, page: p.Page) -> None:
        from lxml import etree

        self.page = page
        meta = page.meta
        self.root = etree.Element("html", lang=meta.language or "en")
        head = el(self.root, "head")
        el(head, "meta", charset="utf-8")
        el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
        el(head, "title").text = meta.title
        for name, value in (
            ("author", meta.author),
            ("description", meta.subject),
            ("keywords", meta.keywords),
            ("generator", "briefgen"),
        ):
            if value:
                el(head, "meta", name=name, content=value)
        el(head, "style").text = "\n".join(filter(None, (font_faces(page), print_css(page))))
        width = page.geometry.frame[0]
        font = f"{page.fonts.word}, {FALLBACK}"
        body = el(
            self.root,
            "body",
            style=f"margin: 0; padding: 0; background-color: #ffffff; font-family: {font}",
        )
        sheet = el(
            body,
            "table",
            role="presentation",
            width=str(round(width * PIXELS)),
            cellpadding="0",
            cellspacing="0",
            border="0",
            align="center",
        )
        sheet.set("class", "sheet")
        sheet.set(
            "style",
            f"width: {width:g}pt; max-width: 100%; border-collapse: collapse; font-family: {font}",
        )
        g = page.geometry
        # On screen the banners keep the page's distances: from the edge, and to the text.
        self.gaps = (
            max(0.0, g.margin_top - g.header_distance - (page.banner.height if page.banner else 0)),
            max(
                0.0,
                g.margin_bottom - g.header_distance - (page.banner.height if page.banner else 0),
            ),
        )
        edge = css(padding=f"{g.header_distance:g}pt 0")
        cell = el(el(el(sheet, "tbody"), "tr"), "td", style=edge)
        header = el(cell, "header")
        self.banner(header, f"0 0 {self.gaps[0]:g}pt 0")
        if page.logo is not None:
            logo = page.logo
            picture = el(
                header,
                "img",
                src=data_uri(logo),
                alt=logo.alt or "Logo",  # the theme's logo_alt
                width=str(round(logo.width * PIXELS)),
                height=str(round(logo.height * PIXELS)),
                style=css(display="block", float="right", width=logo.width, height=logo.height),
            )
            picture.set("class", "logo")
        self.main = el(cell, "main")
        self._footer = el(cell, "footer", style="clear: both")

    def banner(self, parent: etree._Element, margin: str) -> None:
        bar = self.page.banner
        if bar is None:
            return
        mark = el(
            parent,
            "p",
            style=css(
                margin=margin,
                padding="0",
                height=bar.height,
                line_height=bar.height,
                background_color=bar.fill,
                color=bar.color,
                font_size=bar.size,
                font_weight="bold",
                text_align="center",
            ),
        )
        mark.set("class", "banner")
        mark.text = bar.text

    def bytes(self) -> bytes:
        self.banner(self._footer, f"{self.gaps[1]:g}pt 0 0 0")
        from lxml import html

        text: str = html.tostring(self.root, doctype="<!DOCTYPE html>", encoding="unicode")
        return (text + "\n").encode("utf-8")
