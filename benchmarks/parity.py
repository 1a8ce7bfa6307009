"""Line-by-line parity of briefgen's PDF and a word processor's rendering of its DOCX.

Both PDFs are read with pdfium (pypdfium2); every text line is a (top, left,
words) record, its top the baseline less the font's ascent (pdftotext's boxes
take the ascent from each PDF's font descriptor, which LibreOffice and
reportlab write differently: 1.3 pt apart on a 15.5 pt title). Each line of
the PDF is paired with the line of the other rendering that starts at the same
left edge (within 3 pt) and has the nearest top; a pair differs when its
words differ or its tops are more than 1 pt apart, and a line without a
partner differs too. Section headings (lines
taller than body text) are also compared as a share of the page.

Right-to-left text is read by position, not in the order it is drawn: LibreOffice
draws an Arabic or Hebrew phrase glyph by glyph from the right, briefgen's PDF from
the left with its ActualText (what was typed), so pdfium gives the two in different
orders and as different pieces. The pieces of one baseline that touch (closer than a
cell gap) are one line, and a line holding Arabic or Hebrew is compared by the
letters, digits and marks on it, not their order: a line breaking at another word
still differs; the order of the glyphs is checked on the rendered pages.

    python benchmarks/parity.py [--pages N] ours.pdf theirs.pdf [ours2.pdf theirs2.pdf ...]
    python benchmarks/parity.py --corpus [COUNT [BRIEFGEN]]
    python benchmarks/parity.py --cjk [COUNT [BRIEFGEN]]
    python benchmarks/parity.py --thai [COUNT [BRIEFGEN]]

prints one line per pair and a total; every page is compared with its partner
(--pages 2: the briefs should take two pages, as a brief with ``pages = 2`` may).
--corpus builds the example, the test fixtures and COUNT (50) generated briefs
with BRIEFGEN (``briefgen``) in a new folder and converts every DOCX with
LibreOffice in one call. --cjk does the same with COUNT (30) briefs in Japanese,
Chinese and Korean (benchmarks/cjk_corpus.py), one DOCX per call; --thai with
COUNT (20) briefs in Thai or with Thai names (benchmarks/thai_corpus.py).
"""

from __future__ import annotations

import ctypes
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LEFT = 3.0  # points: lines of the same column start here, whatever the renderer
TOP = 1.0  # points: the most two renderings' line tops may differ
SECTION = 0.005  # of the page height: the most a section heading's top may differ
GAP = 0.6  # em: a wider gap between two letters parts two table cells (a space is 0.28 em)
ASCENT = 0.905  # em, Arimo's and Liberation Sans's: a line's top above its baseline
NEAR = 8.0  # points: farther apart than this, two lines are not partners at all
SPREAD = 0.55  # em: about how wide an Arabic or Hebrew letter is, for text read from ActualText

MARKERS = frozenset("\u2022\u2013-")  # a list item's marker: a line of its own
# A word processor sets a fifth of an em between an ideograph, kana or hangul and a Latin
# letter or digit; briefgen's PDF draws it inside the ideograph's advance, so pdfium sees a
# space in one and none in the other: a space there is not compared.
FULL_WIDTH = frozenset("、。，．）」』】〕〉》！？：；")
_ASIAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_LATIN = "0-9A-Za-z\u00c0-\u024f"
# A Thai vowel or tone mark above or below its letter: pdfium reads some of LibreOffice's
# at the end of the line, with spaces of its own around them, so marks are not compared,
# nor spaces beside Thai letters (the letters are: where a line breaks is still seen).
THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
UNSPACED = re.compile("(?<=[\u0e00-\u0e7f]) +| +(?=[\u0e00-\u0e7f])")
INFERRED = "\x00"  # a space pdfium infers, until the line is read
AUTOSPACE = re.compile(f"(?<=[{_ASIAN}]) (?=[{_LATIN}])|(?<=[{_LATIN}]) (?=[{_ASIAN}])")
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew and Arabic
MIRROR = str.maketrans("()[]{}<>", "(([[{{<<")  # a bracket drawn right to left is its pair


@dataclass(frozen=True)
class Line:
    top: float
    left: float
    height: float
    words: tuple[str, ...]
    right: float = 0.0
    base: float = 0.0

    @property
    def key(self) -> tuple[str, ...]:
        """What two renderings' lines must share: the words, in order; for a line holding
        Arabic or Hebrew, its characters but for spaces, in any order."""
        text = " ".join(self.words)
        if not RTL.search(text):
            return self.words
        return tuple(sorted(text.replace(" ", "").translate(MIRROR)))


@dataclass(frozen=True)
class Page:
    height: float
    lines: tuple[Line, ...]


@dataclass
class Report:
    name: str
    pages: tuple[int, int]
    lines: int = 0
    differ: list[str] = field(default_factory=list)  # one description per differing line
    max_top: float = 0.0  # points, over the pairs with the same words
    max_section: float = 0.0  # share of the page height
    expected: int = 1  # the pages both renderings should have

    @property
    def ok(self) -> bool:
        same = self.pages == (self.expected, self.expected)
        return same and not self.differ and self.max_section <= SECTION

    def summary(self) -> str:
        return (
            f"{self.name}: pages {self.pages[0]}/{self.pages[1]}, {self.lines} lines, "
            f"{len(self.differ)} differ, max top delta {self.max_top:.2f} pt, "
            f"max section delta {self.max_section * 100:.2f} %"
        )


def read(pdf: Path) -> list[Page]:
    """Each page's text lines, top to bottom."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [_page(page) for page in document]
    finally:
        document.close()


def _page(page: Any) -> Page:
    import pypdfium2.raw as raw

    height = page.get_height()
    text = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    lines: list[Line] = []
    chars: list[str] = []
    base = left = end = size = origin = 0.0
    right = 0.0
    actual = False
    spread = 0
    objects: list[tuple[float, float, float, float]] | None = None

    def close() -> None:
        typed = UNSPACED.sub("", THAI_MARKS.sub("", "".join(chars).replace(INFERRED, " ")))
        words = tuple(AUTOSPACE.sub("", typed).split())
        if words:
            top = height - base - ASCENT * size
            lines.append(Line(round(top, 3), round(left, 3), size, words, right, base))
        chars.clear()

    for i in range(raw.FPDFText_CountChars(text.raw)):
        char = chr(raw.FPDFText_GetUnicode(text.raw, i))
        if char in "\r\n":
            continue
        if raw.FPDFText_IsGenerated(text.raw, i):  # a space pdfium infers between words
            if chars and char == " ":
                chars.append(INFERRED)
            continue
        if THAI_MARKS.match(char):
            chars.append(char)  # not compared (see THAI_MARKS); placed where it is drawn
            continue
        raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
        raw.FPDFText_GetLooseCharBox(text.raw, i, box)
        em = raw.FPDFText_GetFontSize(text.raw, i)
        gap = x.value - end
        if actual and abs(x.value - origin) < 0.01:
            gap = 0.0  # within an ActualText
        elif actual and x.value > origin:
            # pdfium gives an ActualText's characters made-up boxes: where it ends is
            # where the glyphs drawn from its origin to here end
            objects = _objects(page) if objects is None else objects
            gap = x.value - _right(objects, origin, x.value, y.value, end)
        # a full-width mark is inked on one half of its em: the rest is no gap
        wide = 0.5 * em if chars and chars[-1] in FULL_WIDTH else 0.0
        same = (
            chars
            and abs(y.value - base) < 0.3 * em
            and x.value >= origin - 0.1
            and gap < GAP * em + wide
            and not ("".join(chars).strip(INFERRED + " ") in MARKERS and gap > 0.5)
        )
        if not same:
            close()
            base, left, right, size = y.value, x.value, box.right, em
        # pdfium puts every character of an ActualText at the origin of its first glyph,
        # their boxes squeezed into that glyph's: its glyphs reach about SPREAD em a character
        actual = bool(chars) and bool(same) and abs(x.value - origin) < 0.01
        spread = spread + 1 if actual else 1
        chars.append(char)
        end, origin = box.right, x.value
        left, right = min(left, box.left), max(right, box.right)
        if actual:
            right = max(right, x.value + SPREAD * em * spread)
        if size < 2.0:  # pdfium gives some spaces of an ActualText a size of 1
            size = em
    close()
    text.close()
    return Page(height, tuple(sorted(_joined(lines), key=lambda ln: (ln.top, ln.left))))


def _objects(page: Any) -> list[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) of every text object drawn on the page."""
    import pypdfium2.raw as raw

    out = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_TEXT:
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            out.append((left.value, bottom.value, right.value, top.value))
    return out


def _right(
    objects: list[tuple[float, float, float, float]],
    start: float,
    stop: float,
    base: float,
    end: float,
) -> float:
    """The right edge of the glyphs drawn across the baseline base from start to before stop."""
    edges = [r for lf, b, r, t in objects if b - 1 <= base <= t + 1 and start - 1 <= lf < stop - 1]
    return max(edges, default=end)


def _joined(pieces: list[Line]) -> list[Line]:
    """Pieces of one baseline that touch, where one holds Arabic or Hebrew, as one line
    (its words in the order of their left edges)."""
    out: list[Line] = []
    for piece in sorted(pieces, key=lambda ln: (round(ln.base), ln.left)):
        last = out[-1] if out else None
        near = (
            last is not None
            and abs(piece.base - last.base) < 0.3 * last.height
            and piece.left - last.right < GAP * last.height
            and bool(RTL.search(" ".join(last.words + piece.words)))
        )
        if last is None or not near:
            out.append(piece)
            continue
        out[-1] = Line(
            min(last.top, piece.top),
            min(last.left, piece.left),
            max(last.height, piece.height),
            last.words + piece.words,
            max(last.right, piece.right),
            last.base,
        )
    return out


def _join(line: Line) -> str:
    return " ".join(line.words)


def compare(
    ours: Path,
    theirs: Path,
    name: str = "",
    only_theirs: tuple[str, ...] = (),
    pages: int = 1,
) -> Report:
    """How two renderings of one brief differ, line by line, page by page.

    only_theirs: lines only the word processor draws (a letterhead's own header and
    footer), not counted as differences. pages: how many pages the brief should take
    (2 for a brief allowed two pages that needs them); each is compared with its own.
    """
    a, b = read(ours), read(theirs)
    report = Report(name or ours.stem, (len(a), len(b)), expected=pages)
    for number, (mine, other) in enumerate(zip(a, b, strict=False), start=1):
        _compare_page(report, mine, other, only_theirs, "" if number == 1 else f"page {number}: ")
    return report


def _compare_page(
    report: Report, mine: Page, other: Page, only_theirs: tuple[str, ...], where: str
) -> None:
    report.lines += len(mine.lines)
    free = list(other.lines)
    heights = sorted(ln.height for ln in mine.lines)
    if not heights:
        return
    heading = heights[len(heights) // 2] * 1.15  # taller than body text: a title or heading
    for line in mine.lines:
        near = [
            o for o in free if abs(o.left - line.left) <= LEFT and abs(o.top - line.top) <= NEAR
        ]
        if not near:
            report.differ.append(f"{where}only in ours at {line.top:.1f}: {_join(line)}")
            continue
        partner = min(near, key=lambda o: (o.key != line.key, abs(o.top - line.top)))
        free.remove(partner)
        delta = abs(partner.top - line.top)
        if partner.key != line.key:
            report.differ.append(
                f"{where}at {line.top:.1f}: ours {_join(line)!r} / theirs {_join(partner)!r}"
            )
            continue
        report.max_top = max(report.max_top, delta)
        if delta > TOP:
            apart = f"top {delta:.2f} pt apart at {line.top:.1f}"
            report.differ.append(f"{where}{apart}: {_join(line)}")
        if line.height >= heading:
            report.max_section = max(report.max_section, delta / mine.height)
    for line in free:
        if _join(line) in only_theirs:
            continue
        report.differ.append(f"{where}only in theirs at {line.top:.1f}: {_join(line)}")


def convert(docx: list[Path], folder: Path, apart: bool = False) -> list[Path]:
    """LibreOffice's PDF of each DOCX, made in one call (about 0.15 s a file).

    apart: one call per file, for DOCX files that embed fonts: LibreOffice keeps the
    first embedded font of a name for the rest of its run, so a second brief's subset
    of Noto Sans CJK JP would be drawn with the first's glyphs (boxes for the rest).
    """
    if apart and len(docx) > 1:
        return [out for d in docx for out in convert([d], folder)]
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docx),
        ],
        check=True,
        capture_output=True,
        timeout=60 + 5 * len(docx),
    )
    return [folder / (d.stem + ".pdf") for d in docx]


def build(
    project: Path, briefgen: str = "briefgen", apart: bool = False
) -> list[tuple[Path, Path]]:
    """Build every brief of a project, convert its DOCX: (PDF, LibreOffice's PDF) pairs."""
    subprocess.run([briefgen, "build", "-q"], cwd=project, check=True, capture_output=True)
    pdfs = sorted((project / "out").glob("*.pdf"))
    theirs = convert([p.with_suffix(".docx") for p in pdfs], project / "lo", apart)
    return list(zip(pdfs, theirs, strict=True))


def corpus_project(folder: Path, count: int) -> Path:
    """A project holding the example, the test fixtures and count generated briefs."""
    import shutil

    import corpus

    root = Path(__file__).resolve().parent.parent
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "content" / "us-india-defence.yaml", content)
    for name in ("japan-philippines.yaml", "japan-philippines-card.yaml", "points.csv"):
        shutil.copy(root / "tests" / "fixtures" / name, content)
    corpus.generate(content, count)
    return folder


def cjk_project(folder: Path, count: int) -> Path:
    """A project holding count generated briefs in Japanese, Chinese and Korean."""
    import cjk_corpus

    cjk_corpus.generate(folder / "content", count)
    return folder


def thai_project(folder: Path, count: int) -> Path:
    """A project holding count generated briefs in Thai or with Thai names."""
    import thai_corpus

    thai_corpus.generate(folder / "content", count)
    return folder


PROJECTS = {
    "--corpus": (corpus_project, 50),
    "--cjk": (cjk_project, 30),
    "--thai": (thai_project, 20),
}


def main(argv: list[str]) -> int:
    if argv[:1] and argv[0] in PROJECTS:
        import tempfile

        project, default = PROJECTS[argv[0]]
        count = int(argv[1]) if len(argv) > 1 else default
        exe = str(Path(argv[2]).resolve()) if len(argv) > 2 else "briefgen"
        folder = Path(tempfile.mkdtemp(prefix="parity-"))
        made = project(folder, count)
        # a DOCX that embeds fonts is converted alone (see convert)
        pairs = build(made, exe, apart=argv[0] != "--corpus")
        argv = [str(p) for pair in pairs for p in pair]
        print(f"built in {folder}")
    pages = 1
    if argv[:1] == ["--pages"] and len(argv) > 1:
        pages, argv = int(argv[1]), argv[2:]
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__)
        return 2
    pairs = range(0, len(argv), 2)
    reports = [compare(Path(argv[i]), Path(argv[i + 1]), pages=pages) for i in pairs]
    for report in reports:
        print(report.summary())
        for what in report.differ:
            print("    " + what)
    lines = sum(r.lines for r in reports)
    differ = sum(len(r.differ) for r in reports)
    worst = max(r.max_top for r in reports)
    section = max(r.max_section for r in reports)
    print(
        f"total: {len(reports)} briefs, {lines} lines, {differ} differ, "
        f"max top delta {worst:.2f} pt, max section delta {section * 100:.2f} %, "
        f"{sum(not r.ok for r in reports)} briefs not at parity"
    )
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
