"""The page's flowables, as the fit measured them, marking what they draw.

The same flowables :mod:`briefgen.layout.measure` makes (same classes' sizes,
same wrapping), each paragraph told its :class:`~.structure.Tag`: its text is
drawn as that element's marked content, a heading's rule, a table's shading
and rules and a horizontal rule as artifacts.
"""

from __future__ import annotations

from typing import Any

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab.platypus)
from reportlab.platypus import Flowable, Table

from briefgen.layout import page as p
from briefgen.layout.measure import Flowables
from briefgen.layout.rlflowables import HLine, StableParagraph
from briefgen.layout.rlmarkup import markup
from briefgen.writers.pdf.canvas import LINK_MARK, TEXT_MARK, TaggedCanvas
from briefgen.writers.pdf.structure import BlockTag, Tag


class TaggedParagraph(StableParagraph):
    tag: Tag | None = None

    def draw(self) -> None:
        canvas: TaggedCanvas = self.canv
        if self.tag is None:
            raise AssertionError("a paragraph drawn without its tag")
        if self.tag.bookmark:
            canvas.bookmark(self.tag.bookmark, self.height)
        canvas.content(self.tag, self.draw_text)
        if self.rule is not None:
            canvas.artifact(self.draw_rule)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if self.tag is not None:
            for i, part in enumerate(parts):
                if isinstance(part, TaggedParagraph) and part is not self:
                    part.tag = self.tag if i == 0 else self.tag.continued()
        return parts


class ArtifactLine(HLine):
    def draw(self) -> None:
        self.canv.artifact(super().draw)


class _Decoration:
    """A table's background and rules drawn as artifacts (reportlab's table callback)."""

    def __call__(self, table: Table, event: str, *_: Any) -> None:
        canvas: TaggedCanvas = table.canv
        if event in ("startBG", "startLines"):
            canvas._code.append("/Artifact BMC")
        elif event in ("endBG", "endLines"):
            canvas.end()


DECORATION = _Decoration()


def parts(cell: Any) -> list[Any]:
    """What a table's cell holds: a wrapped table keeps each cell's flowables in a tuple."""
    return list(cell) if isinstance(cell, list | tuple) else [cell]


def same(block: p.Block) -> bool:
    """Whether the tagged PDF draws the block as the fit measured it: its paragraphs'
    markup differs only where the canvas is told of a link or a run in another script."""
    if isinstance(block, p.Para):
        paras: tuple[p.Para, ...] = (block,)
    elif isinstance(block, p.Grid):
        paras = tuple(para for row in block.rows for cell in row.cells for para in cell.paras)
    elif isinstance(block, p.Quote):
        paras = block.paras
    else:
        paras = ()
    return not any(span.href or span.face for para in paras for span in para.spans)


class TaggedFlowables(Flowables):
    paragraph_class = TaggedParagraph
    line_class = ArtifactLine

    def markup(self, para: p.Para) -> str:
        # the canvas marks each link's text, and the text typed for each shaped word
        return markup(para, link_marks=LINK_MARK, text_marks=TEXT_MARK)

    def tagged(self, block: p.Block, tag: BlockTag, measured: Flowable | None = None) -> Flowable:
        """The block's flowable told its tags: the one the fit measured (measured) where
        the tagged PDF draws the same, else one made anew."""
        made = self.adopt(measured) if measured is not None and same(block) else self.block(block)
        if isinstance(made, TaggedParagraph):
            assert isinstance(tag, Tag)
            made.tag = tag
        elif isinstance(made, Table):
            made._renderCB = DECORATION
            cells: list[list[Any]] = made._cellvalues
            assert isinstance(tag, list)
            tags: list[Any] = tag
            # a quote is one cell holding its paragraphs; a grid's cell holds a paragraph,
            # or a list of them, and nothing under a span
            pairs: list[tuple[Any, Any]] = (
                [(cells[0][0], tags)]
                if isinstance(block, p.Quote)
                else [
                    pair
                    for vs, ts in zip(cells, tags, strict=True)
                    for pair in zip(vs, ts, strict=True)
                ]
            )
            for cell, cell_tags in pairs:
                paras = [x for x in parts(cell) if isinstance(x, TaggedParagraph)]  # not a spacer
                for para, para_tag in zip(paras, cell_tags or [], strict=True):
                    para.tag = para_tag
        return made

    def adopt(self, made: Flowable) -> Flowable:
        """A measured flowable, and the paragraphs and rules in it, as their tagged kinds:
        the same objects, already wrapped, with the subclasses' drawing."""
        if isinstance(made, StableParagraph):
            made.__class__ = TaggedParagraph
        elif isinstance(made, HLine):
            made.__class__ = ArtifactLine
        elif isinstance(made, Table):
            for row in made._cellvalues:
                for cell in row:
                    for part in parts(cell):
                        self.adopt(part)
        return made
