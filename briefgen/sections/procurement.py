"""The procurement pipeline: systems by stage; matched by id, else by a name alike enough
to be a corrected spelling (a higher bar than prose: "P-8I" is not "P-8A"); CHANGED
when anything about it changed, the stage first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.content.checks import STAGES, Field, identifier, marking, one_of, text, whole_number
from briefgen.sections.section import ListSection, field_of

#: names are short: one letter of five changed is 0.8 alike, and usually another system
NAMES_ALIKE = 0.85


@dataclass(frozen=True)
class Item:
    """One system in the procurement pipeline."""

    system: str
    stage: str
    category: str | None = None
    quantity: int | None = None
    arrangement: str | None = None
    value: str | None = None
    notes: str | None = None
    id: str | None = None
    #: the portion's marking, as written; the marking scheme prints it (briefgen.markings)
    classification: str | None = None


def _label(item: Any) -> str:
    return f"{field_of(item, 'system')} ({field_of(item, 'stage')})"


def _moved(item: Item, was: str) -> str:
    return f"{item.system}: {was} -> {item.stage}"


SECTION = ListSection(
    key="procurement",
    entry=Item,
    fields={
        "system": Field(text, required=True),
        "category": Field(text),
        "quantity": Field(whole_number),
        "arrangement": Field(text),
        "stage": Field(one_of(STAGES), required=True),
        "value": Field(text),
        "notes": Field(text),
        "id": Field(identifier),
        "classification": Field(marking),
    },
    name="procurement item",
    noun="system",
    label=_label,
    match_text="system",
    alike=NAMES_ALIKE,
    tracked="stage",
    moved_line=_moved,
    always_recorded=True,
)
