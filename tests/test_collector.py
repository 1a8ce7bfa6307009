"""A command collects garbage in few steps, and leaves the exit nothing to walk.

Behaviour, not timing: the policy a finished command leaves in its process (the
collector's threshold, what is frozen), read at exit in a fresh interpreter.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen import collector
from conftest import EXAMPLE

# Runs the command line as the console script does; at exit, prints the collector's state.
PROGRAM = """
import atexit, gc, json, sys
def shown():
    state = {"young": gc.get_threshold()[0], "frozen": gc.get_freeze_count(),
             "objects": len(gc.get_objects())}
    sys.__stdout__.write("\\nGC " + json.dumps(state) + "\\n")
atexit.register(shown)
sys.argv = ["briefgen", *ARGS]
from briefgen.cli import main
main()
"""


def state_at_exit(cwd: Path, *args: str) -> tuple[dict[str, int], int]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.replace("ARGS", repr(list(args)))],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BRIEFGEN_TIMESTAMPS": "never"},
    )
    line = [x for x in done.stdout.splitlines() if x.startswith("GC ")][-1]
    return json.loads(line.removeprefix("GC ")), done.returncode


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
