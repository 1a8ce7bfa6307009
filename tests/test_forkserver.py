"""The workers' fork server: started early where a build is sure to use workers."""

from __future__ import annotations

import atexit
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen import project, writers
from briefgen.regen import forkserver, parallel
from briefgen.regen.shard import parse
from conftest import run

FORKING = forkserver.context().get_start_method() == "forkserver"
forking = pytest.mark.skipif(not FORKING, reason="workers are spawned here: no fork server")


def no_server(monkeypatch: pytest.MonkeyPatch, unused: list[int]) -> None:
    """No fork server started for real; unused: the servers started early, unused."""
    monkeypatch.setattr("multiprocessing.forkserver.ensure_running", lambda: None)
    monkeypatch.setattr(forkserver, "_unused", unused)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each early start of the fork server, none of them for real (a pool's workers
    still start a real one, as they need it)."""
    calls: list[int] = []
    monkeypatch.setattr("multiprocessing.forkserver.ensure_running", lambda: calls.append(1))
    monkeypatch.setattr(forkserver, "_unused", [])
    real = forkserver.start

    def pool_start() -> None:
        before = len(calls)
        real()
        del calls[before:]

    monkeypatch.setattr(forkserver, "start", pool_start)
    return calls


@forking
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


@forking
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


@forking
def test_a_shard_starts_the_server_early_only_for_many_briefs_of_its_own(
    brief: Callable[..., Path], started: list[int]
) -> None:
    sources = [brief(f"title: Brief {i}\nsummary: S\n", f"b{i}.yaml") for i in range(12)]
    mine = parse("1/2").pick(sources)
    assert len(mine) < forkserver.START  # a few of the twelve
    assert run("build", "--jobs", "2", "--shard", "1/2").exit_code == 0
    assert started == []
    assert run("build", "--jobs", "2", "--shard", "1/1", "-o", "all").exit_code == 0
    assert started == [1]


@pytest.mark.parametrize(
    "args", [("nonesuch",), ("-f", "slides")], ids=["no-such-path", "bad-format"]
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


@forking
def test_ctrl_c_is_ignored_while_the_server_starts_and_heeded_again_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    during: list[object] = []
    monkeypatch.setattr(
        "multiprocessing.forkserver.ensure_running",
        lambda: during.append(signal.getsignal(signal.SIGINT)),
    )
    monkeypatch.setattr(forkserver, "_unused", [])
    before = signal.getsignal(signal.SIGINT)
    assert forkserver.start_early(2, forkserver.START, None)
    forkserver.start()  # as a pool starts it
    assert during == [signal.SIG_IGN, signal.SIG_IGN]  # the server inherits it
    assert signal.getsignal(signal.SIGINT) is before


@forking
def test_a_pool_keeps_the_server_it_was_started_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_server(monkeypatch, [])
    monkeypatch.setattr(forkserver, "_server_pid", lambda: 4321)
    monkeypatch.setattr(atexit, "register", lambda f: f)
    assert forkserver.start_early(2, forkserver.START, tmp_path)
    assert forkserver._unused == [4321]  # ended at exit, unless a pool takes it
    ended: list[int] = []
    monkeypatch.setattr(forkserver.os, "kill", lambda pid, sig: ended.append(pid))
    monkeypatch.setattr(forkserver.os, "waitpid", lambda pid, flags: (pid, 0))
    pool = parallel.Pool(project.find(tmp_path), 2)
    pool.stop()
    forkserver._end_unused()
    assert ended == []  # the pool took it


@forking
def test_a_server_started_early_and_never_used_is_ended_as_the_process_exits(
    tmp_path: Path,
) -> None:
    code = (
        "import atexit, os\n"
        "from briefgen.regen import forkserver\n"
        "def check():\n"  # registered first, so it runs after briefgen's own handler
        "    try:\n"
        "        os.kill(pid, 0)\n"
        "        print('running')\n"
        "    except ProcessLookupError:\n"
        "        print('ended')\n"
        "atexit.register(check)\n"
        "assert forkserver.start_early(2, forkserver.START, None)\n"
        "pid = forkserver._server_pid()\n"
        "print(pid is not None)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "ended"]
    assert done.stderr == ""


def test_a_ctrl_c_while_a_worker_may_be_starting_is_acted_on_once_it_has() -> None:
    reached: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        with parallel._held():
            signal.raise_signal(signal.SIGINT)
            reached.append("the rest of the block")
        reached.append("never")
    assert reached == ["the rest of the block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_submitting_a_brief_holds_a_ctrl_c_until_the_worker_it_may_start_is_known() -> None:
    done: list[str] = []

    class Starting:
        def submit(self, *_: object) -> str:
            signal.raise_signal(signal.SIGINT)  # as the worker is being forked
            done.append("worker started and known")
            return "future"

    pool = parallel.Pool.__new__(parallel.Pool)
    pool._executor = Starting()  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        pool.submit(None)  # type: ignore[arg-type]
    assert done == ["worker started and known"]


def test_a_second_stop_while_held_is_acted_on_at_once() -> None:
    reached: list[str] = []
    with pytest.raises(KeyboardInterrupt), parallel._held():
        signal.raise_signal(signal.SIGINT)
        reached.append("held")
        signal.raise_signal(signal.SIGINT)  # pressed again: the fork server may be stuck
        reached.append("never")
    assert reached == ["held"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_error_while_held_puts_the_handlers_back() -> None:
    term = signal.getsignal(signal.SIGTERM)
    with pytest.raises(ValueError, match="boom"), parallel._held():
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        raise ValueError("boom")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.getsignal(signal.SIGTERM) is term


@forking
def test_a_pool_that_cannot_start_leaves_the_early_server_to_be_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_server(monkeypatch, [4321])

    def refuse(*_: object, **__: object) -> None:
        raise OSError(38, "Function not implemented")  # no sem_open

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    with pytest.raises(OSError):
        parallel.Pool(project.find(tmp_path), 2)
    assert forkserver._unused == [4321]  # still ended at exit: no pool took it
