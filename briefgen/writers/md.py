"""Markdown: GitHub-flavoured, for chat and wikis.

Headings, paragraphs, lists, quotations and pipe tables, with the banner as the
first and last line. Content is text: every character Markdown could read as
markup is escaped, so nothing a brief says becomes a link, a heading, a list or
a table cell of its own. Sizes and colours have no Markdown; the words, their
order, bold and italic, links and the NEW and CHANGED marks are the page's.
"""

from __future__ import annotations

import re

from briefgen.layout import page as p
from briefgen.layout import paginate
from briefgen.writers._blocks import Items, grouped, merged
from briefgen.writers.registry import Writer

#: always markup somewhere: backslash, code, emphasis, links, HTML, tables, strikethrough
INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would print as "&"
#: a line that would open a block: a quote, a list item, a heading underline, a rule
#: or a table's delimiter row (":-" under a line holding a pipe)
LINE_START = re.compile(r"^([>+=:-]|\d+(?=[.)]))", re.MULTILINE)
#: what a link's address may not hold unencoded in [text](address)
URL_UNSAFE = re.compile(r"[\s<>()\\`]")


def escape(text: str) -> str:
    """Text that Markdown prints exactly as it is, wherever in a line it stands."""
    return ENTITY.sub(r"\\&", INLINE.sub(r"\\\1", text))


def lines(text: str) -> str:
    """A block's text with no line that opens a block of its own (or code, by its indent)."""
    text = re.sub(r"\n[ \t]+", "\n", text)
    # a hard break (a backslash ending a line) at either end of a block prints as "\"
    text = re.sub(r"^\s*(?:\\\n\s*)+|(?:\\\n\s*)+$", "", text).strip()
    return LINE_START.sub(_line_start, text)


def _line_start(match: re.Match[str]) -> str:
    found = match.group(0)
    return found + "\\" if found[0].isdigit() else "\\" + found


def url(href: str) -> str:
    return URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", href)


def inline(para: p.Para, *, br: str = "\\\n") -> str:
    """A paragraph's spans: bold, italic and links around escaped text."""
    out = []
    for span in merged(para.spans):
        text = escape(span.text).replace("\n", br)
        core = text.strip()
        if not core:
            out.append(text)
            continue
        if span.italic:
            core = f"*{core}*"
        if span.bold and not para.bold:
            core = f"**{core}**"
        if span.href:
            core = f"[{core}]({url(span.href)})"
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(lead + core + trail)
    return lines("".join(out))


def heading(para: p.Para) -> str:
    return "#" * para.heading + " " + inline(para, br=" ")


def items(run: Items) -> str:
    lines = []
    for para in run.paras:
        marker = (para.bullet or "1.") if run.ordered else "-"
        body = inline(para).replace("\n", "\n" + " " * (len(marker) + 1))
        lines.append(f"{marker} {body}")
    return "\n".join(lines)


def quote(block: p.Quote) -> str:
    paras = [inline(para).replace("\n", "\n> ") for para in block.paras]
    return "\n>\n".join("> " + text for text in paras)


ALIGN = {"left": "---", "center": ":---:", "right": "---:"}


def table(grid: p.Grid) -> str:
    """A pipe table; a cell across columns is followed by empty ones."""
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row.cells:
            cells.append("<br>".join(inline(para, br="<br>") for para in cell.paras))
            cells.extend("" for _ in range(cell.span - 1))
        rows.append(cells)
    columns = len(grid.widths)
    first = grid.rows[0]
    header = rows.pop(0) if first.header else [""] * columns
    aligns = [ALIGN[c.paras[0].align] for c in first.cells for _ in range(c.span)]
    lines = [header, aligns, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def block(item: p.Block | Items) -> str:
    if isinstance(item, Items):
        return items(item)
    if isinstance(item, p.Para):
        return heading(item) if item.heading else inline(item)
    if isinstance(item, p.Quote):
        return quote(item)
    if isinstance(item, p.Grid):
        return table(item)
    return "---"


def render(page: p.Page) -> bytes:
    page = paginate.whole(page)  # one flow: a table split by a page break is one again
    parts = [block(item) for item in grouped(page)]
    if page.banner is not None:
        mark = f"**{escape(page.banner.text)}**"
        parts = [mark, *parts, mark]
    return ("\n\n".join(part for part in parts if part) + "\n").encode("utf-8")


WRITER = Writer(name="md", suffix=".md", libraries=(), preload=(), render=render)
