"""Line breaking, decided in the layout: where a line may break, and the reserve both
programs keep."""

from __future__ import annotations

import itertools

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.layout import breaks, lines
from briefgen.layout import page as p
from briefgen.layout.fonts import register
from briefgen.layout.theme import Theme


def _splits(text: str) -> list[str]:
    cuts = [0, *breaks.opportunities(text), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("co-production and more", ["co-", "production ", "and ", "more"]),
        ("MOD/MOFA/NSC/JSDF", ["MOD/", "MOFA/", "NSC/", "JSDF"]),
        ("2025–26 plan", ["2025–", "26 ", "plan"]),
        ("a — b", ["a ", "— ", "b"]),
        ("-5 and 1/2 of x", ["-5 ", "and ", "1/2 ", "of ", "x"]),
        # LibreOffice breaks after a hyphen before a digit inside a word, and after a
        # slash unless it stands between digits
        ("MQ-9B and 2025-26", ["MQ-", "9B ", "and ", "2025-", "26"]),
        ("A/1 12/25", ["A/", "1 ", "12/25"]),
        ("qty\u00a06 and 100\u202f000", ["qty\u00a06 ", "and ", "100\u202f000"]),
        ("( a ) x", ["( ", "a ) ", "x"]),
        ("-ish", ["-ish"]),
    ],
)
def test_a_line_breaks_only_where_a_word_processor_would(text: str, pieces: list[str]) -> None:
    assert _splits(text) == pieces


@pytest.fixture(scope="module")
def family() -> str:
    return register(Theme())


def _para(text: str, size: int = 18) -> p.Para:
    return p.Para((p.Span(text, size, "#000000"),), size, 220, "#000000")


def test_a_paragraph_that_fits_with_room_to_spare_keeps_its_width(family: str) -> None:
    para = lines.settle(_para("one two three four five six"), 300.0, family)
    assert para.right == 0 and para.breaks == ()


def test_a_line_that_fits_by_a_hair_is_broken_earlier_in_a_narrower_width(family: str) -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta"
    first = "alpha beta gamma delta"
    exact = stringWidth(first, family, 9)  # "delta" ends exactly at the edge
    settled = lines.settle(_para(text), exact + 0.2, family)
    assert settled.right > 0  # a reserve taken from the right
    room = exact + 0.2 - p.pt(settled.right)
    starts, shrink, _ = lines.wrap(text, lines._measurer(settled, family)[1], room)
    assert shrink == 0.0 and tuple(starts) == settled.breaks
    assert text[: settled.breaks[0]].strip() == "alpha beta gamma"


def test_an_over_long_token_breaks_after_its_slashes_not_inside_a_word(family: str) -> None:
    text = "MOD/MOFA/NSC/JSDF/CABINET"
    room = stringWidth("MOD/MOFA/NSC/", family, 9) + 2
    settled = lines.settle(_para(text), room, family)
    cut = settled.breaks[0]
    assert text[:cut] == "MOD/MOFA/NSC/"


def test_the_pdf_draws_the_lines_the_layout_chose(family: str) -> None:
    para = p.Para(
        (p.Span("a co-", 18, "#000000"), p.Span("production line", 18, "#000000", bold=True)),
        18,
        220,
        "#000000",
        breaks=(5, 16),
    )
    drawn = lines.broken(para)
    assert [s.text for s in drawn.spans] == ["a co-", "\nproduction\nline"]
    assert drawn.breaks == ()


def test_a_no_break_space_takes_its_neighbours_to_the_next_line_together(family: str) -> None:
    text = "alpha beta\u00a0gamma"
    room = stringWidth("alpha beta gam", family, 9)
    settled = lines.settle(_para(text), room, family)
    assert settled.breaks == (6,)  # "beta gamma" goes down whole


def test_a_word_that_fits_its_narrow_column_by_a_hair_is_never_split(family: str) -> None:
    room = stringWidth("Announced", family, 9) + 0.4  # less than the reserve to spare
    settled = lines.settle(_para("Announced"), room, family)
    assert settled.breaks == () and settled.right == 0


def test_a_word_with_less_than_the_reserve_to_spare_crowds_its_column(family: str) -> None:
    date = "20\u00a0Nov\u00a02025"  # one word: its spaces do not break
    width = stringWidth(date, family, 9)
    assert lines.crowded(_para(f"due {date}"), width + 0.4, family)  # less than 1 pt spare
    assert not lines.crowded(_para(f"due {date}"), width + 1.5, family)
    assert not lines.crowded(_para("due 20 Nov 2025"), width + 0.4, family)  # three words
    assert lines.crowded(
        _para("first line\nAnnouncedly"), stringWidth("Announced", family, 9), family
    )
