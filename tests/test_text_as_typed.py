"""Text fields keep the characters typed; only number fields read numbers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.content.schema import load
from tests.conftest import docx_text, pdf_text, run

HEAD = "title: T\nsummary: S\n"


@pytest.mark.parametrize(
    "typed",
    ["10:30", "0x1F", "1.50", "007", ".inf", "-.inf", ".NaN", "1_000", "1e3", "+12", "yes",
     "No", "off", "2025-07-01 10:30:00", "2025-02-30", "0o17", "1:20:30"],
)  # fmt: skip
def test_a_plain_yaml_value_in_a_text_field_keeps_its_characters(
    brief: Callable[..., Path], typed: str
) -> None:
    loaded = load(brief(f"title: T\nsummary: {typed}\nsubtitle: {typed}\n"))
    assert (loaded.summary, loaded.subtitle) == (typed, typed)


def test_list_entries_and_ids_keep_their_characters(brief: Callable[..., Path]) -> None:
    text = HEAD + (
        "next_steps:\n  - action: 10:30\n    owner: 0x1F\n    id: 1.10\n"
        "procurement:\n  - system: 1.50\n    stage: proposed\n    value: 007\n"
    )
    loaded = load(brief(text))
    step, item = loaded.next_steps[0], loaded.procurement[0]
    assert (step.action, step.owner, step.id) == ("10:30", "0x1F", "1.10")
    assert (item.system, item.value) == ("1.50", "007")


def test_a_quantity_is_still_a_number(brief: Callable[..., Path]) -> None:
    text = HEAD + "procurement:\n  - system: X\n    stage: proposed\n    quantity: 12\n"
    assert load(brief(text)).procurement[0].quantity == 12


@pytest.mark.parametrize("empty", ["~", "null", ""])
def test_yaml_null_is_still_no_value(brief: Callable[..., Path], empty: str) -> None:
    assert load(brief(HEAD + f"subtitle: {empty}\n")).subtitle is None


def test_a_plain_iso_date_is_still_a_date(brief: Callable[..., Path]) -> None:
    loaded = load(brief(HEAD + "date: 2025-07-02\nnext_steps:\n  - action: A\n    due: 2025-7-1\n"))
    assert (loaded.date, loaded.next_steps[0].due) == (dt.date(2025, 7, 2), dt.date(2025, 7, 1))


def test_a_json_number_or_boolean_in_a_text_field_keeps_its_characters(
    brief: Callable[..., Path],
) -> None:
    data = '{"title": 1.50, "summary": true, "subtitle": 1E3, "next_steps": [{"action": -0.0}]}'
    loaded = load(brief(data, "b.json"))
    assert (loaded.title, loaded.summary, loaded.subtitle) == ("1.50", "true", "1E3")
    assert loaded.next_steps[0].action == "-0.0"


def test_a_json_quantity_is_a_number(brief: Callable[..., Path]) -> None:
    data = {"title": "T", "summary": "S",
            "procurement": [{"system": "X", "stage": "proposed", "quantity": 3}]}  # fmt: skip
    assert load(brief(json.dumps(data), "b.json")).procurement[0].quantity == 3


def test_an_included_file_keeps_its_characters(brief: Callable[..., Path], project: Path) -> None:
    (project / "content" / "_desk.yaml").write_text("prepared_by: 10:30\nsubtitle: 0x1F\n")
    loaded = load(brief("include: _desk.yaml\n" + HEAD + "subtitle: 1.50\n"))
    assert (loaded.prepared_by, loaded.subtitle) == ("10:30", "1.50")


def test_a_csv_cell_keeps_its_characters(brief: Callable[..., Path], project: Path) -> None:
    (project / "content" / "buys.csv").write_text(
        "system,stage,quantity,value\n007,proposed,007,1.50\n"
    )
    item = load(brief(HEAD + "procurement: buys.csv\n")).procurement[0]
    assert (item.system, item.quantity, item.value) == ("007", 7, "1.50")


def test_a_sheet_named_like_a_number_is_found_by_its_name(
    brief: Callable[..., Path], project: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "1.50"
    book.active.append(["system", "stage"])
    book.active.append(["X", "proposed"])
    book.save(project / "content" / "buys.xlsx")
    text = HEAD + "procurement:\n  file: buys.xlsx\n  sheet: 1.50\n"
    assert load(brief(text)).procurement[0].system == "X"


def test_times_and_part_numbers_print_as_typed_in_docx_and_pdf(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(
        "title: 10:30\nsubtitle: 0x1F\nsummary: 1.50\n"
        "next_steps:\n  - action: 007\n    owner: 2:45\n    due: 1.10\n"
    )
    result = run("build")
    assert result.exit_code == 0, result.output
    for text in (docx_text(project / "out" / "b.docx"), pdf_text(project / "out" / "b.pdf")):
        words = text.split()
        for typed in ("10:30", "0x1F", "1.50", "007", "2:45", "1.10"):
            assert typed in words, (typed, words)
        for retyped in ("630", "31", "1.5", "7", "165", "1.1"):
            assert retyped not in words, (retyped, words)
