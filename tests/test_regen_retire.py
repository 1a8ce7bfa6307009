"""A brief whose content file was deleted: its files removed by the next build of its folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.regen import shard
from conftest import listing, run, state_of

TEXT = "title: T\nsummary: S\n"


@pytest.fixture
def two(brief: Callable[..., Path], project: Path) -> Path:
    """Two briefs built, then the content of one, x, deleted."""
    brief(TEXT, "x.yaml")
    brief(TEXT, "y.yaml")
    assert run("build", "--publish").exit_code == 0
    (project / "content" / "x.yaml").unlink()
    return project / "out"


def manifest(out: Path, file: str = "manifest.json") -> dict[str, object]:
    record = state_of(out.parent) / file
    briefs: dict[str, object] = json.loads(record.read_text())["briefs"]
    return briefs


def test_a_deleted_briefs_files_are_removed_by_the_next_build(two: Path) -> None:
    result = run("build")
    assert result.exit_code == 0
    assert "retired: x (content/x.yaml deleted); removed out/x.docx, out/x.pdf" in (
        result.output.splitlines()
    )
    assert listing(two) == ["y.docx", "y.pdf"]
    assert list(manifest(two)) == ["y"]
    state = state_of(two.parent)
    assert sorted(p.name for p in state.glob("y.*")) == ["y.built.json", "y.published.json"]
    assert sorted(p.name for p in state.glob("x.*")) == []
    assert "retired" not in run("build").output  # once


def test_keep_retired_keeps_and_lists_them_each_build(two: Path) -> None:
    for _ in range(2):
        result = run("build", "--keep-retired")
        assert result.exit_code == 0
        assert "retired: x (content/x.yaml deleted); kept out/x.docx, out/x.pdf" in (
            result.output.splitlines()
        )
    assert listing(two) == ["x.docx", "x.pdf", "y.docx", "y.pdf"]
    assert "x" in manifest(two)


def test_a_build_of_named_files_retires_nothing(two: Path) -> None:
    result = run("build", "content/y.yaml")
    assert "retired" not in result.output
    assert listing(two) == ["x.docx", "x.pdf", "y.docx", "y.pdf"]


def test_a_build_of_another_folder_retires_nothing_of_this_one(
    brief: Callable[..., Path], two: Path, project: Path
) -> None:
    (project / "more").mkdir()
    (project / "more" / "z.yaml").write_text(TEXT)
    result = run("build", "more")
    assert result.exit_code == 0
    assert "retired" not in result.output
    assert "x.pdf" in listing(two)


def test_a_file_edited_since_it_was_built_is_kept(two: Path) -> None:
    (two / "x.pdf").write_bytes(b"my own notes")
    result = run("build")
    assert (
        "retired: x (content/x.yaml deleted); removed out/x.docx; "
        "kept out/x.pdf (changed since it was built)"
    ) in result.output.splitlines()
    assert (two / "x.pdf").read_bytes() == b"my own notes"


def test_only_the_files_the_manifest_records_for_the_brief_are_removed(
    two: Path, project: Path
) -> None:
    (two / "x.html").write_text("not briefgen's")
    (two / "notes.txt").write_text("mine")
    (project / "keep.pdf").write_text("outside")
    record = state_of(project) / "manifest.json"
    data = json.loads(record.read_text())
    outputs = data["briefs"]["x"]["outputs"]
    outputs["pdf"]["file"] = "../keep.pdf"  # a hand-edited manifest
    outputs["docx"]["file"] = "y.docx"  # another brief's file
    record.write_text(json.dumps(data))
    assert run("build").exit_code == 0
    assert (project / "keep.pdf").read_text() == "outside"
    assert listing(two) == ["notes.txt", "x.docx", "x.html", "x.pdf", "y.docx", "y.pdf"]


def test_a_shard_retires_only_its_own_briefs(brief: Callable[..., Path], project: Path) -> None:
    names = [f"b{i:02d}" for i in range(12)]
    for name in names:
        brief(TEXT, f"{name}.yaml")
    for index in (1, 2):
        assert run("build", "--shard", f"{index}/2").exit_code == 0
    for name in names:
        (project / "content" / f"{name}.yaml").unlink()
    brief(TEXT, "keep.yaml")  # a folder never empty
    result = run("build", "--shard", "1/2")
    assert result.exit_code == 0
    mine = [n for n in names if shard.number(n, 2) == 1]
    theirs = [n for n in names if shard.number(n, 2) == 2]
    assert mine and theirs
    retired = sorted(line.split()[1] for line in result.output.splitlines() if "retired" in line)
    assert retired == mine
    left = listing(project / "out")
    assert all(f"{n}.pdf" in left for n in theirs)
    assert not any(f"{n}.pdf" in left for n in mine)


def test_a_whole_build_does_not_retire_what_shards_built(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(TEXT, "x.yaml")
    brief(TEXT, "y.yaml")
    index = shard.number("x", 2)
    assert run("build", "--shard", f"{index}/2").exit_code == 0
    (project / "content" / "x.yaml").unlink()
    assert "retired" not in run("build").output
    assert "x.pdf" in listing(project / "out")


def test_a_content_file_renamed_to_another_suffix_is_not_retired(
    brief: Callable[..., Path], two: Path, project: Path
) -> None:
    brief('{"title": "T", "summary": "S"}', "x.json")
    result = run("build")
    assert "retired" not in result.output
    assert "x.pdf" in listing(two)


def test_a_brief_built_by_name_from_a_hidden_file_is_not_retired(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(TEXT, "_draft.yaml")
    brief(TEXT, "y.yaml")
    assert run("build", "content/_draft.yaml").exit_code == 0
    assert "retired" not in run("build").output  # its file is there, only not built by default
    assert "_draft.pdf" in listing(project / "out")


def test_quiet_builds_retire_without_a_line(two: Path) -> None:
    result = run("build", "-q")
    assert result.output == ""
    assert listing(two) == ["y.docx", "y.pdf"]


def test_an_atomic_build_retires_in_the_generation_it_publishes(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(TEXT, "x.yaml")
    brief(TEXT, "y.yaml")
    assert run("build", "--atomic").exit_code == 0
    before = (project / "out").resolve()
    (project / "content" / "x.yaml").unlink()
    result = run("build", "--atomic")
    assert "retired: x (content/x.yaml deleted); removed out/x.docx, out/x.pdf" in (
        result.output.splitlines()
    )
    assert (project / "out").resolve() != before  # a new generation, without x
    assert listing(project / "out") == ["y.docx", "y.pdf"]


def test_the_report_names_a_retired_brief(two: Path, project: Path) -> None:
    assert run("build", "--report", "run.json").exit_code == 0
    briefs = json.loads((project / "run.json").read_text())["briefs"]
    assert {"source": "content/x.yaml", "status": "retired"}.items() <= briefs[-1].items()


def test_a_deleted_brief_takes_the_files_of_formats_built_in_other_builds(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(TEXT, "x.yaml")
    brief(TEXT, "y.yaml")
    assert run("build").exit_code == 0
    assert run("build", "-f", "html", "content/x.yaml").exit_code == 0
    (project / "content" / "x.yaml").unlink()
    result = run("build")
    assert result.exit_code == 0
    assert (
        "retired: x (content/x.yaml deleted); removed out/x.docx, out/x.html, out/x.pdf"
        in result.output.splitlines()
    ), result.output
    assert listing(project / "out") == ["y.docx", "y.pdf"]
