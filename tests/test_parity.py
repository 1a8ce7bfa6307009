"""The PDF and LibreOffice's rendering of the DOCX, line by line: the same words on every
line, every line's top within 1 pt, every section's within 0.5 % of the page.

benchmarks/parity.py does the comparing (and prints the figures for any set of briefs).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from conftest import EXAMPLE, FIXTURES, ROOT, run, soffice

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus
import parity

sys.path.remove(str(ROOT / "benchmarks"))

LETTERHEAD = ("MINISTRY OF EXAMPLE AFFAIRS", "Directorate of Partnerships", "1 Example Street")


def _compare(project: Path, **kwargs: Any) -> list[parity.Report]:
    if soffice() is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    assert run("build", "-q").exit_code == 0
    pdfs = sorted((project / "out").glob("*.pdf"))
    theirs = parity.convert([p.with_suffix(".docx") for p in pdfs], project / "lo")
    return [parity.compare(a, b, **kwargs) for a, b in zip(pdfs, theirs, strict=True)]


def _assert_parity(reports: list[parity.Report]) -> None:
    bad = [r.summary() + "".join("\n    " + d for d in r.differ[:5]) for r in reports if not r.ok]
    assert not bad, "\n".join(bad)


def letterhead(path: Path, lines: int = 1) -> Path:
    """A Word letterhead with a header of the given number of lines and a footer."""
    made = docx.Document()
    header = made.sections[0].header
    header.paragraphs[0].text = LETTERHEAD[0]
    for i in range(lines - 1):
        header.add_paragraph(f"{LETTERHEAD[1]} {i + 1}" if i else LETTERHEAD[1])
    made.sections[0].footer.paragraphs[0].text = LETTERHEAD[2]
    made.save(str(path))
    return path


@pytest.mark.soffice
def test_the_example_and_the_fixtures_break_every_line_at_the_same_words(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    for name in (
        "japan-philippines.yaml",
        "japan-philippines-card.yaml",
        "points.csv",
        "dense.yaml",
    ):
        shutil.copy(FIXTURES / name, project / "content")
    reports = _compare(project)
    assert len(reports) == 4 and all(r.lines > 20 for r in reports)
    _assert_parity(reports)


TRACK_ONLY = """\
title: Track rows
date: 2025-07-02
classification: UNCLASSIFIED
summary: Systems with a name and a stage only.
procurement:
  - {system: Alpha, stage: announced}
  - {system: Bravo, category: Armoured vehicle, stage: proposed}
  - {system: Charlie, stage: delivery}
  - {system: Delta, stage: contracted, notes: Notes and no arrangement}
"""


@pytest.mark.soffice
def test_a_row_whose_tallest_cell_is_a_stage_bar_is_as_tall_in_both(project: Path) -> None:
    # the bar is its paragraph's bottom rule, in the space after: Word counts a cell's last
    # space after in the row's height, and the PDF must too, or every row below moves
    (project / "content" / "track.yaml").write_text(TRACK_ONLY, encoding="utf-8")
    (report,) = _compare(project)
    assert report.lines > 10
    _assert_parity([report])


@pytest.mark.soffice
@pytest.mark.parametrize("lines", [1, 3], ids=["one-line-header", "tall-header"])
def test_a_letterhead_brief_breaks_every_line_at_the_same_words(project: Path, lines: int) -> None:
    shutil.copy(EXAMPLE, project / "content")
    letterhead(project / "letterhead.docx", lines)
    (project / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    headed = tuple(f"{LETTERHEAD[1]} {i}" for i in range(2, 9))
    _assert_parity(_compare(project, only_theirs=LETTERHEAD + headed))


@pytest.mark.soffice
@pytest.mark.slow
def test_fifty_generated_briefs_break_every_line_at_the_same_words(project: Path) -> None:
    corpus.generate(project / "content", 50)
    reports = _compare(project)
    assert len(reports) == 50
    _assert_parity(reports)
