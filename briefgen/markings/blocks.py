"""The classification authority and CUI blocks: required at the levels the scheme says,
taken from the brief (``authority:``, ``cui:``) line by line over briefgen.toml's
``[authority]`` and ``[cui]``, checked, and set as small paragraphs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefgen.content.schema import Brief
from briefgen.content.yamlsource import Path_, field_path
from briefgen.errors import BriefgenError
from briefgen.markings.derive import Read, fail
from briefgen.markings.scheme import BlockField, BlockSpec, Scheme
from briefgen.render import model

#: declassification exemptions (32 CFR 2001.26): 25X1-9, 50X1-HUM, 50X2-WMD, 75X1-9,
#: each perhaps followed by a date (25X1, 20701231)
_EXEMPTION = re.compile(r"^(25X[1-9]|50X1-HUM|50X2-WMD|75X[1-9])(,\s*(\d{8}))?$")
MOST_YEARS = 25  # a date further off needs an exemption (EO 13526 1.5(b))


@dataclass(frozen=True)
class Printed:
    """A block as it is printed: where, and its lines as (label, value)."""

    spec: BlockSpec
    lines: tuple[tuple[str, str], ...]

    def paragraph(self) -> model.Paragraph:
        runs: list[model.Run] = []
        for i, (label, value) in enumerate(self.lines):
            runs.append(model.Run(("\n" if i else "") + f"{label}: ", bold=True))
            runs.append(model.Run(value))
        return model.Paragraph(tuple(runs), "small")


def required(scheme: Scheme, levels: set[int]) -> list[BlockSpec]:
    """The blocks these levels require, in the order the scheme lists its blocks."""
    keys = {k for i in levels for k in scheme.levels[i].blocks}
    return [b for b in scheme.blocks if b.key in keys]


def blocks(
    brief: Brief,
    scheme: Scheme,
    read: tuple[Read, ...],
    desk: Mapping[str, Mapping[str, Any]],
    config: str | None,
    as_of: dt.date,
) -> tuple[Printed, ...]:
    """The blocks the portions' levels require, every required line present and valid."""
    levels = {r.marking.level for r in read}
    needed = required(scheme, levels)
    out = []
    for spec in needed:
        content = dict(getattr(brief, spec.key))
        where: Path_ = (spec.key,)
        known = {f.key for f in spec.fields}
        for key in content:
            if key not in known:
                raise fail(
                    brief,
                    (spec.key, key),
                    f"not a line of the {spec.title.lower()}; its lines: "
                    + ", ".join(sorted(known)),
                )
        top = max(
            read,
            key=lambda r: (
                r.marking.level if spec.key in scheme.levels[r.marking.level].blocks else -1
            ),
        )
        lines = []
        for f in spec.fields:
            value: Any = content.get(f.key)
            source = "the brief"
            if value is None:
                value = desk.get(spec.key, {}).get(f.key)
                source = config or "briefgen.toml"
            if value is None or (isinstance(value, str) and not value.strip()):
                if not f.required:
                    continue
                level = scheme.levels[top.marking.level].name
                at = brief.where(where if content else top.portion.source)
                raise BriefgenError(
                    f"is required: {field_path(top.portion.path)} '{top.portion.written}' "
                    f"makes the brief {level}, and {spec.why}; give {spec.key}: "
                    f"{{{f.key}: ...}} in the brief or [{spec.key}] {f.key} in briefgen.toml",
                    file=at.file,
                    line=at.line,
                    field=f"{spec.key}.{f.key}",
                )
            try:
                lines.append((f.label, _value(f, value, as_of)))
            except ValueError as exc:
                if source == "the brief":
                    raise fail(brief, (spec.key, f.key), str(exc)) from None
                raise BriefgenError(str(exc), file=source, field=f"{spec.key}.{f.key}") from None
        out.append(Printed(spec, tuple(lines)))
    return tuple(out)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _value(f: BlockField, value: Any, as_of: dt.date) -> str:
    if f.kind == "text":
        return str(value).strip() if not isinstance(value, dt.date) else value.isoformat()
    when = _date(value)
    text = str(value).strip().upper()
    if when is None and f.kind == "declassify":
        match = _EXEMPTION.match(text)
        if match is None:
            raise ValueError(
                f"'{value}' is neither a date (YYYY-MM-DD) nor an exemption "
                "(25X1-25X9, 50X1-HUM, 50X2-WMD, 75X1-75X9, perhaps with a date: 25X1, 20701231)"
            )
        if match.group(3) and _date(match.group(3)) is None:
            raise ValueError(f"'{value}': {match.group(3)} is not a date (YYYYMMDD)")
        return re.sub(r",\s*", ", ", text)
    if when is None:
        raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)")
    if when <= as_of:
        raise ValueError(f"{when.isoformat()} is not after the brief's date ({as_of.isoformat()})")
    if f.kind == "declassify" and when > _years_after(as_of, MOST_YEARS):
        raise ValueError(
            f"{when.isoformat()} is more than {MOST_YEARS} years after the brief's date: "
            "a later date needs an exemption (e.g. 25X1, 20701231)"
        )
    return when.strftime("%Y%m%d")


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
