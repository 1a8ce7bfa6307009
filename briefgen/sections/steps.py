"""Next steps: who does what by when; matched by action, CHANGED when the status moves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.content.checks import STATUSES, Field, due, one_of, text
from briefgen.sections.section import ListSection, short


@dataclass(frozen=True)
class Step:
    action: str
    owner: str | None = None
    due: dt.date | str | None = None
    status: str = "agreed"


def _new(step: Step) -> str:
    return f"new step: {short(step.action)}"


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
    },
    name="next step",
    match=("action",),
    new_line=_new,
    tracked="status",
    moved_line=_moved,
    always_recorded=True,
)
