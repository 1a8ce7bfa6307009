"""Logos: only PNG or JPEG, checked from the header before any pixel is decoded.

A picture that claims more pixels than any logo needs is refused at once (a
67-byte PNG can claim 60,000 x 60,000); a large but sane one is scaled down
once and cached, so neither writer embeds megapixels for a 30-point logo.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefgen import files
from briefgen.errors import BriefgenError, display_path

MAX_PIXELS = 40_000_000
MAX_SIDE = 1200  # plenty for a logo printed a few centimetres wide
FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True)
class Picture:
    path: Path  # the file to embed (the original, or a scaled-down copy)
    width: int
    height: int

    def width_for(self, height: float) -> float:
        return height * self.width / self.height


@cache
def logo(path: Path) -> Picture:
    from PIL import Image, UnidentifiedImageError

    shown = display_path(path)
    # Pillow's own guard would refuse a bomb with a vaguer message; the size is
    # checked here from the header, before any pixel is decoded.
    files.check_regular(path, shown)
    guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(path, formats=["PNG", "JPEG"]) as image:
            kind, (width, height) = image.format, image.size
            if kind not in FORMATS:
                raise BriefgenError(
                    f"logo is {kind or 'an unknown format'}; use PNG or JPEG", file=shown
                )
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                raise BriefgenError(
                    f"logo claims {width} x {height} pixels; refused (at most "
                    f"{MAX_PIXELS // 1_000_000} million)",
                    file=shown,
                )
            if max(width, height) <= MAX_SIDE:
                return Picture(path, width, height)
            return _scaled(path, image, width, height)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise BriefgenError(f"logo is not a readable PNG or JPEG: {exc}", file=shown) from None
    finally:
        Image.MAX_IMAGE_PIXELS = guard


def _scaled(path: Path, image: object, width: int, height: int) -> Picture:
    from PIL import Image

    from briefgen.layout.fonts import cache_dir

    assert isinstance(image, Image.Image)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = cache_dir().parent / "images" / f"{digest}-{MAX_SIDE}.png"
    if not target.exists():
        small = image.convert("RGBA")
        small.thumbnail((MAX_SIDE, MAX_SIDE))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            small.save(fh, format="PNG")
        os.replace(tmp, target)
    ratio = MAX_SIDE / max(width, height)
    return Picture(target, max(1, round(width * ratio)), max(1, round(height * ratio)))
