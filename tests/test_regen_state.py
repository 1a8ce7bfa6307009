"""briefgen's records live in a state folder beside the project, never among the briefs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import listing, run, state_of

BRIEF = "title: T\nsummary: S\nkey_statements:\n  - speaker: A\n    text: Said.\n"


def test_the_output_folder_holds_only_the_briefs(project: Path, brief: Callable[..., Path]) -> None:
    brief(BRIEF)
    assert run("build").exit_code == 0
    assert listing(project / "out") == ["b.docx", "b.pdf"]
    assert (state_of(project) / "manifest.json").is_file()
    assert (state_of(project) / "b.built.json").is_file()


def test_two_output_folders_keep_records_of_their_own(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(BRIEF)
    assert run("build", "-o", "a").exit_code == 0
    result = run("build", "-o", "b/c")
    assert result.exit_code == 0
    assert "not built here before" in result.output  # a's record does not speak for b/c
    assert (state_of(project, "a") / "manifest.json").is_file()
    assert (state_of(project, "b/c") / "manifest.json").is_file()


def test_an_output_outside_the_project_is_kept_apart_by_its_path(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(BRIEF)
    elsewhere = project.parent / f"{project.name}-published"
    assert run("build", "-o", str(elsewhere)).exit_code == 0
    assert listing(elsewhere) == ["b.docx", "b.pdf"]
    [kept] = (project / ".briefgen" / "outputs" / "_elsewhere").iterdir()
    assert kept.name.startswith(f"{elsewhere.name}-") and (kept / "manifest.json").is_file()
    shutil.rmtree(elsewhere)


def test_state_dir_in_briefgen_toml_and_on_the_command_line_move_the_records(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(BRIEF)
    (project / "briefgen.toml").write_text('state_dir = "var/state"\n')
    assert run("build").exit_code == 0
    assert (project / "var" / "state" / "outputs" / "out" / "manifest.json").is_file()
    assert not (project / ".briefgen").exists()
    result = run("build", "--state-dir", str(project / "srv"))
    assert "not built here before" in result.output  # a new state folder knows nothing yet
    assert (project / "srv" / "outputs" / "out" / "manifest.json").is_file()
    assert listing(project / "out") == ["b.docx", "b.pdf"]


def _as_an_earlier_version_left_it(project: Path, brief: Callable[..., Path]) -> Path:
    """A brief built, its records then moved into the output folder, where they were kept."""
    brief(BRIEF)
    assert run("build").exit_code == 0
    old = project / "out" / ".briefgen"
    shutil.move(state_of(project), old)
    return old


def test_records_an_earlier_version_kept_in_the_output_are_moved_once_and_kept(
    project: Path, brief: Callable[..., Path]
) -> None:
    old = _as_an_earlier_version_left_it(project, brief)
    (old / "lock").write_text("")
    result = run("build")
    assert result.exit_code == 0
    [line] = [x for x in result.output.splitlines() if x.startswith("moved ")]
    assert "out/.briefgen" in line and ".briefgen/outputs/out" in line
    assert "up to date: content/b.yaml" in result.output  # the manifest came along
    assert listing(project / "out") == ["b.docx", "b.pdf"]
    assert sorted(p.name for p in state_of(project).iterdir()) == [
        "b.built.json",
        "lock",
        "manifest.json",
    ]
    again = run("build")
    assert not any(x.startswith("moved ") for x in again.output.splitlines())


def test_briefgen_state_dir_in_the_environment_moves_the_records(
    project: Path, brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief(BRIEF)
    monkeypatch.setenv("BRIEFGEN_STATE_DIR", str(project / "var"))
    assert run("build").exit_code == 0
    assert (project / "var" / "outputs" / "out" / "manifest.json").is_file()
    assert not (project / ".briefgen").exists()


def test_builds_with_other_state_folders_still_never_build_one_folder_at_once(
    project: Path, brief: Callable[..., Path]
) -> None:
    from briefgen.regen import lock

    brief(BRIEF)
    (project / "out").mkdir()
    with lock.hold(project / "out", state=project / "elsewhere"):
        result = run("build")
    assert result.exit_code == 75
    assert "another state folder" in result.output


def test_leftovers_of_a_killed_build_do_not_keep_the_old_records_folder(
    project: Path, brief: Callable[..., Path]
) -> None:
    old = _as_an_earlier_version_left_it(project, brief)
    (old / ".manifest.json.abcdefgh.tmp").write_text("half")
    (old / "lock-1-of-2").write_text("")
    result = run("build")
    assert result.exit_code == 0
    assert listing(project / "out") == ["b.docx", "b.pdf"]
    assert "warning" not in result.output
