"""Dates as people write them: ISO and written out are dates; ambiguous ones are refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.content import dates
from briefgen.content.schema import load
from briefgen.errors import BriefgenError
from tests.conftest import pdf_text, run

DEC_1 = dt.date(2025, 12, 1)


@pytest.mark.parametrize(
    "written",
    ["2025-12-01", "2025-12-1", "2025-12-01 10:30:00", "2025-12-01T10:30:00Z", "1 Dec 2025",
     "1 December 2025", "December 1, 2025", "Dec 1 2025", "1st Dec. 2025", "1 DEC 2025",
     "Monday, 1 December 2025", "Mon 1 Dec 2025"],
)  # fmt: skip
def test_iso_and_written_out_dates_are_read(written: str) -> None:
    assert dates.read(written) == DEC_1


@pytest.mark.parametrize(
    "free",
    ["later this year", "December 2025", "Q3 2025", "by 1 Dec 2025", "1.2.3", "2 weeks 2025"],
)
def test_text_that_is_not_a_date_is_free_text(free: str) -> None:
    assert dates.read(free) is None


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("01/02/2025", "could be 1 February 2025 or 2 January 2025: write it YYYY-MM-DD, "
         "2025-02-01 or 2025-01-02"),
        ("13/02/2025", "looks like a date: write it 2025-02-13"),
        ("2025/02/01", "looks like a date: write it 2025-02-01"),
        ("01/02/25", "with all four digits of the year"),
        ("31 Feb 2025", "is not a date: February 2025 has 28 days"),
        ("2025-02-30", "is not a date: February 2025 has 28 days"),
        ("2025-13-01", "there is no month 13"),
        ("1 Dex 2025", "'Dex' is not a month (did you mean Dec?)"),
        ("Tuesday, 1 December 2025", "1 December 2025 is a Monday, not a Tuesday"),
    ],
)  # fmt: skip
def test_what_looks_like_a_date_but_cannot_be_read_for_certain_is_refused(
    written: str, problem: str
) -> None:
    with pytest.raises(dates.NotADate) as caught:
        dates.read(written)
    assert problem in str(caught.value)


def test_a_written_due_date_is_a_date_and_marks_the_step_overdue(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(
        "title: T\nsummary: S\ndate: 15 December 2025\nnext_steps:\n"
        "  - action: Sign\n    due: 1 Dec 2025\n  - action: Meet\n    due: later this year\n"
    )
    loaded = load(project / "content" / "b.yaml")
    assert loaded.date == dt.date(2025, 12, 15)
    assert [s.due for s in loaded.next_steps] == [DEC_1, "later this year"]
    assert run("build").exit_code == 0
    text = " ".join(pdf_text(project / "out" / "b.pdf").split())
    assert "1 Dec 2025 overdue" in text
    assert "later this year" in text and "later this year overdue" not in text


def test_an_ambiguous_due_date_is_an_error_naming_file_line_and_field(
    brief: Callable[..., Path],
) -> None:
    path = brief("title: T\nsummary: S\nnext_steps:\n  - action: A\n    due: 01/02/2025\n")
    with pytest.raises(BriefgenError) as caught:
        load(path)
    assert str(caught.value).startswith(
        "content/b.yaml:5: next_steps[0].due: '01/02/2025' could be"
    )


def test_a_brief_date_in_free_text_is_an_error(brief: Callable[..., Path]) -> None:
    with pytest.raises(BriefgenError) as caught:
        load(brief("title: T\nsummary: S\ndate: later this year\n"))
    assert "'later this year' is not a date (write YYYY-MM-DD, or e.g. 1 July 2025)" in str(
        caught.value
    )


def test_a_json_or_csv_date_may_be_written_out(brief: Callable[..., Path], project: Path) -> None:
    (project / "content" / "steps.csv").write_text('action,due\nSign,"December 1, 2025"\n')
    loaded = load(brief('{"title": "T", "summary": "S", "date": "1 Dec 2025", '
                        '"next_steps": "steps.csv"}', "b.json"))  # fmt: skip
    assert (loaded.date, loaded.next_steps[0].due) == (DEC_1, DEC_1)
