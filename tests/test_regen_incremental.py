"""Incremental builds: only what changed is built, and only changed bytes are written."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run, state_of

BRIEF = "title: T\nsummary: S\nnext_steps:\n  - action: Meet\n    due: 2025-08-01\n"
DATED = "title: T\ndate: 2025-07-01\nsummary: S\n"


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file in an output folder with its modification time and bytes."""
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def age(folder: Path) -> None:
    """Set every file's time back an hour, so a rewrite would show in its mtime."""
    hour_ago = dt.datetime.now().timestamp() - 3600
    for p in folder.rglob("*"):
        if p.is_file():
            os.utime(p, (hour_ago, hour_ago))


@pytest.fixture
def built(brief: Callable[..., Path], project: Path) -> Path:
    brief(DATED, "a.yaml")
    brief(DATED.replace("T\n", "Other\n", 1), "b.yaml")
    assert run("build").exit_code == 0
    age(project / "out")
    return project / "out"


def test_a_second_build_rewrites_nothing_and_says_so(built: Path) -> None:
    before = snapshot(built)
    result = run("build")
    assert result.exit_code == 0
    assert result.output == (
        "up to date: content/a.yaml, content/b.yaml "
        "(nothing they are built from changed; --force rebuilds)\n"
    )
    assert snapshot(built) == before


def test_building_other_formats_keeps_the_formats_built_before_up_to_date(built: Path) -> None:
    assert run("build", "-f", "html").exit_code == 0
    before = snapshot(built)
    result = run("build")
    assert result.exit_code == 0
    assert result.output.startswith("up to date: content/a.yaml, content/b.yaml "), result.output
    assert snapshot(built) == before
    assert run("build", "-f", "html").output.startswith("up to date: "), "html is kept too"


def test_a_format_not_built_since_a_change_is_rebuilt_when_next_asked_for(
    built: Path, project: Path
) -> None:
    assert run("build", "-f", "html").exit_code == 0
    path = project / "content" / "a.yaml"
    path.write_text(path.read_text().replace("summary: S", "summary: New"))
    assert "built out/a.docx, out/a.pdf" in run("build").output
    result = run("build", "-f", "html")
    assert result.exit_code == 0
    (line,) = [x for x in result.output.splitlines() if "out/a.html" in x]
    assert line.endswith("; html was built from older inputs)"), line
    assert "New" in (built / "a.html").read_text()
    assert "up to date: content/b.yaml" in result.output


def test_force_rebuilds_but_leaves_files_whose_bytes_are_the_same(built: Path) -> None:
    before = snapshot(built)
    result = run("build", "--force")
    assert result.exit_code == 0
    assert "unchanged out/a.docx, out/a.pdf (10 pt, " in result.output
    assert "; --force)" in result.output
    after = snapshot(built)
    for name in ("a.docx", "a.pdf", "b.docx", "b.pdf"):
        assert after[name] == before[name]


def test_only_the_brief_whose_content_changed_is_built(built: Path, project: Path) -> None:
    (project / "content" / "a.yaml").write_text(DATED.replace("S\n", "New summary\n"))
    result = run("build")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("built out/a.docx, out/a.pdf (")
    assert lines[0].endswith("; content/a.yaml changed)")
    assert lines[1].startswith("up to date: content/b.yaml ")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("as_of", "as-of date 2025-07-01 -> 2025-07-02"),
        ("theme", "theme changed"),
        ("template", "template onepage/brief.html.j2 changed"),
        ("delete", "out/a.pdf is missing or was changed"),
        ("edit", "out/a.docx is missing or was changed"),
    ],
)
def test_every_input_counts(built: Path, project: Path, change: str, reason: str) -> None:
    args = ["build", "content/a.yaml"]
    if change == "as_of":
        args += ["--as-of", "2025-07-02"]
    elif change == "theme":
        (project / "briefgen.toml").write_text("[theme]\nmargin_left = 60\n")
    elif change == "template":
        # a project template that shadows the built-in one is a change of template
        override = project / "templates" / "onepage" / "brief.html.j2"
        override.parent.mkdir(parents=True)
        override.write_text(
            '{% extends "builtin:onepage/brief.html.j2" %}\n'
            '{% block footer %}<p class="muted">Desk copy</p>{% endblock %}\n'
        )
    elif change == "delete":
        (built / "a.pdf").unlink()
    elif change == "edit":
        (built / "a.docx").write_bytes(b"not a docx")
    result = run(*args)
    assert result.exit_code == 0
    assert result.output.startswith("built out/a.")
    assert reason in result.output
    assert run(*args).output.startswith("up to date: content/a.yaml ")


def test_a_file_the_brief_reads_counts(
    built: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Brief.inputs lists every file a brief is read from (e.g. data files); each counts."""
    from briefgen.content import schema as content
    from briefgen.regen import shortcut

    data = project / "content" / "_figures.csv"
    data.write_text("a,1\n")
    real = content.load

    def load(path: Path) -> content.Brief:
        brief = real(path)
        return content.Brief(**{**brief.__dict__, "inputs": (*brief.inputs, data)})

    monkeypatch.setattr(content, "load", load)
    # a loader that reads another file is a change to briefgen's code, which the stamp
    # of an unchanged brief trusts (see regen/shortcut.py): a patch is not, so load
    monkeypatch.setattr(shortcut.Shortcut, "check", lambda *_: None)
    # (this brief prints nothing from the file, so its outputs come out the same)
    assert "; content/_figures.csv is new)" in run("build", "content/a.yaml").output
    assert run("build", "content/a.yaml").output.startswith("up to date: content/a.yaml")
    data.write_text("a,2\n")
    assert "; content/_figures.csv changed)" in run("build", "content/a.yaml").output


def test_a_brief_without_a_date_is_as_of_today_and_rebuilds_the_next_day(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(BRIEF)
    assert run("build").exit_code == 0
    manifest = json.loads((state_of(project) / "manifest.json").read_text())
    assert manifest["briefs"]["b"]["inputs"]["as-of date"] == dt.date.today().isoformat()
    # a day later: simulate by recording yesterday as the date it was built for
    manifest["briefs"]["b"]["inputs"]["as-of date"] = "2000-01-01"
    (state_of(project) / "manifest.json").write_text(json.dumps(manifest))
    result = run("build")
    assert f"as-of date 2000-01-01 -> {dt.date.today().isoformat()}" in result.output


def test_a_brief_that_overflowed_is_checked_again_without_allow_overflow(
    brief: Callable[..., Path],
) -> None:
    words = "The delegation reviewed every item of the agenda in detail. " * 3
    statements = "".join(f"  - speaker: S{i}\n    text: {words}\n" for i in range(40))
    brief(f"title: Long\nsummary: S\nkey_statements:\n{statements}")
    assert run("build", "--allow-overflow").exit_code == 0
    assert run("build", "--allow-overflow").output.startswith("up to date")
    result = run("build")
    assert result.exit_code == 1
    assert "does not fit on one page" in result.output


def test_written_files_are_readable_by_others_as_the_umask_allows(built: Path) -> None:
    mode = stat.S_IMODE((built / "a.pdf").stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_on_change_receives_the_changed_paths(built: Path, project: Path, tmp_path: Path) -> None:
    record = tmp_path / "args.json"
    hook = tmp_path / "hook.py"
    hook.write_text(f"import json, sys\njson.dump(sys.argv[1:], open({str(record)!r}, 'w'))\n")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(hook))} --edition 'July 2025'"
    assert run("build", "--on-change", command).exit_code == 0
    assert not record.exists()  # nothing changed: the command does not run
    (project / "content" / "b.yaml").write_text(DATED.replace("S\n", "Changed\n"))
    assert run("build", "--on-change", command).exit_code == 0
    assert json.loads(record.read_text()) == [
        "--edition",
        "July 2025",
        "--",
        "out/b.docx",
        "out/b.pdf",
    ]


def test_a_failing_on_change_command_fails_the_build(built: Path, project: Path) -> None:
    (project / "content" / "b.yaml").write_text(DATED.replace("S\n", "Changed\n"))
    result = run("build", "--on-change", "no-such-command-anywhere --x")
    assert result.exit_code == 1
    assert "error: --on-change: cannot run no-such-command-anywhere: " in result.output
    (project / "content" / "b.yaml").write_text(DATED.replace("S\n", "Again\n"))
    result = run("build", "--on-change", f"{shlex.quote(sys.executable)} -c 'raise SystemExit(3)'")
    assert result.exit_code == 1
    assert "exited with code 3" in result.output


def test_on_change_that_cannot_be_split_is_a_usage_error(project: Path) -> None:
    result = run("build", "--on-change", "mail 'unclosed")
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_files_a_failed_on_change_missed_are_handed_over_next_time(
    built: Path, project: Path, tmp_path: Path
) -> None:
    (project / "content" / "b.yaml").write_text(DATED.replace("S\n", "Changed\n"))
    failing = f"{shlex.quote(sys.executable)} -c 'raise SystemExit(3)'"
    assert run("build", "--on-change", failing).exit_code == 1
    record = tmp_path / "args.json"
    hook = tmp_path / "hook.py"
    hook.write_text(f"import json, sys\njson.dump(sys.argv[1:], open({str(record)!r}, 'w'))\n")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(hook))}"
    result = run("build", "--on-change", command)  # nothing new to build
    assert result.exit_code == 0
    assert result.output.startswith("up to date: ")
    assert json.loads(record.read_text()) == ["--", "out/b.docx", "out/b.pdf"]
    record.unlink()
    assert run("build", "--on-change", command).exit_code == 0
    assert not record.exists()  # handed over once, then forgotten
