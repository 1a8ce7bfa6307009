"""HTML built as a tree of elements, never by pasting text into markup.

Every text child and attribute value is escaped when the element is made;
only what this module made (Markup) goes in as it is. Tag and attribute names
come from briefgen's own code, never from content.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

VOID = frozenset({"meta", "link", "img", "br", "hr", "input"})


def el(tag: str, attrs: Mapping[str, str | None] | None = None, *children: str | None) -> Markup:
    """<tag attrs>children</tag>; an attribute whose value is None is left out."""
    shown = "".join(
        f' {name}="{escape(value)}"' for name, value in (attrs or {}).items() if value is not None
    )
    if tag in VOID:
        return Markup(f"<{tag}{shown}>")
    inner = "".join(str(escape(c)) for c in children if c is not None)
    return Markup(f"<{tag}{shown}>{inner}</{tag}>")


def document(title: str, body_attrs: Mapping[str, str | None], *body: str | None) -> bytes:
    """A whole page: its style and script from /static/, nothing from elsewhere."""
    head = el(
        "head",
        {},
        el("meta", {"charset": "utf-8"}),
        el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        el("title", {}, title),
        el("link", {"rel": "stylesheet", "href": "/static/serve.css"}),
        el("script", {"src": "/static/serve.js", "defer": "defer"}),
    )
    page = el("html", {"lang": "en"}, head, el("body", body_attrs, *body))
    return f"<!doctype html>\n{page}\n".encode()
