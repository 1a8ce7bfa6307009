"""`briefgen preview`: the PDF's first page as a PNG, so a person can look.

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


def render(pdf: Path, png_path: Path, dpi: int = 110) -> Path:
    """Render page 1 of pdf to png_path at dpi; returns png_path."""
    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror or exc}", file=display_path(pdf)) from None
    picture = png(data, dpi, shown=display_path(pdf))
    png_path.parent.mkdir(parents=True, exist_ok=True)
    png_path.write_bytes(picture)
    return png_path


def png(pdf: bytes, dpi: int = 110, *, shown: str | None = None, small: bool = True) -> bytes:
    """Page 1 of a PDF's bytes as PNG bytes; shown names the PDF in an error.

    small: compress as hard as PNG can (0.3 s more); serve, which hands the picture
    over the loopback, wants it sooner instead.
    """
    try:
        import pypdfium2
    except ImportError:
        return _pdftoppm(pdf, dpi, shown)
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise BriefgenError(f"cannot read the PDF: {exc}", file=shown) from None
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", **({"optimize": True} if small else {"compress_level": 1}))
        return out.getvalue()
    finally:
        document.close()


def _pdftoppm(pdf: bytes, dpi: int, shown: str | None) -> bytes:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise BriefgenError(
            "preview needs pypdfium2 (pip install 'briefgen[preview]') or poppler's pdftoppm"
        )
    with tempfile.TemporaryDirectory() as tmp:
        source, stem = Path(tmp) / "page.pdf", Path(tmp) / "page"
        source.write_bytes(pdf)
        result = subprocess.run(
            [exe, "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", source, stem],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-1:] or ["failed"]
            raise BriefgenError(f"pdftoppm: {detail[0]}", file=shown)
        return stem.with_suffix(".png").read_bytes()
