"""`briefgen watch`: rebuild when content, templates, theme or settings change.

What is watched (a Scope, worked out again after every build): the content
files and every file each brief read (tables, includes), the template folders
(the project's and the built-in ones), every logo, letterhead and font a
template's theme or briefgen.toml names (wherever in the project it lies), and
briefgen.toml. Changes arrive as file events, or by polling (see watchers.py).

A change to content files or to files they read rebuilds those briefs alone,
so a save is built in tens of milliseconds however many briefs the project has.
Any other change (a template, a theme, a logo, settings, a brief deleted) runs
the whole build, whose manifest rebuilds only the briefs that use what changed.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen import project as projects
from briefgen.errors import BriefgenError, display_path
from briefgen.layout.theme import PATH_KEYS
from briefgen.regen import watchers
from briefgen.regen.build import CONTENT_SUFFIXES
from briefgen.regen.runner import Echo, Options, Summary, safe_run
from briefgen.render.templating import Templates
from briefgen.resources import builtin_templates

#: names editors give the files they write before renaming them over the real one
TEMPORARY_ENDS = ("~", ".swp", ".swx", ".tmp", ".crswap", "___jb_tmp___", "___jb_old___")


def temporary(name: str) -> bool:
    return name.startswith((".", "#", "~")) or name.endswith(TEMPORARY_ENDS) or name == "4913"


@dataclass(frozen=True)
class Scope:
    """What a change must touch to call for a build; every path resolved."""

    #: files whose change matters: settings, content, what briefs read, theme files
    files: frozenset[Path] = frozenset()
    #: content folders: a new content file in one is a new brief
    content: frozenset[Path] = frozenset()
    #: template folders: any file under them matters
    trees: frozenset[Path] = frozenset()

    def matters(self, path: Path) -> bool:
        if path in self.files:
            return True
        if temporary(path.name):
            return False
        if path.parent in self.content:
            return path.suffix.lower() in CONTENT_SUFFIXES and not path.name.startswith("_")
        if path in self.content or path in self.trees:  # the folder itself made or removed
            return True
        return any(path.is_relative_to(tree) for tree in self.trees)

    def folders(self) -> set[Path]:
        """The folders to watch for file events (each one not recursively)."""
        found = {f.parent for f in self.files} | set(self.content)
        for tree in self.trees:
            if tree.is_dir():
                found.add(tree)
                found.update(p for p in tree.rglob("*") if p.is_dir())
            else:  # not made yet: its parent says when it is
                found.add(tree.parent)
        return found

    def listing(self) -> set[Path]:
        """Every file to look at when polling."""
        found = set(self.files)
        for folder in self.content:
            if folder.is_dir():
                found.update(p for p in folder.iterdir() if self.matters(p))
        for tree in self.trees:
            if tree.is_dir():
                found.update(p for p in tree.rglob("*") if p.is_file())
        return found


def _settings() -> set[Path]:
    """briefgen.toml in the working folder and each folder up to the project's."""
    here = Path.cwd().resolve()
    chain = []
    for folder in (here, *here.parents):
        chain.append(folder / projects.CONFIG)
        if chain[-1].is_file():
            return set(chain)
    return {here / projects.CONFIG}


def _theme_files(project: projects.Project) -> set[Path]:
    """The logos, letterheads and fonts every template's theme names."""
    found: set[Path] = set()
    try:
        templates = Templates(project)
        names = [name for name, _, _ in templates.available()]
    except (BriefgenError, OSError):
        return found
    for name in names:
        try:
            theme = templates.theme(name)
        except (BriefgenError, OSError):  # the build reports it; its theme.toml is watched
            continue
        found.update(
            Path(getattr(theme, key)).resolve() for key in PATH_KEYS if getattr(theme, key)
        )
    return found


def scope_of(paths: tuple[Path, ...], reads: dict[Path, frozenset[Path]], last: Scope) -> Scope:
    """What to watch now: paths (or the project's content folder) and all they use."""
    files = _settings() | {p for used in reads.values() for p in used}
    try:
        project = projects.find()
    except BriefgenError:  # a broken briefgen.toml: keep watching it and what we know
        return Scope(frozenset(files | last.files), last.content, last.trees)
    content: set[Path] = set()
    for path in paths or (project.content,):
        (content if path.is_dir() else files).add(path.resolve())
    files |= _theme_files(project)
    trees = {project.templates.resolve(), builtin_templates().resolve()}
    return Scope(frozenset(files), frozenset(content), frozenset(trees))


def choose(found: Iterable[Path], reads: dict[Path, frozenset[Path]], scope: Scope) -> list[Path]:
    """The content files to rebuild for these changes; empty: run the whole build."""
    chosen: set[Path] = set()
    readers: dict[
        Path, set[Path]
    ] = {}  # file -> the briefs that read it: one pass, not one a change
    for source, used in reads.items():
        for file in used:
            readers.setdefault(file, set()).add(source)
    for path in found:
        users = set(readers.get(path, ()))
        if not users and path.parent in scope.content and scope.matters(path):
            users = {path}  # a new brief
        if not users:
            return []  # a template, theme, setting: the manifest knows which briefs use it
        chosen |= users
    if not all(source.is_file() for source in chosen):
        return []  # a brief deleted or renamed
    return sorted(chosen)


def learn(reads: dict[Path, frozenset[Path]], summary: Summary, whole: bool) -> None:
    """Remember what each brief read; a brief that failed to load (it read nothing) keeps
    what it read before, so that fixing a table it reads rebuilds it."""
    if whole and summary.reads:
        kept = {source.resolve() for source in summary.reads}
        for gone in reads.keys() - kept:
            del reads[gone]
    for source, used in summary.reads.items():
        key = source.resolve()
        if used:
            reads[key] = frozenset({key, *(p.resolve() for p in used)})
        else:
            reads[key] = reads.get(key, frozenset({key}))


def _shown(paths: Iterable[Path]) -> str:
    names = sorted(display_path(p) for p in paths)
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def watch(
    paths: tuple[Path, ...],
    options: Options,
    echo: Echo,
    *,
    poll: bool = False,
    interval: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    max_builds: int | None = None,
    clock: bool = True,
) -> None:
    """Build now, then again after every burst of changes, until interrupted.

    poll looks at files every interval seconds instead of using file events (also the
    fallback where file events cannot be had). max_builds stops after that many builds,
    the first included (for tests). clock starts each "changed:" line with the time
    (not where the lines are stamped with it already).
    """
    reads: dict[Path, frozenset[Path]] = {}
    scope = scope_of(paths, reads, Scope())
    source: watchers.Changes = watchers.Poller(interval, sleep) if poll else watchers.Events()

    def fall_back(why: watchers.CannotWatch) -> watchers.Changes:
        echo(f"warning: cannot watch for file events ({why}); polling every {interval:g} s", True)
        poller = watchers.Poller(interval, sleep)
        poller.prime(scope)
        return poller

    try:
        try:
            source.prime(scope)  # before the first build: a save during it is seen
        except watchers.CannotWatch as why:
            source = fall_back(why)
        learn(reads, safe_run(projects.find, options, echo), whole=True)
        builds = 1
        scope = scope_of(paths, reads, scope)
        echo(f"{source.describe(scope)}; Ctrl-C stops", False)
        while max_builds is None or builds < max_builds:
            try:
                found = source.wait(scope)
            except watchers.CannotWatch as why:
                source.close()
                source = fall_back(why)
                found = source.wait(scope)
            chosen = choose(found, reads, scope)
            at = f"{time.strftime('%H:%M:%S')} " if clock else ""
            echo(f"{at}changed: {_shown(found)}", False)
            run = dataclasses.replace(options, paths=tuple(chosen)) if chosen else options
            learn(reads, safe_run(projects.find, run, echo), whole=not chosen)
            builds += 1
            scope = scope_of(paths, reads, scope)
    finally:
        source.close()
