"""A paragraph's spans as reportlab's paragraph markup, every piece of text escaped."""

from __future__ import annotations

import re

from briefgen.layout import page as p
from briefgen.layout.page import size_pt
from briefgen.xmltext import escape


def markup(para: p.Para, link_marks: str = "", text_marks: str = "") -> str:
    """reportlab paragraph markup for a paragraph's spans; every piece of text is escaped.

    link_marks: the name of a canvas callback told where each link's text starts
    ("start:N", the paragraph's Nth URL) and ends ("end"); the tagged PDF marks it.
    text_marks: the name of a canvas callback told where each word of a run in another
    script starts ("lang|text", what was typed) and ends ("end"), for its ActualText.
    """
    urls = list(dict.fromkeys(s.href for s in para.spans if s.href))
    parts = []
    for span in para.spans:
        piece = run(span, text_marks) if span.face else escape(span.text).replace("\n", "<br/>")
        if span.size != para.size:
            piece = f'<font size="{size_pt(span.size)}">{piece}</font>'
        if span.color != para.color and not span.href:
            piece = f'<font color="{span.color}">{piece}</font>'
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.bold and not para.bold:
            piece = f"<b>{piece}</b>"
        if span.href:
            href = escape(span.href, {'"': "&quot;"})
            piece = f'<a href="{href}" color="{span.color}"><u>{piece}</u></a>'
            if link_marks:
                start = f"start:{urls.index(span.href)}"
                piece = (
                    f'<onDraw name="{link_marks}" label="{start}"/>{piece}'
                    f'<onDraw name="{link_marks}" label="end"/>'
                )
        parts.append(piece)
    return "".join(parts)


def run(span: p.Span, text_marks: str = "") -> str:
    """A run in another script: in its font, shaped; a right-to-left run is one word,
    its spaces no-break, so HarfBuzz sets all of it right to left."""
    face = span.face
    assert face is not None
    # each word marked on its own, and each line's part of one (the layout may break
    # inside a Chinese or Japanese run)
    words = [span.text.replace(" ", "\u00a0")] if face.rtl else re.split("( |\n)", span.text)
    pieces = []
    for word in words:
        if word in (" ", "\n"):
            pieces.append("<br/>" if word == "\n" else word)
            continue
        piece = escape(word).replace("\n", "<br/>")
        if text_marks and word.strip():
            typed = word.replace("\u00a0", " ")
            # poppler and PDFium read a right-to-left ActualText as drawn, in visual order
            shown = typed[::-1] if face.rtl else typed
            label = escape(f"{face.lang}|{shown}", {'"': "&quot;"})
            piece = (
                f'<onDraw name="{text_marks}" label="{label}"/>{piece}'
                f'<onDraw name="{text_marks}" label="end"/>'
            )
        pieces.append(piece)
    joined = "".join(pieces)
    return f'<font face="{face.pdf}">{joined}</font>' if face.pdf else joined
