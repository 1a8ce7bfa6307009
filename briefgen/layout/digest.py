"""What of a laid-out page goes on its slide: the slide's sections, in the page's order.

A slide is a digest of the page. The title and the lines under it stay whole; so
do paragraphs and tables. A list item or a quotation is cut to its first sentence
(a quotation followed by who said it, as its citation begins), so a slide holds
the points and the speaker notes the full text (:func:`notes`). Nothing is
reworded: every word on the slide is the page's, in the page's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefgen.layout import page as p

#: the end of a sentence: a stop after a word of four letters or more (not "Col." or
#: "U.S."), or after a closing quote or bracket, before a capital or an opening quote
SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{4})|(?<=[”\"’)\]]))[.!?;]\s+(?=[A-Z“\"‘(])")


@dataclass(frozen=True)
class Section:
    """A level-2 heading (none for the lines above the first) and what follows it."""

    heading: p.Para | None
    blocks: tuple[p.Para | p.Grid, ...]

    @property
    def tabular(self) -> bool:
        return any(isinstance(b, p.Grid) for b in self.blocks)


def first_sentence(para: p.Para) -> p.Para:
    """The paragraph up to the end of its first sentence (the whole if it has one)."""
    text = "".join(s.text for s in para.spans)
    found = SENTENCE_END.search(text)
    if found is None:
        return para
    end = found.start() + 1
    spans, at = [], 0
    for span in para.spans:
        if at >= end:
            break
        spans.append(replace(span, text=span.text[: end - at]))
        at += len(span.text)
    return replace(para, spans=tuple(spans))


def attribution(cite: p.Para) -> tuple[p.Span, ...]:
    """A citation's spans up to its first ' · ' (the speaker and role, and any mark)."""
    out = []
    for span in cite.spans:
        head, stop, _ = span.text.partition(" · ")
        if head:
            out.append(replace(span, text=head))
        if stop:
            break
    return tuple(out)


def quote(block: p.Quote) -> p.Para:
    """A quotation as one item: its first sentence, then who said it."""
    said = first_sentence(block.paras[0])
    spans = said.spans
    if len(block.paras) > 1:
        cite = block.paras[1]
        spans += (p.Span(" \u2014 ", cite.size, cite.color), *attribution(cite))
    return replace(said, spans=spans, bullet="\u2022", indent=block.indent, bullet_at=0,
                   after=block.after)  # fmt: skip


def sections(page: p.Page) -> tuple[Section, ...]:
    """The page's blocks as the slide's sections, each block in its slide form."""
    found: list[Section] = [Section(None, ())]
    for block in page.blocks:
        if isinstance(block, p.Para) and block.heading == 2:
            found.append(Section(block, ()))
            continue
        if isinstance(block, p.Rule):
            continue
        if isinstance(block, p.Quote):
            slide_block: p.Para | p.Grid = quote(block)
        elif isinstance(block, p.Para) and block.bullet:
            slide_block = first_sentence(block)
        else:
            slide_block = block
        last = found[-1]
        found[-1] = replace(last, blocks=(*last.blocks, slide_block))
    return tuple(s for s in found if s.heading is not None or s.blocks)


def plain(para: p.Para) -> str:
    text = "".join(s.text for s in para.spans).replace("\n", " ")
    return f"{para.bullet} {text}" if para.bullet else text


def notes(page: p.Page) -> tuple[str, ...]:
    """The page's whole text, a paragraph for each block or table row: the speaker notes."""
    out: list[str] = [page.banner.text] if page.banner else []
    for block in page.blocks:
        if isinstance(block, p.Para):
            out.append(plain(block))
        elif isinstance(block, p.Quote):
            out.extend(plain(para) for para in block.paras)
        elif isinstance(block, p.Grid):
            for row in block.rows:
                cells = (" ".join(plain(x) for x in c.paras) for c in row.cells)
                out.append(" · ".join(c for c in cells if c.strip()))
    if page.banner:
        out.append(page.banner.text)
    return tuple(out)
