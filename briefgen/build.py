"""Build many briefs: find the content files, skip those whose inputs have not
changed, and write each format safely, one build per output folder at a time."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefgen import changes, content, lock, safewrite, writers
from briefgen.errors import BriefgenError, display_path
from briefgen.fit import overflow_warning
from briefgen.manifest import STATE, Digests, Manifest, inputs
from briefgen.pipeline import Prepared, as_of_date, prepare_brief, template_name
from briefgen.project import Project
from briefgen.safewrite import write_atomic
from briefgen.templating import Templates

CONTENT_SUFFIXES = (".yaml", ".yml", ".json")
__all__ = ["Result", "build", "find_content", "write_atomic"]


@dataclass
class Result:
    source: Path
    #: the brief's files: written, or found up to date
    outputs: list[Path] = field(default_factory=list)
    #: the files whose bytes this build changed (a file whose bytes are the same is not rewritten)
    changed: list[Path] = field(default_factory=list)
    prepared: Prepared | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: nothing the brief is built from changed since the last build: nothing was done
    skipped: bool = False
    #: why the brief was built, e.g. "content/x.yaml changed"
    reasons: list[str] = field(default_factory=list)
    #: what changed since the previous edition
    changes: changes.Changes = field(default_factory=changes.Changes)
    #: the files the brief was read from
    inputs: tuple[Path, ...] = ()


def find_content(paths: Iterable[Path]) -> list[Path]:
    """Content files named, or found directly inside folders named (not starting with '_')."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.iterdir())
                if p.suffix.lower() in CONTENT_SUFFIXES and not p.name.startswith(("_", "."))
            )
        elif path.exists():
            found.append(path)
        else:
            raise BriefgenError("no such file or folder", file=str(path))
    if not found:
        names = ", ".join(display_path(p) for p in paths)
        raise BriefgenError(f"no content files (*.yaml, *.yml, *.json) in {names}")
    return found


@dataclass
class _Run:
    project: Project
    templates: Templates
    out_dir: Path
    formats: tuple[str, ...]
    as_of: dt.date | None
    allow_overflow: bool
    write: bool
    force: bool
    manifest: Manifest
    digests: Digests = field(default_factory=Digests)
    stems: dict[str, Path] = field(default_factory=dict)

    def one(self, source: Path) -> Result:
        result = Result(source)
        try:
            self._one(source, result)
        except BriefgenError as exc:
            result.error = str(exc)
        except OSError as exc:
            result.error = f"{display_path(source)}: cannot write: {exc.strerror or exc}"
        except Exception as exc:  # a bug must not stop the other briefs
            if os.environ.get("BRIEFGEN_DEBUG"):
                raise
            detail = " ".join(str(exc).split())[:200]
            result.error = f"{display_path(source)}: internal error: {type(exc).__name__}: {detail}"
        return result

    def _one(self, source: Path, result: Result) -> None:
        earlier = self.stems.setdefault(source.stem, source)
        if earlier != source:
            raise BriefgenError(
                f"writes the same files as {display_path(earlier)}; rename one of them",
                file=display_path(source),
            )
        brief = content.load(source)
        result.inputs = brief.inputs
        edition = changes.edition(self.out_dir / STATE, source.stem, brief)
        result.changes = changes.compare(edition.base, brief)
        key: dict[str, str] = {}
        if self.write:
            key = inputs(
                files=brief.inputs,
                project=self.project,
                templates=self.templates,
                template=template_name(brief, self.templates),
                as_of=as_of_date(brief, self.as_of).isoformat(),
                edition=changes.digest(edition.base),
                digests=self.digests,
            )
            reasons = self.manifest.reasons(source.stem, key, self.formats, self.allow_overflow)
            if not reasons and not self.force:
                result.skipped = True
                entry = self.manifest.entries[source.stem]
                result.outputs = [self.out_dir / entry.outputs[f].file for f in self.formats]
                return
            result.reasons = ["--force"] if self.force else reasons
        prepared = result.prepared = prepare_brief(
            brief,
            self.templates,
            as_of=self.as_of,
            allow_overflow=self.allow_overflow,
            changes=result.changes,
        )
        if not prepared.fitted.fits:
            result.warnings.append(overflow_warning(prepared.fitted))
        if not self.write:
            return
        targets: dict[str, Path] = {}
        with safewrite.Batch() as batch:
            for name in self.formats:
                module = writers.get(name)
                targets[name] = self.out_dir / (source.stem + module.SUFFIX)
                batch.stage(targets[name], partial(module.write, prepared.fitted))
            result.changed = batch.commit()
        result.outputs = list(targets.values())
        changes.record(edition)  # before the manifest: a kill in between rebuilds, same bytes
        self.manifest.record(source.stem, key, targets, overflow=not prepared.fitted.fits)


def build(
    project: Project,
    paths: list[Path],
    *,
    output: Path | None = None,
    formats: tuple[str, ...] | None = None,
    as_of: dt.date | None = None,
    allow_overflow: bool = False,
    write: bool = True,
    force: bool = False,
    wait: float | None = None,
    waiting: Callable[[str], None] | None = None,
) -> Iterator[Result]:
    """Build (or with write=False, only check) each brief; one Result per content file.

    Writing holds the output folder's lock (see lock.hold for wait and waiting) and
    skips a brief whose inputs are those of its last build, unless force.
    """
    formats = formats or project.formats
    for name in formats:
        if name not in writers.names():
            writers.get(name)  # the error that names the known formats
    out_dir = output or project.output
    sources = find_content(paths)
    run = _Run(
        project,
        Templates(project),
        out_dir,
        formats,
        as_of,
        allow_overflow,
        write,
        force,
        Manifest(out_dir),
    )
    if not write:
        for source in sources:
            yield run.one(source)
        return
    with lock.hold(out_dir, wait=wait, waiting=waiting):
        for folder in (out_dir, out_dir / STATE):
            safewrite.clean(folder)
        run.manifest = Manifest.load(out_dir)
        try:
            for source in sources:
                yield run.one(source)
        finally:
            run.manifest.save()
