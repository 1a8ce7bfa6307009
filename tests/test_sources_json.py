"""JSON content files: the same schema, the same checks, errors with file and line."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.content.schema import load
from briefgen.errors import BriefgenError
from conftest import EXAMPLE, docx_text, listing, pdf_pages, pdf_text, plain, run


def example_json() -> str:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def error_of(path: Path) -> str:
    with pytest.raises(BriefgenError) as caught:
        load(path)
    return str(caught.value)


def test_the_example_as_json_is_the_same_brief(project: Path) -> None:
    path = project / "content" / "india.json"
    path.write_text(example_json(), encoding="utf-8")
    from_json = load(path)
    assert from_json.inputs == (path,)
    assert dataclasses.replace(from_json, path=EXAMPLE, inputs=(EXAMPLE,)) == load(EXAMPLE)


def test_json_briefs_in_a_content_folder_are_built(project: Path) -> None:
    (project / "content" / "india.json").write_text(example_json(), encoding="utf-8")
    shutil.copy(EXAMPLE, project / "content")
    (project / "content" / "_shared.json").write_text("{}", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert listing(project / "out") == [
        "india.docx",
        "india.pdf",
        "us-india-defence.docx",
        "us-india-defence.pdf",
    ]
    pdf, docx = project / "out" / "india.pdf", project / "out" / "india.docx"
    assert pdf_pages(pdf) == 1
    for statement in load(EXAMPLE).key_statements:
        assert plain(statement.text) in pdf_text(pdf)
        assert plain(statement.text) in docx_text(docx)


def test_a_json_brief_may_name_a_table(project: Path) -> None:
    (project / "content" / "p.csv").write_text("system,stage\nX,proposed\n", encoding="utf-8")
    path = project / "content" / "b.json"
    path.write_text('{"title": "T", "summary": "S", "procurement": "p.csv"}', encoding="utf-8")
    assert [i.system for i in load(path).procurement] == ["X"]


ERRORS = [
    (
        "syntax_error_gives_line_and_column",
        '{\n  "title": "T",\n  "summary": "S"\n  "date": "2025-07-01"\n}\n',
        "content/b.json:3:17: invalid JSON: a ',' is missing at the end of this line\n"
        '  3 |   "summary": "S"\n    |                 ^',
    ),
    (
        "duplicate_keys_are_an_error_not_last_wins",
        '{\n  "title": "T",\n  "summary": "S",\n  "title": "U"\n}\n',
        "content/b.json:4: duplicate key 'title' (first on line 2)",
    ),
    (
        "duplicate_keys_inside_a_list_entry",
        '{"title": "T", "summary": "S",\n "next_steps": [\n  {"action": "a",\n   "action": "b"}]}',
        "content/b.json:4: duplicate key 'action' (first on line 3)",
    ),
    (
        "field_errors_name_the_line_and_field",
        '{\n  "title": "T",\n  "summary": "S",\n  "procurement": [\n    {"system": "X", "stage": "proposed"},\n'
        '    {\n      "system": "Y",\n      "stage": "maybe"\n    }\n  ]\n}\n',
        "content/b.json:8: procurement[1].stage: 'maybe' is not one of proposed, announced, "
        "negotiation, contracted, delivery, in-service",
    ),
    (
        "unknown_key_suggests_the_nearest_field",
        '{\n  "title": "T",\n  "sumary": "S"\n}\n',
        "content/b.json:3: sumary: unknown field; did you mean 'summary'?",
    ),
    (
        "nan_is_not_json",
        '{"title": "T", "summary": "S",\n "procurement": [{"system": "X", "stage": "proposed",'
        '\n  "quantity": NaN}]}',
        "content/b.json:3: procurement[0].quantity: NaN is not a JSON value; write a number or "
        "text",
    ),
    (
        "a_number_where_a_whole_number_is_wanted",
        '{"title": "T", "summary": "S",\n "procurement": [{"system": "X", "stage": "proposed",'
        '\n  "quantity": 2.5}]}',
        "content/b.json:3: procurement[0].quantity: 2.5 is not a whole number",
    ),
    (
        "a_top_level_list",
        "[1, 2]",
        "content/b.json:1: a brief must be key: value pairs (title, subtitle, date, "
        "classification, prepared_by, language, summary, template, summary_classification, default_classification, marking, authority, cui, order, hide, headings, extra, pages, "
        "key_statements, next_steps, procurement, talking_points, sections, include); got a list",
    ),
    (
        "an_empty_file",
        "\n",
        "content/b.json: the file is empty; a brief needs at least title and summary",
    ),
    (
        "nesting_deeper_than_any_brief",
        '{"title": "T", "summary": "S", "sections": ' + "[" * 40 + "]" * 40 + "}",
        "content/b.json:1: sections[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
        "[0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 32 deep",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_json_error(project: Path, text: str, expected: str) -> None:
    path = project / "content" / "b.json"
    path.write_text(text, encoding="utf-8")
    assert error_of(path) == expected
