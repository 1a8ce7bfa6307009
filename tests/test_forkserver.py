"""The workers' fork server: started early where a build is sure to use workers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen import writers
from briefgen.regen import forkserver
from conftest import run


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each early start of the fork server (none is started for real)."""
    calls: list[int] = []
    monkeypatch.setattr("multiprocessing.forkserver.ensure_running", lambda: calls.append(1))
    return calls


def test_the_server_starts_early_only_for_many_briefs_all_to_build_in_workers(
    tmp_path: Path, started: list[int]
) -> None:
    many = forkserver.START
    assert not forkserver.start_early(1, 100, tmp_path)  # one job: no workers
    assert not forkserver.start_early(2, many - 1, tmp_path)  # built here before workers
    assert forkserver.start_early(2, many, tmp_path)  # a folder never built into
    assert forkserver.start_early(2, many, None)  # --force
    (tmp_path / "manifest-1-of-2.json").write_text("{}")
    assert not forkserver.start_early(2, many, tmp_path)  # built before: may be up to date
    assert started == [1, 1]


def test_a_first_build_of_many_briefs_starts_the_server_a_rebuild_does_not(
    brief: Callable[..., Path], started: list[int]
) -> None:
    for i in range(forkserver.START):
        brief(f"title: Brief {i}\nsummary: S\n", f"b{i}.yaml")
    assert run("build", "--jobs", "1").exit_code == 0
    assert started == []  # one job
    assert run("build", "--jobs", "2", "-o", "two").exit_code == 0
    assert started == [1]  # a folder never built into
    assert run("build", "--jobs", "2", "-o", "two").exit_code == 0
    assert started == [1]  # up to date, most likely: planned first
    assert run("build", "--jobs", "2", "-o", "two", "--force").exit_code == 0
    assert started == [1, 1]


@pytest.mark.parametrize(
    "args", [("nonesuch",), ("-f", "slides", "nonesuch")], ids=["no-such-path", "bad-format"]
)
def test_a_build_that_cannot_start_early_says_what_a_build_in_one_process_says(
    brief: Callable[..., Path], started: list[int], args: tuple[str, ...]
) -> None:
    for i in range(forkserver.START):
        brief(f"title: Brief {i}\nsummary: S\n", f"b{i}.yaml")
    one = run("build", "--jobs", "1", *args)
    two = run("build", "--jobs", "2", *args)
    assert one.exit_code in (1, 2) and "Traceback" not in one.output
    assert (two.exit_code, two.output) == (one.exit_code, one.output)
    assert started == []


def test_the_server_imports_the_pipeline_and_every_writer_before_it_forks() -> None:
    assert forkserver.PRELOAD == "briefgen.regen.preload"
    wanted = ["briefgen.pipeline", "briefgen.regen.parallel", *writers.preload()]
    code = (
        "import sys; import briefgen.regen.preload; "
        f"print([m for m in {wanted!r} if m not in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
