"""One brief's build as it travels to a worker process and back (see parallel.py).

A worker sends back only what the build process needs: the files' bytes and a
summary of the fit, not the brief or its page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefgen.content.schema import Brief
from briefgen.layout.page import share
from briefgen.pipeline import Prepared, prepare_brief
from briefgen.regen.editions import Changes
from briefgen.render.templating import Templates
from briefgen.writers import get as writer


@dataclass(frozen=True)
class Job:
    """One brief to make; brief and changes travel together, so changes still
    knows the brief's statements, steps and items (pickle keeps shared objects shared)."""

    brief: Brief
    changes: Changes
    as_of: dt.date
    allow_overflow: bool
    name: str  # the output name (the content file's stem)
    formats: tuple[str, ...]  # none: prepare only (validate)

    def prepare(self, templates: Templates) -> Prepared:
        """Render and fit the brief, in this process or a worker alike."""
        return prepare_brief(
            self.brief,
            templates,
            as_of=self.as_of,
            allow_overflow=self.allow_overflow,
            changes=self.changes,
        )


@dataclass(frozen=True)
class Summary:
    """How a brief was fitted: what the build prints and records."""

    template: str
    scale: float  # body text size, points
    fill: float  # fraction of the page's text area used
    fits: bool
    room: float  # fraction of the text area the fit may use
    notes: tuple[str, ...] = ()  # the layout's warnings about the theme (contrast)
    pages: int = 1  # the pages the brief is set on (2: fill is the second page's)
    unshown: tuple[str, ...] = ()  # what of the brief's lists the template left out

    @classmethod
    def of(cls, prepared: Prepared) -> Summary:
        page = prepared.page
        return cls(
            prepared.template,
            page.scale,
            page.fill,
            page.fits,
            page.room,
            page.warnings,
            page.spread,
            prepared.unshown,
        )

    @property
    def detail(self) -> str:
        """'9 pt, 92% of the page' (or 'of two pages'), as build prints it."""
        return f"{self.scale:g} pt, {share(self.fill, self.pages)}"

    @property
    def warnings(self) -> list[str]:
        """Everything to warn about: not fitting, then the theme's notes."""
        return ([] if self.fits else [self.warning]) + list(self.notes)

    @property
    def warning(self) -> str:
        if self.pages == 2:
            return (
                f"its second page needs {self.fill:.0%} of the page, where only "
                f"{self.room:.0%} fits (written anyway on more than two: --allow-overflow)"
            )
        return (
            f"needs {self.fill:.0%} of the page, where only {self.room:.0%} fits on one "
            "(written anyway: --allow-overflow)"
        )


@dataclass(frozen=True)
class Made:
    summary: Summary | None
    files: dict[str, bytes]  # by format
    error: str | None = None


def make(prepared: Prepared, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Each format's bytes for a prepared brief."""
    return {name: writer(name).render(prepared.page) for name in formats}
