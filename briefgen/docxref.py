"""A user's reference Word document (letterhead): checked, then read for page set-up.

The file is refused before python-docx parses it if it is not a zip, is larger
than a Word letterhead plausibly is, expands far beyond its size (a zip bomb),
or declares a DTD (XML entities); python-docx itself never resolves entities.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError, display_path

MAX_FILE = 20 * 1024 * 1024
MAX_EXPANDED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000
EMU_PER_POINT = 12700


def check(path: Path) -> None:
    """Refuse anything but a plausible .docx, without expanding it."""
    shown = display_path(path)

    def fail(problem: str) -> BriefgenError:
        return BriefgenError(f"reference document {problem}", file=shown)

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror}") from None
    if size > MAX_FILE:
        raise fail(f"is {size / 1e6:.0f} MB; at most {MAX_FILE // 1024 // 1024} MB")
    if not zipfile.is_zipfile(path):
        raise fail("is not a Word .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise fail(f"holds {len(members)} parts; a Word file has far fewer")
            expanded = sum(m.file_size for m in members)
            if expanded > MAX_EXPANDED:
                raise fail(f"would expand to {expanded / 1e6:.0f} MB (a zip bomb?)")
            for member in members:
                if member.file_size > MAX_RATIO * max(member.compress_size, 1) + 1_000_000:
                    raise fail(
                        f"part {member.filename} expands {member.file_size} bytes from "
                        f"{member.compress_size} (a zip bomb?)"
                    )
            if "word/document.xml" not in archive.namelist():
                raise fail("is not a Word .docx file (no word/document.xml)")
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    head = archive.read(member)[:4096]
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise fail(f"declares XML entities in {member.filename}; refused")
    except zipfile.BadZipFile as exc:
        raise fail(f"is a damaged zip archive: {exc}") from None


@cache
def page_setup(path: Path) -> dict[str, Any]:
    """Theme values (points) from the reference's first section: page size, margins."""
    check(path)
    import docx

    try:
        section = docx.Document(str(path)).sections[0]
    except Exception as exc:  # python-docx raises many kinds on a malformed file
        raise BriefgenError(
            f"reference document cannot be opened: {type(exc).__name__}: {exc}",
            file=display_path(path),
        ) from None

    def points(value: int | None, default: float) -> float:
        return round(value / EMU_PER_POINT, 2) if value is not None else default

    return {
        "page_width": points(section.page_width, 595.2756),
        "page_height": points(section.page_height, 841.8898),
        "margin_top": points(section.top_margin, 72.0),
        "margin_bottom": points(section.bottom_margin, 72.0),
        "margin_left": points(section.left_margin, 72.0),
        "margin_right": points(section.right_margin, 72.0),
        "banner_distance": points(section.header_distance, 36.0),
    }
