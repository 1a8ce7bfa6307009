"""Every mistake in a content file is named in one run, in file order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.errors import MAX_SHOWN
from tests.conftest import listing, run

FIVE = """\
title: Five mistakes
sumary: misspelt
date: 01/02/2025
next_steps:
  - action: Sign the framework
    status: finished
  - owner: Desk
procurement:
  - system: MQ-9B
    stage: announced
    quantity: six
"""
FIVE_LINES = [
    "error: content/b.yaml:2: sumary: unknown field; did you mean 'summary'?",
    "error: content/b.yaml:3: date: '01/02/2025' could be 1 February 2025 or 2 January 2025: "
    "write it YYYY-MM-DD, 2025-02-01 or 2025-01-02",
    "error: content/b.yaml:6: next_steps[0].status: 'finished' is not one of planned, agreed, "
    "in-progress, done, blocked",
    "error: content/b.yaml:7: next_steps[1].action: is required",
    "error: content/b.yaml:11: procurement[0].quantity: 'six' is not a whole number",
]


@pytest.mark.parametrize("command", ["validate", "build"])
def test_five_mistakes_give_five_located_lines_in_one_run(
    brief: Callable[..., Path], project: Path, command: str
) -> None:
    brief(FIVE)
    result = run(command)
    assert result.exit_code == 1
    assert result.output.splitlines() == FIVE_LINES
    assert not (project / "out").exists() or listing(project / "out") == []


def test_a_good_brief_beside_a_bad_one_is_still_built(brief: Callable[..., Path]) -> None:
    brief(FIVE)
    brief("title: T\nsummary: S\n", "good.yaml")
    result = run("build")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("error:")] == FIVE_LINES
    assert "out/good.pdf" in result.output and Path("out/good.pdf").exists()


def test_more_errors_than_are_shown_say_how_many_more(brief: Callable[..., Path]) -> None:
    steps = "".join(f"  - action: A\n    status: wrong{i}\n" for i in range(MAX_SHOWN + 5))
    brief("title: T\nsummary: S\nnext_steps:\n" + steps)
    lines = run("validate").output.splitlines()
    assert len(lines) == MAX_SHOWN + 1
    assert lines[0].startswith("error: content/b.yaml:5: next_steps[0].status: 'wrong0'")
    assert lines[-1] == "  and 5 more errors"


def test_reading_goes_on_past_a_duplicate_key_and_a_refused_tag(
    brief: Callable[..., Path],
) -> None:
    brief("title: T\nsummary: S\ntitle: U\nsubtitle: !!python/name:os.system\nlanguage: x y\n")
    assert run("validate").output.splitlines() == [
        "error: content/b.yaml:3: duplicate key 'title' (first on line 1)",
        "error: content/b.yaml:4: subtitle: the YAML tag !!python/name:os.system is not allowed "
        "(content is plain data: text, numbers, dates, lists and mappings)",
        "error: content/b.yaml:5: language: 'x y' is not a language tag (e.g. en-US, en-GB, fr)",
    ]


def test_entries_that_are_wrong_in_several_ways_are_all_named(
    brief: Callable[..., Path],
) -> None:
    brief(
        "title: T\nsummary: S\nnext_steps:\n  - just text\n  - action: A\n    id: a\n"
        "  - action: B\n    id: a\n  - action: C\n    colour: red\n"
    )
    lines = run("validate").output.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "content/b.yaml:4",
        "content/b.yaml:8",
        "content/b.yaml:10",
    ]
    assert "already the id of next_steps[1]" in lines[1] and "unknown field" in lines[2]


def test_an_included_files_errors_come_after_the_files_own(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "content" / "_desk.yaml").write_text("prepared_by: Desk\ndate: soon\n")
    brief("include: _desk.yaml\ntitle: T\nsummary: S\nlanguage: '?'\n")
    lines = run("validate").output.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "content/b.yaml:4",
        "content/_desk.yaml:2",
    ]


def test_a_table_that_cannot_be_used_is_named_with_the_other_errors(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "content" / "buys.csv").write_text("system,colour\nX,red\n")
    brief("title: T\nsummary: S\nprocurement: buys.csv\nlanguage: '?'\n")
    lines = run("validate").output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: content/b.yaml:4: language:")
    assert lines[1].startswith("error: content/buys.csv: row 1: unknown column 'colour'")


def test_every_field_the_font_cannot_draw_is_named(brief: Callable[..., Path]) -> None:
    brief("title: T\nsubtitle: გამარჯობა\nsummary: S\nprepared_by: ሰላም\n")
    lines = run("validate").output.splitlines()
    assert [line.split(": ")[1:3] for line in lines] == [
        ["content/b.yaml:2", "subtitle"],
        ["content/b.yaml:4", "prepared_by"],
    ]
    assert all("cannot draw" in line for line in lines)


@pytest.mark.parametrize("key", ["\\r", "\\x1e", "\\x85", "\\u2028"])
def test_a_key_holding_a_line_break_stays_on_its_error_line(
    brief: Callable[..., Path], key: str
) -> None:
    brief(f'title: T\nsummary: S\nkey_statements:\n  - "{key}": x\n')
    result = run("validate")
    assert result.exit_code == 1
    lines = result.output.rstrip("\n").splitlines()
    assert all(line.startswith("error: ") for line in lines), result.output
    assert any(key in line for line in lines), result.output  # shown escaped, as typed
