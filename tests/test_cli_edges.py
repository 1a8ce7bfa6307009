"""The command line's edges: -V, -q and -v everywhere, preview's errors and folder,
templates copy's destination, and shell completion as documented."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest

from briefgen.cli import cli
from conftest import EXAMPLE, ROOT, run, run_process


def _commands(command: click.Command, path: str = "briefgen") -> list[tuple[str, click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):  # loads each command, as a run would
            sub = command.get_command(ctx, name)
            assert sub is not None
            found += _commands(sub, f"{path} {name}")
    return found


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_capital_v_prints_the_version(flag: str) -> None:
    from briefgen import __version__

    result = run(flag)
    assert result.exit_code == 0
    assert result.output == f"briefgen, version {__version__}\n"


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda x: str(x))
def test_every_command_takes_quiet_and_verbose(name: str, command: click.Command) -> None:
    options = {opt for p in command.params for opt in getattr(p, "opts", [])}
    assert {"-q", "--quiet", "-v", "--verbose"} <= options, name


def _briefs(project: Path, count: int) -> None:
    text = EXAMPLE.read_text()
    for i in range(count):
        (project / "content" / f"b{i}.yaml").write_text(text)


@pytest.mark.parametrize("where", ["after", "before"])
def test_quiet_keeps_only_errors_on_a_command_that_had_no_quiet(project: Path, where: str) -> None:
    _briefs(project, 1)
    (project / "content" / "bad.yaml").write_text("title: T\n")
    args = ["validate", "-q"] if where == "after" else ["-q", "validate"]
    result = run(*args)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: content/bad.yaml:")
    assert "ok content/b0.yaml" in run("validate").output


def test_quiet_before_build_silences_its_lines(project: Path) -> None:
    _briefs(project, 1)
    result = run("-q", "build", "-f", "pdf")
    assert result.exit_code == 0
    assert result.output == ""
    assert (project / "out" / "b0.pdf").is_file()


def test_verbose_names_every_brief_up_to_date(project: Path) -> None:
    _briefs(project, 6)
    assert run("build", "-f", "pdf").exit_code == 0
    short = run("build", "-f", "pdf").output
    assert "and 2 more" in short
    full = run("build", "-f", "pdf", "-v").output
    assert "and 2 more" not in full
    assert all(f"content/b{i}.yaml" in full for i in range(6))


def test_preview_of_a_missing_file_is_a_located_error(project: Path) -> None:
    result = run("preview", "missing.pdf")
    assert result.exit_code == 1
    assert result.output == "error: missing.pdf: no such file or folder\n"


def test_preview_of_a_docx_says_what_preview_takes(project: Path) -> None:
    (project / "x.docx").write_bytes(b"PK\x03\x04 not text at all \xff\xfe")
    result = run("preview", "x.docx")
    assert result.exit_code == 1
    assert result.output.startswith(
        "error: x.docx: this is a DOCX; preview shows content files (.yaml, .yml, .json)"
    )
    assert "UTF-8" not in result.output and "internal error" not in result.output


def test_preview_writes_to_a_folder_of_its_own(project: Path) -> None:
    shutil.copy(EXAMPLE, project / "content")
    result = run("preview")
    assert result.exit_code == 0, result.output
    assert result.output == "rendered previews/us-india-defence.png\n"
    assert (project / "previews" / "us-india-defence.png").read_bytes()[:4] == b"\x89PNG"
    assert not (project / "out").exists()


def test_init_leaves_previews_out_of_git(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "p")).exit_code == 0
    assert "/previews/" in (tmp_path / "p" / ".gitignore").read_text().splitlines()


def test_copy_to_a_name_makes_a_template_of_that_name(project: Path) -> None:
    result = run("templates", "copy", "onepage", "desk")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "copied onepage to templates/desk; edit brief.html.j2 and theme.toml there",
        'briefs use it with template: desk (or template = "desk" in briefgen.toml)',
    ]
    (project / "content" / "b.yaml").write_text(EXAMPLE.read_text() + "template: desk\n")
    assert run("validate").output.startswith("ok content/b.yaml (template desk,")


def test_copy_into_templates_by_path_is_seen(project: Path) -> None:
    result = run("templates", "copy", "pipeline", "templates/wide")
    assert result.exit_code == 0
    assert "warning" not in result.output
    assert (project / "templates" / "wide" / "brief.html.j2").is_file()


def test_copy_elsewhere_warns_that_the_project_will_not_see_it(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("other") / "onepage"
    result = run("templates", "copy", "onepage", str(elsewhere))
    assert result.exit_code == 0
    assert (elsewhere / "brief.html.j2").is_file()
    assert "so this project's briefs will not find it" in result.output
    assert "briefgen templates copy onepage onepage" in result.output


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _briefgen_completion briefgen"),
        ("zsh", "#compdef briefgen"),
        ("fish", "complete --no-files --command briefgen"),
    ],
)
def test_completion_scripts_come_as_the_docs_say(project: Path, shell: str, marker: str) -> None:
    docs = (ROOT / "docs" / "getting-started.md").read_text()
    assert f"_BRIEFGEN_COMPLETE={shell}_source briefgen" in docs
    result = run_process(cwd=project, env={"_BRIEFGEN_COMPLETE": f"{shell}_source"})
    assert result.returncode == 0
    assert marker in result.stdout


def test_bash_completion_completes_a_command(project: Path) -> None:
    result = run_process(
        cwd=project,
        env={
            "_BRIEFGEN_COMPLETE": "bash_complete",
            "COMP_WORDS": "briefgen templ",
            "COMP_CWORD": "1",
        },
    )
    assert result.stdout.strip() == "plain,templates"


@pytest.mark.parametrize("word", ["new", "create", "start", "scaffold"])
def test_a_command_meaning_start_a_project_points_to_init(word: str) -> None:
    result = run(word)
    assert result.exit_code == 2
    assert result.output.rstrip().endswith(
        f"Error: No such command '{word}'. To start a project, run: briefgen init [DIRECTORY]"
    )


def test_a_misspelt_command_is_told_the_nearest_and_an_unlike_one_is_not(tmp_path: Path) -> None:
    # in a process of its own: no command is loaded yet, so click alone would suggest none
    result = run_process("biuld", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.rstrip().endswith("Error: No such command 'biuld'. Did you mean 'build'?")
    assert run("xyzzy").output.rstrip().endswith("Error: No such command 'xyzzy'.")
    assert run("templates", "lst").exit_code == 2  # a subgroup's own commands are click's


def test_command_lists_give_each_command_its_whole_short_help() -> None:
    for group in ([], ["templates"]):
        listing = run(*group, "--help").output.split("Commands:")[1]
        assert "..." not in listing, listing


def test_help_speaks_of_two_pages_as_a_content_file_writes_it() -> None:
    top = " ".join(run("--help").output.split())
    assert "in both formats" not in top
    assert "or two where its content file says pages: 2" in top
    preview = " ".join(run("preview", "--help").output.split())
    assert "(pages: 2 in its content file, or pages = 2 in briefgen.toml)" in preview


def test_validate_help_says_its_workers_check_and_write_nothing() -> None:
    text = " ".join(run("validate", "--help").output.split())
    assert "Check in N worker processes" in text
    assert "Build in N" not in text and "files are the same" not in text


def test_the_settings_init_writes_point_to_nothing_an_installed_copy_lacks(
    tmp_path: Path,
) -> None:
    assert run("init", str(tmp_path / "p")).exit_code == 0
    settings = (tmp_path / "p" / "briefgen.toml").read_text(encoding="utf-8")
    assert "docs/" not in settings
    import briefgen

    schemes = Path(briefgen.__file__).parent / "markings" / "schemes"
    assert "markings/schemes/*.toml" in settings and (schemes / "us.toml").is_file()
