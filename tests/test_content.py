"""Schema v1: each rule, with the exact line a user sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.content.schema import load
from briefgen.errors import BriefgenError
from conftest import EXAMPLE, FIXTURES

HEAD = "title: T\nsummary: S\n"

CASES = [
    (
        "unknown_key_suggests_the_nearest_field",
        "title: T\nsumary: S\n",
        "b.yaml:2: sumary: unknown field; did you mean 'summary'?",
    ),
    (
        "unknown_key_without_a_near_match_lists_the_fields",
        HEAD + "colour: red\n",
        "b.yaml:3: colour: unknown field; known fields: title, subtitle, date, classification, "
        "prepared_by, language, summary, template, summary_classification, default_classification, marking, authority, cui, order, hide, headings, extra, pages, "
        "key_statements, next_steps, procurement, talking_points, sections, include",
    ),
    (
        "unknown_key_inside_a_list_entry_is_named_by_its_path",
        HEAD + "next_steps:\n  - action: a\n    owner: b\n    dew: 2025-01-01\n",
        "b.yaml:6: next_steps[0].dew: unknown field; did you mean 'due'?",
    ),
    (
        "status_outside_the_enum_lists_the_choices",
        HEAD + "next_steps:\n  - action: a\n  - action: b\n  - action: c\n    status: finished\n",
        "b.yaml:7: next_steps[2].status: 'finished' is not one of planned, agreed, in-progress, "
        "done, blocked",
    ),
    (
        "stage_outside_the_enum_lists_the_choices",
        HEAD + "procurement:\n  - system: X\n    stage: maybe\n",
        "b.yaml:5: procurement[0].stage: 'maybe' is not one of proposed, announced, negotiation, "
        "contracted, delivery, in-service",
    ),
    ("missing_title_is_required", "summary: S\n", "b.yaml:1: title: is required"),
    (
        "empty_summary_is_required_but_empty",
        "title: T\nsummary: ''\n",
        "b.yaml:2: summary: is required but empty",
    ),
    (
        "statement_without_text",
        HEAD + "key_statements:\n  - speaker: A\n",
        "b.yaml:4: key_statements[0].text: is required",
    ),
    (
        "procurement_without_stage",
        HEAD + "procurement:\n  - system: X\n",
        "b.yaml:4: procurement[0].stage: is required",
    ),
    (
        "date_must_be_iso",
        HEAD + "date: July 1\n",
        "b.yaml:3: date: 'July 1' is not a date (write YYYY-MM-DD, or e.g. 1 July 2025)",
    ),
    (
        "impossible_date_is_refused",
        HEAD + "date: 2025-02-30\n",
        "b.yaml:3: date: '2025-02-30' is not a date: February 2025 has 28 days",
    ),
    (
        "quantity_must_be_a_whole_number",
        HEAD + "procurement:\n  - system: X\n    stage: announced\n    quantity: six\n",
        "b.yaml:6: procurement[0].quantity: 'six' is not a whole number",
    ),
    (
        "quantity_may_not_be_negative",
        HEAD + "procurement:\n  - system: X\n    stage: announced\n    quantity: -2\n",
        "b.yaml:6: procurement[0].quantity: -2 is negative",
    ),
    (
        "title_longer_than_120_characters",
        f"title: {'x' * 121}\nsummary: S\n",
        "b.yaml:1: title: is 121 characters long; at most 120 are allowed",
    ),
    (
        "a_status_is_checked_as_typed_not_as_a_yes_no",
        HEAD + "next_steps:\n  - action: A\n    status: yes\n",
        "b.yaml:5: next_steps[0].status: 'yes' is not one of planned, agreed, in-progress, done, "
        "blocked",
    ),
    (
        "list_field_given_text",
        HEAD + "key_statements: hello\n",
        "b.yaml:3: key_statements: expected a list, got 'hello'",
    ),
    (
        "list_entry_that_is_not_a_mapping",
        HEAD + "next_steps:\n  - just text\n",
        "b.yaml:4: next_steps[0]: each entry must be key: value pairs (action, owner, due, "
        "status, id, classification); got 'just text'",
    ),
    (
        "top_level_list",
        "- a\n- b\n",
        "b.yaml:1: a brief must be key: value pairs (title, subtitle, date, classification, "
        "prepared_by, language, summary, template, summary_classification, default_classification, marking, authority, cui, order, hide, headings, extra, pages, "
        "key_statements, next_steps, procurement, talking_points, sections, include); got a list",
    ),
    ("empty_file", "", "b.yaml: the file is empty; a brief needs at least title and summary"),
    (
        "duplicate_keys_are_an_error_not_last_wins",
        "title: T\nsummary: S\ntitle: U\n",
        "b.yaml:3: duplicate key 'title' (first on line 1)",
    ),
    (
        "python_tags_are_refused",
        "title: !!python/object/apply:os.system ['id']\nsummary: S\n",
        "b.yaml:1: title: the YAML tag !!python/object/apply:os.system is not allowed (content "
        "is plain data: text, numbers, dates, lists and mappings)",
    ),
    (
        "yaml_syntax_error_gives_the_line",
        "title: T\nsummary: [unclosed\n",
        "b.yaml:2:10: invalid YAML: the [ opened here is never closed with ']' (text that "
        "starts with '[' or '{' must be in quotes)\n  2 | summary: [unclosed\n    |          ^",
    ),
    (
        "control_characters_are_refused",
        'title: "a\\x07b"\nsummary: S\n',
        "b.yaml:1: title: contains the control character U+0007 at position 2; remove it",
    ),
    (
        "template_names_cannot_be_paths",
        HEAD + "template: ../etc\n",
        "b.yaml:3: template: '../etc' is not a template name (letters, digits, '-', '_', '.')",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_schema_rule(brief: Callable[..., Path], text: str, expected: str) -> None:
    path = brief(text)
    with pytest.raises(BriefgenError) as caught:
        load(path)
    assert str(caught.value) == "content/" + expected


def test_the_example_brief_loads_every_fact_of_the_report() -> None:
    b = load(EXAMPLE)
    speakers = {s.speaker for s in b.key_statements}
    assert {"Pete Hegseth", "Rajnath Singh", "S. Jaishankar", "Col. Chris Devine"} <= speakers
    actions = " ".join(s.action for s in b.next_steps)
    for fact in (
        "ten-year US-India Defence Framework",
        "INDUS-X Summit",
        "pending major US defence sales",
        "meet in person",
    ):
        assert fact in actions
    systems = {(i.system, i.stage) for i in b.procurement}
    assert {
        ("Javelin", "announced"),
        ("Stryker", "announced"),
        ("P-8I Poseidon", "announced"),
    } <= systems
    in_service = {i.system for i in b.procurement if i.stage == "in-service"}
    assert in_service == {
        "C-130J Super Hercules",
        "C-17 Globemaster III",
        "P-8I Poseidon",
        "CH-47F Chinook",
        "MH-60R Sea Hawk",
        "AH-64E Apache",
        "Harpoon",
        "M777",
        "MQ-9B Sky Guardian",
    }
    assert [i.quantity for i in b.procurement if i.system == "P-8I Poseidon"] == [6, None]


def test_defaults_fill_what_the_brief_leaves_out(brief: Callable[..., Path]) -> None:
    b = load(brief(HEAD + "next_steps:\n  - action: a\n"))
    assert b.classification == "UNCLASSIFIED"
    assert b.date is None and b.template is None
    assert b.next_steps[0].status == "agreed"


def test_due_is_a_date_or_free_text(brief: Callable[..., Path]) -> None:
    b = load(
        brief(
            HEAD + "next_steps:\n  - action: a\n    due: 2025-08-01\n"
            "  - action: b\n    due: later this year\n  - action: c\n    due: '2025-09-02'\n"
        )
    )
    assert [s.due for s in b.next_steps] == [
        dt.date(2025, 8, 1),
        "later this year",
        dt.date(2025, 9, 2),
    ]


def test_enums_accept_any_case_and_spaces(brief: Callable[..., Path]) -> None:
    b = load(
        brief(
            HEAD + "next_steps:\n  - action: a\n    status: In Progress\n"
            "procurement:\n  - system: X\n    stage: In service\n"
        )
    )
    assert b.next_steps[0].status == "in-progress"
    assert b.procurement[0].stage == "in-service"


def test_fixture_brief_is_valid() -> None:
    b = load(FIXTURES / "japan-philippines.yaml")
    assert b.classification == "CONFIDENTIAL//REL TO JPN, PHL"
    assert len(b.procurement) == 5


def test_alias_expansion_is_bounded(brief: Callable[..., Path]) -> None:
    row = ", ".join(["*a"] * 20)
    text = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
    for name, prev in zip("bcde", "abcd", strict=True):
        text += f"{name}: &{name} [{row.replace('*a', '*' + prev)}]\n"
    with pytest.raises(BriefgenError, match=r"more than 50000 values \(are aliases expanding\?\)"):
        load(brief(text + HEAD))


@pytest.mark.parametrize(
    ("field", "typed", "meant"),
    [
        ("status", "agred", "agreed"),
        ("status", "blokced", "blocked"),
        ("stage", "contract", "contracted"),
    ],
)
def test_a_misspelt_status_or_stage_suggests_the_nearest(
    tmp_path: Path, field: str, typed: str, meant: str
) -> None:
    entry = (
        f"next_steps:\n  - action: A\n    status: {typed}\n"
        if field == "status"
        else f"procurement:\n  - system: S\n    stage: {typed}\n"
    )
    path = tmp_path / "b.yaml"
    path.write_text(f"title: T\nsummary: S\n{entry}")
    with pytest.raises(BriefgenError, match=f"is not one of .*; did you mean '{meant}'\\?"):
        load(path)


def test_a_status_far_from_any_suggests_none(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("title: T\nsummary: S\nnext_steps:\n  - action: A\n    status: finished\n")
    with pytest.raises(BriefgenError) as caught:
        load(path)
    assert "did you mean" not in str(caught.value)
