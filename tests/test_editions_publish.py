"""NEW and CHANGED mean "since the reader last saw it": the baseline moves on publishing only."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import pdf_text, run, state_of

FIRST = """\
title: Visit
summary: S
key_statements: [{speaker: Alpha, text: First words.}]
procurement: [{system: Javelin, stage: announced}]
"""
SECOND = FIRST.replace("First words.}]", "First words.}, {speaker: Beta, text: Fresh words.}]")
THIRD = SECOND.replace("announced", "contracted")
OK = f"{sys.executable} -c pass"
FAILS = f"{sys.executable} -c 'raise SystemExit(3)'"


def changes_of(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


@pytest.fixture
def content(brief: Callable[..., Path]) -> Path:
    return brief(FIRST)


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("b.*"))}


def test_an_edition_never_published_has_no_markers(content: Path, project: Path) -> None:
    assert run("build").exit_code == 0
    content.write_text(SECOND)
    result = run("build")
    assert result.exit_code == 0
    assert changes_of(result.output) == []
    assert "NEW" not in pdf_text(project / "out" / "b.pdf")


def test_building_again_without_publishing_keeps_the_baseline(content: Path, project: Path) -> None:
    assert run("build", "--publish").exit_code == 0
    content.write_text(SECOND)
    assert changes_of(run("build").output) == ["new statement: Beta: Fresh words."]
    content.write_text(THIRD)
    assert changes_of(run("build").output) == [
        "new statement: Beta: Fresh words.",  # still new to the reader
        "Javelin: announced -> contracted",
    ]
    text = pdf_text(project / "out" / "b.pdf")
    assert "NEW Beta" in text and "Javelin CHANGED" in text


def test_publishing_moves_the_baseline_and_changes_no_file(content: Path, project: Path) -> None:
    assert run("build", "--publish").exit_code == 0
    content.write_text(SECOND)
    assert run("build").exit_code == 0
    before = files(project / "out")
    result = run("publish")
    assert result.exit_code == 0
    assert result.output == "published: content/b.yaml\n"
    assert run("publish").output == "already published: content/b.yaml\n"
    again = run("build")
    assert "up to date: content/b.yaml" in again.output  # what readers have, markers and all
    assert files(project / "out") == before
    content.write_text(THIRD)
    assert changes_of(run("build").output) == ["Javelin: announced -> contracted"]


def test_publishing_a_brief_never_built_is_an_error(
    content: Path, brief: Callable[..., Path], project: Path
) -> None:
    result = run("publish")
    assert result.exit_code == 1
    assert result.output == "error: nothing was built into out yet; nothing to publish\n"
    assert not (project / "out").exists()
    assert run("build").exit_code == 0
    brief("title: New\nsummary: S\n", "c.yaml")
    result = run("publish")
    assert result.exit_code == 1
    assert result.output == (
        "published: content/b.yaml\n"
        "error: content/c.yaml: not built into out yet; nothing to publish\n"
    )


def test_a_successful_on_change_command_publishes_what_it_was_handed(content: Path) -> None:
    assert run("build", "--on-change", OK).exit_code == 0
    content.write_text(SECOND)
    assert changes_of(run("build", "--on-change", OK).output) == [
        "new statement: Beta: Fresh words."
    ]
    content.write_text(THIRD)
    assert changes_of(run("build").output) == ["Javelin: announced -> contracted"]


def test_a_failed_on_change_command_publishes_nothing(content: Path) -> None:
    assert run("build", "--publish").exit_code == 0
    content.write_text(SECOND)
    assert run("build", "--on-change", FAILS).exit_code == 1
    content.write_text(THIRD)
    assert changes_of(run("build").output) == [
        "new statement: Beta: Fresh words.",
        "Javelin: announced -> contracted",
    ]


def test_a_failed_build_never_moves_the_baseline(content: Path, project: Path) -> None:
    assert run("build", "--publish").exit_code == 0
    state = state_of(project)
    kept = {p.name: p.read_bytes() for p in state.glob("b.*.json")}
    assert sorted(kept) == ["b.built.json", "b.published.json"]
    content.write_text(SECOND + "sumary: typo\n")
    assert run("build", "--publish", "--on-change", OK).exit_code == 1
    assert {p.name: p.read_bytes() for p in state.glob("b.*.json")} == kept


def test_build_publish_publishes_a_brief_that_is_up_to_date(content: Path) -> None:
    assert run("build", "--publish").exit_code == 0
    content.write_text(SECOND)
    assert run("build").exit_code == 0
    assert "up to date" in run("build", "--publish").output
    content.write_text(THIRD)
    assert changes_of(run("build").output) == ["Javelin: announced -> contracted"]


def test_the_build_report_lists_removed_entries(content: Path) -> None:
    assert run("build", "--publish").exit_code == 0
    content.write_text(FIRST.replace("[{speaker: Alpha, text: First words.}]", "[]"))
    assert changes_of(run("build").output) == ["removed statement: Alpha: First words."]


def test_editions_of_the_release_before_are_taken_as_published(
    content: Path, project: Path
) -> None:
    """current.json was the edition built, compared with previous.json."""
    assert run("build").exit_code == 0
    state = state_of(project)
    built = json.loads((state / "b.built.json").read_text())["content"]
    for name in ("b.built.json", "b.published.json"):
        (state / name).unlink(missing_ok=True)
    old = project / "out" / ".briefgen"  # where that release kept them
    old.mkdir()
    (old / "b.current.json").write_text(json.dumps(built))
    older = {**built, "key_statements": []}
    (old / "b.previous.json").write_text(json.dumps(older))
    result = run("build", "--force")  # the same content: the markers it was built with
    assert changes_of(result.output) == ["new statement: Alpha: First words."]
    assert not list(state.glob("b.current.json")) and not list(state.glob("b.previous.json"))
    assert not old.exists()
    content.write_text(SECOND)
    assert changes_of(run("build").output) == ["new statement: Beta: Fresh words."]
