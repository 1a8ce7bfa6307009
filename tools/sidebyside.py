"""A brief's PDF and LibreOffice's rendering of its DOCX, side by side, as one PNG.

    python tools/sidebyside.py BRIEFGEN CONTENT.yaml OUT.png [--dpi 72]

builds CONTENT with the briefgen executable BRIEFGEN (so the same content can be
pictured with two versions, before and after a change) in a new folder, converts
the DOCX with ``soffice --headless``, renders the first page of each PDF with
``pdftoppm`` and writes them next to each other, briefgen's PDF on the left. The
pictures in docs/parity.md are made this way. Needs soffice and pdftoppm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

GAP = 24  # pixels of white between the two pages


def page_png(pdf: Path, dpi: int) -> Image.Image:
    stem = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", pdf, stem],
        check=True,
    )
    return Image.open(stem.with_suffix(".png")).convert("RGB")


def picture(briefgen: str, content: Path, out: Path, dpi: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "content").mkdir()
        shutil.copy(content, work / "content")
        subprocess.run([briefgen, "build", "-q"], cwd=work, check=True)
        built = work / "out" / content.with_suffix(".pdf").name
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", work / "lo",
             built.with_suffix(".docx")],
            check=True, capture_output=True,
        )  # fmt: skip
        left, right = page_png(built, dpi), page_png(work / "lo" / built.name, dpi)
    both = Image.new(
        "RGB", (left.width + GAP + right.width, max(left.height, right.height)), "white"
    )
    both.paste(left, (0, 0))
    both.paste(right, (left.width + GAP, 0))
    both.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).save(out, optimize=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("briefgen", help="the briefgen executable to build with")
    parser.add_argument("content", type=Path, help="the brief's content file")
    parser.add_argument("out", type=Path, help="the PNG to write")
    parser.add_argument("--dpi", type=int, default=72)
    args = parser.parse_args(argv)
    briefgen = str(Path(args.briefgen).resolve()) if "/" in args.briefgen else args.briefgen
    picture(briefgen, args.content.resolve(), args.out.resolve(), args.dpi)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
