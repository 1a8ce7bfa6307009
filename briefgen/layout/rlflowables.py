"""The reportlab flowables a laid-out page is made of: a paragraph that wraps the same
however often it is wrapped and sets its first baseline as a word processor does, and a
horizontal rule. Importing it makes reportlab keep no-break spaces inside words."""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from briefgen.layout import rlimport  # noqa: F401  # isort: skip (before reportlab.platypus)
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.paraparser import ParaFrag

from briefgen.layout import breaks, rllines
from briefgen.layout import page as p


def _keep_no_break_spaces() -> None:
    """Make reportlab's word splitting keep U+00A0, U+202F and U+2007 inside words.

    reportlab splits a paragraph's text into words at every Unicode space,
    the no-break ones included, and draws an ordinary space between the words:
    a "100\u202f000" came out with a space of the wrong width and lost its
    character. The lines themselves are chosen by the layout (layout.lines).
    """
    from reportlab.platypus import paragraph as module

    spaces = "".join(c for c in module._wsc if c not in breaks.NO_BREAK_SPACES)
    cut = re.compile(f"[{re.escape(spaces)}]+").split
    original = module.split

    def split(text: Any, delim: Any = None) -> list[str]:
        if delim is not None or isinstance(text, bytes):
            return original(text, delim)  # type: ignore[no-any-return]
        return [word for word in cut(text) if word]

    module.split = split


_keep_no_break_spaces()


@functools.cache
def color(hex_color: str) -> Any:
    """reportlab's colour for "#rrggbb", made once per process (reportlab never changes one)."""
    return colors.HexColor(hex_color)


class HLine(Flowable):  # type: ignore[misc]
    """A horizontal rule at the bottom of its height."""

    def __init__(self, line: p.Line, height: float) -> None:
        super().__init__()
        self.line = line
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(color(self.line.color))
        self.canv.setLineWidth(self.line.width)
        self.canv.line(0, self.line.width / 2, self.width, self.line.width / 2)


class StableParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that wraps the same however often it is wrapped.

    reportlab changes a paragraph's fragments while breaking a word at its hyphen,
    so a second wrap (a table wraps its cells more than once) could drop the
    hyphen of "government-to-government". Each wrap starts from copies of the
    fragments as they were made.
    """

    rule: p.Line | None = None  # drawn under the text (a section heading's underline)

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[ParaFrag] | None = None,
    ) -> None:
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        made: list[ParaFrag] = getattr(self, "frags")  # noqa: B009 - set by reportlab
        self._pristine = [copy.copy(f) for f in made]

    _wrapped_at: float | None = None  # the width of the last wrap: the lines depend on it alone
    _used = False  # whether a wrap has had the fragments (and may have changed them)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # A table wraps its cells again to draw them; reportlab drops the lines (blPara)
        # of a paragraph it could not split, and that one is wrapped anew.
        if avail_width == self._wrapped_at and hasattr(self, "blPara"):
            return self.width, self.height
        if self._used:  # the first wrap has the fragments as made; later ones copies
            setattr(self, "frags", [copy.copy(f) for f in self._pristine])  # noqa: B010
        self._used = True
        made: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return made

    def breakLines(self, width: Any) -> Any:
        # The layout chose the lines (each ends in a line break): built by reportlab's
        # rules without searching for breaks again, unless reportlab must (rllines).
        made = rllines.break_lines(self, width) if isinstance(width, list) else None
        return made if made is not None else super().breakLines(width)

    def draw(self) -> None:
        self.draw_text()
        self.draw_rule()

    def draw_text(self) -> None:
        # A word processor sets the first baseline by the paragraph's own size (its
        # paragraph mark) even where the line's text is smaller (a status tag); reportlab
        # by the text alone, which drew small text 1.5 pt higher than Word and LibreOffice.
        blpara: Any = getattr(self, "blPara", None)
        lines = getattr(blpara, "lines", None)
        if blpara is None or not lines:
            super().draw()
            return
        first = blpara.fontSize if blpara.kind == 0 else lines[0].fontSize
        drop = self.style.fontSize - first
        if drop > 0:
            self.canv.translate(0, -drop)
        super().draw()
        if drop > 0:
            self.canv.translate(0, drop)

    def draw_rule(self) -> None:
        if self.rule is not None:
            self.canv.setStrokeColor(color(self.rule.color))
            self.canv.setLineWidth(self.rule.width)
            y = -self.rule.gap - self.rule.width / 2
            self.canv.line(0, y, self.width, y)


class StableTable(Table):  # type: ignore[misc]
    """A table that keeps its sizes for a second wrap at the same width.

    The fit wraps each table to measure it, and the PDF writer draws that same table
    (see kept.py): reportlab's wrap would size every row again, from cells whose
    own wraps are kept. A wrap at the width of the last, which sized every row and
    found the table no taller than the room now offered, returns those sizes; any
    other wrap (a narrower room, or one the table must be split to fit) sizes it anew.
    """

    _wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if (
            avail_width == self._wrapped_at
            and getattr(self, "_hmax", None) == len(self._argH)
            and self._height <= avail_height
        ):
            return self._width, self._height
        made: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return made
