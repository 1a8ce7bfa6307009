"""The little Markdown that content text may carry, turned into brief markup.

Text is escaped first, then ``**bold**``, ``*italic*`` and ``[text](url)``
become elements; everything else stays literal. Links keep only http(s) and
mailto addresses. The result is always well nested.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*((?:https?://|mailto:)[^)\s]+)\s*\)", re.IGNORECASE)
_BOTH = re.compile(r"\*\*\*(?=\S)([^<>]+?)(?<=\S)\*\*\*")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^<>]+?)(?<=[^\s*])\*(?![*\w])")
_TAG = re.compile(r"</?(b|i|a)\b[^>]*>")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_ORDERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+")


def _nested(html: str) -> bool:
    stack: list[str] = []
    for match in _TAG.finditer(html):
        tag = match.group(1)
        if match.group(0).startswith("</"):
            if not stack or stack.pop() != tag:
                return False
        else:
            stack.append(tag)
    return not stack


def inline(text: object) -> Markup:
    """Escape text and convert inline Markdown to brief markup."""
    safe = str(escape(str(text)))
    safe = _LINK.sub(r'<a href="\2">\1</a>', safe)
    bold = _BOLD.sub(r"<b>\1</b>", _BOTH.sub(r"<b><i>\1</i></b>", safe))
    both = _ITALIC.sub(r"<i>\1</i>", bold)
    for candidate in (both, bold, safe):
        if _nested(candidate):
            return Markup(candidate)
    return Markup(str(escape(str(text))))  # pragma: no cover - safe is always nested


def blocks(text: object, mark: object = "") -> Markup:
    """Markdown paragraphs and bullet lists (``-``, ``*`` or ``1.``) as brief markup;
    each paragraph and item carries the portion mark ``mark`` if one is given."""
    attr = f' mark="{escape(str(mark))}"' if mark else ""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    ordered = False

    def flush_paragraph() -> None:
        if paragraph:
            out.append(f"<p{attr}>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_list() -> None:
        if items:
            tag = "ol" if ordered else "ul"
            lis = "".join(f"<li{attr}>{inline(' '.join(i))}</li>" for i in items)
            out.append(f"<{tag}>{lis}</{tag}>")
            items.clear()

    for line in str(text).splitlines():
        if not line.strip():
            flush_paragraph()
            flush_list()
        elif _LIST_ITEM.match(line):
            flush_paragraph()
            if not items:
                ordered = bool(_ORDERED.match(line))
            items.append([_LIST_ITEM.sub("", line, count=1).strip()])
        elif items and line[:1].isspace():
            items[-1].append(line.strip())
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return Markup("".join(out))
