"""A build of several briefs commits each brief's files on a thread of its own while it
makes the next one, and reports a brief only once its files are in place; a stop or
a failed commit loses nothing that was handed over, and leaves no temporary file."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent import futures
from pathlib import Path

import pytest

from briefgen import project as projects
from briefgen.regen import briefs, editions, safewrite, writes
from briefgen.regen import build as building
from briefgen.regen.job import Job
from conftest import listing, run

BRIEF = "title: {name}\nsummary: About {name}.\n"
NAMES = ("a", "b", "c")
WAIT = 5.0  # seconds; only a build that does not overlap waits this long


@pytest.fixture
def three(brief: Callable[..., Path]) -> list[Path]:
    return [brief(BRIEF.format(name=name), f"{name}.yaml") for name in NAMES]


@pytest.fixture
def commits(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str], bool]]:
    """Each batch committed: the thread it ran on, the files it put in place, and
    whether the next brief's making had started while it waited (the disk is slow:
    a brief's commit waits for the next brief's making, for at most WAIT seconds)."""
    seen: list[tuple[str, list[str], bool]] = []
    started = {name: threading.Event() for name in NAMES}
    real_commit, real_prepare = safewrite.Batch.commit, Job.prepare

    def commit(self: safewrite.Batch) -> list[Path]:
        names = [s.path.name for s in self.staged]
        at = NAMES.index(self.staged[0].path.stem) if self.staged else len(NAMES)
        overlapped = at + 1 < len(NAMES) and started[NAMES[at + 1]].wait(WAIT)
        changed = real_commit(self)
        seen.append((threading.current_thread().name, names, overlapped))
        return changed

    def prepare(self: Job, templates: object) -> object:
        if self.name in started:
            started[self.name].set()
        return real_prepare(self, templates)  # type: ignore[arg-type]

    monkeypatch.setattr(safewrite.Batch, "commit", commit)
    monkeypatch.setattr(Job, "prepare", prepare)
    return seen


def test_each_brief_is_committed_off_the_build_thread_and_reported_once_in_place(
    project: Path, three: list[Path], commits: list[tuple[str, list[str], bool]]
) -> None:
    out = project / "out"
    reported = []
    for result in building.build(projects.find(project), [project / "content"]):
        assert result.error is None
        # when a brief is reported its files are there, whole, and none of them is staged
        # (the next brief's may be)
        mine = {p.name for p in result.outputs}
        assert {p.name for p in result.changed} == mine
        assert all(p.stat().st_size > 0 for p in result.outputs)
        assert not [p for p in out.iterdir() if safewrite.target(p.name) in mine]
        reported.append(result.source.stem)
    assert reported == list(NAMES)
    assert [names for _, names, _ in commits] == [[f"{n}.docx", f"{n}.pdf"] for n in NAMES]
    main = threading.main_thread().name
    assert all(thread != main and thread.startswith("briefgen-writes") for thread, *_ in commits)
    # b was being made while a's files were committed, and c while b's were
    assert [overlapped for *_, overlapped in commits] == [True, True, False]


def test_one_brief_is_committed_where_it_is_made(
    brief: Callable[..., Path], commits: list[tuple[str, list[str], bool]]
) -> None:
    brief(BRIEF.format(name="c"), "c.yaml")
    assert run("build").exit_code == 0
    assert commits == [(threading.current_thread().name, ["c.docx", "c.pdf"], False)]


def test_a_stop_while_the_next_brief_is_made_keeps_what_was_handed_over(
    project: Path,
    three: list[Path],
    commits: list[tuple[str, list[str], bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Job.prepare

    def prepare(self: Job, templates: object) -> object:
        made = real(self, templates)  # type: ignore[arg-type]
        if self.name == "c":  # b's commit waited for this (see commits): it is under way
            raise KeyboardInterrupt
        return made

    monkeypatch.setattr(Job, "prepare", prepare)
    with pytest.raises(KeyboardInterrupt):
        for _ in building.build(projects.find(project), [project / "content"]):
            pass
    assert listing(project / "out") == ["a.docx", "a.pdf", "b.docx", "b.pdf"]
    monkeypatch.setattr(Job, "prepare", real)
    result = run("build")
    assert result.exit_code == 0, result.output
    # a and b were recorded in the manifest before the stop ended the build
    assert "up to date: content/a.yaml, content/b.yaml" in result.output
    assert "built out/c.docx, out/c.pdf" in result.output


def test_a_failed_commit_is_the_briefs_error_and_keeps_its_files(
    project: Path, three: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build").exit_code == 0
    before = (project / "out" / "b.pdf").read_bytes()
    for path in three:
        path.write_text(path.read_text() + "date: 2025-03-04\n")
    real = safewrite.Batch.commit

    def commit(self: safewrite.Batch) -> list[Path]:
        if any(s.path.name == "b.pdf" for s in self.staged):
            raise OSError(28, "No space left on device")
        return real(self)

    monkeypatch.setattr(safewrite.Batch, "commit", commit)
    result = run("build", "--report", "r.json")
    assert result.exit_code == 1
    assert "error: content/b.yaml: cannot write: No space left on device" in result.output
    reported = {b["source"]: b for b in json.loads(Path("r.json").read_text())["briefs"]}
    assert reported["content/b.yaml"]["files"] == []  # none written by this build
    assert len(reported["content/a.yaml"]["files"]) == 2
    assert "built out/a.docx, out/a.pdf" in result.output
    assert "built out/c.docx, out/c.pdf" in result.output
    assert (project / "out" / "b.pdf").read_bytes() == before
    assert listing(project / "out") == [f"{n}.{s}" for n in NAMES for s in ("docx", "pdf")]
    monkeypatch.setattr(safewrite.Batch, "commit", real)
    again = run("build")
    assert "built out/b.docx, out/b.pdf" in again.output  # not recorded as built


def test_a_stop_while_waiting_for_a_commit_still_records_the_brief(
    project: Path, three: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = briefs.Run._record
    stopped: list[str] = []

    def record(self: briefs.Run, plan: briefs.Plan) -> None:
        if plan.result.source.stem == "b" and not stopped:
            assert plan.written is not None
            plan.written.exception()  # its commit is done: the stop comes as the build waits
            stopped.append("b")
            raise KeyboardInterrupt
        real(self, plan)

    monkeypatch.setattr(briefs.Run, "_record", record)
    with pytest.raises(KeyboardInterrupt):
        for _ in building.build(projects.find(project), [project / "content"]):
            pass
    assert stopped == ["b"]
    monkeypatch.setattr(briefs.Run, "_record", real)
    result = run("build")
    assert "up to date: content/a.yaml, content/b.yaml" in result.output


def test_a_stop_waits_for_the_commit_handed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    done: list[str] = []
    release = threading.Event()
    real = futures.wait
    signals = [KeyboardInterrupt(), KeyboardInterrupt()]

    def wait(pending: list[object]) -> object:
        if signals:  # a first and a second Ctrl-C arrive while close() waits
            release.set()
            raise signals.pop()
        return real(pending)  # type: ignore[arg-type]

    def commit() -> None:
        release.wait(WAIT)
        done.append("committed")

    pending = writes.Writes(threaded=True)
    pending.submit(commit)
    monkeypatch.setattr(writes, "wait", wait)
    with pytest.raises(KeyboardInterrupt):
        pending.close()
    assert signals == []
    assert done == ["committed"]  # raised only once the commit was done


def test_a_brief_is_handed_over_once_the_one_before_is_committed() -> None:
    order: list[str] = []
    release = threading.Event()

    def first() -> None:
        release.wait(WAIT)
        order.append("first committed")

    pending = writes.Writes(threaded=True)
    pending.submit(first)
    timer = threading.Timer(0.1, release.set)
    timer.start()
    second = pending.submit(lambda: order.append("second committed"))
    order.append("second handed over")
    second.result(WAIT)
    pending.close()
    timer.join()
    assert order == ["first committed", "second handed over", "second committed"]


def test_the_edition_is_recorded_once_the_files_are_in_place_and_off_the_build_thread(
    project: Path, three: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, bool, str]] = []
    record, flush = editions.record, safewrite._flush
    flushed: list[str] = []

    def recorded(edition: editions.Edition, *, publish: bool = False) -> None:
        out = project / "out"
        placed = all((out / f"{edition.name}.{s}").exists() for s in ("docx", "pdf"))
        staged = [
            p
            for p in out.iterdir()
            if (safewrite.target(p.name) or "").startswith(edition.name + ".")
        ]
        seen.append((edition.name, placed and not staged, threading.current_thread().name))
        record(edition, publish=publish)

    def synced(staged: safewrite.Staged) -> None:
        flushed.append(threading.current_thread().name)
        flush(staged)

    monkeypatch.setattr(editions, "record", recorded)
    monkeypatch.setattr(safewrite, "_flush", synced)
    assert run("build").exit_code == 0
    assert [(name, placed) for name, placed, _ in seen] == [(n, True) for n in NAMES]
    main = threading.main_thread().name
    assert all(thread != main for *_, thread in seen)
    # the files' and editions' fsyncs too; only the manifest's, at the end, is the build's
    assert flushed == ["briefgen-writes_0"] * 9 + [main]


def test_a_long_build_keeps_no_brief_once_it_is_recorded(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(6):
        brief(BRIEF.format(name=i), f"b{i}.yaml")
    kept: list[int] = []
    real = briefs.Run._done

    def done(self: briefs.Run, plan: briefs.Plan) -> briefs.Result:
        made = real(self, plan)
        kept.append(len(self._handed))
        return made

    monkeypatch.setattr(briefs.Run, "_done", done)
    assert run("build").exit_code == 0
    assert len(kept) == 6 and max(kept) <= 1  # the brief being committed, at most
