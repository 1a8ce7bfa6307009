"""Logos: only PNG or JPEG, checked from the header before any pixel is decoded.

A picture that claims more pixels than any logo needs is refused at once (a
67-byte PNG can claim 60,000 x 60,000); a large but sane one is scaled down in
memory, so neither writer embeds megapixels for a 30-point logo. The file is
read once per call and the work is remembered by its contents, so a process
that runs for days (watch, schedule) never draws a replaced logo from stale
bytes, and nothing is written anywhere.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefgen import files
from briefgen.errors import BriefgenError, display_path

MAX_PIXELS = 40_000_000
MAX_SIDE = 1200  # plenty for a logo printed a few centimetres wide
MAX_BYTES = 64 * 1024 * 1024  # no logo file is larger
FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True)
class Picture:
    data: bytes  # the image to embed (the original, or a scaled-down copy)
    kind: str  # "png" or "jpeg"
    width: int
    height: int

    def width_for(self, height: float) -> float:
        return height * self.width / self.height


def logo(path: Path) -> Picture:
    """The logo at path, as it is now."""
    shown = display_path(path)
    try:
        data = files.read_bytes(path, shown, most=MAX_BYTES)
    except OSError as exc:
        raise BriefgenError(f"logo cannot be read: {exc.strerror or exc}", file=shown) from None
    return _picture(data, shown)


@lru_cache(maxsize=8)  # by contents: a replaced logo is a new entry
def _picture(data: bytes, shown: str) -> Picture:
    from PIL import Image, UnidentifiedImageError

    # Pillow's own guard would refuse a bomb with a vaguer message; the size is
    # checked here from the header, before any pixel is decoded.
    guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
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
                return Picture(data, kind.lower(), width, height)
            return _scaled(image, width, height)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise BriefgenError(f"logo is not a readable PNG or JPEG: {exc}", file=shown) from None
    finally:
        Image.MAX_IMAGE_PIXELS = guard


def _scaled(image: object, width: int, height: int) -> Picture:
    from PIL import Image

    assert isinstance(image, Image.Image)
    small = image.convert("RGBA")
    small.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    small.save(out, format="PNG")
    ratio = MAX_SIDE / max(width, height)
    return Picture(
        out.getvalue(), "png", max(1, round(width * ratio)), max(1, round(height * ratio))
    )
