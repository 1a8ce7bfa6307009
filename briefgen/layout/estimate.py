"""A lower bound of a page's height, from its text's width alone.

reportlab breaks a paragraph into lines in time that grows with the square of its
length (it takes each word off the front of a list); a brief of hundreds of pages
is refused from this bound instead, in one pass over its text.
"""

from __future__ import annotations

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab)
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.layout import page as p
from briefgen.layout.measure import VARIANT, Measure
from briefgen.layout.page import pt, size_pt
from briefgen.render import model

#: text shorter than this is measured, never estimated: no brief under it is near
#: MAX_OVERFLOW_PAGES, and estimating would cost an ordinary brief time for nothing
ESTIMATE_FROM = 20_000


def _least(para: p.Para, width: float, family: str) -> float:
    """Fewer points than the paragraph can take at width: its text's advance over the
    width (less a space per line, which a break drops, and room for shrinking spaces)
    in whole lines of its leading."""
    advance = 0.0
    for span in para.spans:
        own = span.face.pdf if span.face is not None and span.face.pdf else family
        name = own + VARIANT[(int(span.bold), int(span.italic))]
        words = " ".join(span.text.split())  # runs of spaces are set as one
        advance += stringWidth(words, name, size_pt(span.size))
    room = max(width - pt(para.indent), 1.0) * 1.25 + size_pt(para.size)
    lines = advance // room or (1 if advance else 0)  # text takes a line at least
    return lines * pt(para.leading)


def long(doc: model.Document) -> bool:
    """Whether the document has ESTIMATE_FROM characters of text or more."""
    chars = 0
    for block in doc.blocks:
        if isinstance(block, model.ListBlock):
            runs = [run for item in block.items for run in item]
        elif isinstance(block, model.Table):
            runs = [run for row in block.rows for cell in row for run in cell.runs]
        elif isinstance(block, model.Quote):
            runs = [*block.runs, *block.cite]
        elif isinstance(block, model.Rule):
            runs = []
        else:
            runs = list(block.runs)
        chars += sum(len(run.text) for run in runs)
    return chars >= ESTIMATE_FROM


def least(page: p.Page, blocks: int) -> Measure:
    """A lower bound of what measure(page) gives, worked out in one pass over the text:
    linear in its length, where reportlab's line breaking is not."""
    width = page.geometry.frame[0]
    family = page.fonts.pdf
    per_block = [0.0] * blocks
    for index, block in zip(page.sources, page.blocks, strict=True):
        if isinstance(block, p.Para):
            used = _least(block, width, family)
        elif isinstance(block, p.Quote):
            used = sum(_least(para, width - pt(block.indent), family) for para in block.paras)
        elif isinstance(block, p.Grid):
            used = 0.0
            for row in block.rows:
                tallest, c = 0.0, 0
                for cell in row.cells:
                    across = sum(block.widths[c : c + cell.span]) - 2 * pt(block.pad_x)
                    tallest = max(tallest, sum(_least(x, across, family) for x in cell.paras))
                    c += cell.span
                used += tallest + 2 * pt(block.pad_y) + block.rule.width
        else:
            used = 0.0
        per_block[index] += used
    return Measure(sum(per_block), tuple(per_block))
