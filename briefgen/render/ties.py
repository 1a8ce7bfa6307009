"""No-break spaces where a line must not part two words: "qty 6", "¥ 4.0 bn", "100 000".

The ``tie`` filter (and briefgen's own dates) join a number to its unit, its
currency or its label with U+00A0 and the groups of a number with U+202F
(narrow no-break space); a word processor and the PDF then keep them on one
line (:mod:`briefgen.layout.breaks`). Other spaces are left as they are.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

#: "100 000": a group of three digits after a number
_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
UNITS = (
    "bn|billion|m|mn|million|tn|trillion|k|cr|crore|lakh|%|pc|per cent|percent"
    "|units?|days?|weeks?|months?|years?|km|kg|t|nm|MW|GW"
)
#: "4.0 bn", "6 units", "12 days": a number, then its unit
_UNIT = re.compile(rf"(?<=\d) (?=(?:{UNITS})(?![\w]))")
#: "qty 6", "No. 5", "US$ 1", "¥ 4.0", "USD 3": a label or a currency, then a number
_LABEL = re.compile(r"(?<![\w.$€£¥₹])(qty|Qty|QTY|[Nn]o\.|pp?\.|[A-Z]{3}|[A-Z]{0,2}[$€£¥₹]) (?=\d)")


def tie(text: object) -> str:
    """text with its numbers tied to their units, currencies, labels and groups."""
    said = "" if text is None else str(text)
    said = _GROUP.sub(NARROW_NBSP, said)
    said = _UNIT.sub(NBSP, said)
    return _LABEL.sub(rf"\1{NBSP}", said)
