"""build, validate and init: what lands on disk, and what the user reads."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.content.schema import load
from conftest import (
    EXAMPLE,
    FIXTURES,
    docx_text,
    listing,
    normalize,
    pdf_pages,
    pdf_text,
    plain,
    run,
    run_process,
)

ESCAPES = [
    "a<b",
    "AT&T",
    '<font color="red">x</font>',
    "a | b",
    "# not a heading",
    "&copy;",
    "<b>unclosed",
    "x </p> y",
]


def facts(path: Path) -> list[str]:
    """Every statement, step and system text of a brief, as printed."""
    b = load(path)
    texts = [s.text for s in b.key_statements] + [s.speaker for s in b.key_statements]
    texts += [s.action for s in b.next_steps] + [i.system for i in b.procurement]
    return [plain(t) for t in texts]


@pytest.fixture
def built_example(project: Path) -> Path:
    shutil.copy(EXAMPLE, project / "content")
    result = run("build")
    assert result.exit_code == 0, result.output
    return project / "out"


def test_build_writes_both_formats_and_says_so(built_example: Path) -> None:
    assert listing(built_example) == [
        "us-india-defence.docx",
        "us-india-defence.pdf",
    ]


def test_example_pdf_is_one_page(built_example: Path) -> None:
    assert pdf_pages(built_example / "us-india-defence.pdf") == 1


@pytest.mark.parametrize(
    "source", [EXAMPLE, FIXTURES / "japan-philippines.yaml"], ids=["example", "fixture"]
)
def test_every_statement_step_and_system_is_in_both_formats(project: Path, source: Path) -> None:
    shutil.copy(source, project / "content")
    assert run("build").exit_code == 0
    pdf = pdf_text(project / "out" / (source.stem + ".pdf"))
    docx = docx_text(project / "out" / (source.stem + ".docx"))
    for fact in facts(source):
        assert fact in pdf, fact
        assert fact in docx, fact


def test_markup_looking_text_stays_literal_in_both_formats(brief: Callable[..., Path]) -> None:
    statements = "".join(f"  - speaker: S{i}\n    text: '{t}'\n" for i, t in enumerate(ESCAPES))
    brief(f"title: 'Escapes <i>&amp;</i>'\nsummary: 'AT&T said a<b'\nkey_statements:\n{statements}")
    result = run("build")
    assert result.exit_code == 0, result.output
    pdf, docx = pdf_text(Path("out/b.pdf")), docx_text(Path("out/b.docx"))
    for text in [*ESCAPES, "Escapes <i>&amp;</i>", "AT&T said a<b"]:
        assert text in pdf, text
        assert text in docx, text


def test_inline_markdown_is_formatted_not_printed(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: 'We **agree** on *this*, see [the text](https://example.org/x).'\n")
    assert run("build").exit_code == 0
    import docx

    runs = [r for p in docx.Document("out/b.docx").paragraphs for r in p.runs]
    assert any(r.text == "agree" and r.bold for r in runs)
    assert any(r.text == "this" and r.italic for r in runs)
    assert "We agree on this, see the text." in pdf_text(Path("out/b.pdf"))
    import zipfile

    xml = zipfile.ZipFile("out/b.docx").read("word/document.xml")
    assert b"**" not in xml and b"](" not in xml
    from pypdf import PdfReader

    page = PdfReader("out/b.pdf").pages[0]
    uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
    assert uris == ["https://example.org/x"]


def overflowing(count: int = 40) -> str:
    words = "The delegation reviewed progress on every item of the agenda in detail. " * 3
    statements = "".join(f"  - speaker: Speaker {i}\n    text: {words}\n" for i in range(count))
    return f"title: Long\nsummary: S\nkey_statements:\n{statements}"


def test_overflow_fails_with_how_far_over_and_the_longest_sections(
    brief: Callable[..., Path],
) -> None:
    brief(overflowing())
    result = run("build")
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("error: content/b.yaml: does not fit on one page even at 7.5 pt: ")
    assert "% of the page, where only 97% fits; longest sections: Key statements " in line
    assert line.endswith(
        "(shorten them, allow a second page with 'pages: 2' in the content file, "
        "or use --allow-overflow)"
    ), line
    assert not Path("out/b.pdf").exists()


def test_allow_overflow_writes_the_longer_brief_with_a_warning(brief: Callable[..., Path]) -> None:
    brief(overflowing())
    result = run("build", "--allow-overflow")
    assert result.exit_code == 0
    assert "warning: content/b.yaml: needs " in result.output
    assert (
        "% of the page, where only 97% fits on one (written anyway: --allow-overflow)"
        in result.output
    )
    assert pdf_pages(Path("out/b.pdf")) > 1


def test_a_failing_brief_does_not_stop_the_others(brief: Callable[..., Path]) -> None:
    brief("title: T\nsumary: S\n", "a-bad.yaml")
    brief("title: Good\nsummary: S\n", "b-good.yaml")
    result = run("build")
    assert result.exit_code == 1
    assert (
        "error: content/a-bad.yaml:2: sumary: unknown field; did you mean 'summary'?"
        in result.output
    )
    assert Path("out/b-good.pdf").exists() and Path("out/b-good.docx").exists()


def test_a_failure_leaves_the_previous_good_output(brief: Callable[..., Path]) -> None:
    path = brief("title: First edition\nsummary: S\n")
    assert run("build").exit_code == 0
    before = Path("out/b.pdf").read_bytes(), Path("out/b.docx").read_bytes()
    path.write_text("title: Second\nsummary: [broken\n", encoding="utf-8")
    assert run("build").exit_code == 1
    assert (Path("out/b.pdf").read_bytes(), Path("out/b.docx").read_bytes()) == before
    assert listing(Path("out")) == ["b.docx", "b.pdf"]


def test_format_and_output_options(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\n")
    result = run("build", "-f", "pdf", "-o", "dist")
    assert result.exit_code == 0
    assert listing(Path("dist")) == ["b.pdf"]
    assert result.output.startswith("built dist/b.pdf (")


def test_formats_may_be_given_separated_by_commas(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\n")
    result = run("build", "-f", "docx, md", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert listing(Path("out")) == ["b.docx", "b.md", "b.pdf"]


@pytest.mark.parametrize("command", ["build", "watch", "schedule"])
def test_every_command_that_takes_formats_checks_each_of_a_list(
    command: str, brief: Callable[..., Path]
) -> None:
    brief("title: T\nsummary: S\n")
    result = run(command, "-f", "docx,odt", *(["--every", "1h"] if command == "schedule" else []))
    assert result.exit_code == 2
    assert "'odt' is not one of docx, html, md, pdf, pptx" in result.output
    assert "'docx,odt'" not in result.output


def test_unknown_format_is_a_usage_error(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\n")
    result = run("build", "-f", "odt")
    assert result.exit_code == 2
    assert "'odt' is not one of docx, html, md, pdf, pptx" in result.output


def test_missing_path_is_one_clear_line(project: Path) -> None:
    result = run("build", "nowhere.yaml")
    assert result.exit_code == 1
    assert result.output == "error: nowhere.yaml: no such file or folder\n"


def test_in_a_folder_that_is_no_project_the_error_says_how_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 1
    assert result.output == (
        f"error: {tmp_path / 'content'}: no such file or folder; "
        "to start a project here, run briefgen init\n"
    )


def test_validate_checks_and_writes_nothing(brief: Callable[..., Path]) -> None:
    brief("title: T\nsummary: S\n", "good.yaml")
    brief("title: T\nsummary: S\ndate: soon\n", "late.yaml")
    result = run("validate")
    assert result.exit_code == 1
    assert "ok content/good.yaml (template onepage, 10 pt, " in result.output
    assert (
        "error: content/late.yaml:3: date: 'soon' is not a date (write YYYY-MM-DD, or e.g. 1 July 2025)"
        in result.output
    )
    assert not Path("out").exists()


def test_validate_reports_overflow(brief: Callable[..., Path]) -> None:
    brief(overflowing())
    result = run("validate")
    assert result.exit_code == 1
    assert "does not fit on one page" in result.output


def test_init_creates_a_project_that_builds_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "desk")
    assert result.exit_code == 0
    assert "created desk/content/us-india-defence.yaml" in result.output
    assert (tmp_path / "desk" / "briefgen.toml").is_file()
    assert (tmp_path / "desk" / "templates").is_dir()
    ignored = (tmp_path / "desk" / ".gitignore").read_text().split()
    assert {"/out/", "/.briefgen/"} <= set(ignored)  # the briefs and the records
    monkeypatch.chdir(tmp_path / "desk")
    assert run("build").exit_code == 0
    assert pdf_pages(tmp_path / "desk" / "out" / "us-india-defence.pdf") == 1
    assert sorted(p.name for p in (tmp_path / "desk").iterdir()) == [
        ".briefgen",
        ".gitignore",
        "briefgen.toml",
        "content",
        "out",
        "templates",
    ]


def test_init_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_text("# mine\n")
    result = run("init")
    assert "kept briefgen.toml (exists)" in result.output
    assert (tmp_path / "briefgen.toml").read_text() == "# mine\n"


def test_config_sets_output_and_formats(brief: Callable[..., Path], project: Path) -> None:
    (project / "briefgen.toml").write_text('output = "dist"\nformats = ["docx"]\n')
    brief("title: T\nsummary: S\n")
    assert run("build").exit_code == 0
    assert listing(project / "dist") == ["b.docx"]


def test_config_typo_is_named(brief: Callable[..., Path], project: Path) -> None:
    (project / "briefgen.toml").write_text('outptu = "dist"\n')
    brief("title: T\nsummary: S\n")
    result = run("build")
    assert result.exit_code == 1
    assert (
        result.output == "error: briefgen.toml: outptu: unknown setting; did you mean 'output'?\n"
    )


def test_every_command_explains_itself_with_an_example() -> None:
    for command in ("build", "validate", "init"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "briefgen " + command in result.output  # an example line


def test_user_errors_never_print_a_traceback(brief: Callable[..., Path], project: Path) -> None:
    brief("title: !!python/object/apply:os.system ['echo hacked']\nsummary: S\n")
    result = run_process("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "hacked" not in result.stdout + result.stderr


def test_exit_code_2_for_usage_errors(project: Path) -> None:
    result = run_process("build", "--no-such-option", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_text_is_normalized_across_lines() -> None:
    assert normalize(" a\n b ") == "a b"
