"""Where a line of text may break: the rules word processors follow.

A small subset of Unicode's line breaking algorithm (UAX #14), the part that
matters for Latin, Greek and Cyrillic briefs, which is what Word and LibreOffice
do with them:

- after a run of spaces (never before one), unless closing punctuation follows
  ("( a )" keeps its parenthesis);
- after a hyphen, a slash or an en dash inside a word ("co-|production",
  "MOD/|MOFA", "2025–|26"), but not before a digit ("-5", "1/2") and not
  after a hyphen that starts a word;
- before and after an em dash, and after a soft hyphen or a zero-width space;
- never at a no-break space (U+00A0, U+202F, U+2007) or a no-break hyphen
  (U+2011), nor anywhere else.

:func:`opportunities` is the whole interface: the offsets at which a new line
may start. A word longer than the line has none inside it and is split where
it must (:mod:`briefgen.layout.lines`).
"""

from __future__ import annotations

#: spaces a line may break after (U+0020 and the typographic spaces but the figure space)
SPACES = frozenset(" \t\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")
#: spaces that join what they stand between: a line never breaks at them
NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")
#: break after these inside a word (UAX #14 classes HY, SY, BA)
AFTER = frozenset("-/\u2010\u2013\u00ad\u200b")
#: break before and after (class B2)
AROUND = frozenset("\u2014")
#: nothing may start a line with these after a space (classes CL, CP, EX, IS)
CLOSING = frozenset(")]}!?,.;:\u201d\u2019\u00bb")


def opportunities(text: str) -> list[int]:
    """The offsets in text at which a new line may start, in order (0 and len excluded).

    A hard line break ("\\n") is not an opportunity but a break: callers split
    at it first.
    """
    out: list[int] = []
    n = len(text)
    for i in range(1, n):
        before, here = text[i - 1], text[i]
        if here in SPACES or before in NO_BREAK_SPACES or here in NO_BREAK_SPACES:
            continue
        if before in SPACES:
            if here not in CLOSING:
                out.append(i)
        elif before in AFTER:
            if _breaks_after(text, i - 1):
                out.append(i)
        elif (before in AROUND or here in AROUND) and not (before in AROUND and here in AROUND):
            out.append(i)
    return out


def _breaks_after(text: str, at: int) -> bool:
    """Whether a line may break after the hyphen, slash or dash at text[at]."""
    mark, after = text[at], text[at + 1]
    if mark in "\u00ad\u200b":
        return True
    if after.isdigit() and mark in "-/":
        return False  # "-5", "1/2": a sign or a fraction
    if after in CLOSING or after in AFTER:
        return False
    # A hyphen that starts a word ("-ish") stays with it.
    return at > 0 and text[at - 1] not in SPACES and text[at - 1] not in NO_BREAK_SPACES
