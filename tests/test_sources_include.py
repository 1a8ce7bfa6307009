"""include: shared boilerplate for a whole desk, merged under the brief's own keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.content.schema import load
from briefgen.errors import BriefgenError
from conftest import listing, pdf_text, run

HEAD = "title: T\nsummary: S\n"
DESK = "prepared_by: South Asia Desk\nclassification: UNCLASSIFIED//FOUO\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(BriefgenError) as caught:
        load(path)
    return str(caught.value)


def test_an_included_file_fills_in_what_the_brief_leaves_out(project: Path) -> None:
    content = project / "content"
    desk = write(content, "_desk.yaml", DESK)
    brief = load(write(content, "b.yaml", "include: _desk.yaml\n" + HEAD))
    assert (brief.prepared_by, brief.classification) == ("South Asia Desk", "UNCLASSIFIED//FOUO")
    assert brief.inputs == (content / "b.yaml", desk)


def test_the_including_files_own_keys_win(project: Path) -> None:
    content = project / "content"
    write(content, "_desk.yaml", DESK + "title: Desk title\n")
    brief = load(write(content, "b.yaml", HEAD + "classification: SECRET\ninclude: _desk.yaml\n"))
    assert (brief.title, brief.classification) == ("T", "SECRET")
    assert brief.prepared_by == "South Asia Desk"


def test_later_includes_win_over_earlier_and_json_may_be_included(project: Path) -> None:
    content = project / "content"
    write(content, "_a.yaml", "prepared_by: A\nsubtitle: from A\n")
    write(content, "_b.json", '{"prepared_by": "B"}')
    brief = load(write(content, "b.yaml", HEAD + "include: [_a.yaml, _b.json]\n"))
    assert (brief.prepared_by, brief.subtitle) == ("B", "from A")


def test_includes_nest_and_name_files_relative_to_themselves(project: Path) -> None:
    (project / "briefgen.toml").write_text("")
    shared = project / "shared"
    write(shared, "desk.yaml", "include: org.yaml\nprepared_by: Desk\nnext_steps: steps.csv\n")
    write(shared, "org.yaml", "classification: OFFICIAL\nprepared_by: Org\n")
    write(shared, "steps.csv", "action,owner\nFile the report,Desk\n")
    brief = load(write(project / "content", "b.yaml", HEAD + "include: ../shared/desk.yaml\n"))
    assert (brief.classification, brief.prepared_by) == ("OFFICIAL", "Desk")
    assert [s.action for s in brief.next_steps] == ["File the report"]
    assert brief.inputs == (
        project / "content" / "b.yaml",
        project / "content" / "../shared/desk.yaml",
        project / "content" / "../shared/steps.csv",
        project / "content" / "../shared/org.yaml",
    )


def test_a_file_included_twice_without_a_cycle_is_fine(project: Path) -> None:
    content = project / "content"
    write(content, "_base.yaml", "prepared_by: Base\n")
    write(content, "_a.yaml", "include: _base.yaml\nsubtitle: A\n")
    write(content, "_b.yaml", "include: _base.yaml\n")
    brief = load(write(content, "b.yaml", HEAD + "include: [_a.yaml, _b.yaml]\n"))
    assert (brief.prepared_by, brief.subtitle) == ("Base", "A")


def test_only_the_brief_is_built_and_it_carries_the_included_banner(project: Path) -> None:
    content = project / "content"
    write(content, "_desk.yaml", DESK)
    write(content, "b.yaml", "include: _desk.yaml\n" + HEAD)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert listing(project / "out") == ["b.docx", "b.pdf"]
    assert pdf_text(project / "out" / "b.pdf").count("UNCLASSIFIED//FOUO") == 2


ERRORS = [
    (
        "a_field_error_in_an_included_file_names_that_file_and_line",
        {"_desk.yaml": "prepared_by: Desk\ndate: July 1\n"},
        "include: _desk.yaml\n" + HEAD,
        "content/_desk.yaml:2: date: 'July 1' is not a date (write YYYY-MM-DD, or e.g. 1 July 2025)",
    ),
    (
        "an_unknown_key_in_an_included_file",
        {"_desk.yaml": "prepard_by: Desk\n"},
        HEAD + "include: _desk.yaml\n",
        "content/_desk.yaml:1: prepard_by: unknown field; did you mean 'prepared_by'?",
    ),
    (
        "a_syntax_error_in_an_included_file",
        {"_desk.yaml": "prepared_by: Desk\nclassification: [x\n"},
        HEAD + "include: _desk.yaml\n",
        "content/_desk.yaml:2:17: invalid YAML: the [ opened here is never closed with ']' "
        "(text that starts with '[' or '{' must be in quotes)\n"
        "  2 | classification: [x\n    |                 ^",
    ),
    (
        "a_table_error_in_a_table_an_included_file_names",
        {"_desk.yaml": "next_steps: steps.csv\n", "steps.csv": "action,status\na,finished\n"},
        HEAD + "include: _desk.yaml\n",
        "content/steps.csv: row 2, column status: 'finished' is not one of planned, agreed, "
        "in-progress, done, blocked",
    ),
    (
        "a_missing_included_file",
        {},
        HEAD + "include: _nope.yaml\n",
        "content/b.yaml:3: include: cannot read '_nope.yaml': No such file or directory",
    ),
    (
        "a_missing_file_in_an_include_list",
        {"_a.yaml": ""},
        HEAD + "include:\n  - _a.yaml\n  - _nope.yaml\n",
        "content/b.yaml:5: include[1]: cannot read '_nope.yaml': No such file or directory",
    ),
    (
        "an_include_that_includes_the_brief_again",
        {"_desk.yaml": "include: b.yaml\n"},
        HEAD + "include: _desk.yaml\n",
        "content/_desk.yaml:1: include: include cycle: content/b.yaml -> content/_desk.yaml -> "
        "content/b.yaml",
    ),
    (
        "a_brief_that_includes_itself",
        {},
        HEAD + "include: b.yaml\n",
        "content/b.yaml:3: include: include cycle: content/b.yaml -> content/b.yaml",
    ),
    (
        "an_include_out_of_the_project",
        {},
        HEAD + "include: ../desk.yaml\n",
        "content/b.yaml:3: include: '../desk.yaml' is outside the project folder (content); a "
        "brief reads only files inside it",
    ),
    (
        "an_include_that_is_not_a_content_file",
        {"desk.txt": "prepared_by: Desk\n"},
        HEAD + "include: desk.txt\n",
        "content/b.yaml:3: include: 'desk.txt' is not a .yaml, .yml or .json file",
    ),
    (
        "an_include_that_is_not_a_file_name",
        {},
        HEAD + "include: {file: x.yaml}\n",
        "content/b.yaml:3: include: expected a file name, got a mapping (key: value pairs)",
    ),
    (
        "an_included_file_that_is_a_list",
        {"_l.yaml": "- prepared_by: Desk\n"},
        HEAD + "include: _l.yaml\n",
        "content/_l.yaml:1: an included file must be key: value pairs; got a list",
    ),
    (
        "includes_nested_too_deep",
        {f"_{i}.yaml": f"include: _{i + 1}.yaml\n" for i in range(9)} | {"_9.yaml": ""},
        HEAD + "include: _0.yaml\n",
        "content/_7.yaml:1: include: includes nest more than 8 deep",
    ),
]


@pytest.mark.parametrize(
    ("files", "text", "expected"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS]
)
def test_include_error(project: Path, files: dict[str, str], text: str, expected: str) -> None:
    for name, body in files.items():
        write(project / "content", name, body)
    assert error_of(write(project / "content", "b.yaml", text)) == expected


def test_a_character_the_font_lacks_in_an_included_file_is_named_there(project: Path) -> None:
    write(project / "content", "_desk.yaml", "prepared_by: Desk\nsubtitle: ሰላም\n")
    write(project / "content", "b.yaml", "include: _desk.yaml\n" + HEAD)
    result = run("build")
    assert result.exit_code == 1
    assert result.output.startswith("error: content/_desk.yaml:2: subtitle: the font Arimo")
