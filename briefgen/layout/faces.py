"""The shipped Arimo faces as reportlab reads them, read when the table was written.

reportlab reads a TrueType file by walking its character map and metrics in
Python: about 5 ms a face, two or three faces in every cold build. What it makes
of each shipped face (everything but the file's bytes, which the PDF's subsets are
cut from) is in ``arimo/faces.bin``, written by ``tools/read_faces.py``: a pickle
of, for each face, the SHA-256 of its file and the attributes reportlab's reading
gave it (pickled on their own, so that each font made has its own), with the
reportlab version that read them. Unpickling a face's 12,000 objects (its
character map and metrics) takes about 2 ms.

:func:`font` makes a face's reportlab font with reportlab's own constructor, which
is handed that face instead of reading the file again, when the table was written
by the installed reportlab and the file's bytes are those it was written from;
otherwise (another reportlab, a changed file) it returns None and the font is read
as before. Either way the font's attributes, and every PDF set in it, are the same.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from functools import cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parent / "arimo" / "faces.bin"
#: what the table leaves out of a face: the file's bytes and name (set from the file
#: read) and the scale function reportlab makes from unitsPerEm (made again here)
NOT_KEPT = ("_ttf_data", "filename", "_pdfScale")

_LOCK = threading.Lock()  # one font made at a time with reportlab's constructor patched


def kept(face: Any) -> dict[str, Any]:
    """The attributes of a face that the table holds."""
    return {k: v for k, v in vars(face).items() if k not in NOT_KEPT}


def dumps(faces: dict[str, tuple[bytes, dict[str, Any]]]) -> bytes:
    """The table's bytes: file name -> (its bytes, the kept attributes of its face)."""
    from reportlab import Version

    table = {
        name: (hashlib.sha256(data).hexdigest(), pickle.dumps(attrs, 4))
        for name, (data, attrs) in faces.items()
    }
    return pickle.dumps({"reportlab": Version, "faces": table}, protocol=4)


@cache
def _table() -> dict[str, tuple[str, bytes]]:
    """File name -> (SHA-256 of the file, its face's attributes, pickled): empty unless
    the installed reportlab wrote the table."""
    from reportlab import Version

    try:
        table = pickle.loads(TABLE.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return {}
    if not isinstance(table, dict) or table.get("reportlab") != Version:
        return {}
    faces: dict[str, tuple[str, bytes]] = table.get("faces", {})
    return faces


def kept_of(name: str) -> dict[str, Any] | None:
    """The kept attributes of the face of the file name, new each time; None if not held."""
    entry = _table().get(name)
    if entry is None:
        return None
    try:
        attrs: dict[str, Any] = pickle.loads(entry[1])
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a class reportlab no longer has: read the file
    return attrs


def face(path: Path, data: bytes) -> Any | None:
    """The face reportlab would read from path, whose bytes are data, from the table;
    None where the table does not hold it as it is."""
    entry = _table().get(path.name)
    if entry is None or entry[0] != hashlib.sha256(data).hexdigest():
        return None
    attrs = kept_of(path.name)
    if attrs is None:
        return None
    cls = _face_class()
    made = cls.__new__(cls)
    vars(made).update(attrs)
    made._ttf_data = data
    made.filename = str(path)
    made._pdfScale = _scale(made.unitsPerEm)
    return made


@cache
def _face_class() -> Any:
    """reportlab's TTFontFace, as its module holds it before font() first stands in for
    it (taken under the lock, which every stand-in is made and put back under)."""
    from reportlab.pdfbase import ttfonts

    with _LOCK:
        return ttfonts.TTFontFace


def _scale(units_per_em: int) -> Any:
    """reportlab's scale from font units to thousandths of the size (ttfonts.extractInfo)."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def font(name: str, path: Path) -> Any | None:
    """reportlab's TTFont for the shipped face at path, registered as name, made from the
    table; None where the table does not hold that face as it is (or the file cannot be
    read: reportlab then reads it, and says what is wrong in its own words).

    reportlab's constructor is handed the face by standing in, under a lock, for the
    TTFontFace class its module holds: once, for this file; any other font made
    meanwhile, in another thread, is read by the real class."""
    from reportlab.pdfbase import ttfonts

    try:
        data = path.read_bytes()
    except OSError:
        return None
    made = face(path, data)
    if made is None:
        return None
    real = _face_class()
    pending = [made]

    def handed(filename: Any, *args: Any, **kwargs: Any) -> Any:
        if filename == str(path) and pending:
            return pending.pop()
        return real(filename, *args, **kwargs)

    with _LOCK:
        ttfonts.TTFontFace = handed
        try:
            return ttfonts.TTFont(name, str(path))
        finally:
            ttfonts.TTFontFace = real
