"""The benchmark's own parts: the generated briefs, and a smoke run (no timing is checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from briefgen.content.schema import load
from conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def corpus() -> Any:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import corpus as module
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


def test_the_generated_briefs_are_the_same_every_time(corpus: Any, tmp_path: Path) -> None:
    first = corpus.generate(tmp_path / "a", 12)
    second = corpus.generate(tmp_path / "b", 12)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = corpus.generate(tmp_path / "c", 12, seed=9)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in first]


def test_the_generated_briefs_are_valid_and_varied(corpus: Any, tmp_path: Path) -> None:
    briefs = [load(p) for p in corpus.generate(tmp_path, 80)]
    assert len({b.title for b in briefs}) == 80
    assert Counter(b.template for b in briefs).keys() == {None, "talking-points", "pipeline"}
    assert len({len(b.key_statements) for b in briefs}) >= 3
    assert len({len(b.next_steps) for b in briefs}) >= 4
    assert len({len(b.procurement) for b in briefs}) >= 6
    assert len({b.classification for b in briefs}) >= 4
    assert len({s.status for b in briefs for s in b.next_steps}) == 5
    assert len({i.stage for b in briefs for i in b.procurement}) == 6
    assert len({len(b.summary) for b in briefs}) >= 2
    assert len({b.date for b in briefs}) >= 40


@pytest.mark.slow
def test_a_quick_run_prints_every_row(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--count", "6", "--checkout"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Machine: ") and " cores, " in out and "Python 3." in out
    assert "load average " in out and "briefgen measured: this checkout" in out
    for row in (
        "cold, one brief, DOCX + PDF: briefgen / naive CLI",
        "per brief in a `--jobs 1` batch, fit included / naive warm",
        "`--jobs 2` / `--jobs 1`, briefs per second",
        "no-op rebuild, per brief beyond start-up",
        "a 1.9 MB content file, `--allow-overflow`",
        "warm, example brief, DOCX + PDF, fitting included",
        "warm, varied briefs, DOCX + PDF",
        "cold `briefgen build`, one brief, DOCX + PDF",
        "6 varied briefs, `--jobs 1`",
        "6 varied briefs, `--jobs 2`",
        "no-op rebuild of 6 briefs",
        "naive stack (python-docx + reportlab + click)",
    ):
        assert row in out, row
    assert "≤ 0.75×" in out and "≥ 1.8×" in out and "needs at least" in out
    assert {"met", "missed"} & set(out.split())
    assert list(tmp_path.iterdir()) == []  # its work folder removed


def test_the_naive_stack_makes_both_formats(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "naive.py"), str(ROOT / "content" / "us-india-defence.yaml"),
         "-o", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "us-india-defence.docx",
        "us-india-defence.pdf",
    ]
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "us-india-defence.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "US-India Defence Partnership" in text and "Procurement" in text


@pytest.mark.slow
def test_the_watch_benchmark_prints_a_row_per_size_and_way_of_watching(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "watch.py"),
            "--count",
            "3",
            "--saves",
            "1",
            "--idle",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout.split("\n\n")[1].splitlines()[2:]  # the rows under the header
    assert [row.split()[:2] for row in table] == [
        ["1", "file"],
        ["1", "--poll"],
        ["3", "file"],
        ["3", "--poll"],
    ]
    assert all(" ms " in row and "% of a core over 1 s" in row for row in table)
    assert list(tmp_path.iterdir()) == []  # its work folder removed
