"""The progress bar: on a terminal for more than a few briefs, plain lines everywhere else."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.cli import build as build_command
from briefgen.regen import progress
from conftest import run

BAR = "\r\033[K["


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_shows_count_share_rate_and_time_left() -> None:
    clock = Clock()
    bar = progress.Bar(500, io.StringIO(), clock=clock, width=100)
    assert bar.text() == "[" + "." * 40 + "]    0/500    0%"
    bar.done, clock.now = 250, 110.0
    assert bar.text() == "[" + "#" * 20 + "." * 20 + "]  250/500   50%  25 briefs/s  0:10 left"
    bar.done, clock.now = 500, 120.0
    assert bar.text() == "[" + "#" * 40 + "]  500/500  100%  25 briefs/s"


def test_the_bar_keeps_its_length_and_fits_the_terminal() -> None:
    clock = Clock()
    for width in (30, 80):
        bar = progress.Bar(500, io.StringIO(), clock=clock, width=width)
        lengths = set()
        for done in (0, 1, 250, 500):
            bar.done, clock.now = done, clock.now + 7
            assert len(bar.text()) < width
            lengths.add(bar.text().index("]"))
        assert len(lengths) == 1


def test_a_line_is_printed_above_the_bar_which_is_drawn_again_below_it() -> None:
    stream = io.StringIO()
    printed: list[str] = []
    bar = progress.Bar(10, stream, clock=Clock(), width=80)
    bar.step()
    bar.above(lambda: printed.append(stream.getvalue()))
    assert printed == [progress.CLEAR + bar.text() + progress.CLEAR]  # cleared before the line
    assert stream.getvalue().endswith(progress.CLEAR + bar.text())  # and back after it
    bar.clear()
    assert stream.getvalue().endswith(progress.CLEAR)


def test_redraws_come_at_most_ten_times_a_second() -> None:
    clock = Clock()
    stream = io.StringIO()
    bar = progress.Bar(100, stream, clock=clock)
    for _ in range(50):
        bar.step()
    assert stream.getvalue().count(progress.CLEAR) == 1
    clock.now += progress.EVERY + 0.001
    bar.step()
    assert stream.getvalue().count(progress.CLEAR) == 2


@pytest.fixture
def seven(brief: Callable[..., Path]) -> None:
    for i in range(7):
        brief(f"title: Brief {i}\nsummary: S\n", f"b{i}.yaml")


def test_progress_shows_a_bar_and_every_line_as_without_it(seven: None, project: Path) -> None:
    result = run("build", "--progress", "--jobs", "1")
    assert result.exit_code == 0
    assert BAR in result.output
    assert result.output.endswith(progress.CLEAR)  # the bar is gone at the end
    plain = run("build", "--force", "--jobs", "1", "-o", "other")
    lines = [line.rsplit("\033[K", 1)[-1] for line in result.output.split("\n")]
    built = [line for line in lines if line.startswith("built ")]
    assert built == [
        line.replace("other/", "out/").replace("; --force", "; not built here before")
        for line in plain.output.splitlines()
    ]


def test_plain_lines_when_not_on_a_terminal(seven: None) -> None:
    result = run("build")
    assert result.exit_code == 0
    assert "\r" not in result.output and "\033" not in result.output


def test_a_terminal_gets_the_bar_unless_quiet_or_no_progress(
    seven: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_command, "is_terminal", lambda: True)
    assert BAR in run("build", "--force").output
    assert run("build", "--force", "--no-progress").output.count("\r") == 0
    assert run("build", "--force", "-q").output == ""


def test_a_few_briefs_get_no_bar(brief: Callable[..., Path]) -> None:
    for i in range(progress.FEW):
        brief(f"title: Brief {i}\nsummary: S\n", f"b{i}.yaml")
    result = run("build", "--progress")
    assert result.exit_code == 0
    assert "\r" not in result.output
