"""Laid-out pages for writer tests: what a writer receives, made by hand (no theme, no fit)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from briefgen.layout import fonts
from briefgen.layout import page as p

TEXT, ACCENT, RULE, MUTED = "#1a1a1a", "#1f3864", "#b7c0cc", "#5f6368"


def para(text: str, size: int = 20, **kw: object) -> p.Para:
    color = str(kw.pop("color", TEXT))
    bold = bool(kw.get("bold", False))
    span = p.Span(text, size, color, bold=bold)
    return p.Para((span,), size, round(size / 2 * 1.2 * 20), color, **kw)  # type: ignore[arg-type]


def sample() -> p.Page:
    """A title, a ruled heading, a list, a quote, a two-column table and a rule, on A4."""
    blocks: tuple[p.Block, ...] = (
        para("Sample brief", 34, color=ACCENT, bold=True, after=40, heading=1),
        para(
            "Bottom line",
            22,
            color=ACCENT,
            bold=True,
            before=180,
            after=60,
            heading=2,
            rule_below=p.Line(RULE, 0.5, 1.0),
        ),
        para("First point", indent=240, bullet="\u2022", bullet_at=60, after=24),
        p.Quote((para("Said on record."),), 180, p.Line(RULE, 1.5), 60),
        p.Grid(
            (
                p.Row(
                    (
                        p.Cell((para("Action", 16, color=MUTED, bold=True),), fill="#e8edf3"),
                        p.Cell((para("Owner", 16, color=MUTED, bold=True),), fill="#e8edf3"),
                    ),
                    header=True,
                ),
                p.Row((p.Cell((para("Sign the arrangement"),)), p.Cell((para("MOD"),)))),
            ),
            (300.0, 187.2756),
            70,
            30,
            p.Line(RULE, 0.5),
            60,
        ),
        p.Rule(p.Line(RULE, 0.5), 1.5, 60),
    )
    return p.Page(
        geometry=p.Geometry(595.2756, 841.8898, 50.0, 54.0, 46.0, 54.0, 18.0),
        fonts=p.Fonts("Arial", fonts.register()),
        styles=p.Styles(20, 240, TEXT, ACCENT, (34, 22, 20)),
        blocks=blocks,
        sources=tuple(range(len(blocks))),
        meta=p.Meta(title="Sample brief", author="Desk", date=dt.date(2025, 7, 2)),
        banner=p.Banner("SECRET", 9.0, 13.5, "#c8102e", "#ffffff", 54.0, 487.2756, 18.0),
        logo=None,
        scale=10.0,
    )


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str) -> etree._Element:
    """One XML part of a DOCX, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))
