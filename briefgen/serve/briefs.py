"""The briefs serve shows, as they are now, made again when their files change.

One thread makes briefs (the watcher's); the server's threads read the latest
:class:`Entry` of each, a frozen record, and wait on :meth:`Briefs.wait` for the
next generation. An entry keeps its last good picture when a change breaks
it: the page shows the error over the picture it had.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError, display_path, error_lines
from briefgen.project import Project
from briefgen.regen.build import find_content
from briefgen.render.templating import Templates
from briefgen.serve.render import Outcome, Picture, make


@dataclass(frozen=True)
class Entry:
    """One brief as the pages show it."""

    name: str  # the content file's stem, as its output files are named
    source: Path
    version: int  # a new number each time it is made again
    good: int  # the version whose picture is kept (0: none yet)
    picture: Picture | None  # the last good picture
    error: str | None  # why the latest version could not be made
    inputs: tuple[Path, ...]

    def then(self, outcome: Outcome, version: int) -> Entry:
        """This entry after a new outcome: the picture replaced, or kept beneath an error."""
        if outcome.picture is not None:
            return dataclasses.replace(
                self,
                version=version,
                good=version,
                picture=outcome.picture,
                error=None,
                inputs=outcome.inputs,
            )
        # a brief that no longer loads keeps what it read before: fixing a table it
        # reads must make it again
        inputs = tuple(dict.fromkeys((*outcome.inputs, *self.inputs)))
        return dataclasses.replace(self, version=version, error=outcome.error, inputs=inputs)


Line = tuple[str, bool]  # a line for the console, and whether it is an error


class Briefs:
    """Every brief of the project (or of the paths named), kept current by refresh()."""

    def __init__(
        self,
        find: Callable[[], Project],
        paths: tuple[Path, ...] = (),
        as_of: dt.date | None = None,
    ) -> None:
        self._find = find
        self._paths = paths
        self._as_of = as_of
        self._entries: dict[str, Entry] = {}
        self._changed = threading.Condition()
        self.generation = 0
        self.problem: str | None = None  # what stops every brief (briefgen.toml, no content)
        self.project: Project | None = None
        self._templates: Templates | None = None  # kept while only briefs' own files change

    def entries(self) -> list[Entry]:
        with self._changed:
            return list(self._entries.values())

    def get(self, name: str) -> Entry | None:
        with self._changed:
            return self._entries.get(name)

    def inputs(self) -> set[Path]:
        """Every file the briefs were read from (as far as each got)."""
        with self._changed:
            return {_real(p) for e in self._entries.values() for p in e.inputs}

    def reads(self) -> dict[Path, frozenset[Path]]:
        """Each brief's content file, with every file it read (itself included)."""
        with self._changed:
            return {
                _real(e.source): frozenset(_real(p) for p in (e.source, *e.inputs))
                for e in self._entries.values()
            }

    def wait(self, after: int, timeout: float) -> int:
        """The generation, once it is past after (or timeout seconds have passed)."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation > after, timeout)
            return self.generation

    def wake(self) -> None:
        """Wake every waiter (when the server stops)."""
        with self._changed:
            self.generation += 1
            self._changed.notify_all()

    def refresh(self, changed: Iterable[Path] | None = None) -> list[Line]:
        """Make again the briefs changed files are read into (all, where a changed file
        is no brief's own: a template, a theme, briefgen.toml, a new content file)."""
        try:
            project = self._find()
            sources = find_content(self._paths or (project.content,))
        except BriefgenError as exc:
            self.problem = str(exc)  # before the event that tells the pages
            self._publish(
                {n: Outcome(e.source, None, str(exc), e.inputs) for n, e in self._items()}
            )
            return [(f"error: {exc}", True)]
        self.project, self.problem = project, None
        chosen, lines = _by_name(sources)
        known = self.inputs()
        files = {_real(p) for p in changed or ()}
        everything = changed is None or not files <= known
        if everything or self._templates is None:  # a template, theme or setting may be new
            self._templates = Templates(project)
        templates = self._templates
        outcomes: dict[str, Outcome] = {}
        for name, source in chosen.items():
            entry = self.get(name)
            if everything or entry is None or files & {_real(p) for p in entry.inputs}:
                outcome = outcomes[name] = make(project, templates, source, self._as_of)
                lines.append(_line(name, outcome))
        self._publish(outcomes, keep=set(chosen))
        return lines

    def _items(self) -> list[tuple[str, Entry]]:
        with self._changed:
            return list(self._entries.items())

    def _publish(self, outcomes: dict[str, Outcome], keep: set[str] | None = None) -> None:
        with self._changed:
            self.generation += 1
            entries = self._entries if keep is None else {
                n: e for n, e in self._entries.items() if n in keep
            }  # fmt: skip
            for name, outcome in outcomes.items():
                before = entries.get(name) or Entry(name, outcome.source, 0, 0, None, None, ())
                entries[name] = before.then(outcome, self.generation)
            self._entries = dict(sorted(entries.items()))
            self._changed.notify_all()


def _real(path: Path) -> Path:
    return path.resolve()  # as file events name it


def _by_name(sources: list[Path]) -> tuple[dict[str, Path], list[Line]]:
    """Content files by output name; a second file of the same name is left out, said once."""
    chosen: dict[str, Path] = {}
    lines: list[Line] = []
    for source in sources:
        first = chosen.setdefault(source.stem, source)
        if first != source:
            lines.append(
                (
                    f"error: {display_path(source)}: writes the same files as "
                    f"{display_path(first)}; rename one of them (not shown)",
                    True,
                )
            )
    return chosen, lines


def _line(name: str, outcome: Outcome) -> Line:
    if outcome.picture is None:
        return ("\n".join(error_lines(outcome.error or "")), True)
    warning = outcome.picture.warning
    if warning:
        return (f"warning: {name}: {warning}", True)
    return (f"{name}: {outcome.picture.fit}", False)
