"""reportlab's lines for a paragraph whose lines the layout already chose.

The layout breaks every paragraph (:mod:`.lines`) and writes each line's end into
its text as a line break. reportlab's ``Paragraph.breakLines`` would then look for
breaks again: at every word it weighs hyphenation, space shrinking and splitting,
and re-counts the spaces of the whole line so far. Where no line runs past its
width none of that can change a line, so this module builds reportlab's own line
structure by the same rules without it: the same words, widths, frags and fields,
so that reportlab draws and splits the paragraph exactly as it would have.

Anything outside those rules (a line too wide, a soft hyphen, shaped or
right-to-left text, a frag that is neither text nor a line break) returns None,
and reportlab breaks the paragraph itself; so does every paragraph under a
reportlab release whose rules have not been compared (:data:`COMPARED`).
``tests/test_rllines.py`` compares the result with ``breakLines`` over every
paragraph of the built-in templates and fixtures, floats to the bit.
"""

from __future__ import annotations

from string import whitespace
from typing import Any

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab.platypus)
from reportlab import Version
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import FragLine, ParaLines, _HSFrag

TEXT = rl._FK_TEXT
BREAK = rl._FK_BREAK
SHY = "\xad"

#: reportlab releases whose breakLines, _getFragWords and _handleBulletWidth are the
#: rules this module follows (read line by line; the same in both)
COMPARED = frozenset({"5.0.1", "5.1.0"})


def plain(para: Any) -> bool:
    """Whether reportlab would break the paragraph by the rules this module follows."""
    style = para.style
    frags = para.frags
    if not frags or style.endDots or style.wordWrap or getattr(style, "hyphenationLang", ""):
        return False
    if getattr(para, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return False
    shrink = style.spaceShrinkage  # reportlab lets spaces shrink a little, never grow
    if style.shaping or not isinstance(shrink, (int, float)) or not shrink >= 0:
        return False
    for f in frags:
        if not hasattr(f, "fontName") or hasattr(f, "cbDefn") or hasattr(f, "backColor"):
            return False
        text = getattr(f, "text", None)  # None: the words of a half reportlab split
        if text is None or SHY in text or not (text or hasattr(f, "lineBreak")):
            return False
    return True


def break_lines(para: Any, widths: list[float]) -> Any | None:
    """reportlab's ``breakLines(widths)`` for a paragraph none of whose lines is too
    wide; None where reportlab must break it (see the module's docstring)."""
    if Version not in COMPARED or not plain(para):
        return None
    trial = list(widths)  # reportlab narrows the first line for a bullet, in place
    rl._handleBulletWidth(para.bulletText, para.style, trial)
    made = _one(para, trial) if len(para.frags) == 1 else _many(para, trial)
    if made is not None:
        widths[:] = trial
    return made


def _one(para: Any, widths: list[float]) -> Any | None:
    """One frag (reportlab's kind 0): its words on one line, if they fit on one."""
    f = para.frags[0]
    name, size = f.fontName, f.fontSize
    ascent, descent = getAscentDescent(name, size)
    text = rl.strip(f.text)
    if not text:
        return None
    width = getFont(name).stringWidth  # what pdfmetrics.stringWidth calls
    encoding = para.encoding
    space = width(" ", size, encoding=encoding)
    words = rl.split(text)
    current = -space
    for word in words:
        current = current + space + width(word, size, encoding=encoding)
    if not current <= widths[0]:  # (a width that is not a number fits nothing)
        return None
    para._width_max = current if current > 0 else 0
    para._splitLongWordCount = para._hyphenations = 0
    para.height = 0
    lines = [(widths[0] - current, words)]
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)


def _words(frags: list[Any]) -> list[Any] | None:
    """reportlab's frag words (``_getFragWords``) for text and line-break frags: each a
    list of its width and its (frag, text) pieces, an ``_HSFrag`` if a space follows."""
    out: list[Any] = []
    pieces: list[Any] = []
    n = 0.0
    hanging = True  # leading spaces of a line are dropped
    for f in frags:
        text = f.text
        if text:
            f._fkind = TEXT
            if hanging:
                text = rl.lstrip(text)
                if not text:
                    continue
                hanging = False
            width = getFont(f.fontName).stringWidth  # what pdfmetrics.stringWidth calls
            size = f.fontSize
            split = rl.split(text)
            if text[0] in whitespace or not split:
                if pieces:
                    pieces.insert(0, n)
                    out.append(pieces)
                    pieces = []
                    n = 0
                    spaced = False
                else:
                    spaced = bool(out) and isinstance(out[-1], _HSFrag)
                if not spaced:
                    split.insert(0, "")
                elif not split:
                    continue
            for word in split[:-1]:
                pieces.append((f, word))
                n += width(word, size, encoding="utf8")
                pieces.insert(0, n)
                out.append(_HSFrag(pieces))
                pieces = []
                n = 0
            word = split[-1]
            pieces.append((f, word))
            n += width(word, size, encoding="utf8")
            if text[-1] in whitespace:
                pieces.insert(0, n)
                out.append(_HSFrag(pieces))
                pieces = []
                n = 0
        else:  # a line break (plain() let nothing else through)
            if pieces:
                pieces.insert(0, n)
                out.append(pieces)
                pieces = []
                n = 0
            f._fkind = BREAK
            out.append([0, (f, "")])
            hanging = True
    if pieces:
        pieces.insert(0, n)
        out.append(pieces)
    return out or None


def _many(para: Any, widths: list[float]) -> Any | None:
    """Several frags (reportlab's kind 1): a FragLine for each line the breaks end."""
    words_in = _words(para.frags)
    if words_in is None:
        return None
    known: dict[tuple[str, float], tuple[float, float, float]] = {}

    def metrics(name: str, size: float) -> tuple[float, float, float]:
        """Ascent, descent and space width of a font at a size, once per paragraph."""
        made = known.get((name, size))
        if made is None:
            made = known[name, size] = (*getAscentDescent(name, size), stringWidth(" ", name, size))
        return made

    def line(line_break: bool) -> Any:
        """The line so far, as reportlab records it."""
        return FragLine(
            extraSpace=room - current,
            wordCount=n,
            lineBreak=line_break,
            words=words,
            fontSize=top,
            ascent=high,
            descent=low,
            maxWidth=room,
            sFW=start,
        )

    last_width = len(widths) - 1
    lineno = 0
    room = widths[0]
    lines: list[Any] = []
    done: list[Any] = []  # reportlab's frag words, which it keeps for splitting
    start = 0  # the first frag word of the line
    widest: float = 0
    words: list[Any] = []
    g: Any = None
    made: Any = None  # the frag g is a clone of
    n = 0
    space = current = 0.0
    top = 0.0
    high = low = 0.0
    for w in words_in:
        done.append(w)
        f = w[-1][0]
        name = f.fontName
        size = f.fontSize
        if not words:
            n = 0
            space = current = 0
            top = size
            high, low, _ = metrics(name, size)
        width = w[0]
        f = w[1][0]
        new = current + space + width if width > 0 else current
        if f._fkind == BREAK:
            words.append(f.clone())
            if current > widest:
                widest = current
            lines.append(line(not para.style.justifyBreaks))
            start = len(done) - 1
            lineno += 1
            room = widths[min(last_width, lineno)]
            words = []
            continue
        if not new <= room:
            return None  # reportlab would hyphenate, shrink spaces or split: let it
        text = w[1][1]
        if text:
            n += 1
        size = f.fontSize
        ascent, descent, _ = metrics(f.fontName, size)
        top = max(top, size)
        high = max(high, ascent)
        low = min(low, descent)
        if not words:
            g = f.clone()
            made = f
            words = [g]
            g.text = text
        elif f is not made and not sameFrag(g, f):  # a clone is the same as its frag
            if space:
                for wi in reversed(words):
                    if wi._fkind == TEXT:
                        if not wi.text.endswith(" "):
                            wi.text += " "
                        break
            g = f.clone()
            made = f
            words.append(g)
            g.text = text
        elif space:
            g.text += text if g.text.endswith(" ") else " " + text
        else:
            g.text += text
        space = metrics(name, size)[2] if isinstance(w, _HSFrag) else 0
        more = 0
        for piece in w[2:]:
            made = piece[0]
            g = made.clone()
            g.text = piece[1]
            if g.text:
                more = 1
            words.append(g)
            size = g.fontSize
            ascent, descent, _ = metrics(g.fontName, size)
            top = max(top, size)
            high = max(high, ascent)
            low = min(low, descent)
        if not text and more:
            n += 1
        current = new
    if words:
        if current > widest:
            widest = current
        lines.append(line(False))
    para._width_max = widest
    para._splitLongWordCount = para._hyphenations = 0
    para.height = 0
    para.frags = done
    return ParaLines(kind=1, lines=lines)
