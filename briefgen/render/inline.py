"""The little Markdown that content text may carry, turned into brief markup.

A CommonMark parser (markdown-it-py) reads it with only these rules on:
``**bold**``, ``*italic*``, ``[text](url)``, backslash escapes (``\\*``), hard
line breaks, paragraphs, and ``-``/``*``/``+`` and ``1.``/``1)`` lists, so their
edge cases are CommonMark's. Everything else (headings, code, quotes, raw HTML,
entities, ``_underscores_``, images, autolinks) stays literal text. Links keep
only http(s) and mailto addresses; any other ``[text](url)`` stays as typed.
The text is escaped as it is written out, so nothing in it becomes markup but
what these rules make, and the result is always well nested.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from briefgen.render.model import MAX_START

if TYPE_CHECKING:  # imported when first used: about 17 ms a command without Markdown saves
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: the inline rules on (besides the text rule markdown-it always runs)
INLINE_RULES = ("escape", "emphasis", "link", "newline")
#: the block rules on (besides paragraphs)
BLOCK_RULES = ("list",)
#: markup for each inline token that opens, closes or stands alone
_TAGS = {
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "link_close": "</a>",
    "softbreak": "\n",
    "hardbreak": "<br>",
}


def _stars_only(state: StateInline, silent: bool) -> bool:
    """CommonMark emphasis with ``*`` only: ``_`` stays a letter, as briefs have it."""
    from markdown_it.rules_inline import emphasis

    if state.src[state.pos] != "*":
        return False
    return emphasis.tokenize(state, silent)


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


#: markdown-it's modules for rules briefgen leaves off (raw HTML, entities, autolinks,
#: linkify, typographic replacements, smart quotes): their patterns, compiled at
#: import, wait for a first use that never comes (about 1.5 ms; briefgen.lazyre)
UNUSED_MODULES = frozenset(
    f"markdown_it.{name}"
    for name in (
        "common.html_re",
        "rules_block.html_block",
        "rules_core.linkify",
        "rules_core.replacements",
        "rules_core.smartquotes",
        "rules_inline.autolink",
        "rules_inline.entity",
        "rules_inline.html_inline",
        "rules_inline.linkify",
    )
)


@cache
def parser() -> MarkdownIt:
    """The parser, made once: CommonMark with briefgen's rules only."""
    from briefgen.lazyre import deferring

    with deferring(lambda module, _: module in UNUSED_MODULES):
        from markdown_it import MarkdownIt

    md = MarkdownIt("zero").enable([*INLINE_RULES, *BLOCK_RULES])
    md.inline.ruler.at("emphasis", _stars_only)
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


def _inline_markup(children: Sequence[Token] | None) -> str:
    out: list[str] = []
    for token in children or ():
        if token.type in ("text", "text_special"):
            out.append(str(escape(token.content)))
        elif token.type == "link_open":
            out.append(f'<a href="{escape(str(token.attrGet("href") or ""))}">')
        else:
            out.append(_TAGS.get(token.type, ""))
    return "".join(out)


def inline(text: object) -> Markup:
    """Escape text and convert inline Markdown to brief markup."""
    source = str(text)
    if not source:
        return Markup("")
    tokens = parser().parseInline(source)
    return Markup(_inline_markup(tokens[0].children if tokens else None))


def blocks(text: object, mark: object = "") -> Markup:
    """Markdown paragraphs and lists (``-``, ``*``, ``+``, ``1.``, ``1)``) as brief markup;
    each paragraph and item carries the portion mark ``mark`` if one is given.

    A list nested in an item is flattened into its list (a brief's lists have one
    level); an item's second paragraph follows a line break.
    """
    attr = f' mark="{escape(str(mark))}"' if mark else ""
    out: list[str] = []
    items: list[list[str]] = []
    depth = 0
    tag, start = "ul", ""
    for token in parser().parse(str(text)):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                tag, items = ("ol" if token.type == "ordered_list_open" else "ul"), []
                first = token.attrGet("start") if tag == "ol" else None
                # a first number no format can hold (0, past PowerPoint's 32767) numbers from 1
                shown = isinstance(first, int) and 1 < first <= MAX_START
                start = f' start="{first}"' if shown else ""
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                lis = "".join(f"<li{attr}>{'<br>'.join(parts)}</li>" for parts in items)
                out.append(f"<{tag}{start}>{lis}</{tag}>")
        elif token.type == "list_item_open":
            items.append([])
        elif token.type == "inline":
            if depth:
                items[-1].append(_inline_markup(token.children))
            else:
                out.append(f"<p{attr}>{_inline_markup(token.children)}</p>")
    return Markup("".join(out))
