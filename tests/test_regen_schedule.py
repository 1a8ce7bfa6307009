"""schedule: cron expressions, durations, the run loop, and the command itself."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from briefgen.regen import cron
from briefgen.regen.runner import Summary
from briefgen.regen.schedule import (
    CHECK,
    Clock,
    Cron,
    Every,
    Timetable,
    duration,
    local_zone,
    schedule,
)
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


UTC = dt.timezone.utc
LONDON = ZoneInfo("Europe/London")


class FakeClock:
    """A wall clock and a monotonic one that move together when slept on or when a run
    takes time; set_at() sets the wall clock alone at a time, as an administrator or NTP
    would."""

    def __init__(self, start: T) -> None:
        self.wall = start
        self.mono = 1000.0
        self.slept: list[float] = []
        self.steps: list[tuple[T, float]] = []

    def set_at(self, when: T, seconds: float) -> None:
        self.steps.append((when, seconds))

    def passes(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)
        self.mono += seconds
        for step in list(self.steps):
            if self.wall >= step[0]:
                self.steps.remove(step)
                self.wall += dt.timedelta(seconds=step[1])

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.passes(seconds)

    @property
    def clock(self) -> Clock:
        return Clock(lambda: self.wall, lambda: self.mono, self.sleep)


def run_schedule(
    table: Timetable, clock: FakeClock, runs: int, seconds_per_run: float = 0
) -> tuple[list[tuple[T, float]], list[str]]:
    """Start times (wall, monotonic) of each run, and the log."""
    starts: list[tuple[T, float]] = []
    lines: list[str] = []

    def job() -> Summary:
        starts.append((clock.wall, clock.mono))
        clock.passes(seconds_per_run)
        return Summary(built=1)

    schedule(table, job, lines.append, max_runs=runs, clock=clock.clock)
    return starts, lines


def walls(starts: list[tuple[T, float]], zone: dt.tzinfo = UTC) -> list[str]:
    return [wall.astimezone(zone).isoformat(timespec="seconds") for wall, _ in starts]


def test_every_runs_at_once_then_at_each_interval() -> None:
    clock = FakeClock(T(2025, 7, 1, 6, 0, tzinfo=UTC))
    starts, lines = run_schedule(Every(1800), clock, 3, seconds_per_run=20)
    assert [mono for _, mono in starts] == [1000, 2800, 4600]
    assert "run 1 ok: 1 built, 0 up to date, 0 failed; next at 2025-07-01 06:30:00+00:00" in lines
    assert lines[-1].startswith("run 3 ok") and "done (3 of 3)" in lines[-1]


def test_a_run_longer_than_the_interval_skips_the_missed_times_and_never_overlaps() -> None:
    clock = FakeClock(T(2025, 7, 1, 6, 0, tzinfo=UTC))
    lines: list[str] = []
    spans: list[tuple[float, float]] = []

    def job() -> Summary:
        start = clock.mono
        clock.passes(70 * 60)  # longer than two intervals
        spans.append((start, clock.mono))
        return Summary(failed=1)

    failed = schedule(Every(1800), job, lines.append, max_runs=2, clock=clock.clock)
    assert failed == 2
    (_, e1), (s2, _) = spans
    assert s2 >= e1  # the second run starts after the first ended
    assert s2 - spans[0][0] == 90 * 60  # 06:30 and 07:00 were missed; 07:30
    assert "2 missed while running, skipped" in lines[1]
    assert "run 1 FAILED" in lines[1]


def test_cron_schedule_waits_for_the_first_matching_time() -> None:
    clock = FakeClock(T(2025, 7, 4, 17, 0, tzinfo=UTC))  # a Friday evening
    starts, _ = run_schedule(Cron(cron.parse("0 6 * * 1-5"), UTC), clock, 2)
    assert walls(starts) == ["2025-07-07T06:00:00+00:00", "2025-07-08T06:00:00+00:00"]
    assert max(clock.slept) <= CHECK  # looks at the wall clock again at least every 30 s


def test_every_counts_elapsed_time_when_the_clock_is_set_back() -> None:
    clock = FakeClock(T(2026, 7, 1, 6, 0, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 6, 10, tzinfo=UTC), -3600)
    starts, lines = run_schedule(Every(1800), clock, 2)
    assert [mono for _, mono in starts] == [1000, 2800]  # 30 minutes on, not 90
    assert any("the clock was set back 3600 s" in line for line in lines)


def test_every_does_not_run_early_when_the_clock_is_set_forward() -> None:
    clock = FakeClock(T(2026, 7, 1, 6, 0, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 6, 10, tzinfo=UTC), 7200)
    starts, lines = run_schedule(Every(1800), clock, 2)
    assert [mono for _, mono in starts] == [1000, 2800]
    assert any("the clock was set forward 7200 s" in line for line in lines)


def test_a_cron_time_passed_by_setting_the_clock_forward_runs_at_once() -> None:
    clock = FakeClock(T(2026, 7, 1, 5, 0, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 5, 10, tzinfo=UTC), 7200)  # 05:10 becomes 07:10
    starts, _ = run_schedule(Cron(cron.parse("0 6 * * *"), UTC), clock, 1)
    ((wall, mono),) = starts
    assert mono - 1000 <= 600 + CHECK  # within one look of the step
    assert wall < T(2026, 7, 1, 7, 11, tzinfo=UTC)


def test_a_wildcard_cron_job_follows_the_clock_back_without_waiting_the_step_out() -> None:
    clock = FakeClock(T(2026, 7, 1, 10, 7, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 10, 10, tzinfo=UTC), -3600)  # 10:10 becomes 09:10
    starts, _ = run_schedule(Cron(cron.parse("*/15 * * * *"), UTC), clock, 1)
    ((wall, mono),) = starts
    assert wall == T(2026, 7, 1, 9, 15, tzinfo=UTC)
    assert mono - 1000 == 8 * 60  # not 68 minutes


def test_a_fixed_time_cron_job_does_not_run_twice_when_the_clock_is_set_back() -> None:
    clock = FakeClock(T(2026, 7, 1, 5, 59, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 6, 10, tzinfo=UTC), -3600)  # after the 06:00 run, back to 05:10
    starts, _ = run_schedule(Cron(cron.parse("0 6 * * *"), UTC), clock, 2)
    assert walls(starts) == ["2026-07-01T06:00:00+00:00", "2026-07-02T06:00:00+00:00"]


def test_a_clock_set_back_more_than_three_hours_is_a_new_start_as_in_cron() -> None:
    clock = FakeClock(T(2026, 7, 1, 5, 59, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 6, 10, tzinfo=UTC), -5 * 3600)  # back to 01:10
    starts, _ = run_schedule(Cron(cron.parse("0 6 * * *"), UTC), clock, 2)
    assert walls(starts) == ["2026-07-01T06:00:00+00:00", "2026-07-01T06:00:00+00:00"]
    assert starts[1][1] - starts[0][1] == 5 * 3600


def test_a_clock_set_back_a_few_seconds_does_not_run_the_same_time_twice() -> None:
    clock = FakeClock(T(2026, 7, 1, 10, 14, 59, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 10, 15, 20, tzinfo=UTC), -40)  # 10:15:20 becomes 10:14:40
    starts, _ = run_schedule(Cron(cron.parse("*/15 * * * *"), UTC), clock, 2, 20)
    assert walls(starts) == ["2026-07-01T10:15:00+00:00", "2026-07-01T10:30:00+00:00"]


def test_a_clock_set_back_during_a_run_is_noticed_after_it() -> None:
    clock = FakeClock(T(2026, 7, 1, 10, 14, 59, tzinfo=UTC))
    clock.set_at(T(2026, 7, 1, 10, 16, tzinfo=UTC), -3600)  # while the 10:15 run goes on
    starts, lines = run_schedule(Cron(cron.parse("*/15 * * * *"), UTC), clock, 2, 120)
    assert walls(starts) == ["2026-07-01T10:15:00+00:00", "2026-07-01T09:30:00+00:00"]
    assert "next at 2026-07-01 09:30:00+00:00" in lines[1]


def test_a_schedule_in_a_zone_runs_and_logs_in_that_zone_across_the_autumn_change() -> None:
    clock = FakeClock(T(2026, 10, 24, 23, 0, tzinfo=UTC))
    starts, lines = run_schedule(Cron(cron.parse("30 1 * * *"), LONDON), clock, 2)
    assert walls(starts, LONDON) == ["2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00+00:00"]
    assert lines[0] == (
        "schedule: cron '30 1 * * *' (Europe/London); first run at 2026-10-25 01:30:00+01:00"
    )
    assert "next at 2026-10-26 01:30:00+00:00" in lines[1]


def test_schedule_command_runs_twice_and_logs_each_run_with_a_time(
    brief: Callable[..., Path],
) -> None:
    brief("title: T\nsummary: S\n")
    result = run("schedule", "--every", "1s", "--max-runs", "2")
    assert result.exit_code == 0, result.output
    stamp = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2} "
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


@pytest.mark.parametrize(
    ("zone", "message"),
    [
        ("Europe/Lodnon", "'Europe/Lodnon' is not a time zone; did you mean Europe/London?"),
        (
            "Mars/Olympus",
            "'Mars/Olympus' is not a time zone; give an IANA name such as Europe/London",
        ),
        ("../../etc/passwd", "is not a time zone"),
        ("", "'' is not a time zone"),
    ],
)
def test_schedule_refuses_an_unknown_time_zone_in_one_line(
    project: Path, zone: str, message: str
) -> None:
    result = run("schedule", "--cron", "0 6 * * *", "--tz", zone, "--max-runs", "1")
    assert result.exit_code == 2
    assert message in result.output
    (error,) = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert error.startswith("Error: Invalid value for --tz: ") and message in error


def test_schedule_logs_in_the_zone_it_is_given(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\n")
    result = run("schedule", "--every", "1h", "--max-runs", "1", "--tz", "Asia/Kolkata")
    assert result.exit_code == 0, result.output
    assert re.search(r"schedule: every 3600 s; first run at \S+ \S+\+05:30$", result.output, re.M)
    assert re.search(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+05:30 run 1 ok", result.output, re.M)


def test_schedule_takes_the_machines_zone_from_tz_as_cron_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", ":America/New_York")
    assert str(local_zone()) == "America/New_York"
    monkeypatch.setenv("TZ", "Not/A_Zone")
    assert local_zone().utcoffset(dt.datetime(2026, 1, 1)) is not None  # /etc/localtime


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


def test_a_posix_tz_rule_gives_its_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    import time

    from briefgen.regen import schedule as scheduling

    monkeypatch.setenv("TZ", "JST-9")
    time.tzset()
    try:
        zone = scheduling.local_zone()
        assert dt.datetime(2026, 7, 1, tzinfo=zone).utcoffset() == dt.timedelta(hours=9)
    finally:
        monkeypatch.undo()
        time.tzset()
