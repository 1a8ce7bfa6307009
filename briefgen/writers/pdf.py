"""PDF: reportlab platypus, drawing the flowables the fit measured."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefgen.layout.measure import flowables
from briefgen.layout.page import Page
from briefgen.writers.registry import Writer

CAP_HEIGHT = 0.716  # Arial's capital height, in ems: centres the banner's capitals


def render(page: Page) -> bytes:
    meta, g = page.meta, page.geometry
    frame_w, frame_h = g.frame
    family = page.fonts.pdf
    stamp = meta.date.strftime("D:%Y%m%d000000+00'00'") if meta.date else None

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

    # The top banner is drawn before the text and the bottom one after it, so the
    # PDF reads in the same order as the DOCX (header, body, footer).
    def page_start(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if stamp:
            canvas.setDateFormatter(lambda *_: stamp)
        if page.banner is not None:
            banner(canvas, g.height - page.banner.distance - page.banner.height)
        logo = page.logo
        if logo is not None:
            y = g.height - logo.top - logo.height
            canvas.drawImage(
                ImageReader(io.BytesIO(logo.data)),
                logo.left,
                y,
                logo.width,
                logo.height,
                mask="auto",
            )

    def page_end(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if page.banner is not None:
            banner(canvas, page.banner.distance)

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
    template.build(flowables(page))
    return out.getvalue()


WRITER = Writer(
    name="pdf",
    suffix=".pdf",
    libraries=("reportlab",),
    preload=("briefgen.layout.measure",),
    render=render,
    default=True,
)
