"""Brief markup (a small subset of HTML) -> document model.

Templates produce this markup; writers never see it. The elements, and what
they become, are listed in docs/templates.md. Anything else is an error, so a
typo in a template never silently drops content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from briefgen.errors import BriefgenError
from briefgen.render import meta, model, tables
from briefgen.render.runs import Style, same_style, trim

#: HTML's white space, which collapses; a no-break space (U+00A0, U+202F, U+2007) is text
_SPACE = re.compile(r"[ \t\n\r\f]+")
INLINE = {"b", "strong", "i", "em", "a", "span", "small", "br", "cite"}
BLOCKS = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "th",
    "td",
    "blockquote",
    "hr",
    "meta",
    "banner",
}
CONTAINERS = {"section", "header", "footer", "div", "main", "article"}  # grouping only
PARAGRAPH_STYLES = {"body", "lead", "small", "muted"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")
MAX_START_DIGITS = 9  # as CommonMark allows an ordered list's first number


@dataclass
class _Open:
    """A block being collected."""

    tag: str
    attrs: dict[str, str]
    runs: list[model.Run] = field(default_factory=list)
    cite: list[model.Run] = field(default_factory=list)


#: characters XML 1.0 cannot hold even escaped (a part with one would not open)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class _Parser(HTMLParser):
    def __init__(self, origin: str) -> None:
        super().__init__(convert_charrefs=True)
        self.origin = origin
        self.blocks: list[model.Block] = []
        self.meta: dict[str, str] = {}
        self.banner: model.Banner | None = None
        self.block: _Open | None = None
        self.styles: list[tuple[str, Style]] = []
        self.in_cite = False
        self.list_items: list[model.Inline] | None = None
        self.list_marks: list[str] = []
        self.row_marks: list[str] = []
        self.list_ordered = False
        self.list_start = 1
        self.table: _Open | None = None
        self.rows: list[list[model.Cell]] = []
        self.row: list[model.Cell] | None = None

    # --- errors --------------------------------------------------------------------
    def fail(self, message: str) -> BriefgenError:
        line, _ = self.getpos()
        return BriefgenError(f"markup line {line}: {message}", file=self.origin)

    # --- tags ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: self._printable(v or "") for k, v in attrs_list}
        if tag in CONTAINERS:
            return
        if tag in INLINE:
            self._start_inline(tag, attrs)
        elif tag in BLOCKS:
            self._start_block(tag, attrs)
        else:
            raise self.fail(f"unknown element <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "meta"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in CONTAINERS or tag in ("br", "hr", "meta"):
            return
        if tag == "cite":
            self.in_cite = False
        elif tag in INLINE:
            if not self.styles or self.styles[-1][0] != tag:
                raise self.fail(f"</{tag}> closes nothing open")
            self.styles.pop()
        elif tag in BLOCKS:
            self._end_block(tag)
        else:
            raise self.fail(f"unknown element </{tag}>")

    def _printable(self, text: str) -> str:
        """text, unless it holds a character no XML part and no PDF may carry."""
        bad = _UNPRINTABLE.search(text)
        if bad:
            raise self.fail(f"the character U+{ord(bad.group()):04X} cannot be printed; remove it")
        return text

    def handle_data(self, data: str) -> None:
        self._printable(data)
        if self.block is None:
            if data.strip():
                raise self.fail(f"text outside any block: {data.strip()[:40]!r}")
            return
        self._add_text(_SPACE.sub(" ", data))

    # --- inline --------------------------------------------------------------------
    def _start_inline(self, tag: str, attrs: dict[str, str]) -> None:
        if self.block is None:
            raise self.fail(f"<{tag}> outside any block")
        if tag == "br":
            self._add_text("\n")
            return
        if tag == "cite":
            if self.block.tag != "blockquote":
                raise self.fail("<cite> belongs inside <blockquote>")
            self.in_cite = True
            return
        style = replace(self.styles[-1][1]) if self.styles else Style()
        if tag in ("b", "strong"):
            style.bold = True
        elif tag in ("i", "em"):
            style.italic = True
        elif tag == "small":
            style.small = True
        elif tag == "span":
            style.color = attrs.get("class") or None
        elif tag == "a":
            href = attrs.get("href", "").strip()
            style.href = href if href.lower().startswith(SAFE_SCHEMES) else None
        self.styles.append((tag, style))

    def _add_text(self, text: str) -> None:
        assert self.block is not None
        if not text:
            return
        s = self.styles[-1][1] if self.styles else Style()
        target = self.block.cite if self.in_cite else self.block.runs
        run = model.Run(text, s.bold, s.italic, s.href, s.color, s.small)
        if target and same_style(target[-1], run):
            target[-1] = replace(target[-1], text=target[-1].text + text)
        else:
            target.append(run)

    # --- blocks --------------------------------------------------------------------
    def _start_block(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "meta":
            name, value = attrs.get("name", ""), attrs.get("content", "")
            meta.check(name, value, self.fail)
            self.meta[name] = value
            return
        if tag == "hr":
            self._top_level(tag)
            self.blocks.append(model.Rule())
            return
        if tag in ("ul", "ol"):
            self._top_level(tag)
            self.list_items, self.list_ordered, self.list_marks = [], tag == "ol", []
            self.list_start = self._start(attrs) if tag == "ol" else 1
            return
        if tag == "table":
            self._top_level(tag)
            self.table, self.rows, self.row_marks = _Open(tag, attrs), [], []
            return
        if tag == "tr":
            if self.table is None or self.row is not None:
                raise self.fail("<tr> belongs directly inside <table>")
            self.row = []
            self.row_marks.append(_mark(attrs))
            return
        if tag in ("th", "td"):
            if self.row is None or self.block is not None:
                raise self.fail(f"<{tag}> belongs directly inside <tr>")
        elif tag == "li":
            if self.list_items is None or self.block is not None:
                raise self.fail("<li> belongs directly inside <ul> or <ol>")
        else:
            self._top_level(tag)
        self.block = _Open(tag, attrs)
        self.styles = []

    def _start(self, attrs: dict[str, str]) -> int:
        """An ordered list's first number (``<ol start="3">``), 1 unless given."""
        given = attrs.get("start", "1").strip()
        if not given.isascii() or not given.isdigit() or len(given) > MAX_START_DIGITS:
            raise self.fail(f"<ol start={given[:20]!r}>: give a whole number from 0 to 999999999")
        return int(given)

    def _top_level(self, tag: str) -> None:
        if self.block is not None or self.list_items is not None or self.table is not None:
            open_tag = self.block.tag if self.block else ("table" if self.table else "ul")
            raise self.fail(f"<{tag}> cannot stand inside <{open_tag}>")

    def _end_block(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            if self.list_items is None:
                raise self.fail(f"</{tag}> closes nothing open")
            if self.list_items:
                marks = tuple(self.list_marks) if any(self.list_marks) else ()
                self.blocks.append(
                    model.ListBlock(
                        tuple(self.list_items), self.list_ordered, marks, self.list_start
                    )
                )
            self.list_items = None
            return
        if tag == "tr":
            if self.row is None:
                raise self.fail("</tr> closes nothing open")
            self.rows.append(self.row)
            self.row = None
            return
        if tag == "table":
            if self.table is None:
                raise self.fail("</table> closes nothing open")
            self.blocks.append(tables.table(self.rows, self.row_marks, self.table.attrs, self.fail))
            self.table = None
            return
        block = self.block
        if block is None or block.tag != tag:
            raise self.fail(f"</{tag}> closes nothing open")
        if self.styles:
            raise self.fail(f"<{self.styles[-1][0]}> is not closed before </{tag}>")
        self.block = None
        runs = trim(block.runs)
        if tag == "banner":
            plain = "".join(r.text for r in runs)
            self.banner = model.Banner(plain)
        elif tag in ("h1", "h2", "h3"):
            self.blocks.append(model.Heading(int(tag[1]), runs, _mark(block.attrs)))
        elif tag == "p":
            style = block.attrs.get("class", "body")
            if style not in PARAGRAPH_STYLES:
                raise self.fail(
                    f"<p class={style!r}>: class must be one of "
                    + ", ".join(sorted(PARAGRAPH_STYLES))
                )
            if runs:
                self.blocks.append(model.Paragraph(runs, style, _mark(block.attrs)))
        elif tag == "li":
            assert self.list_items is not None
            self.list_items.append(runs)
            self.list_marks.append(_mark(block.attrs))
        elif tag == "blockquote":
            self.blocks.append(model.Quote(runs, trim(block.cite), _mark(block.attrs)))
        elif tag in ("th", "td"):
            assert self.row is not None
            self.row.append(tables.cell(tag, block.attrs, runs, self.fail))

    def close_document(self) -> model.Document:
        self.close()
        if self.block is not None or self.table is not None or self.list_items is not None:
            tag = self.block.tag if self.block else ("table" if self.table else "ul")
            raise self.fail(f"<{tag}> is never closed")
        return model.Document(tuple(self.blocks), meta.read(self.meta, self.fail), self.banner)


def _mark(attrs: dict[str, str]) -> str:
    """A block's portion mark (mark="(S//NF)"), as briefgen.markings wrote it."""
    return " ".join(attrs.get("mark", "").split())


def parse(markup: str, origin: str = "template") -> model.Document:
    """Parse brief markup into a document; origin names the template in errors."""
    parser = _Parser(origin)
    parser.feed(markup)
    return parser.close_document()
