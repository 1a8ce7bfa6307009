"""Talking points: lines the principal can say, each to an audience if given.

Matched between editions by their text: a new line is marked NEW.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.content.checks import Field, text
from briefgen.sections.section import ListSection, short


@dataclass(frozen=True)
class TalkingPoint:
    text: str
    audience: str | None = None


def _new(point: TalkingPoint) -> str:
    return f"new talking point: {short(point.text)}"


SECTION = ListSection(
    key="talking_points",
    entry=TalkingPoint,
    fields={
        "text": Field(text, required=True),
        "audience": Field(text),
    },
    name="talking point",
    match=("text",),
    new_line=_new,
    pairs_repeats=False,
)
