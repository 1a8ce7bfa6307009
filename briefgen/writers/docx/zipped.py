"""Save a python-docx document as the same bytes every time.

python-docx stamps each zip entry with the current time, and a zip entry also
records the system that wrote it. Here the package is written to memory by
python-docx, then copied entry by entry into a zip whose order, times,
attributes and compression are fixed, so the same document gives the same
bytes on any day and machine. (The document's own dates, in its core
properties, are the writer's business: it sets them from the brief's date.)
"""

from __future__ import annotations

import io
from typing import Any

from briefgen.writers._zip import EPOCH, order, pack, repack

__all__ = ["EPOCH", "order", "pack", "repack", "save"]


def save(document: Any) -> bytes:
    """A python-docx Document's package, byte for byte reproducibly."""
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue())
