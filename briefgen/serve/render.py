"""One brief as serve shows it: made in memory, from the same pipeline as a build.

Nothing is written: the PDF is made as bytes and drawn to a PNG in memory;
the DOCX is made only when asked for (a download, or LibreOffice's view). The
changes are those a build would mark now, against the edition last published,
read from the output folder's editions without recording or publishing one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefgen import preview
from briefgen.content import schema as content
from briefgen.errors import BriefgenError, brief_error, debugging
from briefgen.layout.page import Page
from briefgen.project import Project
from briefgen.regen import editions
from briefgen.regen import state as states
from briefgen.regen.job import Summary
from briefgen.render.templating import Templates
from briefgen.writers import get as writer

DPI = 110  # the page at about the size it prints on a laptop's screen


@dataclass(frozen=True)
class Picture:
    """A brief that was made: its page, the PDF and its picture, and how it fitted."""

    title: str
    page: Page
    pdf: bytes
    png: bytes
    summary: Summary
    changes: tuple[str, ...]
    first_edition: bool

    @property
    def fit(self) -> str:
        """'9 pt, 92% of the page', as build prints it."""
        return self.summary.detail

    @property
    def warning(self) -> str | None:
        return None if self.summary.fits else self.summary.warning

    def docx(self) -> bytes:
        return writer("docx").render(self.page)


@dataclass(frozen=True)
class Outcome:
    """A brief made now: its picture, or the one line that says why not."""

    source: Path
    picture: Picture | None
    error: str | None
    inputs: tuple[Path, ...]  # the files it was read from, as far as it got


def make(
    project: Project, templates: Templates, source: Path, as_of: dt.date | None = None
) -> Outcome:
    """The brief in source, made in memory; a failure becomes its error line."""
    inputs: tuple[Path, ...] = (source,)
    try:
        brief = content.load(source)
        inputs = brief.inputs or inputs
        return Outcome(source, _picture(project, templates, brief, as_of), None, inputs)
    except Exception as exc:  # a bug in one brief must not stop serving the others
        if debugging() and not isinstance(exc, (BriefgenError, OSError)):
            raise
        return Outcome(source, None, brief_error(source, exc), inputs)


def _picture(
    project: Project, templates: Templates, brief: content.Brief, as_of: dt.date | None
) -> Picture:
    from briefgen.pipeline import prepare_brief

    name = brief.path.stem
    edition = editions.edition(states.folder(project, project.output), name, brief)
    changes = editions.compare(edition.base, brief)
    prepared = prepare_brief(brief, templates, as_of=as_of, allow_overflow=True, changes=changes)
    pdf = writer("pdf").render(prepared.page)
    return Picture(
        title=brief.title,
        page=prepared.page,
        pdf=pdf,
        png=preview.sheets(pdf, DPI),
        summary=Summary.of(prepared),
        changes=changes.lines,
        first_edition=changes.first,
    )
