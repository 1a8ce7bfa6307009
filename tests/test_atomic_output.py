"""Atomic output: a kill at any point shows a reader the old briefs or the new, never a mix."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, run

CRASH = Path(__file__).resolve().parent / "crash.py"
NAMES = ("us-india-defence", "japan-philippines")


def _crash(project: Path, stop_at: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CRASH), str(stop_at), "build", "--atomic", "-q", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


def _seen(project: Path) -> tuple[tuple[bytes, bytes], ...] | None:
    """What a reader sees now: each brief's DOCX and PDF (None: no output folder)."""
    out = project / "out"
    if not out.exists():
        return None
    return tuple(((out / f"{n}.docx").read_bytes(), (out / f"{n}.pdf").read_bytes()) for n in NAMES)


def _edit(project: Path) -> None:
    for path in (project / "content").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^title: (.*)$", r"title: \1 (revised)", text, count=1, flags=re.M))


@pytest.fixture
def editions(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, tuple[object, ...], tuple[object, ...]]:
    """A project whose first edition is built; the second edition's bytes, built elsewhere."""
    shutil.copy(EXAMPLE, project / "content")
    shutil.copy(FIXTURES / "japan-philippines.yaml", project / "content")
    assert run("build", "--atomic", "--as-of", "2025-07-02").exit_code == 0
    old = _seen(project)
    other = project.parent / f"{project.name}-second"
    shutil.copytree(project, other, symlinks=True)
    _edit(other)
    monkeypatch.chdir(other)
    assert run("build", "--atomic", "--as-of", "2025-07-02").exit_code == 0
    monkeypatch.chdir(project)
    new = _seen(other)
    shutil.rmtree(other)
    assert old is not None and new is not None and old != new
    return project, old, new


def _points(project: Path, first_build: bool) -> list[int]:
    """How many file-system calls a build of the second edition makes."""
    trial = project.parent / f"{project.name}-count"
    shutil.copytree(project, trial, symlinks=True)
    if first_build:
        _unlink(trial)
    _edit(trial)
    done = _crash(trial, 0, "--as-of", "2025-07-02")
    shutil.rmtree(trial)
    assert done.returncode == 0, done.stderr
    calls = int(done.stderr.rsplit("calls: ", 1)[1])
    assert calls > 10
    return list(range(1, calls + 1))


def _unlink(project: Path) -> None:
    """As before atomic output: out/ a real folder of files, no generations."""
    out = project / "out"
    target = out.resolve()
    out.unlink()
    shutil.copytree(target, out)
    shutil.rmtree(project / ".out.generations")


def _check_every_crash(
    editions: tuple[Path, tuple[object, ...], tuple[object, ...]], points: list[int], first: bool
) -> None:
    project, old, new = editions
    recover = set(points[::8]) | set(points[-4:])  # the next build's repair, on a sample
    for k in points:
        trial = project.parent / f"{project.name}-k{k}"
        shutil.copytree(project, trial, symlinks=True)
        if first:
            _unlink(trial)
        _edit(trial)
        done = _crash(trial, k, "--as-of", "2025-07-02")
        assert done.returncode in (0, 137), done.stderr
        seen = _seen(trial)
        assert seen in (old, new), f"a reader saw a mix after a crash at call {k}"
        if k in recover:
            again = _crash(trial, -1, "--as-of", "2025-07-02")  # the next build puts it right
            assert again.returncode == 0, again.stderr
            assert _seen(trial) == new
            assert len(list((trial / ".out.generations").iterdir())) <= 2
        shutil.rmtree(trial)


def test_a_kill_at_a_few_points_of_a_build_never_shows_a_mixed_pair(
    editions: tuple[Path, tuple[object, ...], tuple[object, ...]],
) -> None:
    points = _points(editions[0], first_build=False)
    # the calls around the end, where the link is replaced
    _check_every_crash(editions, points[-3:], first=False)


@pytest.mark.slow
@pytest.mark.parametrize("first", [False, True], ids=["next-build", "first-atomic-build"])
def test_a_kill_before_any_file_system_call_never_shows_a_mixed_pair(
    editions: tuple[Path, tuple[object, ...], tuple[object, ...]], first: bool
) -> None:
    points = _points(editions[0], first_build=first)
    # every call of a next build; of the first atomic build (the same calls, and the
    # exchange), every third and the last few
    chosen = points if not first else sorted({*points[::3], *points[-6:]})
    _check_every_crash(editions, chosen, first=first)


def test_the_output_becomes_a_link_to_a_generation_and_unchanged_files_keep_their_inode(
    editions: tuple[Path, tuple[object, ...], tuple[object, ...]],
) -> None:
    project, _, _ = editions
    out = project / "out"
    assert out.is_symlink() and os.readlink(out) == ".out.generations/1"
    before = (out / "japan-philippines.pdf").stat()
    path = project / "content" / "us-india-defence.yaml"
    path.write_text(path.read_text().replace("title: ", "title: New ", 1))
    assert run("build", "--atomic", "--as-of", "2025-07-02").exit_code == 0
    assert os.readlink(out) == ".out.generations/2"
    after = (out / "japan-philippines.pdf").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in (project / ".out.generations").iterdir()) == ["1", "2"]
    assert run("build", "--atomic", "--as-of", "2025-07-02").exit_code == 0  # nothing changed
    assert os.readlink(out) == ".out.generations/2"


def test_atomic_output_refuses_a_link_it_did_not_make_and_shards(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    (project / "elsewhere").mkdir()
    (project / "out").symlink_to("elsewhere")
    result = run("build", "--atomic")
    assert result.exit_code == 1
    assert "out: is a link to " in result.output and "not to one of briefgen's" in result.output
    result = run("build", "--atomic", "--shard", "1/2", "-o", "dist")
    assert result.exit_code == 1 and "cannot be combined" in result.output


def test_atomic_output_refuses_a_folder_holding_more_than_files(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    (project / "out" / "archive").mkdir(parents=True)
    (project / "out" / "archive" / "old.pdf").write_bytes(b"%PDF mine")
    result = run("build", "--atomic")
    assert result.exit_code == 1
    assert "out: holds archive, which is not a file; atomic output" in result.output
    assert (project / "out" / "archive" / "old.pdf").read_bytes() == b"%PDF mine"
    assert not (project / "out").is_symlink()


def test_a_generation_readers_see_is_never_abandoned(project: Path) -> None:
    from briefgen.regen.generations import Generations

    gens = Generations(project / "out")
    first = gens.begin()
    (first / "b.pdf").write_bytes(b"%PDF one")
    gens.publish(first)
    gens.abandon(first)  # a signal after the link was replaced
    assert (project / "out" / "b.pdf").read_bytes() == b"%PDF one"


def test_a_first_swap_a_kill_interrupted_without_an_exchange_call_is_finished(
    project: Path,
) -> None:
    from briefgen.regen.generations import Generations

    (project / "out").mkdir()
    (project / "out" / "b.pdf").write_bytes(b"%PDF old")
    gens = Generations(project / "out")
    first = gens.begin()
    # as the fallback leaves it between its two renames: no out, the old folder and the link
    os.replace(project / "out", project / ".out.old")
    os.symlink(".out.generations/1", project / ".out.link")
    second = gens.begin()
    assert (project / "out").is_symlink() and not (project / ".out.old").exists()
    assert (project / "out" / "b.pdf").read_bytes() == b"%PDF old"
    assert first.exists() and second.name == "2"
