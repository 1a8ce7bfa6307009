"""Customizing: project templates, themes, logos, Letter paper, reference DOCX, built-ins."""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.layout.theme import Theme
from conftest import EXAMPLE, ROOT, docx_text, docx_to_pdf, pdf_pages, pdf_text, run

BUILTINS = ["onepage", "pipeline", "talking-points"]


def make_logo(path: Path, size: tuple[int, int] = (300, 100)) -> Path:
    from PIL import Image

    Image.new("RGB", size, "#1f3864").save(path)
    return path


def test_a_project_template_overrides_only_the_statements_block(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        '{% extends "builtin:onepage/brief.html.j2" %}\n'
        "{% block statements %}<h2>Said</h2><p>{{ brief.key_statements | length }} statements "
        "on record.</p>{% endblock %}\n"
    )
    assert run("build").exit_code == 0
    text = pdf_text(project / "out" / "us-india-defence.pdf")
    assert "Said 5 statements on record." in text
    assert "Key statements" not in text
    for kept in ("Bottom line", "Next steps", "Procurement pipeline", "Context"):
        assert kept in text
    listing = run("templates", "list").output
    assert re.search(
        r"^onepage +\(project, overrides built-in\)  The standard one-page brief", listing
    )


def test_theme_with_a_logo_on_letter_paper(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    make_logo(project / "logo.png")
    (project / "briefgen.toml").write_text(
        '[theme]\npage_size = "letter"\nlogo = "logo.png"\nlogo_alt = "Example ministry"\n'
    )
    assert run("build").exit_code == 0
    page = PdfReader(project / "out" / "us-india-defence.pdf").pages[0]
    assert [float(x) for x in page.mediabox] == [0, 0, 612, 792]
    images = [
        x for x in page["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    document = docx.Document(str(project / "out" / "us-india-defence.docx"))
    section = document.sections[0]
    assert round(section.page_width.pt) == 612 and round(section.page_height.pt) == 792
    header_xml = section.header._element.xml
    assert "<pic:pic" in header_xml
    media = [
        n
        for n in zipfile.ZipFile(project / "out" / "us-india-defence.docx").namelist()
        if "media" in n
    ]
    assert len(media) == 1
    assert pdf_pages(project / "out" / "us-india-defence.pdf") == 1


def test_a_logo_without_alternative_text_is_a_located_error(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    make_logo(project / "logo.png")
    (project / "briefgen.toml").write_text('[theme]\nlogo = "logo.png"\nlogo_alt = " "\n')
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: briefgen.toml: logo_alt: a logo needs its alternative text, what a screen "
        'reader says for it (e.g. logo_alt = "Ministry of Defence")\n'
    )


def test_a_reference_docx_gives_its_styles_and_header(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = "MINISTRY OF EXAMPLE AFFAIRS"
    reference.styles["Normal"].font.name = "Georgia"
    reference.styles.add_style("Desk Note", 1)
    reference.add_paragraph("this body is replaced")
    reference.save(str(project / "letterhead.docx"))
    (project / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    assert run("build").exit_code == 0
    out = docx.Document(str(project / "out" / "us-india-defence.docx"))
    header = [p.text for p in out.sections[0].header.paragraphs]
    assert header == ["UNCLASSIFIED", "MINISTRY OF EXAMPLE AFFAIRS"]
    assert "Desk Note" in [s.name for s in out.styles]
    assert out.styles["Normal"].font.name == "Georgia"
    assert "this body is replaced" not in docx_text(project / "out" / "us-india-defence.docx")
    fonts = {r.font.name for p in out.paragraphs for r in p.runs}
    assert fonts == {"Arial"}  # the fit's metrics hold whatever the reference's styles say


@pytest.mark.parametrize("bad", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_reference_that_is_not_a_docx_is_refused(project: Path, bad: bytes) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "letterhead.docx").write_bytes(bad)
    (project / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    result = run("build")
    assert result.exit_code == 1
    assert result.output.startswith("error: letterhead.docx: reference document is ")


@pytest.mark.parametrize("name", BUILTINS)
def test_each_built_in_template_builds_the_example_on_one_page(project: Path, name: str) -> None:
    text = EXAMPLE.read_text().replace(
        "classification: UNCLASSIFIED", f"classification: UNCLASSIFIED\ntemplate: {name}"
    )
    (project / "content" / "x.yaml").write_text(text)
    assert run("build").exit_code == 0
    assert pdf_pages(project / "out" / "x.pdf") == 1
    pdf = pdf_text(project / "out" / "x.pdf")
    assert "US-India Defence Partnership" in pdf and "Bottom line" in pdf
    converted = docx_to_pdf(project / "out" / "x.docx", project / "lo")
    assert pdf_pages(converted) == 1


def test_the_pipeline_template_is_landscape_and_the_card_is_larger(project: Path) -> None:
    text = EXAMPLE.read_text()
    for name in ("pipeline", "talking-points"):
        (project / "content" / f"{name}.yaml").write_text(
            text.replace(
                "classification: UNCLASSIFIED", f"classification: UNCLASSIFIED\ntemplate: {name}"
            )
        )
    result = run("build")
    assert result.exit_code == 0
    page = PdfReader(project / "out" / "pipeline.pdf").pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "Qty" in pdf_text(project / "out" / "pipeline.pdf")
    assert re.search(r"talking-points\.pdf \(1[0-3](\.5)? pt", result.output)
    card = pdf_text(project / "out" / "talking-points.pdf")
    assert "Talking points" in card and "Next: Sign the next ten-year" in card


def test_templated_content_is_rendered_with_the_briefs_data(brief: Callable[..., Path]) -> None:
    brief(
        "title: T\nsummary: '{{ procurement | length }} systems are in the pipeline; "
        "{% raw %}{{ braces }}{% endraw %} stay.'\n"
        "procurement:\n  - system: A\n    stage: proposed\n  - system: B\n    stage: delivery\n"
    )
    assert run("build").exit_code == 0
    for text in (pdf_text(Path("out/b.pdf")), docx_text(Path("out/b.docx"))):
        assert "2 systems are in the pipeline; {{ braces }} stay." in text


def test_an_undefined_name_in_content_is_named(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: 'We have {{ sytems }} systems.'\n")
    result = run("build")
    assert result.exit_code == 1
    assert result.output == "error: content/b.yaml:2: summary: undefined: 'sytems' is undefined\n"


def test_an_undefined_field_in_a_template_names_file_and_line(project: Path) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        "<h1>{{ brief.title }}</h1>\n\n<p>{{ brief.sumary }}</p>\n"
    )
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        "error: templates/onepage/brief.html.j2:3: undefined: brief has no attribute 'sumary'\n"
    )


def test_a_template_syntax_error_names_file_and_line(project: Path) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    folder = project / "templates" / "onepage"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text("<h1>{{ brief.title }}</h1>\n{% if %}\n")
    result = run("build")
    assert result.exit_code == 1
    assert result.output.startswith("error: templates/onepage/brief.html.j2:2: template error: ")


def test_templates_copy_makes_an_editable_copy_and_never_overwrites(project: Path) -> None:
    result = run("templates", "copy", "talking-points")
    assert result.exit_code == 0
    assert (project / "templates" / "talking-points" / "brief.html.j2").is_file()
    again = run("templates", "copy", "talking-points")
    assert again.exit_code == 1
    assert "error: templates/talking-points: exists already" in again.output
    unknown = run("templates", "copy", "memo")
    assert (
        unknown.output
        == "error: no built-in template named 'memo'; built-in: onepage, pipeline, talking-points\n"
    )


def test_templates_list_describes_every_built_in(project: Path) -> None:
    lines = run("templates", "list").output.splitlines()
    assert [line.split()[0] for line in lines] == BUILTINS
    assert all("(built-in)" in line for line in lines)


def test_unknown_theme_key_suggests_the_nearest(project: Path) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "briefgen.toml").write_text('[theme]\npage_sise = "letter"\n')
    result = run("build")
    assert (
        result.output
        == "error: briefgen.toml: page_sise: unknown theme key; did you mean 'page_size'?\n"
    )


def test_every_theme_key_is_documented() -> None:
    doc = (ROOT / "docs" / "templates.md").read_text()
    for f in dataclasses.fields(Theme):
        shown = f"`[{f.name}]`" if f.name in ("colors", "banners") else f"`{f.name}`"
        assert shown in doc, f.name


def test_the_worked_example_in_the_docs_builds(project: Path) -> None:
    """Write the files the docs show, and build the example brief with them."""
    doc = (ROOT / "docs" / "templates.md").read_text().split("## A worked example", 1)[1]
    files = re.findall(r"File `([^`]+)`:\n\n```\w*\n(.*?)```", doc, re.DOTALL)
    assert [name for name, _ in files] == [
        "briefgen.toml",
        "templates/desk/theme.toml",
        "templates/desk/brief.html.j2",
    ]
    for name, body in files:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(body)
    make_logo(project / "templates" / "desk" / "logo.png")
    text = EXAMPLE.read_text().replace("classification: UNCLASSIFIED", "classification: RESTRICTED")
    (project / "content" / "x.yaml").write_text(text)
    result = run("build")
    assert result.exit_code == 0, result.output
    pdf = pdf_text(project / "out" / "x.pdf")
    assert "What was said" in pdf and "Next steps" in pdf
    page = PdfReader(project / "out" / "x.pdf").pages[0]
    assert float(page.mediabox.width) == 612
    header = docx.Document(str(project / "out" / "x.docx")).sections[0].header.paragraphs[0]
    assert 'w:fill="1F3864"' in header._p.xml


def test_an_unknown_template_is_named_where_it_was_given(project: Path) -> None:
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\ntemplate: memo\n")
    result = run("build")
    assert result.output == (
        "error: content/b.yaml:3: template: no template named 'memo' "
        "(available: onepage, pipeline, talking-points)\n"
    )
    (project / "content" / "b.yaml").write_text("title: T\nsummary: S\n")
    (project / "briefgen.toml").write_text('template = "memo"\n')
    result = run("build")
    assert result.output == (
        "error: briefgen.toml: template: no template named 'memo' "
        "(available: onepage, pipeline, talking-points)\n"
    )


def test_a_build_looks_each_template_folder_up_once(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brief asks for its template's folder about five times (theme, layers, the
    entry file, the manifest); it is found, and its path resolved, once per build."""
    from briefgen import project as projects
    from briefgen.render import templating

    looked: list[str] = []
    find = templating.Templates._find

    def counted(self: templating.Templates, name: str) -> Path:
        looked.append(name)
        return find(self, name)

    monkeypatch.setattr(templating.Templates, "_find", counted)
    templates = templating.Templates(projects.find(project))
    assert templates.folder("onepage") == templates.folder("onepage")
    templates.theme("onepage")
    templates.layers("onepage")
    assert looked == ["onepage"]
    with pytest.raises(templating.UnknownTemplate):
        templates.folder("onepag")
    with pytest.raises(templating.UnknownTemplate):  # a name not found is looked up again
        templates.folder("onepag")
    assert looked == ["onepage", "onepag", "onepag"]
    templating.Templates(projects.find(project)).folder("onepage")  # another build: anew
    assert looked == ["onepage", "onepag", "onepag", "onepage"]
