"""Where a line of text may break: the rules word processors follow.

A small subset of Unicode's line breaking algorithm (UAX #14), the part that
matters for Latin, Greek and Cyrillic briefs, which is what Word and LibreOffice
do with them:

- after a run of spaces (never before one), unless closing punctuation follows
  ("( a )" keeps its parenthesis);
- after a hyphen, a slash or an en dash inside a word ("co-|production",
  "MOD/|MOFA", "2025–|26", and "MQ-|9B", "2025-|26", as LibreOffice's rules,
  UAX #14 of 2006, break before a digit too), but not inside a number ("1/2")
  and not after a hyphen that starts a word ("-5");
- before and after an em dash, and after a soft hyphen or a zero-width space;
- never at a no-break space (U+00A0, U+202F, U+2007) or a no-break hyphen
  (U+2011), nor anywhere else;
- and, in Chinese and Japanese, before and after every Chinese character, kana
  and CJK punctuation mark (class ID), except before closing punctuation and
  the marks a line may not start with (、。」）ー っ...) and after opening
  punctuation (「（...): the "forbidden characters" (kinsoku) Word and LibreOffice
  apply by default. Korean breaks at spaces, and before a run of hangul that
  follows a digit, a letter or a mark ("2025|년"), as LibreOffice does: where a
  line overflows inside hangul, it goes back to where the run starts. After an
  opening mark ("“|억제력") it does so only when the run's first syllable fits
  too (:func:`conditional`), else it breaks before the mark;
- and, in Thai, where a word ends, as ICU's dictionary says
  (:mod:`briefgen.layout.dictionary`), as LibreOffice breaks it.

:func:`opportunities` is the whole interface: the offsets at which a new line
may start, and :func:`conditional` those of them that hold only if the
character after them fits too. A word longer than the line has none inside it
and is split where it must (:mod:`briefgen.layout.lines`).
"""

from __future__ import annotations

import re

from briefgen.layout import dictionary
from briefgen.lazyre import Deferred

#: Chinese characters, kana, CJK punctuation and full-width forms: a line may break around them
IDEOGRAPHIC_RANGES = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff01-\uff60"
)
#: hangul (LibreOffice's isHangul): syllables, jamo and compatibility jamo
HANGUL_RANGES = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
# The whole sets are compiled when a text first reaches them (about 3 ms for the
# ideographic set's 30,000 characters and hangul's, which no Latin brief needs).
IDEOGRAPHIC = Deferred(f"[{IDEOGRAPHIC_RANGES}]", 0)
HANGUL = Deferred(f"[{HANGUL_RANGES}]", 0)
HANGUL_RUN = Deferred(f"[{HANGUL_RANGES}]+", 0)
#: the only hangul below U+3130: the jamo (a pattern quick to compile, unlike the whole set)
JAMO = re.compile("[\u1100-\u11ff]")
#: where the whole sets begin: text wholly below is none of them
IDEOGRAPHIC_FROM, AFTER_JAMO = "\u2e80", "\u3130"


def has_ideographic(text: str, top: str) -> bool:
    """Whether text, whose greatest character is top, holds an ideographic character."""
    return top >= IDEOGRAPHIC_FROM and IDEOGRAPHIC.search(text) is not None


def has_hangul(text: str, top: str) -> bool:
    """Whether text, whose greatest character is top, holds hangul: typographic quotes
    and dashes (U+2010-U+2027) lie between the jamo and the rest, so they are told apart."""
    if top < AFTER_JAMO:
        return JAMO.search(text) is not None
    return HANGUL.search(text) is not None


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
#: no line starts with these (LibreOffice's and Word's default Japanese and Chinese kinsoku)
NOT_FIRST = frozenset(
    "!%),.:;?]}\u00a2\u00b0\u2019\u201d\u2030\u2032\u2033\u2103"
    "、。々〉》」』】〕〗〙〛ぁぃぅぇぉっゃゅょゎゕゖ゛゜ゝゞァィゥェォッャュョヮヵヶ・ーヽヾ"
    "！％），．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ￠"
)
#: a line may end with one of these past its width (Word's and LibreOffice's default)
HANGING = frozenset("、。，．")
#: no line ends with these
NOT_LAST = frozenset("$([{\u00a3\u00a5\u2018\u201c〈《「『【〔〖〘〚＄（［｛｢￡￥")


def opportunities(text: str) -> list[int]:
    """The offsets in text at which a new line may start, in order (0 and len excluded).

    A hard line break ("\\n") is not an opportunity but a break: callers split
    at it first.
    """
    out: list[int] = []
    n = len(text)
    top = max(text, default="")
    ideographic = has_ideographic(text, top)
    for i in range(1, n):
        before, here = text[i - 1], text[i]
        if here in SPACES or before in NO_BREAK_SPACES or here in NO_BREAK_SPACES:
            continue
        if ideographic and (_ideographic(before) or _ideographic(here)) and before not in SPACES:
            if here not in NOT_FIRST and before not in NOT_LAST:
                out.append(i)
            continue
        if before in SPACES:
            if here not in CLOSING:
                out.append(i)
        elif before in AFTER:
            if _breaks_after(text, i - 1):
                out.append(i)
        elif (before in AROUND or here in AROUND) and not (before in AROUND and here in AROUND):
            out.append(i)
    if has_hangul(text, top):
        out = sorted({*out, *_hangul_starts(text)})
    if dictionary.THAI.search(text) and (words := dictionary.opportunities(text)):
        return sorted({*out, *words})
    return out


def _hangul_starts(text: str) -> list[int]:
    """Where a run of hangul starts after something a line may end with (not a space,
    which breaks anyway, nor a no-break space)."""
    out = []
    for found in HANGUL_RUN.finditer(text):
        at = found.start()
        if at and text[at - 1] not in SPACES and text[at - 1] not in NO_BREAK_SPACES:
            out.append(at)
    return out


def conditional(text: str) -> frozenset[int]:
    """The opportunities that hold only when the character after them fits on the line
    too: a run of hangul after an opening mark (LibreOffice breaks before the mark when
    the run's first syllable does not fit after it)."""
    if not has_hangul(text, max(text, default="")):
        return frozenset()
    return frozenset(at for at in _hangul_starts(text) if text[at - 1] in NOT_LAST)


def _ideographic(char: str) -> bool:
    return IDEOGRAPHIC.match(char) is not None


def _breaks_after(text: str, at: int) -> bool:
    """Whether a line may break after the hyphen, slash or dash at text[at]."""
    mark, after = text[at], text[at + 1]
    if mark in "\u00ad\u200b":
        return True
    if after.isdigit() and mark == "/" and at > 0 and text[at - 1].isdigit():
        return False  # "1/2": one number (UAX #14 LB25)
    if after in CLOSING or after in AFTER:
        return False
    # A hyphen that starts a word ("-ish") stays with it.
    return at > 0 and text[at - 1] not in SPACES and text[at - 1] not in NO_BREAK_SPACES
