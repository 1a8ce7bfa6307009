"""Write what reportlab reads from each shipped Arimo face into briefgen/layout/arimo/faces.bin.

Run after changing the shipped fonts (tools/cut_fonts.py) or the reportlab briefgen
is tested with (see :mod:`briefgen.layout.faces`):

    python tools/read_faces.py            # rewrite briefgen/layout/arimo/faces.bin
    python tools/read_faces.py --check    # exit 1 if the table is not what this reportlab reads

A table written by another reportlab release is ignored at run time (the faces are
read from their files, as before): it costs time, never behaviour.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab import Version  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402

from briefgen.layout import faces, fonts  # noqa: E402


def read() -> dict[str, tuple[bytes, dict[str, Any]]]:
    """Each shipped file's bytes and the kept attributes of the face reportlab reads."""
    out = {}
    for name, file in fonts.STYLES.items():
        path = fonts.HERE / file
        out[file] = (path.read_bytes(), faces.kept(TTFont(name, str(path)).face))
    return out


def current(made: dict[str, tuple[bytes, dict[str, Any]]]) -> bool:
    """Whether the shipped table holds what made holds (compared as values: pickles vary)."""
    faces._table.cache_clear()
    for file, (data, attrs) in made.items():
        if faces.face(fonts.HERE / file, data) is None or faces.kept_of(file) != attrs:
            return False
    return len(faces._table()) == len(made)


def main(argv: list[str]) -> int:
    made = read()
    name = faces.TABLE.relative_to(ROOT)
    if "--check" in argv:
        if current(made):
            return 0
        print(f"{name} is not what reportlab {Version} reads: run python tools/read_faces.py")
        return 1
    faces.TABLE.write_bytes(faces.dumps(made))
    print(f"wrote {name} ({len(made)} faces, reportlab {Version})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
