"""`briefgen doctor`'s checks of a letterhead (a reference_docx): Word's compatibility
mode and whether its header, with the classification banner, fits the top margin."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from briefgen.doctor.check import FAIL, OK, Check, Checks
from briefgen.errors import BriefgenError, display_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_2013 = 15  # compatibilityMode of a document saved by Word 2013 or later


def letterhead(path: Path, banner: float = 0.0) -> Checks:
    """A reference_docx's compatibility mode and the height its header needs, with
    the classification banner (banner points tall) that joins its top."""
    from briefgen.layout import letterhead as docxref

    topic = f"letterhead {display_path(path)}"
    try:
        docxref.check(path)
        setup = docxref.page_setup(path)
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            settings = archive.read("word/settings.xml") if "word/settings.xml" in names else b""
            headers = [archive.read(n) for n in sorted(names) if _is_header(n)]
    except BriefgenError as exc:
        yield Check(FAIL, topic, str(exc))
        return
    mode = _compatibility_mode(settings)
    if mode < WORD_2013:
        yield Check(
            FAIL,
            topic,
            f"is in compatibility mode ({_mode_name(mode)}): Word lays it out with older rules "
            "and the brief may not stay on one page; open it in Word, File > Info > Convert, "
            "and save it",
        )
    else:
        yield Check(OK, topic, "saved in Word 2013+ mode (no compatibility mode)")
    tallest = max((_header_height(x) for x in headers), default=0.0)
    need = setup["banner_distance"] + banner + tallest
    room = setup["margin_top"]
    if need > room:
        yield Check(
            FAIL,
            topic,
            f"its header and the banner need about {need:.0f} pt from the page's top but "
            f"the top margin is {room:.0f} pt, so Word pushes the brief down; "
            "shorten the header or widen the top margin in the letterhead",
        )
    else:
        yield Check(OK, topic, f"header about {need:.0f} pt, within the {room:.0f} pt top margin")


def _is_header(name: str) -> bool:
    return re.fullmatch(r"word/header\d*\.xml", name) is not None


def _compatibility_mode(settings: bytes) -> int:
    """Word's compatibilityMode (11 Word 2003, 12 2007, 14 2010, 15 2013+); absent is 11."""
    if not settings:
        return 11
    from lxml import etree

    root = etree.fromstring(settings, etree.XMLParser(resolve_entities=False, no_network=True))
    for setting in root.iter(f"{W}compatSetting"):
        if setting.get(f"{W}name") == "compatibilityMode":
            try:
                return int(setting.get(f"{W}val", "11"))
            except ValueError:
                return 11
    return 11


def _mode_name(mode: int) -> str:
    return {11: "Word 97-2003", 12: "Word 2007", 14: "Word 2010"}.get(mode, f"mode {mode}")


def _header_height(xml: bytes) -> float:
    """A header's height in points: its paragraphs' lines, tables' rows and pictures."""
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    height = 0.0
    for paragraph in root.iter(f"{W}p"):
        sizes = [int(s.get(f"{W}val", "22")) / 2 for s in paragraph.iter(f"{W}sz")]
        height += 1.15 * max(sizes, default=11.0)
        pictures = [
            int(e.get("cy", "0")) / 12700
            for e in paragraph.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
            )
        ]
        height += max(pictures, default=0.0)
    return height
