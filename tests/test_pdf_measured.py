"""The PDF draws the flowables the fit measured: nothing is wrapped a second time, and
what it draws is what a fresh set of flowables would draw, byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph, Table
from test_scripts import HAVE_SCRIPTS

from briefgen import pipeline, project, writers
from briefgen.layout import kept
from briefgen.layout import page as p
from briefgen.project import find as project_of
from briefgen.render.templating import Templates
from briefgen.writers.pdf.flowables import same
from conftest import EXAMPLE, FIXTURES, ROOT


def prepared(source: Path) -> p.Page:
    kept.clear()
    return pipeline.prepare(source, Templates(project.find(ROOT))).page


def paragraphs(block: p.Block) -> int:
    if isinstance(block, p.Para):
        return 1
    if isinstance(block, p.Grid):
        return sum(len(cell.paras) for row in block.rows for cell in row.cells)
    return len(block.paras) if isinstance(block, p.Quote) else 0


class Wraps:
    """Counts the paragraphs reportlab breaks into lines."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = Paragraph.wrap

        def counted(para: Paragraph, width: float, height: float) -> tuple[float, float]:
            self.count += 1
            made: tuple[float, float] = original(para, width, height)
            return made

        monkeypatch.setattr(Paragraph, "wrap", counted)


#: the example and a fixture whose tables and links differ
EXAMPLE_AND_FIXTURE = pytest.mark.parametrize(
    "source", [EXAMPLE, FIXTURES / "japan-philippines.yaml"], ids=["example", "fixture"]
)


@EXAMPLE_AND_FIXTURE
def test_the_pdf_wraps_only_what_its_tags_change(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = prepared(source)
    # a block with a link (the canvas is told where its text starts and ends) is made anew
    anew = sum(paragraphs(b) for b in page.blocks if not same(b))
    wraps = Wraps(monkeypatch)
    writers.get("pdf").render(page)
    assert wraps.count == anew
    assert anew < sum(paragraphs(b) for b in page.blocks) / 2


@EXAMPLE_AND_FIXTURE
def test_the_pdf_sizes_again_only_the_tables_made_anew(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = prepared(source)
    tables = [b for b in page.blocks if isinstance(b, (p.Grid, p.Quote))]
    anew = sum(1 for b in tables if not same(b))
    sized = []
    original = Table._calc

    def counted(table: Table, width: float, height: float) -> None:
        sized.append(table)
        original(table, width, height)

    monkeypatch.setattr(Table, "_calc", counted)
    writers.get("pdf").render(page)
    assert len(tables) > anew  # some tables measured by the fit
    assert len(sized) == anew


LINKED = """title: Linked
summary: "The read-out is [on the site](https://example.org/a), and [here](https://example.org/b)."
next_steps:
  - action: "Read [the note](https://example.org/c)"
    owner: Desk
    status: planned
  - action: Reply
    owner: Desk
    status: done
sections:
  - heading: Context
    body: |
      - one point
      - another, [linked](https://example.org/d)
"""

SOURCES: dict[str, Callable[[Callable[[str], Path]], Path]] = {
    "example": lambda _: EXAMPLE,
    "links": lambda brief: brief(LINKED),
    "scripts": lambda _: FIXTURES / "multi-script.yaml",
}


@pytest.mark.parametrize("standard", ["ua-1", "a-2b+ua-1", "none"])
@pytest.mark.parametrize("source", list(SOURCES))
def test_the_measured_flowables_draw_what_fresh_ones_draw(
    source: str, standard: str, brief: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if source == "scripts" and not HAVE_SCRIPTS:
        pytest.skip("briefgen[scripts] is not installed")
    page = prepared(SOURCES[source](brief))
    if source != "example":
        assert not all(same(b) for b in page.blocks)  # some made anew, some measured
    page = replace(page, pdf_standard=standard)  # the same blocks: still kept
    pdf = writers.get("pdf")
    measured = pdf.render(page)
    wraps = Wraps(monkeypatch)
    fresh = pdf.render(page)  # taken once: the second drawing makes its own
    assert wraps.count > 0
    assert measured == fresh


def test_only_the_very_blocks_measured_are_handed_out() -> None:
    page = prepared(EXAMPLE)
    copies = replace(page, blocks=tuple(replace(b) for b in page.blocks))  # equal, not the same
    assert copies.blocks == page.blocks
    assert kept.take(copies) is None
    assert kept.take(replace(page, fonts=replace(page.fonts, pdf="Other"))) is None
    one_new = replace(page, blocks=(replace(page.blocks[0]), *page.blocks[1:]))
    found = kept.take(one_new)
    assert found is not None and found[0] is None and None not in found[1:]
    assert kept.take(page) is None  # handed out once


LONG = "title: Long\nsummary: A bottom line.\nsections:\n" + "".join(
    f"  - heading: Part {i}\n    body: |\n      {'Words that fill the page. ' * 30}\n"
    for i in range(14)
)


def test_a_page_broken_in_two_wraps_only_the_blocks_at_the_break(
    monkeypatch: pytest.MonkeyPatch, project: Path, brief: Callable[[str], Path]
) -> None:
    (project / "briefgen.toml").write_text("pages = 2\n", encoding="utf-8")
    page = pipeline.prepare(brief(LONG), Templates(project_of(project))).page
    assert page.breaks  # two pages: the block after the break is a new one
    wraps = Wraps(monkeypatch)
    first = writers.get("pdf").render(page)
    assert 0 < wraps.count < sum(paragraphs(b) for b in page.blocks) / 4
    assert first == writers.get("pdf").render(page)  # fresh flowables: the same bytes


def test_a_table_is_sized_again_for_another_width_or_too_little_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefgen.layout.rlflowables import StableTable

    table = StableTable([["a"], ["b"], ["c"]], colWidths=[100])
    sized: list[tuple[float, float]] = []
    original = Table._calc

    def counted(t: Table, width: float, height: float) -> None:
        sized.append((width, height))
        original(t, width, height)

    monkeypatch.setattr(Table, "_calc", counted)
    _, tall = table.wrap(300, 1000)
    assert table.wrap(300, 1000) == (100, tall) and table.wrap(300, tall) == (100, tall)
    assert sized == [(300, 1000)]  # the same width and room enough: the sizes kept
    table.wrap(300, tall - 1)  # it must be split to fit: reportlab sizes what fits
    table.wrap(200, 1000)
    assert sized == [(300, 1000), (300, tall - 1), (200, 1000)]
