"""The built-in templates' shipped compiled code: current, used only for exactly the
source it was made from, the sandbox's own code, and located errors as before."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import jinja2
import pytest

from briefgen import project as projects
from briefgen.content import schema
from briefgen.render import precompiled, sandbox, templating
from briefgen.render.templating import ENTRY, Templates
from conftest import EXAMPLE, ROOT

BUILTIN = ("onepage", "pipeline", "talking-points")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "precompile", ROOT / "tools" / "precompile_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _templates(tmp_path: Path) -> Templates:
    return Templates(projects.find(tmp_path))


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every template compiled now, as before there was shipped code."""
    monkeypatch.setattr(precompiled, "code", lambda *_: None)
    monkeypatch.setattr(templating, "COMPILED", templating._Compiled())


def test_the_shipped_code_is_what_the_sandbox_makes_of_todays_templates() -> None:
    assert _tool().stale() == []


@pytest.mark.parametrize("name", BUILTIN)
def test_a_builtin_template_loads_its_shipped_code(tmp_path: Path, name: str) -> None:
    env = _templates(tmp_path).env
    template = env.get_template(f"{name}/{ENTRY}")
    assert template.filename is not None and template.filename.endswith(f"{name}/{ENTRY}")
    made_in = template.root_render_func.__code__.co_filename
    assert Path(made_in).parent == Path(precompiled.__file__).parent


@pytest.mark.parametrize("name", BUILTIN)
def test_a_builtin_template_writes_the_same_markup_as_one_compiled_now(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = schema.load(EXAMPLE)
    when = dt.date(2025, 7, 2)
    shipped = _templates(tmp_path).render(brief, name, when)
    monkeypatch.setattr(precompiled, "code", lambda *_: None)
    monkeypatch.setattr(templating, "COMPILED", templating._Compiled())
    now = Templates(projects.find(tmp_path))
    now.env.bytecode_cache = templating.COMPILED
    compiled = now.env.get_template(f"{name}/{ENTRY}")
    assert "precompiled" not in compiled.root_render_func.__code__.co_filename
    assert now.render(brief, name, when) == shipped


def test_the_shipped_code_reads_every_attribute_through_the_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = sandbox.BriefSandbox.getattr

    def getattr_(self: sandbox.BriefSandbox, obj: object, attribute: str) -> object:
        asked.append(attribute)
        return real(self, obj, attribute)

    monkeypatch.setattr(sandbox.BriefSandbox, "getattr", getattr_)
    _templates(tmp_path).render(schema.load(EXAMPLE), "onepage", dt.date(2025, 7, 2))
    assert {"title", "summary", "speaker", "action"} <= set(asked)
    texts = [
        path.read_text(encoding="utf-8")
        for path in Path(precompiled.__file__).parent.glob(precompiled.PREFIX + "*.py")
    ]
    assert len(texts) == 2 * len(BUILTIN)
    assert all("environment.getattr(" in text for text in texts)
    assert any("environment.contained(" in text for text in texts)  # briefgen's code generator


def test_an_edited_source_or_another_jinja2_gets_no_shipped_code(tmp_path: Path) -> None:
    env = _templates(tmp_path).env
    name = f"onepage/{ENTRY}"
    source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    assert precompiled.code(name, source, filename) is not None
    assert precompiled.code(name, source + "\n", filename) is None
    assert precompiled.code(f"mine/{ENTRY}", source, filename) is None
    assert precompiled.key(name, source, "0.0") != precompiled.key(name, source)


def test_a_project_template_in_a_builtins_place_is_compiled_from_its_own_text(
    tmp_path: Path,
) -> None:
    (tmp_path / "templates" / "onepage").mkdir(parents=True)
    (tmp_path / "templates" / "onepage" / ENTRY).write_text("<h1>{{ brief.title }} mine</h1>\n")
    markup = _templates(tmp_path).render(schema.load(EXAMPLE), "onepage", dt.date(2025, 7, 2))
    assert markup.endswith(" mine</h1>")


def _failure(env: jinja2.Environment) -> tuple[str | None, int | None]:
    template = env.get_template(f"onepage/{ENTRY}")
    with pytest.raises(jinja2.UndefinedError) as caught:
        sandbox.render(template, {})
    return templating._template_frame(caught.value)


def test_an_error_in_a_builtin_template_names_its_file_and_line_as_before(
    tmp_path: Path, fresh: None
) -> None:
    shipped = _failure(Templates(projects.find(tmp_path)).env)
    assert shipped[0] is not None and shipped[0].endswith(f"onepage/{ENTRY}")
    assert shipped[1] is not None and shipped[1] > 1


def test_the_shipped_code_locates_an_error_as_the_compiled_code(tmp_path: Path) -> None:
    shipped_env = _templates(tmp_path).env
    assert (
        "precompiled"
        in shipped_env.get_template(f"onepage/{ENTRY}").root_render_func.__code__.co_filename
    )
    shipped = _failure(shipped_env)
    now = _templates(tmp_path).env
    now.bytecode_cache = None
    assert (
        "precompiled"
        not in now.get_template(f"onepage/{ENTRY}").root_render_func.__code__.co_filename
    )
    assert shipped == _failure(now)
    assert shipped[0] is not None and shipped[0].endswith(f"onepage/{ENTRY}")


@pytest.mark.parametrize("name", BUILTIN)
def test_the_manifest_reads_a_builtin_templates_references_without_parsing_it(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.regen import manifest

    parsed = manifest.template_files(_templates(tmp_path), name)
    templates = _templates(tmp_path)

    def refused(*_: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(templates.env, "parse", refused)
    assert manifest.template_files(templates, name) == parsed
    assert len(parsed) == (1 if name == "onepage" else 2)


def test_an_edited_builtin_template_is_parsed_for_its_references(tmp_path: Path) -> None:
    from briefgen.regen import manifest

    (tmp_path / "templates" / "onepage").mkdir(parents=True)
    mine = '{% extends "builtin:onepage/brief.html.j2" %}\n{% include "mine.j2" %}\n'
    (tmp_path / "templates" / "onepage" / ENTRY).write_text(mine)
    found = manifest.template_files(_templates(tmp_path), "onepage")
    assert set(found) == {f"onepage/{ENTRY}", f"builtin:onepage/{ENTRY}", "mine.j2"}
    assert found["mine.j2"] is None
