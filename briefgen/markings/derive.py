"""The banner a brief's portions call for, and the check of a banner given explicitly.

The derived banner is the highest level among the portions with the controls that
follow (:func:`briefgen.markings.marking.combine`). A banner given in ``classification``
may be higher or more restrictive, never lower: a level under a portion's, a flag a
portion carries and the banner leaves out, or a release the portions do not all allow
is an error at that portion, saying what the banner would have to be.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.content.schema import Brief
from briefgen.content.yamlsource import Path_, field_path
from briefgen.errors import BriefgenError
from briefgen.markings import marking as m
from briefgen.markings.portions import Portion, portions
from briefgen.markings.scheme import Scheme


@dataclass(frozen=True)
class Read:
    """A portion with its marking read in the scheme."""

    portion: Portion
    marking: m.Marking


@dataclass(frozen=True)
class Derived:
    banner: m.Marking
    portions: tuple[Read, ...]


def fail(brief: Brief, path: Path_, message: str, source: Path_ | None = None) -> BriefgenError:
    """An error at path's field, on the line of source (where its marking was written)."""
    where = brief.where(source or path)
    named = field_path(path)
    if source is not None and source != path:
        named += f" (from {field_path(source)})"
    return BriefgenError(message, file=where.file, line=where.line, field=named)


def read_portions(brief: Brief, scheme: Scheme) -> tuple[Read, ...]:
    out = []
    for portion in portions(brief):
        if portion.written is None:
            raise fail(
                brief,
                portion.path,
                f"has no classification; under the {scheme.name} marking every portion is "
                "marked: give it classification: (summary_classification: for the summary) "
                f"or give the brief default_classification: {scheme.levels[0].portion}",
            )
        try:
            read = m.read(portion.written, scheme)
        except m.Invalid as exc:
            raise fail(brief, portion.source, str(exc)) from None
        out.append(Read(portion, read))
    return tuple(out)


def derive(brief: Brief, scheme: Scheme) -> Derived:
    read = read_portions(brief, scheme)
    return Derived(m.combine(scheme, [r.marking for r in read]), read)


def given(brief: Brief) -> bool:
    """Whether the brief states its banner (classification:), not leaving it to the portions."""
    return ("classification",) in brief.lines


def check_banner(brief: Brief, scheme: Scheme, derived: Derived) -> m.Marking:
    """The banner to print: the one given, checked against the portions; else the derived."""
    if not given(brief):
        return derived.banner
    try:
        stated = m.read(brief.classification, scheme)
    except m.Invalid as exc:
        raise fail(brief, ("classification",), str(exc)) from None
    need = m.banner(scheme, _at_least(scheme, stated, derived.banner))
    at = brief.where(("classification",))
    shown = f"the banner '{brief.classification}'" + (f" (line {at.line})" if at.line else "")
    level = scheme.levels[stated.level].name
    for r in derived.portions:
        said = f"'{r.portion.written}'"
        if r.marking.level > stated.level:
            raise fail(
                brief,
                r.portion.path,
                f"{said} is {scheme.levels[r.marking.level].name}, above {shown}"
                + ("" if brief.classification == level else f", which is {level}")
                + f"; the banner would have to be {need}",
                r.portion.source,
            )
    for flag in sorted(derived.banner.flags - stated.flags):
        culprit = _carrier(scheme, derived, flag)
        raise fail(
            brief,
            culprit.portion.path,
            f"'{culprit.portion.written}' calls for {flag}, which {shown} leaves out; "
            f"the banner would have to be {need}",
            culprit.portion.source,
        )
    for name, entries in stated.lists:
        if any(x in stated.flags for x in _excluders(scheme, name)):
            continue
        for r in derived.portions:
            control = next(c for c in scheme.controls if c.name == name)
            if r.marking.level < control.lowest:
                continue
            allowed = r.marking.listed(name) or ()
            missing = [e for e in entries if e not in allowed and e != control.first]
            if missing:
                raise fail(
                    brief,
                    r.portion.path,
                    f"'{r.portion.written}' is not {name} {', '.join(missing)}, as {shown} "
                    f"says; the banner would have to be {need}",
                    r.portion.source,
                )
    return stated


def _excluders(scheme: Scheme, name: str) -> list[str]:
    return [c.name for c in scheme.controls if name in c.excludes]


def _carrier(scheme: Scheme, derived: Derived, flag: str) -> Read:
    """The first portion that puts flag on the banner: carrying it, or whose list made it."""
    for r in derived.portions:
        if flag in r.marking.flags:
            return r
    alone = [c for c in scheme.controls if c.alone == flag]
    for r in derived.portions:
        for c in alone:
            listed = r.marking.listed(c.name)
            if listed is not None and set(listed) <= {c.first}:
                return r
    for r in derived.portions:
        if any(r.marking.listed(c.name) is not None for c in alone):
            return r
    return derived.portions[0]


def _at_least(scheme: Scheme, stated: m.Marking, derived: m.Marking) -> m.Marking:
    """The least banner that is both the stated one's level and what the portions call for."""
    level = max(stated.level, derived.level)
    flags = stated.flags | derived.flags
    lists = dict(derived.lists)
    for c in scheme.controls:
        if c.name in flags:
            for x in c.excludes:
                lists.pop(x, None)
    return m.Marking(level, frozenset(flags), tuple((k, v) for k, v in lists.items()))
