"""One marking read in a scheme: its level and controls, written as a portion or a banner.

``S//NF``, ``secret//noforn`` and ``SECRET//NOT RELEASABLE TO FOREIGN NATIONALS``
are the same marking in the ``us`` scheme: a level, then controls, each known by
its banner name, its portion form or an alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.markings.scheme import Control, Scheme

_SPACE = re.compile(r"\s+")
_COUNTRY = re.compile(r"[A-Z]{3,4}")
_GAP = " /,:-"  # what may stand between the parts of a marking


class Invalid(ValueError):
    """What is wrong with a marking; the caller adds file, line and field."""


@dataclass(frozen=True)
class Marking:
    level: int  # index into the scheme's levels
    flags: frozenset[str] = frozenset()  # the names of flag controls
    #: list controls and their entries: (("REL TO", ("USA", "GBR")),), in scheme order
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def listed(self, name: str) -> tuple[str, ...] | None:
        return dict(self.lists).get(name)


def _boundary(text: str, end: int) -> bool:
    return end == len(text) or text[end] in _GAP


def _longest(text: str, names: list[tuple[str, int]]) -> tuple[int, int] | None:
    """(index, length) of the longest name text starts with, at a word's end."""
    best: tuple[int, int] | None = None
    for name, i in names:
        fits = text.startswith(name) and _boundary(text, len(name))
        if fits and (best is None or len(name) > best[1]):
            best = (i, len(name))
    return best


def read(value: str, scheme: Scheme) -> Marking:
    """The marking value says, in scheme; Invalid saying what is wrong."""
    text = _SPACE.sub(" ", value.strip().upper())
    for name, hint in scheme.refused:
        if re.search(rf"(?<![A-Z]){re.escape(name)}(?![A-Z])", text):
            raise Invalid(f"'{value}': {name}: {hint}")
    levels = [
        (n, i)
        for i, level in enumerate(scheme.levels)
        for n in (level.name, level.portion, *level.aliases)
    ]
    found = _longest(text, levels)
    if found is None:
        known = ", ".join(f"{lv.name} ({lv.portion})" for lv in scheme.levels)
        raise Invalid(f"'{value}' does not start with a level of the {scheme.name} scheme: {known}")
    level, at = found
    flags: set[str] = set()
    lists: dict[str, tuple[str, ...]] = {}
    names = [(n, i) for i, c in enumerate(scheme.controls) for n in (c.name, c.portion, *c.aliases)]
    rest = text[at:]
    while rest.lstrip(_GAP):
        rest = rest.lstrip(_GAP)
        hit = _longest(rest, names)
        if hit is None:
            word = re.split(f"[{re.escape(_GAP)}]", rest)[0] or rest[:1]
            known = ", ".join(c.name for c in scheme.controls) or "none"
            raise Invalid(
                f"'{value}': '{word}' is not a control of the {scheme.name} scheme "
                f"(its controls: {known})"
            )
        control = scheme.controls[hit[0]]
        rest = rest[hit[1] :]
        if control.kind == "flag":
            flags.add(control.name)
            continue
        entries = []
        while True:
            stripped = rest.lstrip(" ,")
            match = _COUNTRY.match(stripped)
            if (
                match is None
                or not _boundary(stripped, match.end())
                or (_longest(stripped, names) is not None)
            ):
                break
            entries.append(match.group())
            rest = stripped[match.end() :]
        if not entries:
            raise Invalid(f"'{value}': {control.name} needs a list of country codes, e.g. USA, GBR")
        if control.first and control.first not in entries:
            raise Invalid(
                f"'{value}': a {control.name} list holds {control.first}: "
                f"write {control.name} {control.first}, {', '.join(entries)}"
            )
        if control.alone and set(entries) == {control.first}:
            raise Invalid(
                f"'{value}': {control.name} {control.first} releases to no one else: "
                f"write {control.alone}"
            )
        lists[control.name] = tuple(entries)
    return _checked(value, scheme, Marking(level, frozenset(flags), _ordered(scheme, lists)))


def _ordered(
    scheme: Scheme, lists: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for c in scheme.controls:
        if c.name in lists:
            out.append((c.name, _sorted(c, lists[c.name])))
    return tuple(out)


def _sorted(control: Control, entries: tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
    rest = sorted(set(entries) - {control.first})
    return (control.first, *rest) if control.first else tuple(rest)


def _checked(value: str, scheme: Scheme, marking: Marking) -> Marking:
    present = marking.flags | {name for name, _ in marking.lists}
    for c in scheme.controls:
        if c.name not in present:
            continue
        if marking.level < c.lowest:
            lowest = scheme.levels[c.lowest].name
            raise Invalid(
                f"'{value}': {c.name} marks {lowest} or above, "
                f"not {scheme.levels[marking.level].name}"
            )
        clash = [x for x in c.excludes if x in present]
        if clash:
            raise Invalid(f"'{value}': {c.name} and {clash[0]} contradict each other; keep one")
    return marking


def _controls(scheme: Scheme, marking: Marking, portion: bool) -> list[str]:
    out = []
    for c in scheme.controls:
        if c.name in marking.flags:
            out.append(c.portion if portion else c.name)
        listed = marking.listed(c.name)
        if listed is not None:
            out.append(f"{c.portion if portion else c.name} {', '.join(listed)}")
    return out


def banner(scheme: Scheme, marking: Marking) -> str:
    """The marking as a banner writes it: ``SECRET//NOFORN``."""
    parts = _controls(scheme, marking, portion=False)
    level = scheme.levels[marking.level].name
    return level + (scheme.separator + scheme.joiner.join(parts) if parts else "")


def portion(scheme: Scheme, marking: Marking) -> str:
    """The marking as a portion mark writes it: ``(S//NF)``."""
    parts = _controls(scheme, marking, portion=True)
    level = scheme.levels[marking.level].portion
    return f"({level}{scheme.separator + scheme.joiner.join(parts) if parts else ''})"


def combine(scheme: Scheme, markings: list[Marking]) -> Marking:
    """The marking of a whole made of these: the highest level, with the controls that follow.

    A flag on any part is on the whole; a list is on the whole only if every part at
    or above its lowest level carries one, and holds what they all hold; a flag that
    excludes a list (NOFORN) drops it; a list that keeps only its first entry becomes
    its `alone` flag (REL TO USA is NOFORN).
    """
    level = max(m.level for m in markings)
    flags = set().union(*(m.flags for m in markings))
    lists: dict[str, tuple[str, ...]] = {}
    for c in scheme.controls:
        if c.kind != "list":
            continue
        bound = [m for m in markings if m.level >= c.lowest]
        held = [m.listed(c.name) for m in bound]
        if not bound or any(h is None for h in held):
            continue
        common = frozenset.intersection(*(frozenset(h or ()) for h in held))
        if c.first and common <= {c.first}:
            if c.alone:
                flags.add(c.alone)
            continue
        if common:
            lists[c.name] = _sorted(c, common)
    return Marking(level, frozenset(flags), _ordered(scheme, lists))
