"""Talking points: lines the principal can say, each to an audience if given.

Matched between editions by id, else by alike text: a new line is marked NEW, a
reworded one CHANGED.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.content.checks import Field, identifier, marking, text
from briefgen.sections.section import ListSection, field_of, short


@dataclass(frozen=True)
class TalkingPoint:
    text: str
    audience: str | None = None
    id: str | None = None
    #: the portion's marking, as written; the marking scheme prints it (briefgen.markings)
    classification: str | None = None


def _label(point: Any) -> str:
    return short(field_of(point, "text"))


SECTION = ListSection(
    key="talking_points",
    entry=TalkingPoint,
    fields={
        "text": Field(text, required=True),
        "audience": Field(text),
        "id": Field(identifier),
        "classification": Field(marking),
    },
    name="talking point",
    noun="talking point",
    label=_label,
    match_text="text",
)
