"""--jobs: briefs built in worker processes give exactly what one process gives."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from briefgen.regen import parallel, pooled
from briefgen.regen.forkserver import default_jobs
from conftest import EXAMPLE, FIXTURES, run, start

LONG = "The delegation reviewed progress on every item of the agenda in detail. " * 3
TOO_LONG = "title: Long\nsummary: S\nkey_statements:\n" + "".join(
    f"  - speaker: Speaker {i}\n    text: {LONG}\n" for i in range(40)
)
LIMIT = 60.0  # seconds any one wait may take before the test gives up (not a timing assert)
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
STEPS = (
    "title: Steps\ndate: 2025-07-01\nsummary: S\nnext_steps:\n"
    "  - action: Meet\n    due: 2025-08-01\n    status: planned\n"
    "  - action: Sign\n    due: 2025-07-05\n    status: agreed\n"
)
BRIEFS = {
    "a-example.yaml": EXAMPLE_TEXT,
    "b-talking.yaml": EXAMPLE_TEXT + "template: talking-points\n",
    "c-pipeline.yaml": EXAMPLE_TEXT + "template: pipeline\n",
    "d-broken.yaml": "title: [unclosed\n",  # fails while loading, in the build process
    "e-too-long.yaml": TOO_LONG,  # fails while fitting, in a worker
    "f-no-glyph.yaml": "title: T\nsummary: 'A smile \U0001f600'\n",  # fails in a worker too
    "g-steps.yaml": STEPS,
    "h-fixture.yaml": (FIXTURES / "japan-philippines.yaml").read_text(encoding="utf-8"),
}


@pytest.fixture
def submitted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The briefs handed to worker processes; workers start from the second brief to build."""
    names: list[str] = []
    submit = parallel.Pool.submit

    def spy(pool: parallel.Pool, job: Any) -> Any:
        names.append(job.name)
        return submit(pool, job)

    monkeypatch.setattr(parallel.Pool, "submit", spy)
    monkeypatch.setattr(pooled, "START", 2)
    return names


def builds(folder: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Result], Path]:
    """Build the briefs three times in a fresh project: new, one brief changed, nothing changed."""
    (folder / "content").mkdir(parents=True)
    for name, text in BRIEFS.items():
        (folder / "content" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    results = [run("build", "--jobs", jobs, "--as-of", "2025-07-02", "--publish")]
    (folder / "content" / "g-steps.yaml").write_text(
        STEPS.replace("status: planned", "status: done") + "  - action: Visit\n"
    )
    results.append(run("build", "--jobs", jobs, "--as-of", "2025-07-02"))
    results.append(run("build", "--jobs", jobs, "--as-of", "2025-07-02"))
    return results, folder


def files(project: Path) -> dict[str, bytes]:
    """Every file briefgen wrote (outputs and records), but the lock, and the manifest
    without file times."""
    found = {}
    for path in sorted([*(project / "out").rglob("*"), *(project / ".briefgen").rglob("*")]):
        if path.is_file() and path.name != "lock":
            data = path.read_bytes()
            if path.name == "manifest.json":
                manifest = json.loads(data)
                for brief in manifest["briefs"].values():
                    for output in brief["outputs"].values():
                        del output["mtime_ns"]
                data = json.dumps(manifest, sort_keys=True).encode()
            found[str(path.relative_to(project))] = data
    return found


def test_two_jobs_give_the_files_lines_and_exit_codes_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, submitted: list[str]
) -> None:
    one, out_one = builds(tmp_path / "one", "1", monkeypatch)
    assert submitted == []
    two, out_two = builds(tmp_path / "two", "2", monkeypatch)
    # the briefs that got past loading went to the workers, those that changed again too
    assert sorted(submitted) == sorted(
        [n[:-5] for n in BRIEFS if n != "d-broken.yaml"]
        + ["e-too-long", "f-no-glyph", "g-steps"]
        + ["e-too-long", "f-no-glyph"]
    )
    assert [r.exit_code for r in two] == [r.exit_code for r in one] == [1, 1, 1]
    assert [r.output for r in two] == [r.output for r in one]
    lines = one[0].output.splitlines()
    assert "error: content/d-broken.yaml:1:8: invalid YAML: " in one[0].output
    assert any(line.startswith("error: content/e-too-long.yaml: does not fit") for line in lines)
    assert any(line.startswith("error: content/f-no-glyph.yaml:2: summary: ") for line in lines)
    assert "  step Meet: planned -> done" in one[1].output.splitlines()
    assert one[2].output.startswith("error: ")  # nothing built; the failures again
    written = files(out_one)
    assert "out/g-steps.docx" in written and "out/c-pipeline.pdf" in written
    state = ".briefgen/outputs/out"
    assert {f"{state}/manifest.json", f"{state}/g-steps.published.json"} <= written.keys()
    assert files(out_two) == written


def test_a_jobs_build_of_one_brief_stays_in_this_process(
    brief: Callable[..., Path], submitted: list[str]
) -> None:
    brief("title: One\nsummary: S\n")
    result = run("build", "--jobs", "4")
    assert result.exit_code == 0, result.output
    assert submitted == []


def test_validate_with_jobs_says_what_one_process_says(
    brief: Callable[..., Path], submitted: list[str]
) -> None:
    for name, text in BRIEFS.items():
        brief(text, name)
    one = run("validate", "--jobs", "1")
    two = run("validate", "--jobs", "2")
    assert len(submitted) == len(BRIEFS) - 1
    assert (two.exit_code, two.output) == (one.exit_code, one.output)
    assert "ok content/c-pipeline.yaml (template pipeline, " in one.output


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(brief: Callable[..., Path], value: str) -> None:
    brief("title: T\nsummary: S\n")
    result = run("build", "--jobs", value)
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_jobs_defaults_to_the_processors_this_process_may_use() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if hasattr(os, "process_cpu_count"):
        expected = os.process_cpu_count()
    assert default_jobs() == expected


# --- stopping a build with workers ------------------------------------------------------


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def workers(build: int) -> set[int]:
    """The started worker processes of a build: the fork server's children (Linux's /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if fields[0] != "Z":  # a zombie has ended, only not yet been reaped
            parents[int(stat.parent.name)] = int(fields[1])
    servers = {pid for pid, parent in parents.items() if parent == build}
    return {pid for pid, parent in parents.items() if parent in servers and _set_up(pid)}


def _set_up(pid: int) -> bool:
    """Whether a worker has started: it handles SIGTERM itself (parallel._start)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


@pytest.mark.parametrize(
    ("signum", "whom"),
    [
        (signal.SIGINT, "group"),  # Ctrl-C in a terminal reaches every process
        (signal.SIGTERM, "build"),  # kill, or systemd stopping the service
        (signal.SIGKILL, "build"),  # the build killed outright: its workers end on their own
    ],
    ids=["ctrl-c", "sigterm", "sigkill"],
)
def test_stopping_a_jobs_build_ends_its_workers_and_leaves_no_temporary_files(
    project: Path, tmp_path: Path, signum: signal.Signals, whom: str
) -> None:
    for i in range(12):
        (project / "content" / f"b{i:02}.yaml").write_text(f"title: Brief {i}\nsummary: S\n")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = start(
        project, "build", "--jobs", "2", pause=0.2, env={"TMPDIR": str(scratch)}, group=True
    )
    out = project / "out"
    wait_for(lambda: len(workers(proc.pid)) == 2, "two workers to start")
    started = workers(proc.pid)
    wait_for(lambda: any(out.glob(".*.tmp")), "the build to write")
    if whom == "group":
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == (-signum if signum == signal.SIGKILL else 128 + signum), err
    assert "Traceback" not in err
    gone = lambda: not any(Path(f"/proc/{pid}").exists() for pid in started)  # noqa: E731
    wait_for(gone, "the workers to end")
    # workers write no file, not even a temporary one (pymp-*: multiprocessing's own folder,
    # which a build killed outright cannot remove)
    assert [p.name for p in scratch.iterdir() if not p.name.startswith("pymp-")] == []
    if signum != signal.SIGKILL:  # nothing can clean up after a kill -9 of the build itself
        assert list(out.rglob("*.tmp")) == []
    for path in out.glob("*.pdf"):
        assert path.read_bytes().startswith(b"%PDF")  # whole files only


def test_a_worker_that_dies_fails_the_briefs_left_in_one_line_each(
    project: Path, tmp_path: Path
) -> None:
    for i in range(12):
        (project / "content" / f"b{i:02}.yaml").write_text(f"title: Brief {i}\nsummary: S\n")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = start(
        project, "build", "--jobs", "2", pause=0.2, env={"TMPDIR": str(scratch)}, group=True
    )
    wait_for(lambda: any((project / "out").glob(".*.tmp")), "the build to write")
    wait_for(lambda: bool(workers(proc.pid)), "a worker to start")
    os.kill(min(workers(proc.pid)), signal.SIGKILL)  # as the out-of-memory killer would
    out, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == 1
    assert "Traceback" not in err
    failed = err.splitlines()
    assert failed
    for line in failed:
        assert line.startswith("error: content/b")
        assert line.endswith(
            ".yaml: not built: a worker process ended abruptly (out of memory, or killed?); "
            "--jobs 1 builds in one process"
        )
    assert len(out.splitlines()) + len(failed) == 12  # every brief: built, or said why not
    assert list((project / "out").rglob("*.tmp")) == []


def test_where_worker_processes_cannot_start_this_process_builds(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, submitted: list[str]
) -> None:
    def refuse(*_: object) -> None:
        raise OSError(38, "Function not implemented")  # as on a system without sem_open

    monkeypatch.setattr(parallel.Pool, "__init__", refuse)
    for i in range(4):
        brief(f"title: Brief {i}\nsummary: S\n", f"b{i}.yaml")
    result = run("build", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 4
    assert submitted == []
