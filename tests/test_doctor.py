"""briefgen doctor: each planted problem is found, named, and changes the exit code."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE, run

HEALTHY = EXAMPLE.read_text(encoding="utf-8")


def lines(output: str, status: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(status)]


@pytest.fixture
def healthy(project: Path) -> Path:
    (project / "content" / "brief.yaml").write_text(HEALTHY, encoding="utf-8")
    return project


def letterhead(path: Path, mode: int = 15, header_lines: int = 1) -> Path:
    """A Word file saved in the given compatibility mode with a header of so many lines."""
    import docx

    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Ministry of Examples"
    for n in range(header_lines - 1):
        header.add_paragraph(f"line {n}")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/settings.xml":
                data = re.sub(
                    rb'(w:name="compatibilityMode" w:uri="[^"]*" w:val=")\d+',
                    rb"\g<1>" + str(mode).encode(),
                    data,
                )
            dst.writestr(item, data)
    return path


def test_a_healthy_project_passes_every_check(healthy: Path) -> None:
    result = run("doctor")
    assert lines(result.output, "fail") == []
    assert "glyphs: the fonts draw every character of 1 content file\n" in result.output
    if not lines(result.output, "warn"):
        assert result.output.rstrip().endswith("all is well")
    assert result.exit_code == 0


def test_two_content_files_are_counted_in_the_plural(healthy: Path) -> None:
    (healthy / "content" / "other.yaml").write_text(HEALTHY, encoding="utf-8")
    assert "glyphs: the fonts draw every character of 2 content files\n" in run("doctor").output


def test_a_folder_without_content_is_a_warning_that_says_how_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("doctor")
    assert "warn  content: no content folder: to start a project here, run briefgen init" in (
        result.output
    )
    assert "all is well" not in result.output
    assert "nothing failed; 1 warning(s) to look at" in result.output
    (tmp_path / "briefgen.toml").write_text('template = "onepage"\n')
    result = run("doctor")
    assert "warn  content: no content folder: create it, or set content in briefgen.toml" in (
        result.output
    )


def test_a_missing_shipped_font_fails_and_says_to_reinstall(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.layout import fonts

    monkeypatch.setattr(fonts, "HERE", healthy / "gone")
    result = run("doctor")
    [line] = [x for x in lines(result.output, "fail") if x.startswith("fail  fonts:")]
    assert "Arimo-Regular.ttf" in line and "reinstall briefgen" in line
    assert result.exit_code == 1


def test_missing_soffice_and_pdftoppm_are_warnings_not_failures(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = healthy / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run("doctor")
    warned = lines(result.output, "warn")
    assert any(line.startswith("warn  soffice: not found (optional") for line in warned)
    assert any("pdftoppm" in line and "poppler-utils" in line for line in warned)
    assert lines(result.output, "fail") == []
    assert "optional tool(s) missing" in result.output
    assert result.exit_code == 0


def test_a_character_the_font_lacks_is_named_with_its_file_and_line(healthy: Path) -> None:
    (healthy / "content" / "hindi.yaml").write_text(
        "title: Note\nsummary: გამარჯობა from Tbilisi\n", encoding="utf-8"
    )
    result = run("doctor")
    [line] = [x for x in lines(result.output, "fail") if "hindi.yaml" in x]
    assert "content/hindi.yaml:2" in line and "cannot draw" in line and "U+10D2" in line
    assert result.exit_code == 1


def test_a_broken_template_is_named_and_the_others_still_load(healthy: Path) -> None:
    folder = healthy / "templates" / "broken"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text("<h1>{{ brief.title }</h1>\n{% if %}\n")
    result = run("doctor")
    [line] = [x for x in lines(result.output, "fail") if "template broken" in x]
    assert "brief.html.j2:1" in line and "fix the project template" in line
    assert "ok    template onepage" in result.output
    assert result.exit_code == 1


def test_a_broken_theme_is_named(healthy: Path) -> None:
    folder = healthy / "templates" / "odd"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin:onepage/brief.html.j2" %}\n')
    (folder / "theme.toml").write_text('page_size = "tabloid"\n')
    result = run("doctor")
    [line] = [x for x in lines(result.output, "fail") if "template odd" in x]
    assert "page_size" in line
    assert result.exit_code == 1


def test_a_letterhead_in_compatibility_mode_fails_with_how_to_convert(healthy: Path) -> None:
    letterhead(healthy / "letterhead.docx", mode=14)
    (healthy / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    result = run("doctor")
    [line] = [x for x in lines(result.output, "fail") if "letterhead" in x]
    assert "compatibility mode (Word 2010)" in line and "Convert" in line
    assert result.exit_code == 1


def test_a_letterhead_saved_by_current_word_passes(healthy: Path) -> None:
    letterhead(healthy / "letterhead.docx", mode=15)
    (healthy / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    result = run("doctor")
    assert "ok    letterhead letterhead.docx: saved in Word 2013+ mode" in result.output
    assert "within the" in result.output
    assert lines(result.output, "fail") == []


def test_a_letterhead_header_taller_than_its_top_margin_fails(healthy: Path) -> None:
    letterhead(healthy / "letterhead.docx", mode=15, header_lines=8)
    (healthy / "briefgen.toml").write_text('reference_docx = "letterhead.docx"\n')
    result = run("doctor")
    [line] = [x for x in lines(result.output, "fail") if "letterhead" in x]
    assert "its header and the banner need about" in line and "top margin is 72 pt" in line
    assert result.exit_code == 1


def test_an_output_or_state_folder_that_cannot_be_created_fails(healthy: Path) -> None:
    (healthy / "blocker").write_text("")
    (healthy / "briefgen.toml").write_text('output = "blocker/out"\nstate_dir = "blocker/state"\n')
    result = run("doctor")
    failed = lines(result.output, "fail")
    assert any(line.startswith("fail  output folder: blocker/out") for line in failed)
    assert any(
        line.startswith("fail  state folder: blocker/state/outputs/blocker/out") for line in failed
    )
    assert result.exit_code == 1


def test_text_from_files_is_shown_not_obeyed(healthy: Path) -> None:
    (healthy / "content" / "bell.yaml").write_text(
        'title: Note\nsummary: x\ntemplate: "evil\\e[2J"\n', encoding="utf-8"
    )
    result = run("doctor")
    assert "\x1b" not in result.output
    assert result.exit_code == 1
