"""What a letterhead may not decide for the brief: its properties, its compatibility, its margins.

A letterhead brings its styles, header, footer and page; the brief's own title,
author and date replace whatever the letterhead's properties say (they said
"python-docx" and 2013, or another document's title); Word's compatibility mode
is 15 whatever version saved the letterhead (in mode 14, Word 2010's, every
table moved 2.5-3 pt into the left margin); and the section's margins are the
page's, which the layout may have grown to clear a tall header or footer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefgen.layout import page as p
from briefgen.writers.docx.parts import limit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE = "http://schemas.microsoft.com/office/word"
EMU_PER_POINT = 12700


def properties(document: Any, page: p.Page) -> None:
    """The document's core properties from the brief, none from the letterhead."""
    meta = page.meta
    props = document.core_properties
    when = dt.datetime.combine(meta.date or dt.date(2000, 1, 1), dt.time())
    for name, value in (
        ("title", meta.title),
        ("subject", meta.subject),
        ("author", meta.author),
        ("keywords", meta.keywords),
        ("language", meta.language),
        ("last_modified_by", meta.author),
        ("category", ""),
        ("comments", ""),
        ("content_status", ""),
        ("identifier", ""),
        ("version", ""),
    ):
        setattr(props, name, limit(value))
    props.revision = 1
    props.created = when
    props.modified = when
    element = props._element
    printed = element.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted"
    )
    if printed is not None:
        element.remove(printed)


def compatibility(document: Any) -> None:
    """Word's compatibility mode 15 (Word 2013 and later), whatever the letterhead's was."""
    from lxml import etree

    settings = document.settings.element
    compat = settings.find(W + "compat")
    if compat is None:
        compat = etree.SubElement(settings, W + "compat")
    for setting in compat.findall(W + "compatSetting"):
        if setting.get(W + "name") == "compatibilityMode":
            setting.set(W + "val", "15")
            return
    etree.SubElement(
        compat,
        W + "compatSetting",
        {W + "name": "compatibilityMode", W + "uri": OFFICE, W + "val": "15"},
    )


def margins(document: Any, page: p.Page) -> None:
    """The first section's page and margins, the page's (in whole twips)."""
    from docx.shared import Twips

    g = page.geometry
    section = document.sections[0]
    for name, points in (
        ("page_width", g.width),
        ("page_height", g.height),
        ("top_margin", g.margin_top),
        ("bottom_margin", g.margin_bottom),
        ("left_margin", g.margin_left),
        ("right_margin", g.margin_right),
    ):
        setattr(section, name, Twips(round(points * 20)))
