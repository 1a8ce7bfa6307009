"""The procurement pipeline: systems by stage; matched by name, CHANGED when the stage moves."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.content.checks import STAGES, Field, one_of, text, whole_number
from briefgen.sections.section import ListSection


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


def _new(item: Item) -> str:
    return f"new system: {item.system} ({item.stage})"


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
    },
    name="procurement item",
    match=("system",),
    new_line=_new,
    tracked="stage",
    moved_line=_moved,
    always_recorded=True,
)
