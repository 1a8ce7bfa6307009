"""Next steps: who does what by when; matched by id, else by alike action (whoever owns
it, whenever it is due: those are what move); CHANGED when anything about it changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefgen.content.checks import STATUSES, Field, due, identifier, marking, one_of, text
from briefgen.sections.section import ListSection, field_of, short


@dataclass(frozen=True)
class Step:
    action: str
    owner: str | None = None
    due: dt.date | str | None = None
    status: str = "agreed"
    id: str | None = None
    #: the portion's marking, as written; the marking scheme prints it (briefgen.markings)
    classification: str | None = None


def _label(step: Any) -> str:
    return short(field_of(step, "action"))


def _moved(step: Step, was: str) -> str:
    return f"step {short(step.action)}: {was} -> {step.status}"


SECTION = ListSection(
    key="next_steps",
    entry=Step,
    fields={
        "action": Field(text, required=True),
        "owner": Field(text),
        "due": Field(due),
        "status": Field(one_of(STATUSES)),
        "id": Field(identifier),
        "classification": Field(marking),
    },
    name="next step",
    noun="step",
    label=_label,
    match_text="action",
    tracked="status",
    moved_line=_moved,
    always_recorded=True,
)
