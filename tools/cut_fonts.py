"""Cut the four static Arimo styles the PDF is set in from Arimo's variable fonts.

The results are shipped in briefgen/layout/arimo/, so no run cuts a font, needs
a writable cache or depends on the time: every machine embeds the same bytes.
Run this only to move to a new Arimo (``pip install fontpkg-arimo fonttools``):

    python tools/cut_fonts.py            # rewrite briefgen/layout/arimo/*.ttf
    python tools/cut_fonts.py --check    # exit 1 if a fresh cut differs

The cut is deterministic: the `head` table keeps the source font's dates
instead of the time of the cut (fontTools stamps the current time otherwise).
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

FAMILY = "Arimo"
STYLES = {  # file name: (source file, weight, style name, PostScript name)
    "Arimo-Regular.ttf": ("Arimo[wght].ttf", 400, "Regular", "Arimo"),
    "Arimo-Bold.ttf": ("Arimo[wght].ttf", 700, "Bold", "Arimo-Bold"),
    "Arimo-Italic.ttf": ("Arimo-Italic[wght].ttf", 400, "Italic", "Arimo-Italic"),
    "Arimo-BoldItalic.ttf": ("Arimo-Italic[wght].ttf", 700, "Bold Italic", "Arimo-BoldItalic"),
}
TARGET = Path(__file__).resolve().parent.parent / "briefgen" / "layout" / "arimo"
MADE_WITH = TARGET / "MADE-WITH.txt"  # the versions the shipped fonts were cut with


def versions() -> str:
    from importlib import metadata

    return " ".join(f"{name}=={metadata.version(name)}" for name in ("fontpkg-arimo", "fonttools"))


def source_dir() -> Path:
    import fontpkg_arimo

    return Path(fontpkg_arimo.__file__).resolve().parent / "files"


def cut(source: Path, weight: int, style: str, postscript: str) -> bytes:
    """One static style of a variable font, named for itself, as TTF bytes."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    variable = TTFont(source, recalcTimestamp=False)
    dates = variable["head"].created, variable["head"].modified
    font = instancer.instantiateVariableFont(variable, {"wght": weight})
    # Each style needs its own names: reportlab (and PDF readers) tell fonts apart by them.
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            table.removeNames(nameID=record.nameID)
    for name_id, value in (
        (1, FAMILY),
        (2, style),
        (3, f"{postscript};briefgen"),
        (4, f"{FAMILY} {style}"),
        (6, postscript),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    font["head"].created, font["head"].modified = dates
    # fontTools lays out GSUB/GPOS with HarfBuzz's repacker when uharfbuzz is installed
    # (the scripts extra brings it), else with its own: the bytes differ. Always its own.
    font.cfg["fontTools.ttLib.tables.otBase:USE_HARFBUZZ_REPACKER"] = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def cut_all() -> dict[str, bytes]:
    here = source_dir()
    return {
        name: cut(here / source, weight, style, postscript)
        for name, (source, weight, style, postscript) in STYLES.items()
    }


def main(argv: list[str]) -> int:
    fresh = cut_all()
    if "--check" in argv:
        stale = [n for n, data in fresh.items() if (TARGET / n).read_bytes() != data]
        for name in stale:
            print(f"{TARGET / name}: differs from a fresh cut", file=sys.stderr)
        return 1 if stale else 0
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, data in fresh.items():
        (TARGET / name).write_bytes(data)
    licence = next(Path(source_dir()).parent.parent.glob("fontpkg_arimo-*/licenses/LICENSE"))
    shutil.copyfile(licence, TARGET / "OFL.txt")
    MADE_WITH.write_text(versions() + "\n", encoding="utf-8")
    print(f"wrote {len(fresh)} fonts to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
