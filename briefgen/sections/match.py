"""How an entry of a list section is recognised in the published edition.

The rule, section by section (each :class:`~briefgen.sections.section.ListSection`
declares its ``match_text``, ``match_key`` and ``alike``):

1. Entries with the same ``id`` are the same entry, whatever else changed.
2. The others are compared by their text (a statement's ``text``, a step's
   ``action``, a system's name, a talking point's ``text``) with case and runs of
   spaces ignored: two entries can be one when their ``match_key`` fields agree
   (a statement's speaker) and ``difflib.SequenceMatcher``'s ratio of their texts
   is at least the section's ``alike`` (0.6; 0.85 for system names). Two entries
   that both carry an id, and different ones, are never one.
3. Pairs are taken best first, each entry at most once on either side; equally
   alike pairs go in the order of the entries (the first now with the first
   before), so the same two editions always pair the same way and the n-th of
   several equal entries is the n-th before.

An entry left without a partner is new; one of the published edition left
without a partner was removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from briefgen.sections.section import ListSection, field_of, words


def folded(text: Any) -> str:
    """Text as it is compared: runs of spaces made one, case ignored."""
    return words(text).casefold()


def alike(a: str, b: str, least: float = 0.0) -> float:
    """How alike two folded texts are: 1.0 the same, 0.0 nothing shared; 0.0 too when
    a quick upper bound shows they are less alike than `least`."""
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)  # autojunk: long texts would drift
    if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
        return 0.0
    return matcher.ratio()


def _id(entry: Any) -> str | None:
    found = field_of(entry, "id")
    return found if isinstance(found, str) else None


def pairs(
    section: ListSection, now: Sequence[Any], before: Sequence[Mapping[str, Any]]
) -> dict[int, int]:
    """Each entry now that was in the published edition (position -> position there)."""
    paired: dict[int, int] = {}
    taken: set[int] = set()

    def pair(i: int, j: int) -> None:
        paired[i] = j
        taken.add(j)

    known: dict[str, int] = {}
    for j, entry in enumerate(before):
        if (name := _id(entry)) is not None:
            known.setdefault(name, j)
    for i, entry in enumerate(now):
        by_id = known.get(_id(entry) or "")
        if _id(entry) is not None and by_id is not None and by_id not in taken:
            pair(i, by_id)
    texts = [_matched(section, e) for e in before]
    mine = {i: _matched(section, e) for i, e in enumerate(now) if i not in paired}

    def free(i: int) -> list[int]:
        return [
            j
            for j in range(len(before))
            if j not in taken and texts[j][0] == mine[i][0] and not _apart(now[i], before[j])
        ]

    same: dict[tuple[tuple[str, ...], str], list[int]] = {}
    for j, matched in enumerate(texts):
        same.setdefault(matched, []).append(j)
    for i in mine:  # the same text first: what best-first pairs first, in this order
        ready = (
            k for k in same.get(mine[i], ()) if k not in taken and not _apart(now[i], before[k])
        )
        first = next(ready, None)
        if first is not None:
            pair(i, first)
    candidates: list[tuple[float, int, int]] = []
    for i in mine:
        if i in paired:
            continue
        for j in free(i):
            score = alike(mine[i][1], texts[j][1], section.alike)
            if score >= section.alike:
                candidates.append((-score, i, j))
    for _, i, j in sorted(candidates):
        if i not in paired and j not in taken:
            pair(i, j)
    return paired


def _matched(section: ListSection, entry: Any) -> tuple[tuple[str, ...], str]:
    """The entry's key fields and text, folded."""
    key = tuple(folded(field_of(entry, f)) for f in section.match_key)
    return key, folded(field_of(entry, section.match_text))


def _apart(entry: Any, was: Mapping[str, Any]) -> bool:
    """Both carry an id, and different ones: never the same entry."""
    mine, theirs = _id(entry), _id(was)
    return mine is not None and theirs is not None and mine != theirs
