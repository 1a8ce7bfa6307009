"""PDF: reportlab platypus, drawing the flowables the fit measured, tagged.

The structure tree comes from the page (:mod:`.structure`), the marked content
from the canvas that draws it (:mod:`.canvas`, :mod:`.flowables`), the tree's
objects from :mod:`.objects` and what the file claims (PDF/UA-1, PDF/A-2b) from
:mod:`.standard`. The theme's ``pdf_standard`` says which: ``ua-1``,
``a-2b+ua-1`` or ``none`` (untagged, as reportlab writes it).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from briefgen.writers.registry import Writer

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate

    from briefgen.layout.page import Folio, Page, Para
    from briefgen.writers.pdf.canvas import TaggedCanvas

CAP_HEIGHT = 0.716  # Arial's capital height, in ems: centres the banner's capitals


def render(page: Page) -> bytes:
    # reportlab only when a PDF is drawn: naming the format (--help, the manifest) needs none
    from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab.platypus)
    from reportlab.lib import colors
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from briefgen.layout import kept, measure
    from briefgen.writers.pdf import structure
    from briefgen.writers.pdf.canvas import PlainCanvas, TaggedCanvas
    from briefgen.writers.pdf.flowables import TaggedFlowables
    from briefgen.writers.pdf.objects import Writer as TreeWriter
    from briefgen.writers.pdf.standard import declare

    meta, g = page.meta, page.geometry
    frame_w, frame_h = g.frame
    family = page.fonts.pdf
    stamp = meta.date.strftime("D:%Y%m%d000000+00'00'") if meta.date else None
    tagged = page.pdf_standard != "none"
    tree, tags = structure.build(page)

    def banner(canvas: Canvas, bottom: float) -> None:
        bar = page.banner
        if bar is None:
            return
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(bar.fill))
        canvas.rect(bar.left, bottom, bar.width, bar.height, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor(bar.color))
        canvas.setFont(family + "-Bold", bar.size)
        baseline = bottom + (bar.height - bar.size * CAP_HEIGHT) / 2
        canvas.drawCentredString(bar.left + bar.width / 2, baseline, bar.text)
        canvas.restoreState()

    def logo(canvas: Canvas) -> None:
        box = page.logo
        assert box is not None
        y = g.height - box.top - box.height
        picture = ImageReader(io.BytesIO(box.data))
        canvas.drawImage(picture, box.left, y, box.width, box.height, mask="auto")

    # The top banner is drawn before the text and the bottom one after it, so the
    # PDF reads in the same order as the DOCX (header, body, footer); the banners
    # are running furniture (pagination artifacts), the logo a figure on the first page.
    def page_start(canvas: TaggedCanvas, _doc: BaseDocTemplate) -> None:
        if stamp:
            canvas.setDateFormatter(lambda *_: stamp)
        if page.banner is not None:
            top = g.height - page.banner.distance - page.banner.height
            canvas.artifact(lambda: banner(canvas, top), "Header")
        if tree.figure is not None and canvas.getPageNumber() == 1:
            canvas.content(tree.figure, lambda: logo(canvas))
        elif tree.figure is not None:  # on later pages, repeated furniture
            canvas.artifact(lambda: logo(canvas), "Header")

    def folio(canvas: Canvas) -> None:
        made = page.folio
        assert made is not None
        line = measure.Flowables(page).paragraph(folio_para(made, canvas.getPageNumber()))
        line.wrap(frame_w, frame_h)
        line.drawOn(canvas, g.margin_left, made.bottom + made.gap / 20)

    def page_end(canvas: TaggedCanvas, _doc: BaseDocTemplate) -> None:
        if page.folio is not None:
            canvas.artifact(lambda: folio(canvas), "Footer")
        if page.banner is not None:
            distance = page.banner.distance
            canvas.artifact(lambda: banner(canvas, distance), "Footer")

    def finish(canvas: TaggedCanvas) -> None:
        """The tree and the catalog's entries, once every page is drawn."""
        writer = TreeWriter(canvas._doc)
        pages = canvas.parents[:-1] if not canvas.parents[-1] else canvas.parents
        root = writer.write(tree.root, pages, canvas.annotations)
        declare(canvas._doc, root, meta.language, page.pdf_standard.startswith("a-2b"))

    out = io.BytesIO()
    template = BaseDocTemplate(
        out,
        pagesize=(g.width, g.height),
        leftMargin=g.margin_left,
        rightMargin=g.margin_right,
        topMargin=g.margin_top,
        bottomMargin=g.margin_bottom,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=meta.keywords,
        creator="briefgen",
        producer="briefgen",
        lang=meta.language,
        invariant=1,
        initialFontName=family,  # no unused, unembedded Helvetica in the file
    )
    frame = Frame(
        g.margin_left,
        g.margin_bottom,
        frame_w,
        frame_h,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        overlapAttachedSpace=1,
        id="body",
    )
    template.addPageTemplates(
        [PageTemplate("page", [frame], onPage=page_start, onPageEnd=page_end)]
    )
    measured = kept.take(page)  # the fit's flowables for this page, wrapped at its width
    if not tagged:
        plain = measure.Flowables(page)
        story = [
            plain.block(b) if measured is None or measured[i] is None else measured[i]
            for i, b in enumerate(page.blocks)
        ]
        template.build(paged(page, story), canvasmaker=PlainCanvas)
        return out.getvalue()
    made = TaggedFlowables(page)
    story = [
        made.tagged(b, t, None if measured is None else measured[i])
        for i, (b, t) in enumerate(zip(page.blocks, tags, strict=True))
    ]
    story = paged(page, story)

    def canvas_maker(*args: Any, **kwargs: Any) -> TaggedCanvas:
        canvas = TaggedCanvas(*args, pdfVersion=(1, 7), **kwargs)  # PDF/UA-1 is ISO 32000-1
        canvas.setViewerPreference("DisplayDocTitle", "true")
        canvas.before_save = lambda: finish(canvas)
        return canvas

    template.build(story, canvasmaker=canvas_maker)
    return out.getvalue()


def folio_para(folio: Folio, number: int) -> Para:
    """The line "Page N of M", right-aligned across the text area."""
    from briefgen.layout.page import Para, Span

    span = Span(folio.text(number), folio.size, folio.color)
    return Para((span,), folio.size, folio.leading, folio.color, align="right")


def paged(page: Page, story: list[Any]) -> list[Any]:
    """The story with a page break before each block the layout starts a page with."""
    if not page.breaks:
        return story
    from reportlab.platypus import PageBreak

    out = list(story)
    for at in sorted(page.breaks, reverse=True):
        out.insert(at, PageBreak())
    return out


WRITER = Writer(
    name="pdf",
    suffix=".pdf",
    libraries=("reportlab",),
    preload=("briefgen.layout.measure", "briefgen.writers.pdf.flowables"),
    render=render,
    default=True,
)
