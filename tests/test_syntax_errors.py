"""YAML and JSON syntax errors in plain words, at the line and column of the mistake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run

YAML_CASES = [
    (
        "a_tab_that_indents",
        "title: T\nsummary: S\nnext_steps:\n\t- action: A\n",
        "content/b.yaml:4:1: invalid YAML: a tab indents this line, and YAML does not allow "
        "tabs for indentation; indent with spaces",
        "  4 | →- action: A\n    | ^",
    ),
    (
        "a_tab_among_the_spaces",
        "title: T\nsummary: S\nnext_steps:\n  - action: A\n  \t  owner: B\n",
        "content/b.yaml:5:3: invalid YAML: a tab indents this line",
        "  5 |   →  owner: B\n    |   ^",
    ),
    (
        "an_unclosed_double_quote",
        'title: "Talks\nsummary: S\n',
        'content/b.yaml:1:8: invalid YAML: the " opened here is never closed',
        '  1 | title: "Talks\n    |        ^',
    ),
    (
        "an_unclosed_single_quote",
        "title: T\nsummary: 'partner\n",
        "content/b.yaml:2:10: invalid YAML: the ' opened here is never closed; end the text "
        "with ' (inside '...' write '' for ')",
        None,
    ),
    (
        "an_apostrophe_inside_single_quotes",
        "title: T\nsummary: 'India's partner'\n",
        "content/b.yaml:2:16: invalid YAML: text after the closing quote; put all of the value "
        "inside the quotes (inside '...', write '' for ')",
        "  2 | summary: 'India's partner'\n    |                ^",
    ),
    (
        "a_key_without_its_colon",
        "title: T\nsummary S\ndate: 2025-07-01\n",
        "content/b.yaml:2:10: invalid YAML: this line has no ':' after its key; write key: value",
        "  2 | summary S\n    |          ^",
    ),
    (
        "a_key_without_its_colon_in_a_list_entry",
        "title: T\nsummary: S\nnext_steps:\n  - action A\n    owner: B\n",
        "content/b.yaml:4:13: invalid YAML: this line has no ':' after its key",
        None,
    ),
    (
        "a_line_indented_too_far",
        "title: T\nsummary: S\nnext_steps:\n  - action: A\n     owner: B\n",
        "content/b.yaml:5:6: invalid YAML: this line is indented more than the line above it",
        "  5 |      owner: B\n    |      ^",
    ),
    (
        "a_line_indented_out_of_step",
        "title: T\nsummary: S\nnext_steps:\n  - action: A\n   owner: B\n",
        "content/b.yaml:5:4: invalid YAML: this line is indented out of step",
        None,
    ),
    (
        "a_stray_dash",
        "title: T\n- summary: S\n",
        "content/b.yaml:2:1: invalid YAML: a '-' list item where a key was expected",
        "  2 | - summary: S\n    | ^",
    ),
    (
        "a_list_item_out_of_line",
        "title: T\nsummary: S\nnext_steps:\n    - action: A\n  - action: B\n",
        "content/b.yaml:5:3: invalid YAML: this '-' item is not lined up with the one above it "
        "(column 5)",
        None,
    ),
    (
        "a_colon_inside_a_value",
        "title: Note: the talks\nsummary: S\n",
        "content/b.yaml:1:12: invalid YAML: this value has ': ' in it, which YAML reads as a "
        "new key; put the whole value in quotes",
        None,
    ),
    (
        "a_value_starting_with_an_asterisk",
        "title: T\nsummary: *Key* partner\n",
        "content/b.yaml:2:10: invalid YAML: '*' at the start of a value names an alias in "
        "YAML; put the value in quotes",
        None,
    ),
    (
        "a_bracket_never_closed",
        "title: T\nsummary: S\nsubtitle: [\n",
        "content/b.yaml:3:11: invalid YAML: the [ opened here is never closed with ']' (text "
        "that starts with '[' or '{' must be in quotes)",
        "  3 | subtitle: [\n    |           ^",
    ),
    (
        "text_after_a_closing_bracket",
        "title: T\nsummary: [Draft] the talks\n",
        "content/b.yaml:2:18: invalid YAML: text after a closing ']'; a value that starts with "
        "'[' or '{' must be in quotes",
        None,
    ),
    (
        "text_after_a_closing_quote",
        'title: "Talks" in July\nsummary: S\n',
        "content/b.yaml:1:14: invalid YAML: text after the closing quote",
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "headline", "shown"), [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES]
)
def test_a_yaml_mistake_is_said_plainly_with_line_column_and_caret(
    brief: Callable[..., Path], text: str, headline: str, shown: str | None
) -> None:
    brief(text)
    result = run("validate")
    assert result.exit_code == 1
    first, *rest = result.output.splitlines()
    assert first.startswith("error: " + headline), first
    assert len(rest) == 2 and rest[1].strip().startswith("| ") and rest[1].endswith("^")
    if shown is not None:
        assert "\n".join(rest) == shown
    assert "Traceback" not in result.output and "scanning" not in result.output


JSON_CASES = [
    (
        "a_comma_missing_at_the_end_of_a_line",
        '{\n  "title": "T"\n  "summary": "S"\n}\n',
        "content/b.json:2:15: invalid JSON: a ',' is missing at the end of this line",
    ),
    (
        "a_trailing_comma",
        '{"title": "T", "summary": "S",\n}\n',
        "content/b.json:1:30: invalid JSON: a ',' before a closing bracket is not allowed",
    ),
    (
        "single_quotes",
        "{'title': 'T'}\n",
        "content/b.json:1:2: invalid JSON: JSON text and keys need double quotes",
    ),
    (
        "a_missing_colon",
        '{"title" "T"}\n',
        "content/b.json:1:10: invalid JSON: a ':' is missing after the key",
    ),
    (
        "an_unclosed_string",
        '{"title": "T, "summary": "S"}\n',
        "content/b.json:1:",
    ),
    (
        "a_file_that_stops_short",
        '{"title": "T",\n "summary": "S"\n',
        "content/b.json:2:16: invalid JSON: the file ends before the JSON does",
    ),
]


@pytest.mark.parametrize(
    ("text", "headline"), [c[1:] for c in JSON_CASES], ids=[c[0] for c in JSON_CASES]
)
def test_a_json_mistake_is_said_plainly_with_line_column_and_caret(
    brief: Callable[..., Path], text: str, headline: str
) -> None:
    brief(text, "b.json")
    result = run("validate")
    assert result.exit_code == 1
    first, *rest = result.output.splitlines()
    assert first.startswith("error: " + headline), first
    assert len(rest) == 2 and rest[1].endswith("^")
    assert "Expecting" not in result.output


def test_a_syntax_error_beside_other_briefs_keeps_its_caret_under_build(
    brief: Callable[..., Path],
) -> None:
    brief("title: T\nsummary: S\n", "good.yaml")
    brief("title: T\nsummary S\n")
    result = run("build")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = lines.index("error: content/b.yaml:2:10: invalid YAML: this line has no ':' after "
                     "its key; write key: value")  # fmt: skip
    assert lines[at + 1 : at + 3] == ["  2 | summary S", "    |          ^"]
