"""`briefgen preview`: the PDF's first page as a PNG, so a person can look.

Renders with pypdfium2 where installed (``pip install briefgen[preview]``),
else with poppler's ``pdftoppm``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from briefgen.errors import BriefgenError, display_path


def render(pdf: Path, png: Path, dpi: int = 110) -> Path:
    """Render page 1 of pdf to png at dpi; returns png."""
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        import pypdfium2
    except ImportError:
        return _pdftoppm(pdf, png, dpi)
    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except pypdfium2.PdfiumError as exc:
        raise BriefgenError(f"cannot read the PDF: {exc}", file=display_path(pdf)) from None
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
        image.save(png, format="PNG", optimize=True)
    finally:
        document.close()
    return png


def _pdftoppm(pdf: Path, png: Path, dpi: int) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise BriefgenError(
            "preview needs pypdfium2 (pip install 'briefgen[preview]') or poppler's pdftoppm"
        )
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        result = subprocess.run(
            [exe, "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(stem)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-1:] or ["failed"]
            raise BriefgenError(f"pdftoppm: {detail[0]}", file=display_path(pdf))
        shutil.move(str(stem.with_suffix(".png")), png)
    return png
