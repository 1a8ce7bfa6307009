"""What of a brief the template leaves out is said, not silently dropped: validate names
it on the brief's line, build -v under it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from briefgen.render import reads
from conftest import run


def statements(count: int) -> str:
    return "key_statements:\n" + "".join(
        f"  - speaker: Speaker {i}\n    text: Statement number {i}.\n" for i in range(count)
    )


STEPS = (
    "next_steps:\n"
    "  - action: Sign the framework\n    status: done\n"
    "  - action: Review the roadmap\n    status: planned\n"
)
SECTION = "sections:\n  - heading: Context\n    body: Some context.\n"


def ok_line(output: str) -> str:
    (line,) = [x for x in output.splitlines() if x.startswith("ok ")]
    return line


def test_validate_says_what_a_template_leaves_out(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\ntemplate: talking-points\n" + statements(5) + STEPS + SECTION)
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert ok_line(result.output).endswith(
        "; not shown: 2 of 5 key statements, 1 of 2 next steps, the 1 section)"
    ), result.output


def test_a_brief_the_template_shows_whole_says_nothing_more(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\n" + statements(5) + STEPS + SECTION)
    line = ok_line(run("validate").output)
    assert re.fullmatch(
        r"ok content/b\.yaml \(template onepage, [\d.]+ pt, \d+% of the page\)", line
    )


def test_a_list_read_only_for_other_fields_is_left_out(brief: Callable[..., Path]) -> None:
    """The pipeline template reads every speaker for the page's keywords, and prints none."""
    brief("title: T\nsummary: S\ntemplate: pipeline\n" + statements(2) + STEPS)
    assert ok_line(run("validate").output).endswith(
        "; not shown: all 2 key statements, all 2 next steps)"
    )


def test_build_names_it_when_verbose(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\ntemplate: pipeline\n" + SECTION)
    assert "not shown" not in run("build").output
    lines = run("build", "-v", "--force").output.splitlines()
    assert lines[-1].endswith("  not shown by the template: the 1 section"), lines


def test_reads_are_noted_only_while_a_template_renders() -> None:
    from briefgen.render.view import Record

    record = Record({"text": "x", "speaker": "y"})
    assert record.text == "x"  # outside: nothing is noted, nothing kept
    with reads.reading() as seen:
        assert record.speaker == "y"
        assert record["text"] == "x"
    assert seen == {(id(record), "speaker"), (id(record), "text")}
    assert reads.unshown({"key_statements": (record,)}, seen) == ()
    assert reads.unshown({"key_statements": (record,)}, set()) == ("the 1 key statement",)
