"""The documentation: generated pages name every field and command, the site builds clean,
the README stays short, and every imported package is declared."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest

from briefgen.cli import cli
from briefgen.content import schema as content
from conftest import ROOT


def tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docgen = tool("docgen")


def test_the_content_format_page_names_every_field_of_the_schema() -> None:
    page = docgen.content_format()
    for name in (*content.BRIEF, *content.ARRANGE):
        assert f"| `{name}` |" in page, name
    for key, (spec, _cls) in content.LISTS.items():
        section = page.split(f"## Each entry of `{key}`", 1)[1].split("\n## ", 1)[0]
        for name in spec:
            assert f"| `{name}` |" in section, f"{key}.{name}"
    for choice in (*content.STATUSES, *content.STAGES):
        assert f"`{choice}`" in page
    assert "| `include` |" in page


def test_a_schema_field_without_a_meaning_stops_the_docs_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(content.BRIEF, "audience", content.Field(content.text))
    with pytest.raises(LookupError, match="'audience' has no meaning"):
        docgen.content_format()


def _walk(command: click.Command, path: list[str]) -> list[tuple[str, click.Command]]:
    found = [(" ".join(path), command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += _walk(sub, [*path, name])
    return found


def test_the_command_reference_names_every_command_and_option() -> None:
    page = docgen.commands()
    for name, command in _walk(cli, ["briefgen"]):
        assert f"## `{name}`" in page, name
        section = page.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.opts[-1] in section, f"{name} {param.opts}"
    assert "## `briefgen doctor`" in page


def test_generated_parts_are_made_under_their_markers_and_made_again_in_place() -> None:
    page = docgen.expand("# Reference\n\n<!-- generated: commands -->\n\nAfter.\n")
    assert page.startswith("# Reference\n\n<!-- generated: commands -->\n## `briefgen`")
    assert "<!-- end of generated: commands -->\n\nAfter.\n" in page
    assert "## `briefgen build`" in page
    assert docgen.expand(page) == page  # made again, the same
    edited = page.replace("## `briefgen build`", "## `briefgen biuld`")
    assert docgen.expand(edited) == page  # a hand edit inside is made over


def test_the_pages_hold_the_generated_parts_the_code_makes_now() -> None:
    """The Markdown files read whole in the repository; python tools/docgen.py writes them."""
    assert docgen.stale() == [], "run: python tools/docgen.py"
    for name in ("content-format", "reference", "security"):
        text = (ROOT / "docs" / f"{name}.md").read_text()
        assert "<!-- end of generated:" in text, name


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="pip install -e '.[docs]'")
def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    reference = (tmp_path / "site" / "content-format" / "index.html").read_text()
    assert "in-service" in reference


def test_the_readme_is_short_and_its_set_up_commands_are_the_sites() -> None:
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 80  # two screens
    started = (ROOT / "docs" / "getting-started.md").read_text()
    for command in (
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/briefgen build",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest",
    ):
        assert command in readme and command in started
    assert "(docs/us-india-defence.png)" in readme


def test_every_imported_package_is_declared() -> None:
    assert tool("check_imports").undeclared() == []


def test_an_undeclared_import_is_found(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("import click\nimport hypothesis.strategies\n")
    checker = tool("check_imports")
    assert checker.undeclared(tmp_path) == []  # click a dependency, hypothesis the test extra
    (tmp_path / "y.py").write_text("import tomlkit_not_here\n")
    [problem] = checker.undeclared(tmp_path)
    assert (
        problem
        == f"tomlkit_not_here ({tmp_path.name}/y.py): not installed, and so not declared either"
    )


def test_docs_tools_are_lint_and_type_clean() -> None:
    if shutil.which("ruff") is None and not (ROOT / ".venv" / "bin" / "ruff").exists():
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    for command in (
        ["ruff", "check", "tools"],
        ["ruff", "format", "--check", "tools"],
        ["mypy", "--strict", "tools"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
