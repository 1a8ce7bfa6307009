"""Markings between loading a brief and laying it out.

:func:`apply` reads every portion in the scheme, derives the banner (or checks the one
given), finds the blocks the levels require, and hands templates a brief whose
``classification`` is the banner and whose portions' ``classification`` is each one's
mark as the scheme writes it, "(S//NF)". :func:`finish` adds the blocks to the
document, so the fit measures them, and refuses a template that placed no mark.
A brief with no scheme and no marking field passes through untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.content.schema import Brief
from briefgen.errors import BriefgenError, display_path
from briefgen.layout.theme import Theme
from briefgen.markings import marking as m
from briefgen.markings.blocks import Printed, blocks
from briefgen.markings.derive import check_banner, derive, fail
from briefgen.markings.portions import LISTS, marked
from briefgen.markings.scheme import Scheme, find, load
from briefgen.render import model


@dataclass(frozen=True)
class Marked:
    brief: Brief
    scheme: Scheme | None = None
    blocks: tuple[Printed, ...] = ()


@dataclass(frozen=True)
class Desk:
    """What briefgen.toml says about markings: the scheme, and block lines for every brief."""

    marking: str = ""
    blocks: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    root: Path | None = None
    config: str | None = None


def scheme_for(brief: Brief, desk: Desk) -> Scheme | None:
    """The brief's scheme (its own marking:, else briefgen.toml's); None for none."""
    try:
        if brief.marking:
            found = load(brief.marking, brief.path.parent)
        elif desk.marking:
            found = load(desk.marking, desk.root)
        else:
            return None
    except BriefgenError as exc:
        if brief.marking:
            raise fail(brief, ("marking",), exc.message) from None
        raise BriefgenError(exc.message, file=exc.file or desk.config, field="marking") from None
    return found if found.active else None


def inputs(brief: Brief, desk: Desk) -> dict[str, str]:
    """What a brief's markings depend on, for the build's manifest: the scheme file's
    bytes and the desk's block lines; nothing for a brief that names no scheme."""
    return scheme_inputs(brief.marking, brief.path.parent, desk)


def scheme_inputs(marking: str | None, folder: Path, desk: Desk) -> dict[str, str]:
    """inputs() from what it reads of the brief: its marking: and the folder it is in."""
    name = marking or desk.marking
    if not name:
        return {}
    try:
        path = find(name, folder if marking else desk.root)
        data = path.read_bytes() if path.is_file() else b"missing"
    except (BriefgenError, OSError):
        data = b"missing"
    blocks = json.dumps(desk.blocks, sort_keys=True, ensure_ascii=False).encode()
    return {
        "marking": f"{name} {hashlib.sha256(data).hexdigest()}",
        "marking blocks": hashlib.sha256(blocks).hexdigest(),
    }


def apply(brief: Brief, desk: Desk, as_of: dt.date) -> Marked:
    scheme = scheme_for(brief, desk)
    if scheme is None:
        for path in marked(brief):
            if path != ("marking",):
                raise fail(
                    brief,
                    path,
                    'portion markings need a marking scheme: set marking = "us" (or uk, '
                    "nato, or a scheme file) in briefgen.toml, or marking: in the brief",
                )
        return Marked(brief)
    derived = derive(brief, scheme)
    banner = check_banner(brief, scheme, derived)
    printed = blocks(brief, scheme, derived.portions, desk.blocks, desk.config, as_of)
    marks = {r.portion.path: m.portion(scheme, r.marking) for r in derived.portions}
    changes: dict[str, Any] = {
        "classification": m.banner(scheme, banner),
        "summary_classification": marks[("summary_classification",)],
    }
    for key in LISTS:
        changes[key] = tuple(
            dataclasses.replace(entry, classification=marks[(key, i, "classification")])
            for i, entry in enumerate(getattr(brief, key))
        )
    return Marked(dataclasses.replace(brief, **changes), scheme, printed)


def theme(theme: Theme, marked: Marked) -> Theme:
    """The theme with each level of the scheme coloured as its [banners] entry says."""
    if marked.scheme is None:
        return theme
    banners = dict(theme.banners)
    for level in marked.scheme.levels:
        if level.name not in banners and level.colour in banners:
            banners[level.name] = banners[level.colour]
    return dataclasses.replace(theme, banners=banners)


def _marks(doc: model.Document) -> int:
    count = 0
    for b in doc.blocks:
        if isinstance(b, (model.Heading, model.Paragraph, model.Quote)):
            count += bool(b.mark)
        elif isinstance(b, (model.ListBlock, model.Table)):
            count += sum(1 for x in b.marks if x)
    return count


def finish(doc: model.Document, marked: Marked, template: Path) -> model.Document:
    """The document with the scheme's blocks in place; a template that marks nothing fails."""
    if marked.scheme is None:
        return doc
    if not _marks(doc):
        raise BriefgenError(
            f"the brief is marked ({marked.scheme.name}) but the template places no portion "
            'mark: give each portion\'s element mark="{{ item.classification }}" '
            "(see docs/markings.md)",
            file=display_path(template),
        )
    start = tuple(b.paragraph() for b in marked.blocks if b.spec.position == "start")
    end = tuple(b.paragraph() for b in marked.blocks if b.spec.position == "end")
    return dataclasses.replace(doc, blocks=(*start, *doc.blocks, *end))
