"""A brief whose inputs are unchanged is found up to date without being loaded, and
every change that loading it would see still rebuilds it (see regen/shortcut.py)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run, state_of

BRIEF = "title: T\ndate: 2025-07-01\nsummary: S\ninclude: _desk.yaml\nnext_steps: _steps.csv\n"
DESK = "classification: UNCLASSIFIED\n"
STATEMENT = "key_statements:\n  - speaker: A\n    text: A new line.\n"
STEPS = "action,due\nMeet the delegation,2025-08-01\n"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content files loaded by the builds that follow."""
    from briefgen.content import schema as content

    seen: list[Path] = []
    real = content.load

    def load(path: Path) -> content.Brief:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(content, "load", load)
    return seen


@pytest.fixture
def built(brief: Callable[..., Path], project: Path) -> Path:
    (project / "briefgen.toml").write_text("")
    (project / "content" / "_desk.yaml").write_text(DESK)
    (project / "content" / "_steps.csv").write_text(STEPS)
    path = brief(BRIEF, "a.yaml")
    assert run("build").exit_code == 0
    return path


def test_an_unchanged_brief_is_up_to_date_without_being_loaded(
    built: Path, loads: list[Path]
) -> None:
    result = run("build")
    assert result.exit_code == 0
    assert result.output.startswith("up to date: content/a.yaml ")
    assert loads == []


def test_a_content_file_edited_to_the_same_size_and_time_is_rebuilt(
    built: Path, loads: list[Path]
) -> None:
    before = built.stat()
    built.write_text(BRIEF.replace("summary: S", "summary: Z"))
    os.utime(built, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert built.stat().st_size == before.st_size
    result = run("build")
    assert result.output.startswith("built out/a.")
    assert "content/a.yaml changed" in result.output
    assert [p.name for p in loads] == ["a.yaml"]


@pytest.mark.parametrize(
    ("file", "text", "reason"),
    [
        ("content/_desk.yaml", "classification: SECRET\n", "content/_desk.yaml changed"),
        ("content/_steps.csv", STEPS.replace("Meet", "Call"), "content/_steps.csv changed"),
        ("briefgen.toml", 'template = "pipeline"\n', "template pipeline/brief.html.j2 is new"),
        ("briefgen.toml", "[theme]\nmargin_left = 60\n", "theme changed"),
    ],
)
def test_a_change_to_what_the_brief_reads_or_is_built_with_rebuilds_it(
    built: Path, project: Path, file: str, text: str, reason: str
) -> None:
    (project / file).write_text(text)
    result = run("build")
    assert result.exit_code == 0
    assert result.output.startswith("built out/a.")
    assert reason in result.output
    assert run("build").output.startswith("up to date: content/a.yaml ")


def test_a_changed_marking_scheme_file_rebuilds(brief: Callable[..., Path], project: Path) -> None:
    scheme = project / "content" / "desk.toml"
    scheme.write_text('[[levels]]\nname = "PUBLIC"\nportion = "P"\ncolour = "UNCLASSIFIED"\n')
    brief("title: T\ndate: 2025-07-01\nsummary: S\nmarking: desk.toml\ndefault_classification: P\n")
    assert run("build").exit_code == 0
    scheme.write_text('[[levels]]\nname = "PUBLIC"\nportion = "P"\ncolour = "CONFIDENTIAL"\n')
    result = run("build")
    assert result.output.startswith("built out/b."), result.output
    assert "marking changed" in result.output


def test_briefgen_code_that_changed_rebuilds(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.regen import keys

    changed = keys.software() | {"briefgen": "0.0 0123456789abcdef"}
    monkeypatch.setattr(keys, "software", lambda: changed)
    result = run("build")
    assert result.exit_code == 0
    assert "out/a.pdf (10 pt" in result.output  # built again, the same bytes
    assert "briefgen changed" in result.output


def test_a_changed_edition_in_the_state_folder_rebuilds(
    built: Path, project: Path, loads: list[Path]
) -> None:
    assert run("build", "--publish").exit_code == 0
    built.write_text(BRIEF + STATEMENT)
    result = run("build")
    assert result.output.startswith("built out/a."), result.output
    # readers' edition forgotten: the brief is a first edition again, without markers
    (state_of(project) / "a.published.json").unlink()
    loads.clear()
    result = run("build")
    assert result.output.startswith("built out/a."), result.output
    assert "previous edition changed" in result.output
    assert [p.name for p in loads] == ["a.yaml"]


def test_an_up_to_date_brief_reports_the_changes_loading_it_would_find(
    built: Path, project: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.regen import shortcut

    assert run("build", "--publish").exit_code == 0
    built.write_text(BRIEF + STATEMENT)
    assert run("build").exit_code == 0
    loads.clear()
    assert run("build", "--report", "fast.json").exit_code == 0
    assert loads == []
    monkeypatch.setattr(shortcut.Shortcut, "check", lambda *_: None)
    assert run("build", "--report", "loaded.json").exit_code == 0
    assert [p.name for p in loads] == ["a.yaml"]
    fast, loaded = (
        json.loads((project / f).read_text())["briefs"] for f in ("fast.json", "loaded.json")
    )
    assert fast == loaded
    assert fast[0]["status"] == "up to date" and fast[0]["changes"]


def test_an_include_that_now_leads_outside_the_project_is_refused(
    built: Path, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "_desk.yaml"
    outside.write_text(DESK)  # the same bytes
    (project / "content" / "_desk.yaml").unlink()
    (project / "content" / "_desk.yaml").symlink_to(outside)
    result = run("build")
    assert result.exit_code == 1
    assert "outside the project folder" in result.output


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s | {"reads": ["b.yaml"]},
        lambda s: s | {"changes": 5},
        lambda s: s | {"template": ["x"]},
        lambda s: s | {"date": "not a date"},
        lambda s: {k: v for k, v in s.items() if k != "editions"},
    ],
)
def test_a_stamp_edited_by_hand_loads_the_brief(
    built: Path, project: Path, loads: list[Path], edit: Callable[[dict[str, object]], object]
) -> None:
    record = state_of(project) / "manifest.json"
    data = json.loads(record.read_text())
    good = data["briefs"]["a"]["stamp"]
    data["briefs"]["a"]["stamp"] = edit(good)
    record.write_text(json.dumps(data))
    result = run("build")
    assert result.output.startswith("up to date: content/a.yaml ")
    assert [p.name for p in loads] == ["a.yaml"]
    assert json.loads(record.read_text())["briefs"]["a"]["stamp"] == good  # made anew
