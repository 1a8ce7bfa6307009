"""PPTX: the brief as one 16:9 slide, with python-pptx.

The slide is laid out by :mod:`briefgen.layout.slide` (its own geometry, fitted
there); this module translates it: a text box for each run of paragraphs at the
slide's exact leading and spacing, a table for each table with the rows the fit
measured, the rules and banners as rectangles, and the page's whole text in the
speaker notes. Every shape is an ordinary one, editable in PowerPoint and
LibreOffice Impress. The package is zipped reproducibly (:mod:`._zip`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefgenError
from briefgen.layout import bidi, paginate
from briefgen.layout import page as p
from briefgen.layout.page import pt, size_pt
from briefgen.writers._zip import repack
from briefgen.writers.registry import Writer

if TYPE_CHECKING:  # the slide's layout is imported when a slide is made
    from briefgen.layout import slide as s

EMU = 12700  # per point
NO_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # PowerPoint's "No Style, No Grid"
EPOCH = dt.datetime(2000, 1, 1)  # the documents' dates when the brief has none


def emu(points: float) -> int:
    return round(points * EMU)


def library() -> Any:
    try:
        import pptx
    except ImportError:
        raise BriefgenError(
            "the pptx format needs python-pptx, which is not installed here "
            "(pip install python-pptx, or reinstall briefgen)"
        ) from None
    return pptx


class _Slide:
    def __init__(self, pptx: Any, slide: s.Slide) -> None:
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
        from pptx.oxml.ns import qn

        self.align = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
        self.top, self.middle, self.fixed = MSO_ANCHOR.TOP, MSO_ANCHOR.MIDDLE, MSO_AUTO_SIZE.NONE
        self.rectangle = MSO_SHAPE.RECTANGLE

        self.rgb: Callable[[str], Any] = RGBColor.from_string
        self.qn: Callable[[str], str] = qn
        self.layout = slide
        self.deck = pptx.Presentation()
        self.deck.slide_width, self.deck.slide_height = emu(slide.width), emu(slide.height)
        self.page = self.deck.slides.add_slide(self.deck.slide_layouts[6])  # blank
        self.family = slide.fonts.word

    def para(self, target: Any, para: p.Para, *, last: bool) -> None:
        from pptx.util import Pt

        target.line_spacing = Pt(pt(para.leading))
        target.space_before = Pt(0)
        target.space_after = Pt(0 if last else pt(para.after))
        target.alignment = self.align[para.align]
        for span in bidi.joined(para.spans):  # PowerPoint orders right-to-left text itself
            for i, line in enumerate(span.text.split("\n")):
                if i:
                    target.add_line_break()
                if line:
                    self.run(target.add_run(), span, line)
        # An empty paragraph (an empty cell) is as high as its end mark: the page's size.
        target._p.get_or_add_endParaRPr().set("sz", str(round(size_pt(para.size) * 100)))
        if para.right:  # the width the layout gave up so every line breaks where it measured
            target._p.get_or_add_pPr().set("marR", str(emu(pt(para.right))))
        if para.bullet:
            props = target._p.get_or_add_pPr()
            props.set("marL", str(emu(pt(para.indent))))
            props.set("indent", str(emu(pt(para.bullet_at - para.indent))))
            font = props.makeelement(self.qn("a:buFont"), {"typeface": self.family})
            char = props.makeelement(self.qn("a:buChar"), {"char": "\u2022"})
            if para.number is not None:
                numbering = {"type": "arabicPeriod", "startAt": str(para.number)}
                char = props.makeelement(self.qn("a:buAutoNum"), numbering)
            props.append(font)
            props.append(char)

    def run(self, run: Any, span: p.Span, text: str) -> None:
        from pptx.util import Pt

        run.text = text
        font = run.font
        font.name, font.size = self.family, Pt(size_pt(span.size))
        font.bold, font.italic = span.bold, span.italic
        font.color.rgb = self.rgb(span.color.lstrip("#"))
        if span.href:
            run.hyperlink.address = span.href
        face = span.face
        if face is not None and face.lang:  # its language, and the font for its script
            props = run._r.get_or_add_rPr()
            props.set("lang", face.lang)
            if face.word:
                slot = props.makeelement(self.qn("a:ea" if face.east_asian else "a:cs"),
                                         {"typeface": face.word})  # fmt: skip
                props.find(self.qn("a:latin")).addnext(slot)  # the schema's order: latin, ea, cs

    def frame(self, frame: Any, paras: tuple[p.Para, ...], *, middle: bool = False) -> None:
        frame.word_wrap = True
        frame.auto_size = self.fixed  # the box is the size the fit measured
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = self.middle if middle else self.top
        for i, para in enumerate(paras):
            target = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            self.para(target, para, last=i == len(paras) - 1)

    def box(self, box: s.Frame) -> tuple[int, int, int, int]:
        return emu(box.left), emu(box.top), emu(box.width), emu(box.height)

    def text(self, shape: s.Text) -> None:
        made = self.page.shapes.add_textbox(*self.box(shape.frame))
        if shape.fill:
            made.fill.solid()
            made.fill.fore_color.rgb = self.rgb(shape.fill.lstrip("#"))
        self.frame(made.text_frame, shape.paras, middle=shape.middle)

    def bar(self, shape: s.Bar) -> None:
        made = self.page.shapes.add_shape(self.rectangle, *self.box(shape.frame))
        made.fill.solid()
        made.fill.fore_color.rgb = self.rgb(shape.color.lstrip("#"))
        made.line.fill.background()
        made.shadow.inherit = False
        # python-pptx gives a shape the theme's style (p:style), whose effect reference
        # LibreOffice draws as a soft shadow under a 0.5 pt rule, an empty effect list or not
        made._element.remove(made._element.find(self.qn("p:style")))

    def table(self, shape: s.Table) -> None:
        grid = shape.grid
        made = self.page.shapes.add_table(len(grid.rows), len(grid.widths), *self.box(shape.frame))
        table = made.table
        table.first_row = table.horz_banding = False
        table._tbl.tblPr.find(self.qn("a:tableStyleId")).text = NO_STYLE
        for column, width in zip(table.columns, grid.widths, strict=True):
            column.width = emu(width)
        for r, (row, height) in enumerate(zip(grid.rows, shape.heights, strict=True)):
            table.rows[r].height = emu(height)
            c = 0
            for cell in row.cells:
                target = table.cell(r, c)
                if cell.span > 1:
                    target.merge(table.cell(r, c + cell.span - 1))
                self.cell(target, cell, grid)
                c += cell.span

    def cell(self, target: Any, cell: p.Cell, grid: p.Grid) -> None:
        target.margin_left = target.margin_right = emu(pt(grid.pad_x))
        target.margin_top = emu(pt(grid.pad_y))
        target.margin_bottom = emu(pt(grid.pad_y) + grid.rule.width)
        target.vertical_anchor = self.top
        if cell.fill:
            target.fill.solid()
            target.fill.fore_color.rgb = self.rgb(cell.fill.lstrip("#"))
        else:
            target.fill.background()
        props = target._tc.get_or_add_tcPr()
        lines = [("a:lnB", grid.rule)]
        if cell.gaps:
            lines = [("a:lnL", cell.gaps), ("a:lnR", cell.gaps), *lines]
        for i, (tag, line) in enumerate(lines):  # the borders come before the fill
            border = props.makeelement(self.qn(tag), {"w": str(emu(line.width))})
            fill = border.makeelement(self.qn("a:solidFill"), {})
            fill.append(fill.makeelement(self.qn("a:srgbClr"), {"val": line.color.lstrip("#")}))
            border.append(fill)
            props.insert(i, border)
        self.frame(target.text_frame, cell.paras)

    def save(self) -> bytes:
        from briefgen.layout import slide as s

        for shape in self.layout.shapes:
            if isinstance(shape, s.Text):
                self.text(shape)
            elif isinstance(shape, s.Table):
                self.table(shape)
            elif isinstance(shape, s.Bar):
                self.bar(shape)
            else:
                self.page.shapes.add_picture(io.BytesIO(shape.data), *self.box(shape.frame))
        self.page.notes_slide.notes_text_frame.text = "\n".join(self.layout.notes)
        meta, props = self.layout.meta, self.deck.core_properties
        props.title, props.author, props.subject = meta.title, meta.author, meta.subject
        props.keywords, props.language = meta.keywords, meta.language
        stamp = dt.datetime.combine(meta.date, dt.time()) if meta.date else EPOCH
        props.created = props.modified = stamp
        props.last_modified_by, props.revision = "briefgen", 1
        out = io.BytesIO()
        self.deck.save(out)
        return repack(out.getvalue())


def render(page: p.Page) -> bytes:
    from briefgen.layout import slide as s

    pptx = library()
    # one slide, whatever the pages: a brief set on two is digested whole
    return _Slide(pptx, s.lay_out(paginate.whole(page))).save()


WRITER = Writer(
    name="pptx",
    suffix=".pptx",
    libraries=("python-pptx",),
    preload=("briefgen.layout.slide",),
    render=render,
)
