"""Arranging the page without copying a template: order, hide, headings, extra fields."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from briefgen import project as projects
from briefgen.content import schema
from briefgen.errors import BriefgenError
from briefgen.render import markup, model
from briefgen.render.arrange import reorder
from briefgen.render.templating import Templates
from conftest import EXAMPLE, pdf_text, run

AS_OF = dt.date(2025, 7, 2)
ONEPAGE = ["Bottom line", "Key statements", "Next steps", "Procurement pipeline", "Context"]


def headings(folder: Path, name: str = "us-india-defence.yaml") -> list[str]:
    """The level-2 headings of a brief of the project in folder, in page order."""
    templates = Templates(projects.find(folder))
    brief = schema.load(folder / "content" / name)
    text = templates.render(brief, brief.template or templates.project.template, AS_OF)
    return [
        "".join(r.text for r in b.runs)
        for b in markup.parse(text).blocks
        if isinstance(b, model.Heading) and b.level == 2
    ]


@pytest.fixture
def example(project: Path) -> Path:
    shutil.copy(EXAMPLE, project / "content")
    return project / "content" / EXAMPLE.name


def failure(folder: Path) -> str:
    with pytest.raises(BriefgenError) as caught:
        headings(folder)
    return str(caught.value)


def test_the_sections_come_in_the_templates_order_by_default(project: Path, example: Path) -> None:
    assert headings(project) == ONEPAGE


def test_one_line_of_briefgen_toml_moves_the_pipeline_above_the_next_steps(
    project: Path, example: Path
) -> None:
    (project / "briefgen.toml").write_text('order = ["procurement", "next_steps"]\n')
    assert headings(project) == [
        "Bottom line",
        "Key statements",
        "Procurement pipeline",
        "Next steps",
        "Context",
    ]


def test_a_full_order_puts_every_section_where_it_says(project: Path, example: Path) -> None:
    (project / "briefgen.toml").write_text(
        'order = ["sections", "procurement", "next_steps", "statements", "summary"]\n'
    )
    assert headings(project) == list(reversed(ONEPAGE))


def test_one_line_of_content_hides_a_section(project: Path, example: Path) -> None:
    example.write_text(example.read_text() + "hide: [statements]\n")
    assert headings(project) == [h for h in ONEPAGE if h != "Key statements"]


def test_a_briefs_own_settings_win_over_the_projects(project: Path, example: Path) -> None:
    (project / "briefgen.toml").write_text(
        'hide = ["statements", "procurement"]\norder = ["procurement", "next_steps"]\n'
        '[headings]\nnext_steps = "Actions"\nsummary = "BLUF"\n'
    )
    example.write_text(
        example.read_text() + "hide: []\norder: [next_steps, summary]\n"
        "headings: {summary: In short}\n"
    )
    # the project's order first (pipeline above next steps), then the brief's on that
    assert headings(project) == [
        "Actions",
        "Key statements",
        "Procurement pipeline",
        "In short",
        "Context",
    ]


def test_a_project_templates_theme_sets_the_lowest_layer(project: Path, example: Path) -> None:
    folder = project / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin:onepage/brief.html.j2" %}\n')
    (folder / "theme.toml").write_text(
        'extends = "onepage"\nhide = ["sections"]\n[headings]\nstatements = "Said"\n'
    )
    (project / "briefgen.toml").write_text('template = "mine"\n[headings]\nsummary = "BLUF"\n')
    assert headings(project) == ["BLUF", "Said", "Next steps", "Procurement pipeline"]


def test_the_built_in_templates_take_the_settings(project: Path, example: Path) -> None:
    (project / "briefgen.toml").write_text('[headings]\nprocurement = "Buying"\n')
    for name, expected in (("pipeline", "Buying"), ("talking-points", "Buying")):
        example.write_text(EXAMPLE.read_text() + f"template: {name}\n")
        assert expected in headings(project)


def test_an_unknown_name_in_content_is_located_with_the_nearest(
    project: Path, example: Path
) -> None:
    lines = len(example.read_text().splitlines())
    example.write_text(example.read_text() + "hide: [next_step]\n")
    assert failure(project) == (
        f"content/us-india-defence.yaml:{lines + 1}: hide[0]: the template onepage has no "
        "section 'next_step'; did you mean 'next_steps'? (its sections: summary, "
        "statements, talking_points, next_steps, procurement, sections)"
    )


def test_a_word_of_a_sections_heading_suggests_that_section(project: Path, example: Path) -> None:
    (project / "briefgen.toml").write_text('order = ["summary", "pipeline"]\n')
    message = failure(project)
    assert message.startswith("briefgen.toml: order[1]: the template onepage has no section")
    assert "did you mean 'procurement'?" in message


def test_an_unknown_heading_is_an_error(project: Path, example: Path) -> None:
    (project / "briefgen.toml").write_text('[headings]\nbottom = "BLUF"\n')
    assert failure(project).startswith(
        "briefgen.toml: headings.bottom: the template onepage has no section 'bottom'"
    )


def test_a_template_that_arranges_nothing_says_so(project: Path, example: Path) -> None:
    folder = project / "templates" / "plain"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text("<h1>{{ brief.title }}</h1>\n")
    (project / "briefgen.toml").write_text('template = "plain"\nhide = ["summary"]\n')
    assert "the template plain has no sections to arrange" in failure(project)


def test_order_under_theme_is_refused_with_where_it_belongs(project: Path) -> None:
    (project / "briefgen.toml").write_text('[theme]\norder = ["summary"]\n')
    with pytest.raises(BriefgenError, match=r"theme\.order: order is a setting of its own"):
        projects.find(project)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("order: summary next_steps", "order: item 1 'summary next_steps' is not a section name"),
        ("hide: [summary, summary]", "hide: 'summary' is named twice"),
        ("headings: [a]", "headings: expected section: heading pairs, got a list"),
        ("extra: {ref: [1, 2]}", "extra: ref: expected text, a number or a date, got a list"),
    ],
)
def test_settings_of_the_wrong_shape_are_located(
    project: Path, example: Path, line: str, message: str
) -> None:
    example.write_text(example.read_text() + line + "\n")
    with pytest.raises(BriefgenError, match=message):
        schema.load(example)


def test_extra_fields_keep_what_was_typed_and_dates_stay_dates(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        EXAMPLE.read_text()
        + "extra:\n  ref: 007\n  at: 10:30\n  rev: 1.50\n  ok: yes\n  when: 2025-07-01\n"
    )
    got = schema.load(path).extra
    assert got == {"ref": "007", "at": "10:30", "rev": "1.50", "ok": "yes",
                   "when": dt.date(2025, 7, 1)}  # fmt: skip


def test_extra_fields_of_the_brief_and_the_project_print_in_a_template(
    project: Path, example: Path
) -> None:
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        '{% extends "builtin:onepage/brief.html.j2" %}\n'
        "{% block footer %}<p>Ref {{ brief.extra.ref }} · {{ brief.extra.office }}</p>"
        "{% endblock %}\n"
    )
    (project / "briefgen.toml").write_text('[extra]\noffice = "South Asia Desk"\nref = "none"\n')
    example.write_text(example.read_text() + "extra:\n  ref: SAD-2025-117\n")
    assert run("build", "-f", "pdf").exit_code == 0
    assert "Ref SAD-2025-117 · South Asia Desk" in pdf_text(
        project / "out" / "us-india-defence.pdf"
    )


def test_a_change_of_the_projects_arrangement_rebuilds(project: Path, example: Path) -> None:
    assert run("build", "-f", "pdf").exit_code == 0
    (project / "briefgen.toml").write_text('order = ["procurement", "next_steps"]\n')
    result = run("build", "-f", "pdf")
    assert "arrangement is new" in result.output


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (["d", "b"], ["a", "d", "c", "b"]),
        (["c"], ["a", "b", "c", "d"]),
        (["x", "b", "a"], ["b", "a", "c", "d"]),
        ([], ["a", "b", "c", "d"]),
    ],
)
def test_order_puts_the_named_sections_in_the_places_they_hold(
    wanted: list[str], expected: list[str]
) -> None:
    assert reorder(["a", "b", "c", "d"], wanted) == expected


def test_a_change_of_a_themes_arrangement_rebuilds(project: Path, example: Path) -> None:
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin:onepage/brief.html.j2" %}\n')
    (folder / "theme.toml").write_text('extends = "onepage"\n')
    assert run("build", "-f", "pdf").exit_code == 0
    (folder / "theme.toml").write_text('extends = "onepage"\nhide = ["statements"]\n')
    result = run("build", "-f", "pdf")
    assert "arrangement is new" in result.output
    assert "Key statements" not in pdf_text(project / "out" / "us-india-defence.pdf")


def test_briefs_with_settings_build_in_worker_processes(project: Path, example: Path) -> None:
    text = example.read_text() + "headings: {summary: BLUF}\nextra: {ref: A-1}\n"
    for name in ("a", "b"):
        (project / "content" / f"{name}.yaml").write_text(text)
    example.unlink()
    result = run("build", "-f", "pdf", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "BLUF" in pdf_text(project / "out" / "b.pdf")
