"""Right-to-left text inside a left-to-right brief: the Unicode bidirectional algorithm.

A paragraph holding Arabic or Hebrew gets each character's embedding level by UAX #9
(python-bidi, from ``briefgen[scripts]``), the paragraph's own direction left to right,
as Word and LibreOffice resolve it: an odd level is set right to left, so a number or a
Latin acronym inside an Arabic phrase (``وزارة الدفاع 2025``) belongs to the phrase and
is placed where they place it. :func:`split` cuts the spans where the level changes;
:func:`visual` puts a stretch of spans in the order they are drawn (rule L2).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TypeVar

from briefgen.layout import page as p

Leveled = TypeVar("Leveled", bound=p.Span)


def available() -> bool:
    """Whether python-bidi (from briefgen[scripts]) is installed."""
    return importlib.util.find_spec("bidi") is not None


def levels(text: str) -> list[int]:
    """Each character's embedding level in a left-to-right paragraph (UAX #9, rules
    P2 to I2, with N0, which python-bidi's Python implementation lacks, added by
    :func:`_pair_brackets`); a line break ends a paragraph."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 0, "L"
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    for run in storage["runs"]:
        _pair_brackets(storage["chars"][run["start"] : run["start"] + run["length"]], run)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    return [int(char["level"]) for char in storage["chars"]]


def _pair_brackets(chars: list[dict[str, Any]], run: dict[str, Any]) -> None:
    """Rule N0 on one level run: a pair of brackets takes the direction of the text
    inside it (``שלום (עולם)`` is one right-to-left phrase, its brackets included), or
    of the text before it when what is inside is against the run's own direction."""
    from bidi.mirror import MIRRORED

    pairs: list[tuple[int, int]] = []
    opened: list[tuple[str, int]] = []
    for i, char in enumerate(chars):
        if char["type"] != "ON":
            continue
        ch = char["ch"]
        if unicodedata.category(ch) == "Ps" and ch in MIRRORED:
            if len(opened) == 63:  # BD16: too deep, no more pairs
                break
            opened.append((MIRRORED[ch], i))
        elif unicodedata.category(ch) == "Pe":
            at = next((k for k in range(len(opened) - 1, -1, -1) if opened[k][0] == ch), None)
            if at is not None:
                pairs.append((opened[at][1], i))
                del opened[at:]
    own = "R" if chars and chars[0]["level"] % 2 else "L"
    for start, end in sorted(pairs):
        inside = {_strong(c["type"]) for c in chars[start + 1 : end]} - {None}
        if own in inside:
            found = own
        elif inside:
            before = (_strong(c["type"]) for c in reversed(chars[:start]))
            found = next((t for t in before if t), run["sor"])  # c.1 or c.2
        else:
            continue
        for at in (start, end):
            chars[at]["type"] = found
            follow = at + 1  # marks after a bracket go with it
            while follow < len(chars) and chars[follow]["orig"] == "NSM":
                chars[follow]["type"] = found
                follow += 1


def _strong(kind: str) -> str | None:
    """A resolved type as N0 reads it: numbers count as right to left."""
    return "L" if kind == "L" else "R" if kind in ("R", "AL", "EN", "AN") else None


def split(spans: tuple[p.Span, ...]) -> tuple[p.Span, ...]:
    """The spans cut where their embedding level changes, each told its level (the same
    spans when none is right to left). Without python-bidi, a right-to-left run is
    level 1 and everything else level 0, as before it."""
    if not any(s.face is not None and s.face.rtl for s in spans):
        return spans
    text = "".join(s.text for s in spans)
    if available():
        found = levels(text)
    else:
        found = [int(s.face is not None and s.face.rtl) for s in spans for _ in s.text]
    out: list[p.Span] = []
    at = 0
    for span in spans:
        mine = found[at : at + len(span.text)]
        start = 0
        for i in range(1, len(mine) + 1):
            if i == len(mine) or mine[i] != mine[start]:
                out.append(replace(span, text=span.text[start:i], level=mine[start]))
                start = i
        at += len(span.text)
    return tuple(out)


def visual(spans: Sequence[Leveled]) -> list[Leveled]:
    """Spans of one line in the order they are drawn, left to right (UAX #9 rule L2:
    from the highest level down to 1, every stretch at that level or higher is
    reversed). A span at an odd level is itself drawn right to left."""
    order = list(spans)
    top = max((s.level for s in order), default=0)
    for level in range(top, 0, -1):
        i = 0
        while i < len(order):
            if order[i].level < level:
                i += 1
                continue
            j = i
            while j < len(order) and order[j].level >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def joined(spans: tuple[p.Span, ...]) -> tuple[p.Span, ...]:
    """The spans with the cuts :func:`split` made joined again, for a format whose reader
    orders the text itself (Word, LibreOffice, PowerPoint): a span at a right-to-left
    level and a neighbour alike but for their levels are one span."""
    out: list[p.Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and (last.level or span.level)
            and replace(last, level=0, text="") == replace(span, level=0, text="")
        ):
            out[-1] = replace(last, text=last.text + span.text, level=max(last.level, span.level))
        else:
            out.append(span)
    return tuple(out)
