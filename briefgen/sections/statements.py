"""Key statements: who said what; matched between editions by id, else by speaker and
alike text, so a corrected quote is CHANGED, not NEW."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefgen.content.checks import Field, date, identifier, marking, text
from briefgen.sections.section import ListSection, field_of, short


@dataclass(frozen=True)
class Statement:
    speaker: str
    text: str
    role: str | None = None
    source: str | None = None
    date: dt.date | None = None
    id: str | None = None
    #: the portion's marking, as written; the marking scheme prints it (briefgen.markings)
    classification: str | None = None


def _label(s: Any) -> str:
    return f"{field_of(s, 'speaker')}: {short(field_of(s, 'text'))}"


SECTION = ListSection(
    key="key_statements",
    entry=Statement,
    fields={
        "speaker": Field(text, required=True),
        "role": Field(text),
        "text": Field(text, required=True),
        "source": Field(text),
        "date": Field(date),
        "id": Field(identifier),
        "classification": Field(marking),
    },
    name="key statement",
    noun="statement",
    label=_label,
    match_text="text",
    match_key=("speaker",),
    always_recorded=True,
)
