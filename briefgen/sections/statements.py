"""Key statements: who said what, matched between editions by speaker and text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.content.checks import Field, date, text
from briefgen.sections.section import ListSection, short


@dataclass(frozen=True)
class Statement:
    speaker: str
    text: str
    role: str | None = None
    source: str | None = None
    date: dt.date | None = None


def _new(s: Statement) -> str:
    return f"new statement: {s.speaker}: {short(s.text)}"


SECTION = ListSection(
    key="key_statements",
    entry=Statement,
    fields={
        "speaker": Field(text, required=True),
        "role": Field(text),
        "text": Field(text, required=True),
        "source": Field(text),
        "date": Field(date),
    },
    name="key statement",
    match=("speaker", "text"),
    new_line=_new,
    pairs_repeats=False,
    always_recorded=True,
)
