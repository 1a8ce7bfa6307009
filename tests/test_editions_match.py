"""How an entry is recognised in the published edition: by id, else by alike text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.content.schema import load
from briefgen.errors import BriefgenError
from briefgen.regen import editions as changes
from briefgen.sections import match, statements

HEAD = "title: T\nsummary: S\n"
QUOTES = HEAD + (
    "key_statements:\n"
    "  - speaker: Alpha\n"
    "    text: We welcome the framework agreement signed today.\n"
    "  - speaker: Beta\n"
    "    text: The partnership has never been stronger.\n"
)


def compared(brief: Callable[..., Path], before: str, now: str) -> changes.Changes:
    old = changes.snapshot(load(brief(before)))
    return changes.compare(old, load(brief(now)))


def marks(found: changes.Changes, key: str, count: int) -> list[str]:
    return [found.at(key, i)[0] for i in range(count)]


def test_a_typo_fixed_in_a_statement_is_changed_not_new(brief: Callable[..., Path]) -> None:
    found = compared(brief, QUOTES, QUOTES.replace("framework agreement", "framwork agreement"))
    assert marks(found, "key_statements", 2) == ["CHANGED", ""]
    assert found.lines == (
        "changed statement: Alpha: We welcome the framwork agreement signed today.",
    )


def test_a_change_of_spacing_alone_marks_nothing(brief: Callable[..., Path]) -> None:
    found = compared(brief, QUOTES, QUOTES.replace("We welcome the", "We  welcome   the"))
    assert found.lines == ()


def test_a_change_of_case_alone_is_the_same_entry_changed(brief: Callable[..., Path]) -> None:
    before = HEAD + "talking_points:\n  - text: STAND FIRM\n"
    found = compared(brief, before, before.replace("STAND FIRM", "Stand firm"))
    assert marks(found, "talking_points", 1) == ["CHANGED"]


def test_unchanged_entries_pair_without_comparing_their_texts(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only what changed is compared: a long list that did not change costs next to nothing."""
    points = HEAD + "talking_points:\n" + "".join(f"  - text: Point {i}.\n" for i in range(300))
    compared_texts: list[str] = []
    monkeypatch.setattr(match, "alike", lambda a, b, least=0.0: compared_texts.append(a) or 0.0)
    found = compared(brief, points, points.replace("Point 7.", "Point 7!"))
    assert marks(found, "talking_points", 8)[7] == "NEW"  # alike() stubbed to 0.0
    assert set(compared_texts) == {"point 7!"}


def test_the_same_words_from_another_speaker_are_a_new_statement(
    brief: Callable[..., Path],
) -> None:
    found = compared(brief, QUOTES, QUOTES.replace("speaker: Beta", "speaker: Gamma"))
    assert marks(found, "key_statements", 2) == ["", "NEW"]
    assert found.lines == (
        "new statement: Gamma: The partnership has never been stronger.",
        "removed statement: Beta: The partnership has never been stronger.",
    )


def test_a_rewritten_statement_is_new_and_the_old_one_removed(brief: Callable[..., Path]) -> None:
    found = compared(
        brief, QUOTES, QUOTES.replace("The partnership has never been stronger.", "No comment.")
    )
    assert marks(found, "key_statements", 2) == ["", "NEW"]
    assert found.lines[-1] == "removed statement: Beta: The partnership has never been stronger."


def test_a_removed_entry_of_each_section_is_listed(brief: Callable[..., Path]) -> None:
    full = QUOTES + (
        "next_steps:\n  - action: Meet in Delhi\n"
        "procurement:\n  - system: Javelin\n    stage: announced\n"
        "talking_points:\n  - text: Stand firm.\n"
    )
    found = compared(brief, full, HEAD)
    assert found.lines == (
        "removed statement: Alpha: We welcome the framework agreement signed today.",
        "removed statement: Beta: The partnership has never been stronger.",
        "removed step: Meet in Delhi",
        "removed system: Javelin (announced)",
        "removed talking point: Stand firm.",
    )


def test_entries_with_the_same_id_are_one_whatever_their_text(brief: Callable[..., Path]) -> None:
    before = QUOTES.replace("today.\n", "today.\n    id: q1\n")
    now = before.replace("We welcome the framework agreement signed today.", "No comment.")
    found = compared(brief, before, now)
    assert marks(found, "key_statements", 2) == ["CHANGED", ""]
    assert found.lines == ("changed statement: Alpha: No comment.",)


def test_entries_with_different_ids_are_never_one_however_alike(
    brief: Callable[..., Path],
) -> None:
    before = QUOTES.replace("today.\n", "today.\n    id: q1\n")
    found = compared(brief, before, before.replace("id: q1", "id: q2"))
    assert marks(found, "key_statements", 2) == ["NEW", ""]


def test_an_id_added_to_an_entry_keeps_it_the_same_entry(brief: Callable[..., Path]) -> None:
    found = compared(brief, QUOTES, QUOTES.replace("today.\n", "today.\n    id: q1\n"))
    assert found.lines == ()


def test_an_entry_without_an_id_is_recorded_as_before_ids_existed(
    brief: Callable[..., Path],
) -> None:
    recorded = changes.snapshot(load(brief(QUOTES)))
    assert "id" not in recorded["key_statements"][0]
    with_id = changes.snapshot(load(brief(QUOTES.replace("today.\n", "today.\n    id: q1\n"))))
    assert with_id["key_statements"][0]["id"] == "q1"


def test_entries_pair_best_first_and_one_to_one(brief: Callable[..., Path]) -> None:
    before = HEAD + "talking_points:\n  - text: Sales and co-production move together.\n"
    now = HEAD + (
        "talking_points:\n"
        "  - text: Sales and co-production move forward.\n"
        "  - text: Sales and co-production move together now.\n"
    )
    found = compared(brief, before, now)
    # both are alike enough; the more alike is the point it was, the other is new
    assert marks(found, "talking_points", 2) == ["NEW", "CHANGED"]


def test_equally_alike_entries_pair_in_their_order(brief: Callable[..., Path]) -> None:
    before = HEAD + "talking_points:\n  - text: Stand firm.\n"
    now = HEAD + "talking_points:\n  - text: Stand firm.\n  - text: Stand firm.\n"
    found = compared(brief, before, now)
    assert marks(found, "talking_points", 2) == ["", "NEW"]


def test_a_step_whose_due_date_moved_is_changed(brief: Callable[..., Path]) -> None:
    before = HEAD + "next_steps:\n  - action: Meet in Delhi\n    due: 2025-09-01\n"
    found = compared(brief, before, before.replace("2025-09-01", "2025-10-01"))
    assert marks(found, "next_steps", 1) == ["CHANGED"]
    assert found.at("next_steps", 0) == ("CHANGED", "")
    assert found.lines == ("changed step: Meet in Delhi",)


def test_a_step_reworded_and_done_says_its_status_moved(brief: Callable[..., Path]) -> None:
    before = HEAD + "next_steps:\n  - action: Sign the framework\n    status: agreed\n"
    now = before.replace("Sign the framework", "Sign the framework agreement").replace(
        "agreed", "done"
    )
    found = compared(brief, before, now)
    assert found.at("next_steps", 0) == ("CHANGED", "agreed")
    assert found.lines == ("step Sign the framework agreement: agreed -> done",)


def test_a_corrected_system_name_is_the_same_system(brief: Callable[..., Path]) -> None:
    before = HEAD + "procurement:\n  - system: Rafael M\n    stage: negotiation\n"
    found = compared(brief, before, before.replace("Rafael M", "Rafale M"))
    assert marks(found, "procurement", 1) == ["CHANGED"]


def test_a_system_name_one_letter_apart_is_another_system(brief: Callable[..., Path]) -> None:
    before = HEAD + "procurement:\n  - system: P-8I\n    stage: in-service\n"
    found = compared(brief, before, before.replace("P-8I", "P-8A"))
    assert marks(found, "procurement", 1) == ["NEW"]
    assert found.lines == ("new system: P-8A (in-service)", "removed system: P-8I (in-service)")


def test_the_threshold_is_the_sections_alike_ratio() -> None:
    assert statements.SECTION.alike == 0.6
    assert match.alike("abcde", "abcde") == 1.0
    assert match.alike("abcd", "abxy") == 0.5
    assert match.alike("abcd", "wxyz", 0.6) == 0.0


def test_matching_is_the_same_whatever_order_it_is_asked_in(brief: Callable[..., Path]) -> None:
    before = HEAD + "talking_points:\n  - text: Hold the line.\n  - text: Hold the line!\n"
    now = HEAD + "talking_points:\n  - text: Hold the line?\n  - text: Hold the line.\n"
    first = compared(brief, before, now)
    assert [compared(brief, before, now) for _ in range(3)] == [first] * 3
    assert marks(first, "talking_points", 2) == ["CHANGED", ""]


def error_of(path: Path) -> str:
    with pytest.raises(BriefgenError) as caught:
        load(path)
    return str(caught.value)


def test_an_id_used_twice_in_a_list_is_named_by_file_line_and_field(
    brief: Callable[..., Path],
) -> None:
    text = QUOTES.replace("today.\n", "today.\n    id: q1\n").replace(
        "stronger.\n", "stronger.\n    id: q1\n"
    )
    assert error_of(brief(text)) == (
        "content/b.yaml:9: key_statements[1].id: 'q1' is already the id of key_statements[0] "
        "(content/b.yaml:6); an id names one entry of its list"
    )


def test_the_same_id_in_two_lists_is_fine(brief: Callable[..., Path]) -> None:
    text = QUOTES.replace("today.\n", "today.\n    id: a\n") + (
        "next_steps:\n  - action: Meet\n    id: a\n"
    )
    assert load(brief(text)).next_steps[0].id == "a"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"two words"', "'two words' is not an id: up to 40 letters, digits"),
        ("[a]", "expected text, got a list"),
        ("x" * 41, "is not an id: up to 40 letters"),
    ],
)
def test_a_malformed_id_is_named_by_file_line_and_field(
    brief: Callable[..., Path], value: str, problem: str
) -> None:
    message = error_of(brief(HEAD + f"next_steps:\n  - action: Meet\n    id: {value}\n"))
    assert message.startswith("content/b.yaml:5: next_steps[0].id: ")
    assert problem in message


def test_a_whole_number_id_is_read_as_text(brief: Callable[..., Path]) -> None:
    assert load(brief(HEAD + "next_steps:\n  - action: Meet\n    id: 7\n")).next_steps[0].id == "7"


def test_a_decimal_looking_id_keeps_its_digits(brief: Callable[..., Path]) -> None:
    text = HEAD + "next_steps:\n  - action: Meet\n    id: 1.10\n"
    assert load(brief(text)).next_steps[0].id == "1.10"


def test_ids_in_a_table_are_checked_by_row_and_column(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "content" / "points.csv").write_text("text,id\nFirst,p1\nSecond,p1\n")
    assert error_of(brief(HEAD + "talking_points: points.csv\n")) == (
        "content/points.csv: row 3, column id: 'p1' is already the id of talking_points[0] "
        "(content/points.csv, row 2, column id); an id names one entry of its list"
    )
