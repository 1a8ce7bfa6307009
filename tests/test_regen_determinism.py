"""Same inputs and as-of date -> the same bytes, in any folder, on any day, in any process."""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.writers.docx.zipped import EPOCH, order
from conftest import EXAMPLE, run, run_process

FILES = ("us-india-defence.docx", "us-india-defence.pdf")


@pytest.fixture
def example(project: Path) -> Path:
    shutil.copy(EXAMPLE, project / "content")
    return project


def test_two_builds_into_different_folders_on_different_days_are_byte_identical(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "-o", "monday").exit_code == 0
    later = time.time() + 3 * 86400 + 3723  # three days, an hour, two minutes, three seconds on
    monkeypatch.setattr(time, "time", lambda: later)
    assert run("build", "-o", "thursday").exit_code == 0
    monkeypatch.undo()
    for name in FILES:
        assert (example / "monday" / name).read_bytes() == (
            example / "thursday" / name
        ).read_bytes()


def test_a_build_in_another_process_gives_the_same_bytes(example: Path) -> None:
    assert run("build", "-o", "here").exit_code == 0
    done = run_process("build", "-o", "there", cwd=example)
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (example / "here" / name).read_bytes() == (example / "there" / name).read_bytes()


def test_a_brief_without_a_date_is_reproducible_with_as_of(
    brief: Callable[..., Path], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief("title: Undated\nsummary: S\nnext_steps:\n  - action: A\n    due: 2025-08-01\n")
    assert run("build", "-o", "a", "--as-of", "2025-07-01").exit_code == 0
    later = time.time() + 40 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert run("build", "-o", "b", "--as-of", "2025-07-01").exit_code == 0
    monkeypatch.undo()
    for name in ("b.docx", "b.pdf"):
        assert (project / "a" / name).read_bytes() == (project / "b" / name).read_bytes()


def test_docx_entries_have_a_fixed_order_time_and_attributes(example: Path) -> None:
    assert run("build", "-f", "docx").exit_code == 0
    with zipfile.ZipFile(example / "out" / "us-india-defence.docx") as z:
        infos = z.infolist()
        core = z.read("docProps/core.xml").decode()
    names = [i.filename for i in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names == order(names)
    assert {i.date_time for i in infos} == {EPOCH}
    assert {(i.create_system, i.external_attr) for i in infos} == {(3, 0o644 << 16)}
    # core properties carry the brief's date, not the time it was built
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2025-07-02T00:00:00Z' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-07-02T00:00:00Z' in core


def test_order_puts_content_types_and_package_relationships_first() -> None:
    assert order(
        ["word/document.xml", "_rels/.rels", "docProps/app.xml", "[Content_Types].xml"]
    ) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "word/document.xml",
    ]


def test_machines_with_no_home_or_cache_give_the_same_bytes_and_leave_nothing(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another machine, a service user with no home, a read-only home: the same bytes,
    as fast, and no file left anywhere but the output."""
    later = time.time() + 3 * 86400 + 3723  # a build on another day ...
    monkeypatch.setattr(time, "time", lambda: later)
    assert run("build", "-o", "here").exit_code == 0
    monkeypatch.undo()
    for machine in ("one", "two"):  # ... and two machines, in processes of their own
        home, scratch = tmp_path / machine / "home", tmp_path / machine / "tmp"
        home.mkdir(parents=True)
        scratch.mkdir()
        home.chmod(0o500)  # read-only, as a locked-down service account's (root ignores it:
        # the emptiness checks below hold either way)
        env = {"HOME": str(home), "TMPDIR": str(scratch), "XDG_CACHE_HOME": str(home / ".cache")}
        done = run_process("build", "-o", machine, cwd=example, env=env)
        home.chmod(0o700)
        assert done.returncode == 0, done.stderr
        assert list(home.iterdir()) == [] and list(scratch.iterdir()) == []
        for name in FILES:
            assert (example / machine / name).read_bytes() == (example / "here" / name).read_bytes()


@pytest.mark.slow
def test_the_shipped_fonts_are_what_a_fresh_cut_gives() -> None:
    import subprocess
    import sys
    from importlib import metadata

    root = Path(__file__).resolve().parent.parent
    made_with = (root / "briefgen" / "layout" / "arimo" / "MADE-WITH.txt").read_text().split()
    here = [f"{n}=={metadata.version(n)}" for n in ("fontpkg-arimo", "fonttools")]
    if made_with != here:
        pytest.skip(f"the fonts were cut with {' '.join(made_with)}; this is {' '.join(here)}")
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "cut_fonts.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
