"""A command collects garbage in few steps, and leaves the exit nothing to walk.

Behaviour, not timing: the policy a finished command leaves in its process (the
collector's threshold, what is frozen), read at exit in a fresh interpreter.
"""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen import collector
from conftest import EXAMPLE, at_exit

# The collector's state at exit (see conftest.at_exit).
STATE = """
seen = {"young": gc.get_threshold()[0], "frozen": gc.get_freeze_count(),
        "objects": len(gc.get_objects())}
"""


def state_at_exit(cwd: Path, *args: str) -> tuple[dict[str, int], int]:
    state, done = at_exit(cwd, STATE, *args)
    return state, done.returncode


def test_a_build_collects_every_20000_objects_and_freezes_what_it_leaves(
    tmp_path: Path,
) -> None:
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "content")
    state, code = state_at_exit(tmp_path, "build", "-q")
    assert code == 0
    assert state["young"] == collector.YOUNG
    # everything the build left is frozen: the interpreter's exit does not walk it again
    assert state["frozen"] > 10_000
    assert state["objects"] < 1_000


def test_a_failing_command_freezes_too(tmp_path: Path) -> None:
    state, code = state_at_exit(tmp_path, "build", "-q", "no-such-file.yaml")
    assert code == 1
    assert state["frozen"] > 1_000 and state["objects"] < 1_000


@pytest.fixture
def restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_finishing_collects_the_garbage_before_it_freezes(restored: None) -> None:
    finalized: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            finalized.append("cycle")

    Cycle()  # garbage now, in a reference cycle only the collector frees
    collector.finish()
    assert finalized == ["cycle"]  # its finalizer ran: nothing frozen that was garbage


def test_start_never_makes_collections_more_frequent(restored: None) -> None:
    gc.set_threshold(50_000, 10, 10)
    collector.start()
    assert gc.get_threshold() == (50_000, 10, 10)
    gc.set_threshold(700, 10, 10)
    collector.start()
    assert gc.get_threshold() == (collector.YOUNG, 10, 10)


# A stop that arrives while the finished command collects and freezes.
SIGNALLED = """
import os, signal, sys, time
from briefgen import collector
real = collector.finish
def finish():
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.2)  # the handler runs here, if it is to
    real()
collector.finish = finish
sys.argv = ["briefgen", "--version"]
from briefgen.cli import main
main()
"""


def test_a_signal_while_a_finished_command_freezes_is_let_go_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SIGNALLED], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0  # the command's own: its work was done
    assert "briefgen" in done.stdout


# A worker's policy: what its first brief loaded is frozen once, not collected after each.
WORKER = """
import gc, json, os, sys
from pathlib import Path
from briefgen import collector, project
from briefgen.regen import parallel
parallel._start(project.find(Path.cwd()), dict(os.environ), os.getcwd())
print(json.dumps({"young": gc.get_threshold()[0]}))
"""


def test_a_worker_collects_every_20000_objects(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"young": collector.YOUNG}


def test_a_worker_freezes_once_after_its_first_brief_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from briefgen import project
    from briefgen.content import schema
    from briefgen.regen import parallel
    from briefgen.regen.editions import Changes
    from briefgen.regen.job import Job
    from briefgen.render.templating import Templates

    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / EXAMPLE.name
    shutil.copy(EXAMPLE, source)
    monkeypatch.chdir(tmp_path)
    frozen: list[int] = []
    monkeypatch.setattr(collector, "finish", lambda: frozen.append(1))
    templates = Templates(project.find(tmp_path))
    monkeypatch.setattr(parallel._worker, "templates", templates, raising=False)
    monkeypatch.setattr(parallel._worker, "settled", False)

    def job(formats: tuple[str, ...]) -> Job:
        brief = schema.load(source)
        return Job(brief, Changes(), dt.date(2025, 7, 2), False, "b", formats)

    failed = parallel.make(job(("nonesuch",)))  # a failure makes no files: nothing frozen
    assert failed.error and frozen == []
    assert parallel.make(job(("docx", "pdf"))).files
    assert parallel.make(job(("docx", "pdf"))).files
    assert frozen == [1]  # once, after the first brief made, and no collection after each
