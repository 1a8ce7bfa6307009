"""Office packages (DOCX, PPTX) as the same bytes every time.

Their libraries stamp each zip entry with the current time, and a zip entry also
records the system that wrote it. Here a package is copied entry by entry into a
zip whose order, times, attributes and compression are fixed, so the same
document gives the same bytes on any day and machine.
"""

from __future__ import annotations

import io
import zipfile

#: every entry's time: the earliest a zip file can record, as reproducible builds use
EPOCH = (1980, 1, 1, 0, 0, 0)
FIRST = ("[Content_Types].xml", "_rels/.rels")  # where Office readers look first


def order(names: list[str]) -> list[str]:
    """The content types, then the package relationships, then every other part by name."""
    first = [n for n in FIRST if n in names]
    return first + sorted(n for n in names if n not in FIRST)


def pack(parts: dict[str, bytes]) -> bytes:
    """A zip of the parts, in a fixed order with fixed times and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name in order(list(parts)):
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whichever system writes it
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def repack(data: bytes) -> bytes:
    """A zip file's entries, rewritten in a fixed order with fixed times and attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return pack({name: source.read(name) for name in source.namelist()})
