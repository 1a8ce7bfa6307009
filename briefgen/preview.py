"""`briefgen preview`: the PDF's pages as PNGs, so a person can look.

A brief's first page is NAME.png, a second page (a brief allowed two pages,
``pages = 2``, or one written with --allow-overflow) NAME-page-2.png, and so on.

Renders with pypdfium2 where installed (``pip install briefgen[preview]``),
else with poppler's ``pdftoppm``. :func:`png` works on bytes in memory, for
``briefgen serve``; :func:`render` on files.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from briefgen.errors import BriefgenError, display_path


def render(pdf: Path, png_path: Path, dpi: int = 110) -> list[Path]:
    """Render each page of pdf to png_path (page 1) and png_path's stem + "-page-N.png"
    (page N) at dpi; the pictures of pages the PDF no longer has are removed. Returns
    the pictures written, page 1's first."""
    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror or exc}", file=display_path(pdf)) from None
    pictures = [png(data, dpi, shown=display_path(pdf))]
    pictures += [png(data, dpi, shown=display_path(pdf), page=n) for n in range(1, count(data))]
    png_path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for n, picture in enumerate(pictures, start=1):
        target = png_path if n == 1 else page_path(png_path, n)
        target.write_bytes(picture)
        written.append(target)
    for stale in png_path.parent.glob(f"{png_path.stem}-page-*.png"):
        number = stale.stem.rsplit("-", 1)[-1]
        if number.isdigit() and int(number) > len(pictures):
            stale.unlink()
    return written


def page_path(png_path: Path, number: int) -> Path:
    """The picture of page number (2 or more) beside the first page's."""
    return png_path.with_name(f"{png_path.stem}-page-{number}.png")


def count(pdf: bytes) -> int:
    """The pages of a PDF (1 where it cannot be read here: png() then says why)."""
    try:
        import pypdfium2
    except ImportError:
        return _pdfinfo_pages(pdf)
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        return 1
    try:
        return len(document)
    finally:
        document.close()


def png(
    pdf: bytes, dpi: int = 110, *, shown: str | None = None, small: bool = True, page: int = 0
) -> bytes:
    """One page (page 0, the first) of a PDF's bytes as PNG bytes; shown names the PDF
    in an error.

    small: compress as hard as PNG can (0.3 s more); serve, which hands the picture
    over the loopback, wants it sooner instead.
    """
    try:
        import pypdfium2
    except ImportError:
        return _pdftoppm(pdf, dpi, shown, page)
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise BriefgenError(f"cannot read the PDF: {exc}", file=shown) from None
    try:
        image = document[page].render(scale=dpi / 72).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", **({"optimize": True} if small else {"compress_level": 1}))
        return out.getvalue()
    finally:
        document.close()


#: what lies between the pages of sheets(): serve's desk
DESK = (0xEE, 0xF0, 0xF3)


def sheets(pdf: bytes, dpi: int = 110) -> bytes:
    """Every page of a PDF as one PNG, one page under the next with 12 pt of the desk
    between them (a one-page PDF is its page's picture, as png() draws it), quickly
    compressed: for serve, which shows a brief's pages in one picture."""
    pages = count(pdf)
    if pages <= 1:
        return png(pdf, dpi, small=False)
    from PIL import Image

    images = [Image.open(io.BytesIO(png(pdf, dpi, small=False, page=n))) for n in range(pages)]
    gap = round(12 * dpi / 72)
    sheet = Image.new(
        "RGB",
        (max(i.width for i in images), sum(i.height for i in images) + gap * (pages - 1)),
        DESK,
    )
    top = 0
    for image in images:
        sheet.paste(image.convert("RGB"), (0, top))
        top += image.height + gap
    out = io.BytesIO()
    sheet.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _pdfinfo_pages(pdf: bytes) -> int:
    """The pages poppler's pdfinfo counts (1 where it is missing or cannot tell)."""
    exe = shutil.which("pdfinfo")
    if exe is None:
        return 1
    result = subprocess.run([exe, "-"], input=pdf, capture_output=True, timeout=60)
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("Pages:") and line.split()[-1].isdigit():
            return int(line.split()[-1])
    return 1


def _pdftoppm(pdf: bytes, dpi: int, shown: str | None, page: int = 0) -> bytes:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise BriefgenError(
            "preview needs pypdfium2 (pip install 'briefgen[preview]') or poppler's pdftoppm"
        )
    with tempfile.TemporaryDirectory() as tmp:
        source, stem = Path(tmp) / "page.pdf", Path(tmp) / "page"
        source.write_bytes(pdf)
        result = subprocess.run(
            [exe, "-r", str(dpi), "-png", "-singlefile", "-f", str(page + 1), "-l", str(page + 1)]
            + [str(source), str(stem)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-1:] or ["failed"]
            raise BriefgenError(f"pdftoppm: {detail[0]}", file=shown)
        return stem.with_suffix(".png").read_bytes()
