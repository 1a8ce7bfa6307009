"""What changed since the published edition: markers in both files, a list on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.content.schema import load
from briefgen.regen import editions as changes
from conftest import docx_text, pdf_text, run, state_of

FIRST = """\
title: Talks
date: 2025-07-01
summary: S
key_statements:
  - speaker: Alpha
    text: First words.
next_steps:
  - action: Sign the framework
    status: agreed
  - action: Meet again
    status: planned
procurement:
  - system: Javelin
    stage: announced
  - system: Stryker
    stage: negotiation
  - system: P-8I
    stage: in-service
"""


def second(text: str = FIRST) -> str:
    """The next edition: a new statement, a step done, Javelin contracted."""
    return (
        text.replace(
            "    text: First words.\n",
            "    text: First words.\n  - speaker: Beta\n    text: Fresh words.\n",
        )
        .replace("Sign the framework\n    status: agreed", "Sign the framework\n    status: done")
        .replace("Javelin\n    stage: announced", "Javelin\n    stage: contracted")
    )


@pytest.fixture
def editions(brief: Callable[..., Path], project: Path) -> Path:
    path = brief(FIRST)
    first = run("build", "--publish")
    assert first.exit_code == 0
    assert first.output.count("\n") == 1  # a first edition lists no changes
    path.write_text(second())
    return path


def test_a_first_edition_has_no_markers(brief: Callable[..., Path], project: Path) -> None:
    brief(FIRST)
    assert run("build").exit_code == 0
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "NEW" not in text and "CHANGED" not in text


def test_the_cli_lists_the_changes_since_the_published_edition(editions: Path) -> None:
    result = run("build")
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "  new statement: Beta: Fresh words.",
        "  step Sign the framework: agreed -> done",
        "  Javelin: announced -> contracted",
    ]


def test_a_stage_change_shows_its_marker_in_both_formats(editions: Path, project: Path) -> None:
    assert run("build").exit_code == 0
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "Javelin CHANGED" in text
        assert "Stryker CHANGED" not in text and "Stryker NEW" not in text
        assert "Sign the framework CHANGED" in text
        assert "Meet again CHANGED" not in text
        assert "NEW Beta" in text
        assert text.count("NEW") == 1 and text.count("CHANGED") == 2


def test_a_system_that_enters_service_is_marked_in_the_in_service_line(
    editions: Path, project: Path
) -> None:
    editions.write_text(
        second().replace("Stryker\n    stage: negotiation", "Stryker\n    stage: in-service")
    )
    assert run("build").exit_code == 0
    assert "In service: Stryker CHANGED, P-8I." in pdf_text(project / "out" / "b.pdf")


def test_rebuilding_the_same_edition_keeps_its_markers(editions: Path, project: Path) -> None:
    assert run("build").exit_code == 0
    result = run("build", "--as-of", "2025-07-09")  # a new day, the same content
    assert result.exit_code == 0
    assert "  Javelin: announced -> contracted" in result.output
    assert "Javelin CHANGED" in pdf_text(project / "out" / "b.pdf")


def test_the_published_and_the_built_edition_are_kept_beside_the_manifest(
    editions: Path, project: Path
) -> None:
    assert run("build").exit_code == 0
    state = state_of(project)
    published = json.loads((state / "b.published.json").read_text())
    built = json.loads((state / "b.built.json").read_text())
    assert published["content"]["procurement"][0]["stage"] == "announced"
    assert published["base"] is None  # the first edition was compared with nothing
    assert built["content"]["procurement"][0]["stage"] == "contracted"
    assert built["content"]["date"] == "2025-07-01"
    assert built["base"] == published["content"]


def test_a_failed_build_does_not_make_a_new_edition(editions: Path, project: Path) -> None:
    state = state_of(project)
    kept = {p.name: p.read_bytes() for p in state.glob("b.*.json")}
    assert sorted(kept) == ["b.built.json", "b.published.json"]
    editions.write_text(second() + "sumary: typo\n")
    assert run("build", "--publish").exit_code == 1
    assert {p.name: p.read_bytes() for p in state.glob("b.*.json")} == kept
    editions.write_text(second())
    assert "  Javelin: announced -> contracted" in run("build").output


def test_the_nth_system_of_a_name_is_compared_with_the_nth_before(
    brief: Callable[..., Path],
) -> None:
    text = "title: T\nsummary: S\nprocurement:\n  - system: P-8I\n    stage: in-service\n  - system: P-8I\n    stage: announced\n"
    old = changes.snapshot(load(brief(text)))
    new = load(brief(text.replace("announced", "negotiation")))
    found = changes.compare(old, new)
    assert found.lines == ("P-8I: announced -> negotiation",)
    assert [found.at("procurement", i)[0] for i in range(2)] == ["", "CHANGED"]
    assert found.at("procurement", 1) == ("CHANGED", "announced")


def test_a_step_whose_action_is_templated_keeps_its_changed_marker(
    brief: Callable[..., Path], project: Path
) -> None:
    templated = FIRST.replace(
        "action: Sign the framework", "action: Sign for {{ procurement | length }} systems"
    )
    path = brief(templated)
    assert run("build", "--publish").exit_code == 0
    path.write_text(templated.replace("status: agreed", "status: done"))
    result = run("build")
    assert "  step Sign for {{ procurement | length }} systems: agreed -> done" in result.output
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "Sign for 3 systems CHANGED" in text
        assert text.count("CHANGED") == 1
