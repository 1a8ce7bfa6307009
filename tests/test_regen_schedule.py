"""schedule: cron expressions, durations, the run loop, and the command itself."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.regen import cron
from briefgen.regen.runner import Summary
from briefgen.regen.schedule import Cron, Every, duration, schedule
from conftest import run

T = dt.datetime


@pytest.mark.parametrize(
    ("expr", "after", "expected"),
    [
        ("0 6 * * 1-5", T(2025, 7, 4, 6, 0), T(2025, 7, 7, 6, 0)),  # Friday 06:00 -> Monday
        ("0 6 * * 1-5", T(2025, 7, 4, 5, 59, 30), T(2025, 7, 4, 6, 0)),
        ("*/15 * * * *", T(2025, 7, 1, 10, 7), T(2025, 7, 1, 10, 15)),
        ("*/15 * * * *", T(2025, 7, 1, 10, 50), T(2025, 7, 1, 11, 0)),  # into the next hour
        ("10,40 9,17 * * *", T(2025, 7, 1, 9, 41), T(2025, 7, 1, 17, 10)),
        ("30 9 1 * *", T(2025, 1, 31, 12, 0), T(2025, 2, 1, 9, 30)),
        ("0 0 29 2 *", T(2025, 3, 1), T(2028, 2, 29, 0, 0)),  # the next leap day
        ("0 12 * jan,jul mon", T(2025, 2, 1), T(2025, 7, 7, 12, 0)),
        ("0 8 * * sun", T(2025, 7, 1), T(2025, 7, 6, 8, 0)),
        ("0 8 * * 7", T(2025, 7, 1), T(2025, 7, 6, 8, 0)),  # 7 is Sunday too
        ("5-59/20 3 * * *", T(2025, 7, 1, 3, 6), T(2025, 7, 1, 3, 25)),
        ("0 0 1-7/3 * *", T(2025, 7, 1, 0, 0), T(2025, 7, 4, 0, 0)),
        ("@daily", T(2025, 12, 31, 23, 59), T(2026, 1, 1, 0, 0)),
        ("@hourly", T(2025, 7, 1, 10, 0), T(2025, 7, 1, 11, 0)),
    ],
)
def test_cron_finds_the_next_matching_minute(expr: str, after: T, expected: T) -> None:
    assert cron.parse(expr).next_after(after) == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("1d", 86400), ("0.5s", 0.5)],
)
def test_durations(text: str, seconds: float) -> None:
    assert duration(text) == seconds


@pytest.mark.parametrize("text", ["", "30", "m", "30x", "1h 30", "0s", "-5m"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        duration(text)


class Clock:
    """A clock that moves only when slept on, or when a run takes time."""

    def __init__(self, start: T) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> T:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += dt.timedelta(seconds=seconds)


def test_every_runs_at_once_then_at_each_interval() -> None:
    clock = Clock(T(2025, 7, 1, 6, 0))
    starts: list[T] = []
    lines: list[str] = []

    def job() -> Summary:
        starts.append(clock())
        clock.now += dt.timedelta(seconds=20)  # a run takes 20 s
        return Summary(built=1)

    failed = schedule(Every(1800), job, lines.append, max_runs=3, now=clock, sleep=clock.sleep)
    assert failed == 0
    assert starts == [T(2025, 7, 1, 6, 0), T(2025, 7, 1, 6, 30), T(2025, 7, 1, 7, 0)]
    assert "run 1 ok: 1 built, 0 up to date, 0 failed; next at 2025-07-01 06:30:00" in lines
    assert lines[-1].startswith("run 3 ok") and "done (3 of 3)" in lines[-1]


def test_a_run_longer_than_the_interval_skips_the_missed_times_and_never_overlaps() -> None:
    clock = Clock(T(2025, 7, 1, 6, 0))
    spans: list[tuple[T, T]] = []
    lines: list[str] = []

    def job() -> Summary:
        start = clock()
        clock.now += dt.timedelta(minutes=70)  # longer than two intervals
        spans.append((start, clock()))
        return Summary(failed=1)

    failed = schedule(Every(1800), job, lines.append, max_runs=2, now=clock, sleep=clock.sleep)
    assert failed == 2
    (_, e1), (s2, _) = spans
    assert s2 >= e1  # the second run starts after the first ended
    assert s2 == T(2025, 7, 1, 7, 30)  # 06:30 and 07:00 were missed
    assert "2 missed while running, skipped" in lines[1]
    assert "run 1 FAILED" in lines[1]


def test_cron_schedule_waits_for_the_first_matching_time() -> None:
    clock = Clock(T(2025, 7, 4, 17, 0))  # a Friday evening
    starts: list[T] = []
    schedule(
        Cron(cron.parse("0 6 * * 1-5")),
        lambda: starts.append(clock()) or Summary(),
        lambda line: None,
        max_runs=2,
        now=clock,
        sleep=clock.sleep,
    )
    assert starts == [T(2025, 7, 7, 6, 0), T(2025, 7, 8, 6, 0)]
    assert max(clock.slept) <= 30  # looks at the clock again at least every 30 s


def test_schedule_command_runs_twice_and_logs_each_run_with_a_time(
    brief: Callable[..., Path],
) -> None:
    brief("title: T\nsummary: S\n")
    result = run("schedule", "--every", "1s", "--max-runs", "2")
    assert result.exit_code == 0, result.output
    stamp = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} "
    runs = re.findall(stamp + r"run (\d) ok: (.*)", result.output)
    assert [n for n, _ in runs] == ["1", "2"]
    assert runs[0][1].startswith("1 built, 0 up to date, 0 failed")
    assert runs[1][1].startswith("0 built, 1 up to date, 0 failed")
    assert re.search(stamp + r"built out/b.docx, out/b.pdf \(", result.output)


def test_schedule_needs_exactly_one_timetable(project: Path) -> None:
    assert run("schedule").exit_code == 2
    both = run("schedule", "--every", "1m", "--cron", "* * * * *")
    assert both.exit_code == 2
    assert "give one of --every DURATION or --cron EXPR" in both.output


def test_schedule_refuses_a_bad_cron_line_as_a_usage_error(project: Path) -> None:
    result = run("schedule", "--cron", "0 25 * * *")
    assert result.exit_code == 2
    assert "hour: 25 is not between 0 and 23" in result.output


@pytest.mark.parametrize("command", ["schedule", "watch"])
def test_watch_and_schedule_explain_themselves_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and f"briefgen {command} " in result.output


def test_build_wait_that_is_not_a_number_says_where_to_put_it(project: Path) -> None:
    result = run("build", "--wait", "content/b.yaml")
    assert result.exit_code == 2
    assert "put --wait after the paths, or write --wait=SECONDS" in result.output


def test_schedule_runs_the_on_change_command_after_a_run_that_changed_files(
    brief: Callable[..., Path], tmp_path: Path
) -> None:
    brief("title: T\nsummary: S\n")
    record = tmp_path / "args"
    script = 'import sys; open(sys.argv[1], "w").write(" ".join(sys.argv[2:]))'
    hook = shlex.join([sys.executable, "-c", script, str(record)])
    result = run("schedule", "--every", "1h", "--max-runs", "1", "--on-change", hook)
    assert result.exit_code == 0, result.output
    assert record.read_text() == "-- out/b.docx out/b.pdf"
