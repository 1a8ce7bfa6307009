"""watch: one rebuild per burst of saves, says what and why, survives errors, stops cleanly."""

from __future__ import annotations

import os
import queue
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefgen.regen.watchers import Debounce, changed, scan
from conftest import run

LIMIT = 60.0  # seconds to wait for a line before giving up (not a timing assert)
BRIEF = "title: T\ndate: 2025-07-01\nsummary: First\n"


def test_a_burst_of_changes_is_handed_over_once_at_the_first_quiet_poll() -> None:
    debounce = Debounce()
    a, b = Path("a.yaml"), Path("b.yaml")
    assert debounce.feed({a}) == set()  # a save
    assert debounce.feed({a, b}) == set()  # more saves in the next poll
    assert debounce.feed(set()) == {a, b}  # quiet: one rebuild for the whole burst
    assert debounce.feed(set()) == set()  # and nothing more


def test_scans_see_added_removed_and_modified_files(tmp_path: Path) -> None:
    kept, gone, new = tmp_path / "kept", tmp_path / "gone", tmp_path / "new"
    kept.write_text("1")
    gone.write_text("1")
    before = scan([kept, gone, new])
    kept.write_text("22")
    gone.unlink()
    new.write_text("1")
    assert changed(before, scan([kept, gone, new])) == {kept, gone, new}
    assert changed(before, before) == set()


class Child:
    """briefgen watch in its own process, its output read line by line."""

    def __init__(self, project: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "briefgen", "watch", "--interval", "0.1", *args],
            cwd=project,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # a shell's background job ignores Ctrl-C, and its children inherit that
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, start: str) -> str:
        """Read lines until one starts with start; return it."""
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if line.startswith(start):
                return line
        pytest.fail(f"no line starting {start!r}; saw {self.seen}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        assert self.proc.stdout is not None
        self.proc.stdout.close()


@pytest.fixture
def watching(brief: Callable[..., Path], project: Path) -> Iterator[tuple[Child, Path]]:
    path = brief(BRIEF)
    child = Child(project)
    yield child, path
    child.stop()


@pytest.fixture
def child(project: Path) -> Iterator[Callable[..., Child]]:
    """Start briefgen watch in the project: child(*arguments)."""
    started: list[Child] = []

    def start(*args: str) -> Child:
        started.append(Child(project, *args))
        return started[-1]

    yield start
    for one in started:
        one.stop()


def test_watch_rebuilds_after_a_save_and_says_why(watching: tuple[Child, Path]) -> None:
    child, path = watching
    child.expect("built out/b.docx, out/b.pdf (")
    child.expect("watching ")
    path.write_text(BRIEF.replace("First", "Second"))
    assert child.expect("").endswith("changed: content/b.yaml")
    line = child.expect("built ")
    assert line.startswith("built out/b.docx, out/b.pdf (")
    assert line.endswith("; content/b.yaml changed)")


def test_a_logged_change_line_carries_the_time_once(
    brief: Callable[..., Path], child: Callable[..., Child], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = brief(BRIEF)
    monkeypatch.setenv("BRIEFGEN_TIMESTAMPS", "always")  # as in a log file
    watch = child()
    watch.expect("")  # the first build's line
    path.write_text(BRIEF.replace("First", "Second"))
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"
    line = next(line for line in iter(lambda: watch.expect(""), None) if "changed: " in line)
    assert re.fullmatch(f"{stamp} changed: content/b.yaml", line), line


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_watch_keeps_going_through_an_error_and_stops_cleanly(
    watching: tuple[Child, Path], project: Path, stop: signal.Signals
) -> None:
    child, path = watching
    child.expect("watching ")
    path.write_text("title: T\nsumary: typo\n")
    child.expect("error: content/b.yaml:2: sumary: unknown field; did you mean 'summary'?")
    path.write_text(BRIEF.replace("First", "Fixed"))
    child.expect("built out/b.docx, out/b.pdf (")
    child.proc.send_signal(stop)
    child.expect("stopped watching")
    assert child.proc.wait(LIMIT) == 128 + stop  # 130 or 143: a scheduler sees the signal
    assert not any("Traceback" in line for line in child.seen)
    assert not list((project / "out").rglob("*.tmp"))


def test_watch_runs_the_on_change_command(brief: Callable[..., Path], tmp_path: Path) -> None:
    brief(BRIEF)
    record = tmp_path / "args"
    script = 'import sys; open(sys.argv[1], "w").write(" ".join(sys.argv[2:]))'
    hook = shlex.join([sys.executable, "-c", script, str(record)])
    result = run("watch", "--max-builds", "1", "--on-change", hook)
    assert result.exit_code == 0, result.output
    assert record.read_text() == "-- out/b.docx out/b.pdf"


def test_watch_keeps_watching_a_table_while_its_brief_fails(
    brief: Callable[..., Path], project: Path
) -> None:
    table = project / "content" / "pipeline.csv"
    table.write_text("system,stage\nJavelin,announced\n")
    brief("title: T\nsummary: S\nprocurement: pipeline.csv\n")
    child = Child(project)
    try:
        child.expect("built out/b.docx, out/b.pdf (")
        child.expect("watching ")
        table.write_text("system,stage\nJavelin,maybe\n")
        child.expect("error: content/pipeline.csv: row 2, column stage: 'maybe' is not one of")
        table.write_text("system,stage\nJavelin,contracted\n")
        line = child.expect("built ")
        assert line.startswith("built out/b.docx, out/b.pdf (")
    finally:
        child.stop()


def _save(path: Path, text: str) -> None:
    """Save as most editors do: write a temporary file beside it, rename it over the old."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text)
    os.replace(temporary, path)


def test_a_save_rebuilds_only_the_brief_it_changed(
    brief: Callable[..., Path], child: Callable[..., Child]
) -> None:
    a, b = brief(BRIEF, "a.yaml"), brief(BRIEF, "b.yaml")
    watch = child()
    watch.expect("watching ")
    _save(a, BRIEF.replace("First", "Second"))
    assert watch.expect("").endswith(" changed: content/a.yaml")
    assert watch.expect("built ").endswith("; content/a.yaml changed)")
    _save(b, BRIEF.replace("First", "Third"))
    assert watch.expect("").endswith(" changed: content/b.yaml")
    assert watch.expect("built ").startswith("built out/b.docx, out/b.pdf (")
    # a whole build would have said that the other brief is up to date
    assert not [line for line in watch.seen if line.startswith("up to date")]


def _logo(path: Path, size: tuple[int, int]) -> None:
    from PIL import Image

    Image.new("RGB", size, "#1f3864").save(path)


def test_a_logo_outside_templates_is_watched_and_rebuilds_the_briefs_showing_it(
    brief: Callable[..., Path], project: Path, child: Callable[..., Child]
) -> None:
    brief(BRIEF, "a.yaml")
    brief(BRIEF, "b.yaml")
    (project / "assets").mkdir()
    _logo(project / "assets" / "logo.png", (300, 100))
    (project / "briefgen.toml").write_text(
        '[theme]\nlogo = "assets/logo.png"\nlogo_alt = "Ministry"\n'
    )
    watch = child()
    watch.expect("watching ")
    _logo(project / "assets" / "logo.png", (100, 300))
    assert watch.expect("").endswith(" changed: assets/logo.png")
    assert watch.expect("built out/a.docx").endswith("; theme logo changed)")
    assert watch.expect("built out/b.docx").endswith("; theme logo changed)")


def test_watch_with_poll_rebuilds_after_a_save(
    brief: Callable[..., Path], child: Callable[..., Child]
) -> None:
    path = brief(BRIEF)
    watch = child("--poll")
    assert watch.expect("watching ").endswith(" files every 0.1 s; Ctrl-C stops")
    _save(path, BRIEF.replace("First", "Second"))
    assert watch.expect("").endswith(" changed: content/b.yaml")
    assert watch.expect("built ").endswith("; content/b.yaml changed)")


def test_watch_says_it_uses_file_events(watching: tuple[Child, Path]) -> None:
    child, _ = watching
    line = child.expect("watching ")
    assert re.fullmatch(r"watching \d+ folders for file events; Ctrl-C stops", line)
