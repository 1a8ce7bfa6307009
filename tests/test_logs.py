"""Lines a scheduler can read: times off a terminal, journal priorities, signal exit codes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run

ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"
BRIEF = "title: T\nsummary: S\n"


def test_build_lines_carry_an_iso_time_with_offset_off_a_terminal(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief(BRIEF)
    brief("title: T\nsumary: typo\n", name="bad.yaml")
    monkeypatch.setenv("BRIEFGEN_TIMESTAMPS", "auto")
    result = run("build")
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert all(re.match(ISO + " ", line) for line in lines), lines
    assert any(re.match(ISO + r" error: content/bad\.yaml:2: ", line) for line in lines)
    assert any(re.match(ISO + r" built out/b\.docx", line) for line in lines)


def test_commands_that_do_not_build_print_no_times(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFGEN_TIMESTAMPS", "auto")
    result = run("templates", "list")
    assert result.exit_code == 0
    assert not re.search(ISO, result.output)


def _journal_stream(path: Path) -> str:
    info = os.stat(path)
    return f"{info.st_dev}:{info.st_ino}"


def test_under_the_journal_each_line_carries_its_syslog_priority(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(BRIEF)
    brief("title: T\nsumary: typo\n", name="bad.yaml")
    log = project / "journal.log"
    with log.open("w") as stream:
        env = {**os.environ, "JOURNAL_STREAM": _journal_stream(log)}
        env.pop("BRIEFGEN_TIMESTAMPS")
        done = subprocess.run(
            [sys.executable, "-m", "briefgen", "build"],
            cwd=project,
            stdout=stream,
            stderr=stream,
            env=env,
            timeout=120,
        )
    assert done.returncode == 1
    lines = log.read_text().splitlines()
    assert any(line.startswith("<3>error: content/bad.yaml:2: ") for line in lines), lines
    assert any(line.startswith("<6>built out/b.docx") for line in lines), lines
    assert not any(re.search(ISO, line) for line in lines)  # the journal keeps the time


def _stopped(project: Path, sig: signal.Signals) -> subprocess.CompletedProcess[str]:
    """`briefgen watch` started, given sig once it has built, and waited for."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "watch"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (project / "out" / "b.pdf").exists():
        assert time.monotonic() < deadline and proc.poll() is None, "watch never built"
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_gives_the_shells_exit_code_not_a_failure(
    project: Path, brief: Callable[..., Path], sig: signal.Signals, code: int
) -> None:
    brief(BRIEF)
    done = _stopped(project, sig)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "Aborted!" not in done.stderr
