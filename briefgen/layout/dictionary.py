"""Where a line may break inside a Thai phrase: ICU's dictionary, as LibreOffice breaks it.

Thai writes no spaces between words, only between phrases, so a line breaks
where a word ends, and only a dictionary knows where that is. LibreOffice looks
it up in ICU's Thai dictionary; :func:`opportunities` asks the same dictionary,
through icu4py (``pip install briefgen[scripts]``, which bundles ICU), so the
PDF and LibreOffice's rendering of the DOCX break a Thai phrase at the same word. Without icu4py
there is no answer (None) and Thai breaks at spaces only, as before.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache

#: the Thai block: the dictionary decides the breaks beside these
THAI = re.compile("[\u0e00-\u0e7f]")


@cache
def available() -> bool:
    """Whether icu4py (from briefgen[scripts]) is installed."""
    return importlib.util.find_spec("icu4py") is not None


def opportunities(text: str) -> tuple[int, ...] | None:
    """The offsets in text next to a Thai character at which ICU's Thai line breaker
    lets a new line start (0 and len excluded); None when icu4py is not installed."""
    return _found(text) if available() else None


@lru_cache(maxsize=1024)
def _found(text: str) -> tuple[int, ...]:
    from icu4py.breakers import LineBreaker

    out = []
    at = 0
    # the pieces, not segments(): its offsets count UTF-16 code units
    for piece in LineBreaker(text, "th"):
        at += len(piece)
        if 0 < at < len(text) and (THAI.match(text[at - 1]) or THAI.match(text[at])):
            out.append(at)
    return tuple(out)
