"""A user's reference Word document (letterhead): checked, then read for page set-up.

The file is refused before python-docx parses it if it is not a zip, is larger
than a Word letterhead plausibly is, expands far beyond its size (a zip bomb),
declares a DTD in any XML part (wherever it stands and whatever the encoding:
every part is parsed in full), holds macros, OLE objects, ActiveX controls or
imported documents, or points outside itself (a remote attached template, a
linked picture, any external relationship but a hyperlink). So a letterhead
brings only styles, page set-up, header and footer, and pictures it holds.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefgen import files
from briefgen.errors import BriefgenError, display_path

MAX_FILE = 20 * 1024 * 1024
MAX_EXPANDED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000
EMU_PER_POINT = 12700


def _problem(shown: str) -> Callable[[str], BriefgenError]:
    def fail(problem: str) -> BriefgenError:
        return BriefgenError(f"reference document {problem}", file=shown)

    return fail


def read(path: Path) -> bytes:
    """The letterhead's bytes, refused if it is not a regular file or is too large."""
    shown = display_path(path)
    fail = _problem(shown)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror}") from None
    files.check_regular(path, shown)
    if size > MAX_FILE:
        raise fail(f"is {size / 1e6:.0f} MB; at most {MAX_FILE // 1024 // 1024} MB")
    try:
        return files.read_bytes(path, shown, most=MAX_FILE)
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror}") from None


def check(path: Path) -> None:
    """Refuse anything but a plausible .docx, without expanding it."""
    _check(read(path), display_path(path))


def _check(data: bytes, shown: str) -> None:
    fail = _problem(shown)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise fail("is not a Word .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
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
                if member.filename.endswith((".xml", ".rels")) or "." not in member.filename:
                    problem = _part_problem(member.filename, archive.read(member))
                    if problem:
                        raise fail(problem)
    except zipfile.BadZipFile as exc:
        raise fail(f"is a damaged zip archive: {exc}") from None


RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
HYPERLINK = "/hyperlink"
ALLOWED = "styles, page set-up, header, footer and the pictures it holds"
#: kinds of part a letterhead may not bring (by the end of the relationship type)
REFUSED = {
    "/oleObject": "an OLE object",
    "/package": "an embedded document",
    "/aFChunk": "an imported document (altChunk)",
    "/control": "an ActiveX control",
    "/activeXControlBinary": "an ActiveX control",
    "/vbaProject": "macros",
    "/subDocument": "a sub-document",
    "/attachedTemplate": "an attached template",
    "/frame": "a frame",
}


def _part_problem(name: str, data: bytes) -> str | None:
    """What makes one XML part of a letterhead unsafe, or None."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"part {name} is not well-formed XML: {exc}"
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        return f"declares a DTD (XML entities) in {name}; refused"
    if b"vbaProject" in data and name == "[Content_Types].xml":
        return "holds macros; save it as a .docx without macros"
    if not name.endswith(".rels"):
        return None
    for rel in root.iter(RELATIONSHIPS):
        kind = str(rel.get("Type", ""))
        for ending, what in REFUSED.items():
            if kind.endswith(ending):
                return f"holds {what} ({name}); a letterhead may bring only {ALLOWED}"
        if rel.get("TargetMode") == "External" and not kind.endswith(HYPERLINK):
            target = str(rel.get("Target", ""))[:80]
            return (
                f"points outside itself ({name}: {target}); a letterhead may bring only {ALLOWED}"
            )
    return None


def page_setup(path: Path) -> dict[str, Any]:
    """Theme values (points) from the reference's first section: page size, margins."""
    return dict(_page_setup(read(path), display_path(path)))


@lru_cache(maxsize=8)  # by contents: a replaced letterhead is a new entry
def _page_setup(data: bytes, shown: str) -> tuple[tuple[str, float], ...]:
    _check(data, shown)
    import docx

    try:
        section = docx.Document(io.BytesIO(data)).sections[0]
    except Exception as exc:  # python-docx raises many kinds on a malformed file
        raise BriefgenError(
            f"reference document cannot be opened: {type(exc).__name__}: {exc}",
            file=shown,
        ) from None

    def points(value: int | None, default: float) -> float:
        return round(value / EMU_PER_POINT, 2) if value is not None else default

    return (
        ("page_width", points(section.page_width, 595.2756)),
        ("page_height", points(section.page_height, 841.8898)),
        ("margin_top", points(section.top_margin, 72.0)),
        ("margin_bottom", points(section.bottom_margin, 72.0)),
        ("margin_left", points(section.left_margin, 72.0)),
        ("margin_right", points(section.right_margin, 72.0)),
        ("banner_distance", points(section.header_distance, 36.0)),
    )


def headroom(path: Path) -> tuple[float, float, float]:
    """Points the letterhead's own header and footer take, and its footer's distance from
    the bottom edge (see :mod:`briefgen.layout.headroom`)."""
    return _headroom(read(path), display_path(path))


@lru_cache(maxsize=8)
def _headroom(data: bytes, shown: str) -> tuple[float, float, float]:
    _check(data, shown)
    import docx

    from briefgen.layout.headroom import heights

    document = docx.Document(io.BytesIO(data))
    header, footer = heights(document)
    distance = document.sections[0].footer_distance
    return header, footer, round(distance / EMU_PER_POINT, 2) if distance is not None else 36.0
