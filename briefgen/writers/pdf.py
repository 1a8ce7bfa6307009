"""PDF writer: reportlab platypus, drawing the flowables fitting measured."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from briefgen import fonts
from briefgen.fit import Fitted
from briefgen.flow import flowables
from briefgen.images import logo

SUFFIX = ".pdf"
CAP_HEIGHT = 0.716  # Arial's capital height, in ems: centres the banner's capitals


def write(fitted: Fitted, path: Path) -> None:
    doc, theme = fitted.document, fitted.theme
    meta = doc.meta
    page_w, page_h = theme.page
    frame_w, frame_h = theme.frame
    family = fonts.register(theme)
    stamp = meta.date.strftime("D:%Y%m%d000000+00'00'") if meta.date else None

    def banner(canvas: Canvas, bottom: float) -> None:
        if doc.banner is None:
            return
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(theme.banner_color(doc.banner.text)))
        canvas.rect(theme.margin_left, bottom, frame_w, theme.banner_height, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor(theme.color("banner-text")))
        canvas.setFont(family + "-Bold", theme.banner_size)
        baseline = bottom + (theme.banner_height - theme.banner_size * CAP_HEIGHT) / 2
        canvas.drawCentredString(theme.margin_left + frame_w / 2, baseline, doc.banner.text)
        canvas.restoreState()

    # The top banner is drawn before the text and the bottom one after it, so the
    # PDF reads in the same order as the DOCX (header, body, footer).
    def page_start(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if stamp:
            canvas.setDateFormatter(lambda *_: stamp)
        banner(canvas, page_h - theme.banner_distance - theme.banner_height)
        if theme.logo:
            picture = logo(Path(theme.logo))
            height = theme.logo_height
            width = picture.width_for(height)
            x = page_w - theme.margin_right - width
            y = page_h - theme.logo_top - height
            canvas.drawImage(str(picture.path), x, y, width, height, mask="auto")

    def page_end(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        banner(canvas, theme.banner_distance)

    template = BaseDocTemplate(
        str(path),
        pagesize=(page_w, page_h),
        leftMargin=theme.margin_left,
        rightMargin=theme.margin_right,
        topMargin=theme.margin_top,
        bottomMargin=theme.margin_bottom,
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
        theme.margin_left,
        theme.margin_bottom,
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
    # Flowables are made anew: reportlab changes a paragraph while wrapping it (a
    # word broken at its hyphen loses the hyphen when wrapped a second time).
    template.build([f for _, f in flowables(doc, theme, fitted.sizes)])
