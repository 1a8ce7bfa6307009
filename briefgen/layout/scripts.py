"""Scripts other than Latin: which font draws each run of text, its language and direction.

The page's own font (Arimo) draws Latin, Greek, Cyrillic and Hebrew. The theme's
``fallback_fonts`` name more fonts, tried in order for each character the page's
font lacks; they come from font packages that ``pip install briefgen[scripts]``
adds (the Noto families), or from TrueType files. :func:`runs` splits a span into
runs by font, so a writer only translates: the PDF shapes a run through HarfBuzz
and sets a right-to-left run right to left, the DOCX names the run's font in the
slot its script uses and marks its direction and language.
"""

from __future__ import annotations

import bisect
import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.layout import bidi
from briefgen.layout import page as p
from briefgen.layout.scriptdata import SCRIPTS, Script, script_of

OTHER = re.compile("[^\x00-\u058f]")  # past Latin, Greek, Cyrillic and Armenian


@dataclass(frozen=True)
class Fallback:
    """A registered fallback font: reportlab's name for it, Word's, what it draws."""

    pdf: str
    word: str
    covers: frozenset[int]
    file: str
    #: a CJK face (:mod:`cjk`): the language it draws; its coverage is read when first needed
    lang: str = ""

    def has(self, code: int) -> bool:
        if not self.lang:
            return code in self.covers
        from briefgen.layout import cjk

        return code in cjk.coverage(self.file)


def package_file(name: str) -> Path | None:
    """The font file of an installed font package (``fontpkg-NAME``, or a package NAME
    holding an OpenType collection, as ``noto-cjk-sans-otc``), or None."""
    module = name.replace("-", "_")
    spec = importlib.util.find_spec(f"fontpkg_{module}")
    if spec is not None and spec.origin is not None:
        found = sorted((Path(spec.origin).parent / "files").glob("*.ttf"))
        return found[0] if found else None
    spec = importlib.util.find_spec(module) if module.startswith("noto_cjk") else None
    if spec is None or spec.origin is None:
        return None
    found = sorted(Path(spec.origin).parent.glob("*.tt[co]"))
    return found[0] if found else None


@cache
def _register(path: str) -> Fallback:
    from reportlab.pdfbase import pdfmetrics

    from briefgen.layout import fonts

    shown = Path(path).name
    family = "fb-" + "".join(c for c in Path(path).stem if c.isalnum())[:40]
    fonts._register_faces(family, tuple((shown, path) for _ in range(4)))
    face = pdfmetrics.getFont(family).face
    word = face.familyName
    word = word.decode("utf-8", "replace") if isinstance(word, bytes) else str(word)
    return Fallback(family, word, frozenset(face.charToGlyph), path)


def chain(names: tuple[str, ...]) -> tuple[Fallback, ...]:
    """The theme's fallback fonts that are installed, registered, in the theme's order.

    A name is a font package (``noto-sans-thai``: ``fontpkg-noto-sans-thai``), left out
    when it is not installed, or the path of a TrueType file, which must exist."""
    out: list[Fallback] = []
    for name in names:
        if name.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
            if not Path(name).is_file():
                raise BriefgenError("fallback font not found", file=name, field="fallback_fonts")
            found: Path | None = Path(name)
        else:
            found = package_file(name)
        if found is None:
            continue
        if found.suffix.lower() == ".ttf":
            out.append(_register(str(found)))
        else:  # CFF outlines (Noto Sans CJK): made TrueType per brief, see cjk
            out.extend(_outline_faces(str(found)))
    return tuple(out)


@cache
def _outline_faces(path: str) -> tuple[Fallback, ...]:
    """A CJK collection's faces by language, opened only when a brief needs one."""
    return tuple(
        Fallback(f"fb-cjk-{lang}", "", frozenset(), f"{path}#{lang}", lang)
        for lang in ("ja", "ko", "zh")
    )


def shaping_available() -> bool:
    """Whether HarfBuzz (uharfbuzz, from briefgen[scripts]) is installed."""
    return importlib.util.find_spec("uharfbuzz") is not None


def _follows(char: str) -> bool:
    """Marks and joiners belong to the character before them."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or char in "\u200c\u200d"


def face_of(
    char: str, own: frozenset[int], fallbacks: tuple[Fallback, ...], han: str = "zh"
) -> p.Face | bool | None:
    """The face for one character: None for the page's own font, False when nothing draws
    it. Chinese characters (and CJK punctuation) are drawn in the face of han's language."""
    script = script_of(char)
    code = ord(char)
    if script is None and code in own:
        return None
    for fb in fallbacks:
        if fb.lang and (script is None or fb.lang != (script.lang or han)):
            continue
        if fb.has(code):
            if fb.lang and script is not None and not script.lang:
                script = replace(script, lang=han)
            return _face(fb.pdf, fb.word, script, fb.file, char)
    if code in own:
        return _face("", "", script, "", char)  # the page's font, marked with its script
    return False


def _face(pdf: str, word: str, script: Script | None, file: str = "", char: str = "") -> p.Face:
    if script is None:
        return p.Face(pdf, word, "", False, False, file)
    # Arabic-Indic digits are read left to right, as in any script
    rtl = script.rtl and unicodedata.category(char) != "Nd"
    return p.Face(pdf, word, script.lang, rtl, script.east_asian, file)


def runs(span: p.Span, own: frozenset[int], fallbacks: tuple[Fallback, ...]) -> Iterator[p.Span]:
    """The span split where its font changes; a space between two runs in one face,
    and every mark, stays in the run (a name in Devanagari is one run). A run in a
    fallback font is upright and regular: the packages ship its regular face only."""
    faces: list[p.Face | None] = []
    from briefgen.layout import cjk

    han = cjk.languages(span.text)
    for i, char in enumerate(span.text):
        if i and _follows(char):
            faces.append(faces[-1])
            continue
        got = face_of(char, own, fallbacks, han[i])
        faces.append(got if isinstance(got, p.Face) else None)
    _absorb(span.text, faces, own, fallbacks)
    start = 0
    for i in range(1, len(faces) + 1):
        if i == len(faces) or faces[i] != faces[start]:
            face = faces[start]
            if face is not None and face.pdf:  # a fallback has one face, its regular
                yield replace(span, text=span.text[start:i], face=face, bold=False, italic=False)
            else:
                yield replace(span, text=span.text[start:i], face=face)
            start = i


def _absorb(
    text: str, faces: list[p.Face | None], own: frozenset[int], fallbacks: tuple[Fallback, ...]
) -> None:
    """Punctuation and digits next to a left-to-right run join it when its font has them
    (a bracket around a name is drawn in the name's font), and a space between two runs
    in one face joins them (a name is one run)."""
    covers = {fb.pdf: fb.covers for fb in fallbacks}
    for order in (range(1, len(text)), range(len(text) - 2, -1, -1)):
        for i in order:
            near = faces[i - 1] if order.step == 1 else faces[i + 1]
            char = text[i]
            if faces[i] is not None or near is None or unicodedata.category(char)[0] in "LZ":
                continue
            if near.rtl:  # HarfBuzz would set digits and brackets right to left too
                continue
            if ord(char) in covers.get(near.pdf, own):
                faces[i] = near
    for i, char in enumerate(text):
        if char == " " and faces[i] is None and i:
            after = next((f for j, f in enumerate(faces) if j > i and text[j] != " "), None)
            if faces[i - 1] is not None and faces[i - 1] == after:
                faces[i] = after


def split(para: p.Para, own: frozenset[int], fallbacks: tuple[Fallback, ...]) -> p.Para:
    """The paragraph with its spans split into runs by font (the same paragraph when
    all of it is in the page's own font)."""
    if all(plain(own).fullmatch(s.text) for s in para.spans):
        return para
    spans = tuple(r for s in para.spans for r in runs(s, own, fallbacks))
    if all(s.face is None for s in spans):
        return para
    return replace(para, spans=bidi.split(spans))


def apply(blocks: tuple[p.Block, ...], family: str, names: tuple[str, ...]) -> tuple[p.Block, ...]:
    """Every paragraph of the page split into runs by font."""
    from briefgen.layout import fonts

    own = fonts.coverage(family)
    every = plain(own)
    if all(every.fullmatch(s.text) for b in blocks for para in paras(b) for s in para.spans):
        return blocks  # all in the page's own font, in no script of SCRIPTS: nothing to do
    fallbacks = chain(names)
    out = tuple(_map(b, lambda para: split(para, own, fallbacks)) for b in blocks)
    if any(fb.lang for fb in fallbacks):
        from briefgen.layout import cjk

        out = cjk.register_faces(out)
    return out


@cache
def plain(own: frozenset[int]) -> re.Pattern[str]:
    """Text the page's own font draws with no run in another script (a quick test)."""
    scripted: list[tuple[int, int]] = []  # every script's ranges, merged: script_of, quicker
    for lo, hi in sorted(r for s in SCRIPTS for r in s.ranges):
        if scripted and lo <= scripted[-1][1] + 1:
            scripted[-1] = (scripted[-1][0], max(hi, scripted[-1][1]))
        else:
            scripted.append((lo, hi))
    starts = [lo for lo, _ in scripted]

    def in_script(code: int) -> bool:
        i = bisect.bisect_right(starts, code) - 1
        return i >= 0 and code <= scripted[i][1]

    codes = sorted(c for c in own | {0x0A} if not in_script(c))
    ranges, start, last = [], codes[0], codes[0]
    for code in codes[1:]:
        if code != last + 1:
            ranges.append((start, last))
            start = code
        last = code
    ranges.append((start, last))
    body = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]*")


def paras(block: p.Block) -> Iterator[p.Para]:
    if isinstance(block, p.Para):
        yield block
    elif isinstance(block, p.Quote):
        yield from block.paras
    elif isinstance(block, p.Grid):
        yield from (para for row in block.rows for cell in row.cells for para in cell.paras)


def _map(block: p.Block, f: Callable[[p.Para], p.Para]) -> p.Block:
    if isinstance(block, p.Para):
        return f(block)
    if isinstance(block, p.Quote):
        return replace(block, paras=tuple(f(x) for x in block.paras))
    if isinstance(block, p.Grid):
        rows = tuple(
            replace(row, cells=tuple(replace(c, paras=tuple(map(f, c.paras))) for c in row.cells))
            for row in block.rows
        )
        return replace(block, rows=rows)
    return block


def missing(text: str, family: str, names: tuple[str, ...]) -> list[str]:
    """Characters no font draws (or, without HarfBuzz, that need shaping), in order."""
    from briefgen.layout import fonts

    if not OTHER.search(text):
        return fonts.missing(text, family)
    own = fonts.coverage(family)
    if plain(own).fullmatch(text):
        return []  # a curly quote or a dash, all in the page's font: no fallback font is read
    fallbacks = chain(names)
    shaping = shaping_available()
    out = (
        c
        for c in dict.fromkeys(text)  # each character once: a brief repeats most of them
        if c not in "\n\t "
        and (face_of(c, own, fallbacks) is False or (script_of(c) is not None and not shaping))
    )
    return list(out)
