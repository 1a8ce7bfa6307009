"""A brief's portions: the summary, every list entry and every section, with the path of
the field that holds each one's classification."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefgen.content.schema import Brief
from briefgen.content.yamlsource import Path_
from briefgen.sections import SECTIONS

#: the lists whose entries are portions, in the order a reader meets them
LISTS = (*(s.key for s in SECTIONS), "sections")


@dataclass(frozen=True)
class Portion:
    #: the field its own classification is (or would be) written in
    path: Path_
    #: what it says, as written: its own, else the brief's default (None: neither)
    written: str | None
    #: the field that marking came from (its own, or default_classification)
    source: Path_


def portions(brief: Brief) -> Iterator[Portion]:
    default = brief.default_classification
    fallback: Path_ = ("default_classification",)
    own = brief.summary_classification
    path: Path_ = ("summary_classification",)
    yield Portion(path, own or default, path if own else fallback)
    for key in LISTS:
        for i, entry in enumerate(getattr(brief, key)):
            path = (key, i, "classification")
            own = entry.classification
            yield Portion(path, own or default, path if own else fallback)


def marked(brief: Brief) -> Iterator[Path_]:
    """The fields that carry a marking of a portion, a block or a scheme."""
    for name in ("summary_classification", "default_classification", "marking", "authority", "cui"):
        if getattr(brief, name):
            yield (name,)
    for key in LISTS:
        for i, entry in enumerate(getattr(brief, key)):
            if entry.classification:
                yield (key, i, "classification")
