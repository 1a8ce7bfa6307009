"""List sections from the registry: talking points, added through it alone, behave as the others."""

from __future__ import annotations

import dataclasses
import shutil
import typing
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from briefgen.content.schema import Brief, TalkingPoint, load
from briefgen.errors import BriefgenError
from briefgen.regen import editions as changes
from briefgen.render import view
from briefgen.sections import SECTIONS
from conftest import FIXTURES, docx_text, pdf_pages, pdf_text, run

HEAD = "title: T\nsummary: S\n"
POINTS = HEAD + (
    "talking_points:\n"
    "  - text: We stand by the framework.\n"
    "  - text: Sales and co-production move together.\n"
    "    audience: Press\n"
)
QUOTED = POINTS + "key_statements:\n  - speaker: Alpha\n    text: Other people's words.\n"


def error_of(path: Path) -> str:
    with pytest.raises(BriefgenError) as caught:
        load(path)
    return str(caught.value)


def test_every_list_section_is_a_typed_field_of_the_brief() -> None:
    hints = typing.get_type_hints(Brief)
    for section in SECTIONS:
        assert hints[section.key] == tuple[section.entry, ...]  # type: ignore[name-defined]
        assert dataclasses.fields(section.entry)  # a dataclass
        assert section.entry.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert {section.match_text, *section.match_key} <= set(section.fields)
        assert "id" in section.fields


def test_talking_points_load_from_yaml(brief: Callable[..., Path]) -> None:
    assert load(brief(POINTS)).talking_points == (
        TalkingPoint(text="We stand by the framework."),
        TalkingPoint(text="Sales and co-production move together.", audience="Press"),
    )


def test_talking_points_load_from_json(brief: Callable[..., Path]) -> None:
    text = '{"title": "T", "summary": "S", "talking_points": [{"text": "A", "audience": "B"}]}'
    assert load(brief(text, "b.json")).talking_points == (TalkingPoint("A", "B"),)


def test_a_talking_point_without_text_is_named_by_file_line_and_field(
    brief: Callable[..., Path],
) -> None:
    path = brief(POINTS + "  - audience: Press\n")
    assert error_of(path) == "content/b.yaml:7: talking_points[2].text: is required"


def test_an_unknown_talking_point_field_suggests_the_nearest(brief: Callable[..., Path]) -> None:
    path = brief(POINTS.replace("    audience:", "    audiance:"))
    assert (
        error_of(path)
        == "content/b.yaml:6: talking_points[1].audiance: unknown field; did you mean 'audience'?"
    )


def test_talking_points_are_a_list(brief: Callable[..., Path]) -> None:
    path = brief(HEAD + "talking_points:\n  text: Alone\n")
    assert (
        error_of(path)
        == "content/b.yaml:3: talking_points: expected a list, got a mapping (key: value pairs)"
    )


def test_talking_points_load_from_a_csv_table(brief: Callable[..., Path], project: Path) -> None:
    (project / "content" / "points.csv").write_text("Text,Audience\nFirst line,\nSecond,Press\n")
    got = load(brief(HEAD + "talking_points: points.csv\n")).talking_points
    assert got == (TalkingPoint("First line"), TalkingPoint("Second", "Press"))


def test_talking_points_load_from_an_xlsx_sheet(brief: Callable[..., Path], project: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Lines"
    for row in (["text", "audience"], ["From the sheet", "Hill"]):
        sheet.append(row)
    book.save(project / "content" / "desk.xlsx")
    got = load(brief(HEAD + "talking_points: {file: desk.xlsx, sheet: Lines}\n")).talking_points
    assert got == (TalkingPoint("From the sheet", "Hill"),)


def test_an_unknown_talking_point_column_names_the_columns(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "content" / "points.csv").write_text("Text,Audiences\nFirst line,Press\n")
    assert error_of(brief(HEAD + "talking_points: points.csv\n")) == (
        "content/points.csv: row 1: unknown column 'Audiences' (did you mean 'audience'?); "
        "the columns of talking_points are text, audience, id, classification"
    )


def test_an_empty_talking_point_cell_is_named_by_row_and_column(
    brief: Callable[..., Path], project: Path
) -> None:
    (project / "content" / "points.csv").write_text("text,audience\nFirst,\n,Press\n")
    assert error_of(brief(HEAD + "talking_points: points.csv\n")) == (
        "content/points.csv: row 3, column text: is required but empty"
    )


def test_a_new_talking_point_is_marked_new_and_listed(brief: Callable[..., Path]) -> None:
    old = changes.snapshot(load(brief(POINTS)))
    new = load(brief(POINTS.replace("  - text: We stand", "  - text: Fresh.\n  - text: We stand")))
    found = changes.compare(old, new)
    assert found.lines == ("new talking point: Fresh.",)
    assert [found.at("talking_points", i)[0] for i in range(3)] == ["NEW", "", ""]


def test_a_talking_point_for_another_audience_is_the_same_point_changed(
    brief: Callable[..., Path],
) -> None:
    old = changes.snapshot(load(brief(POINTS)))
    found = changes.compare(old, load(brief(POINTS.replace("Press", "Hill"))))
    assert found.lines == ("changed talking point: Sales and co-production move together.",)
    assert [found.at("talking_points", i)[0] for i in range(2)] == ["", "CHANGED"]


def test_a_brief_without_talking_points_keeps_the_edition_it_had(
    brief: Callable[..., Path],
) -> None:
    """Editions recorded before talking points existed still equal the same content."""
    assert "talking_points" not in changes.snapshot(load(brief(HEAD)))
    assert "procurement" in changes.snapshot(load(brief(HEAD)))
    assert "talking_points" in changes.snapshot(load(brief(POINTS)))


def test_talking_points_reach_templates_as_plain_records(brief: Callable[..., Path]) -> None:
    record = view.plain(load(brief(POINTS)))
    point = record.talking_points[1]
    assert isinstance(point, view.Record)
    assert view.field_names(point) == {"text", "audience", "id", "classification"}
    assert view.plain_names("'briefgen.render.view.TalkingPoint object' has no attribute 'x'") == (
        "talking point has no attribute 'x'"
    )


def test_a_template_error_on_a_talking_point_calls_it_a_talking_point(
    brief: Callable[..., Path], project: Path
) -> None:
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        '{% extends "builtin:onepage/brief.html.j2" %}\n'
        "{% block talking_points %}{{ brief.talking_points[0].speaker }}{% endblock %}\n"
    )
    brief(POINTS)
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: templates/onepage/brief.html.j2:2: undefined: "
        "talking point has no attribute 'speaker'\n"
    )


def test_onepage_prints_talking_points_when_the_brief_has_them(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(POINTS)
    brief(HEAD, "none.yaml")
    assert run("build").exit_code == 0
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "Talking points" in text
        assert "We stand by the framework." in text
        assert "Press: Sales and co-production move together." in text
    assert "Talking points" not in pdf_text(project / "out" / "none.pdf")


def test_the_talking_points_card_uses_the_briefs_own_points_instead_of_quotes(
    brief: Callable[..., Path], project: Path
) -> None:
    brief("template: talking-points\n" + QUOTED)
    brief("template: talking-points\n" + QUOTED.replace(POINTS, HEAD), "quotes.yaml")
    assert run("build").exit_code == 0
    card = pdf_text(project / "out" / "b.pdf")
    assert "We stand by the framework." in card
    assert "Other people's words." not in card
    fallback = pdf_text(project / "out" / "quotes.pdf")
    assert "Alpha: Other people's words." in fallback


def test_a_new_talking_point_shows_its_marker_in_both_formats(
    brief: Callable[..., Path], project: Path
) -> None:
    path = brief(POINTS)
    assert run("build", "--publish").exit_code == 0
    path.write_text(POINTS + "  - text: Fresh line.\n")
    result = run("build")
    assert "  new talking point: Fresh line." in result.output.splitlines()
    for text in (pdf_text(project / "out" / "b.pdf"), docx_text(project / "out" / "b.docx")):
        assert "NEW Fresh line." in text
        assert text.count("NEW") == 1


def test_the_fixture_card_with_points_from_a_table_fits_one_page(project: Path) -> None:
    for name in ("japan-philippines.yaml", "japan-philippines-card.yaml", "points.csv"):
        shutil.copy(FIXTURES / name, project / "content" / name)
    result = run("build", "content/japan-philippines-card.yaml")
    assert result.exit_code == 0, result.output
    card = project / "out" / "japan-philippines-card.pdf"
    assert pdf_pages(card) == 1
    text = pdf_text(card)
    assert "Press: Coastal radar is Japan's first Official Security Assistance" in text
    assert "Gen. Nakatani" not in text
