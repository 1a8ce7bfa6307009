"""A command imports only what it needs: which modules a whole process has loaded.

Behaviour, not timing: each case runs briefgen in a fresh interpreter and reads
sys.modules at exit, so a heavy library imported by a command that does not use
it fails here whatever the machine's speed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, at_exit

HEAVY = ("reportlab", "openpyxl", "docx", "pptx", "importlib.metadata", "jinja2", "yaml")


def loaded(cwd: Path, *args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The heavy modules a fresh process running briefgen with args had loaded at exit."""
    names, done = at_exit(cwd, f"seen = [m for m in {HEAVY!r} if m in sys.modules]", *args)
    return set(names), done


@pytest.fixture
def example(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "content")
    return tmp_path


def test_help_imports_no_library_that_makes_a_document(example: Path) -> None:
    for args in (["--help"], ["build", "--help"], ["--version"]):
        modules, done = loaded(example, *args)
        assert done.returncode == 0, done.stderr
        assert modules == set(), args


def test_a_rebuild_with_nothing_changed_imports_no_writer_library(example: Path) -> None:
    modules, done = loaded(example, "build", "-q")
    assert done.returncode == 0, done.stderr
    assert {"reportlab", "jinja2", "yaml"} <= modules  # the first build draws the brief
    modules, done = loaded(example, "build")
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout
    assert not modules & {"reportlab", "openpyxl", "docx", "pptx", "importlib.metadata"}


def test_validating_a_brief_that_does_not_load_imports_no_writer_library(
    tmp_path: Path,
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "b.yaml").write_text("title: T\nsummary: [unclosed\n")
    modules, done = loaded(tmp_path, "validate")
    assert done.returncode == 1
    assert done.stderr.startswith("error: content/b.yaml:"), done.stderr
    assert not modules & {"reportlab", "openpyxl", "docx", "pptx", "importlib.metadata"}


def test_only_a_brief_that_names_a_workbook_imports_openpyxl(example: Path) -> None:
    modules, done = loaded(example, "validate")
    assert done.returncode == 0, done.stderr
    assert "openpyxl" not in modules


def test_a_build_of_the_example_imports_no_python_docx(example: Path) -> None:
    # the built-in DOCX writer writes its parts itself; python-docx is for a letterhead
    modules, done = loaded(example, "build", "-q", "--no-progress")
    assert done.returncode == 0, done.stderr
    assert (example / "out" / "us-india-defence.docx").is_file()
    assert "reportlab" in modules  # it drew the PDF
    assert "docx" not in modules


def test_a_build_that_starts_no_worker_imports_no_multiprocessing(example: Path) -> None:
    # one brief, with --jobs 2: built in this process, the workers' machinery never loaded
    code = (
        "seen = [m for m in ('multiprocessing', 'concurrent.futures.process') if m in sys.modules]"
    )
    for args in (["build", "-q", "--jobs", "2"], ["build", "--jobs", "2"]):  # first, then no-op
        names, done = at_exit(example, code, *args)
        assert done.returncode == 0, done.stderr
        assert names == [], args
