"""A paragraph's spans as reportlab's paragraph markup, every piece of text escaped."""

from __future__ import annotations

import re
from itertools import groupby

from briefgen.layout import page as p
from briefgen.layout.bidi import visual
from briefgen.layout.page import size_pt
from briefgen.xmltext import escape


def markup(para: p.Para, link_marks: str = "", text_marks: str = "") -> str:
    """reportlab paragraph markup for a paragraph's spans; every piece of text is escaped.

    link_marks: the name of a canvas callback told where each link's text starts
    ("start:N", the paragraph's Nth URL) and ends ("end"); the tagged PDF marks it.
    text_marks: the name of a canvas callback told where each word of a run in another
    script starts ("lang|text", what was typed) and ends ("end"), for its ActualText.
    A stretch of spans at right-to-left levels (layout.bidi) is one word, its spans in
    the order they are drawn, each told its direction (see :func:`directed`).
    """
    parts = []
    for rtl, group in groupby(para.spans, key=lambda s: s.level > 0):
        spans = list(group)
        parts.append(pieces(para, visual(spans) if rtl else spans, link_marks, text_marks))
    return "".join(parts)


def pieces(para: p.Para, spans: list[p.Span], link_marks: str, text_marks: str) -> str:
    """The markup of spans, in the order they are drawn."""
    urls = list(dict.fromkeys(s.href for s in para.spans if s.href))
    parts = []
    for span in spans:
        if span.level:
            piece = directed(span, text_marks)
        elif span.face:
            piece = run(span, text_marks)
        else:
            piece = escape(span.text).replace("\n", "<br/>")
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


#: the paragraph callback after each span of a right-to-left stretch: "rtl" or "ltr",
#: the direction HarfBuzz shapes it in (layout.shaping reads it; drawing it does nothing)
DIRECTION = "briefgen_direction"


def directed(span: p.Span, text_marks: str) -> str:
    """A span of a right-to-left stretch: its spaces no-break (the stretch is kept on one
    line), shaped in its level's direction. Its ActualText is its text, reversed when
    drawn right to left: poppler and PDFium read it in the order drawn and turn a
    right-to-left run around, as they read a word processor's PDF."""
    direction = "rtl" if span.level % 2 else "ltr"
    # after the text: a callback before it may be read with the word before a space
    piece = escape(span.text.replace(" ", "\u00a0"))
    piece += f'<onDraw name="{DIRECTION}" label="{direction}"/>'
    if text_marks:
        shown = span.text[::-1] if span.level % 2 else span.text
        lang = span.face.lang if span.face else ""
        label = escape(f"{lang}|{shown}", {'"': "&quot;"})
        piece = (
            f'<onDraw name="{text_marks}" label="{label}"/>{piece}'
            f'<onDraw name="{text_marks}" label="end"/>'
        )
    face = span.face
    return f'<font face="{face.pdf}">{piece}</font>' if face and face.pdf else piece
