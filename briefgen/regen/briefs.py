"""Each brief of a build: load it, compare it with its last edition and build,
make its bytes here or in a worker process, and write its files as a pair.

With jobs > 1, briefs are prepared and their bytes made in worker processes
(see pooled.py and parallel.py) while this process keeps everything else: loading and
comparing each brief, the manifest, the editions and every write into the
output folder, in the order of the content files. So the files, the results
and their order are those of a build in one process.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import writers
from briefgen.content import schema as content
from briefgen.errors import BriefgenError, brief_error, debugging, display_path
from briefgen.markings import apply as markings
from briefgen.pipeline import as_of_date, desk, template_name
from briefgen.project import Project
from briefgen.regen import editions as changes
from briefgen.regen import pooled, retire, safewrite, shortcut
from briefgen.regen.job import Job, Made, Summary, make
from briefgen.regen.keys import Digests, inputs
from briefgen.regen.manifest import Manifest
from briefgen.regen.writes import Writes
from briefgen.render.templating import Templates

if TYPE_CHECKING:
    from concurrent.futures import Future


@dataclass
class Result:
    source: Path
    #: the brief's files: written, or found up to date
    outputs: list[Path] = field(default_factory=list)
    #: the files whose bytes this build changed (a file whose bytes are the same is not rewritten)
    changed: list[Path] = field(default_factory=list)
    #: how the brief was fitted (its template, text size and fill), once it was
    prepared: Summary | None = None
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
    #: the brief's content file is gone: what became of its files, in one line
    retired: str | None = None


@dataclass
class Plan:
    """A brief after the checks this process makes; job: what is left to make, if anything."""

    result: Result
    job: Job | None = None
    edition: changes.Edition | None = None
    key: dict[str, str] = field(default_factory=dict)
    future: Future[Made] | None = None
    #: the brief's files being committed (see writes.py): those whose bytes changed
    written: Future[list[Path]] | None = None
    targets: dict[str, Path] = field(default_factory=dict)
    recorded: bool = False  # in the manifest, once its files are in place

    @property
    def ready(self) -> bool:
        return self.job is None or (self.future is not None and self.future.done())

    @property
    def committed(self) -> bool:
        return self.written is None or self.written.done()


@dataclass
class Run:
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
    jobs: int = 1
    #: where files are written: the output folder, or a generation not yet published
    into: Path | None = None
    publish: bool = False
    _shortcut: shortcut.Shortcut | None = None
    _writes: Writes = field(default_factory=lambda: Writes(threaded=False))
    #: the briefs whose files were handed over to be committed, until they are recorded
    _handed: deque[Plan] = field(default_factory=deque)

    def guard(self, result: Result, step: Callable[[], None]) -> None:
        """Run one step for a brief; a failure becomes the brief's error line."""
        try:
            step()
        except Exception as exc:  # a bug must not stop the other briefs
            if debugging() and not isinstance(exc, (BriefgenError, OSError)):
                raise
            result.error = brief_error(result.source, exc)

    def one(self, source: Path) -> Plan:
        """Build one brief in this process (its files may still be being committed)."""
        plan = self.plan(source)
        if plan.job is not None:
            self.guard(plan.result, partial(self.make_here, plan))
        return plan

    def plan(self, source: Path) -> Plan:
        """Load the brief, compare it with its last edition and build; what is left to do."""
        plan = Plan(Result(source))
        self.guard(plan.result, partial(self._plan, plan))
        return plan

    def _plan(self, plan: Plan) -> None:
        result = plan.result
        source = result.source
        earlier = self.stems.setdefault(source.stem, source)
        if earlier != source:
            raise BriefgenError(
                f"writes the same files as {display_path(earlier)}; rename one of them",
                file=display_path(source),
            )
        if self.write and not self.force and not self.publish and self._known(plan):
            return
        brief = content.load(source)
        result.inputs = brief.inputs
        edition = plan.edition = changes.edition(self.manifest.state, source.stem, brief)
        result.changes = changes.compare(edition.base, brief)
        when = as_of_date(brief, self.as_of)  # once: a build that crosses midnight agrees
        if self.write:
            plan.key = inputs(
                files=brief.inputs,
                project=self.project,
                templates=self.templates,
                template=template_name(brief, self.templates),
                as_of=when.isoformat(),
                edition=changes.digest(edition.base),
                digests=self.digests,
            )
            plan.key.update(markings.inputs(brief, desk(self.templates)))
            reasons = self.manifest.reasons(
                source.stem, plan.key, self.formats, self.allow_overflow
            )
            if not reasons and not self.force:
                result.skipped = True
                entry = self.manifest.entries[source.stem]
                result.outputs = [self.out_dir / entry.outputs[f].file for f in self.formats]
                if self.publish:
                    changes.record(edition, publish=True)
                self.manifest.restamp(
                    source.stem,
                    shortcut.stamp(brief, result.changes, self.manifest.state, source.stem),
                )
                return
            result.reasons = ["--force"] if self.force else reasons
        plan.job = Job(
            brief,
            result.changes,
            when,
            self.allow_overflow,
            source.stem,
            self.formats if self.write else (),
        )

    def _known(self, plan: Plan) -> bool:
        """Whether the brief's stamp shows it up to date, without loading it (see shortcut)."""
        if self._shortcut is None:
            self._shortcut = shortcut.Shortcut(
                self.project, self.templates, self.digests, self.as_of, desk(self.templates)
            )
        result = plan.result
        told = self._shortcut.check(self.manifest, result.source, self.formats, self.allow_overflow)
        if told is None:
            return False
        plan.key, known = told
        result.skipped, result.inputs, result.changes = True, known.reads, known.changes
        result.outputs = [self.out_dir / known.outputs[f] for f in self.formats]
        return True

    def make_here(self, plan: Plan) -> None:
        """Prepare the brief and make its files in this process, and stage them."""
        assert plan.job is not None
        job, result = plan.job, plan.result
        prepared = job.prepare(self.templates)
        summary = result.prepared = Summary.of(prepared)
        result.warnings.extend(summary.warnings)
        if self.write:
            self._write(plan, make(prepared, job.formats))

    def made(self, plan: Plan, made: Made) -> None:
        """Take what a worker made: how the brief fitted, and its files to write here."""
        result = plan.result
        result.prepared = made.summary
        if made.summary is not None:
            result.warnings.extend(made.summary.warnings)
        if made.error is not None:
            result.error = made.error
        elif self.write:
            self._write(plan, made.files)

    def _write(self, plan: Plan, files: dict[str, bytes]) -> None:
        """Stage a brief's files as a pair, and hand them over to be committed."""
        result = plan.result
        into = self.into or self.out_dir
        batch = safewrite.Batch()
        self._handed.append(plan)  # before it is handed over: a stop then records it
        try:
            for name in self.formats:
                plan.targets[name] = into / (result.source.stem + writers.get(name).suffix)
                batch.put(plan.targets[name], files[name], sync=False)
            plan.written = self._writes.submit(partial(self._commit, plan, batch))
        except BaseException:
            if plan.written is None or plan.written.cancel():  # not handed over, or not begun
                plan.written = None
                batch.discard()
            raise

    def _commit(self, plan: Plan, batch: safewrite.Batch) -> list[Path]:
        """Put the brief's files in place, then record its edition (on the writes' thread)."""
        assert plan.edition is not None
        with batch:
            changed = batch.commit()
        # before the manifest: a kill in between rebuilds, same bytes
        changes.record(plan.edition, publish=self.publish)
        return changed

    def _record(self, plan: Plan) -> None:
        """Once the brief's files are in place: what changed, and the manifest's record."""
        assert plan.written is not None
        changed = plan.written.result()
        result = plan.result
        result.outputs = [self.out_dir / p.name for p in plan.targets.values()]
        result.changed = [self.out_dir / p.name for p in changed]
        assert result.prepared is not None and plan.job is not None
        name = result.source.stem
        stamp = shortcut.stamp(plan.job.brief, result.changes, self.manifest.state, name)
        self.manifest.record(name, plan.key, plan.targets, not result.prepared.fits, stamp)

    def _done(self, plan: Plan) -> Result:
        if plan.written is not None and not plan.recorded:
            self.guard(plan.result, partial(self._record, plan))
            plan.recorded = True
        # recorded, or never handed over (its staging failed): a long build keeps none
        while self._handed and (self._handed[0].recorded or self._handed[0].written is None):
            self._handed.popleft()
        return plan.result

    def all(self, sources: list[Path]) -> Iterator[Result]:
        """Every brief's result, in the order of sources, once its files are in place."""
        self._writes = Writes(threaded=self.write and len(sources) > 1)
        self._handed = deque()
        writing: deque[Plan] = deque()  # made, in order, until reported
        try:
            for plan in self._made_all(sources):
                writing.append(plan)
                while writing and writing[0].committed:
                    yield self._done(writing[0])
                    writing.popleft()
            while writing:
                yield self._done(writing[0])  # waits for its commit
                writing.popleft()
        finally:  # a stop or an error: what was handed over is committed and recorded
            self._writes.close()
            for plan in list(self._handed):
                self._done(plan)
            self._handed.clear()

    def _made_all(self, sources: list[Path]) -> Iterator[Plan]:
        """Every brief made (by this process or a worker), in the order of sources."""
        if self.jobs <= 1 or len(sources) < 2:
            for source in sources:
                yield self.one(source)
            return
        yield from pooled.made(self, sources)


def retire_one(run: Run, result: Result, name: str, keep: bool) -> None:
    gone = retire.retire(
        run.manifest, run.manifest.state, name, result.source, keep=keep, into=run.into
    )
    result.retired = gone.line
