"""No-break spaces survive from the content file to both files, and briefgen's own joins
("qty 6", dates, "¥ 4.0 bn", "in 5 days") use them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest

from briefgen.content.schema import Step
from briefgen.render.markup import parse
from briefgen.render.ownfilters import due_marker, format_date
from briefgen.render.ties import tie
from conftest import FIXTURES, run

NO_BREAK = re.compile("[\u00a0\u202f\u2007]")


def test_markup_collapses_html_white_space_but_keeps_no_break_spaces() -> None:
    doc = parse("<p>Mr.\u00a0Smith  and\n100\u202f000 and 5\u2007kg</p>")
    (paragraph,) = doc.blocks
    assert (
        "".join(r.text for r in paragraph.runs) == "Mr.\u00a0Smith and 100\u202f000 and 5\u2007kg"
    )


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("qty 6", "qty\u00a06"),
        ("¥ 4.0 bn", "¥\u00a04.0\u00a0bn"),
        ("₹ 1,200 cr", "₹\u00a01,200\u00a0cr"),
        ("US$ 1bn", "US$\u00a01bn"),
        ("USD 3 m", "USD\u00a03\u00a0m"),
        ("100 000 rounds", "100\u202f000 rounds"),
        ("in 2025 the plan moves", "in 2025 the plan moves"),  # only numbers and their units
    ],
)
def test_tie_joins_a_number_to_its_unit_currency_label_and_groups(text: str, tied: str) -> None:
    assert tie(text) == tied


def test_dates_and_due_markers_never_part_across_lines() -> None:
    day = dt.date(2025, 7, 1)
    assert format_date(day, "short") == "1\u00a0Jul\u00a02025"
    assert format_date(day) == "1\u00a0July\u00a02025"
    later = Step(action="A", status="planned", due=dt.date(2025, 7, 6))
    assert due_marker(later, day).label == "in 5\u00a0days"


def test_no_break_spaces_reach_both_files(brief: Callable[..., Path], project: Path) -> None:
    brief('title: T\nsummary: "Mr.\\u00a0Smith: 100\\u202f000 rounds, 5\\u2007kg"\n')
    shutil.copy(FIXTURES / "japan-philippines.yaml", project / "content")
    assert run("build").exit_code == 0
    xml = zipfile.ZipFile("out/b.docx").read("word/document.xml").decode()
    assert "Mr.\u00a0Smith: 100\u202f000 rounds, 5\u2007kg" in xml
    fixture = zipfile.ZipFile("out/japan-philippines.docx").read("word/document.xml").decode()
    assert "qty\u00a04" in fixture and "¥\u00a04.0\u00a0bn" in fixture
    assert re.search("\\d\u00a0Sep\u00a02025", fixture)
    # The PDF draws each with its own glyph; reportlab writes U+00A0 and U+202F as
    # spaces in the text layer, the figure space as itself.
    text = pypdfium2.PdfDocument("out/b.pdf")[0].get_textpage().get_text_range()
    assert "5\u2007kg" in text and "Mr. Smith: 100 000 rounds" in NO_BREAK.sub(" ", text)
