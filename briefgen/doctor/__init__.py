"""`briefgen doctor`: what is wrong with this installation or project, and what to do.

Each check gives one line: ``ok``, ``warn`` (an optional tool is missing; briefs
still build) or ``fail`` (something a build needs is broken), with what to do.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from briefgen.doctor.check import FAIL, OK, WARN, Check, Checks
from briefgen.doctor.letterhead import letterhead
from briefgen.errors import BriefgenError, display_path
from briefgen.project import CONFIG, START, Project

MIN_PYTHON = (3, 10)
#: the distributions briefgen imports at run time (see pyproject.toml)
LIBRARIES = (
    "python-docx",
    "reportlab",
    "jinja2",
    "markupsafe",
    "click",
    "PyYAML",
    "lxml",
    "pillow",
    "openpyxl",
    "python-pptx",
)
#: optional programs: (name, what it is for, how to install it on Debian)
TOOLS = (
    ("soffice", "the LibreOffice parity tests", "apt-get install libreoffice-writer-nogui"),
    ("chromium", "the tests that open the HTML brief in a browser", "apt-get install chromium"),
    ("pdftoppm", "rendering pages to PNG in the tests", "apt-get install poppler-utils"),
)


def run(project: Project) -> list[Check]:
    """Every check, in the order they are printed."""
    found: list[Check] = []
    for group in (_python, _libraries, _fonts, _folders, _tools, _project):
        try:
            found.extend(group(project))
        except BriefgenError as exc:  # a check that cannot go on says why, the rest still run
            found.append(Check(FAIL, group.__name__.strip("_"), str(exc)))
    return found


def _python(_project: Project) -> Checks:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] < MIN_PYTHON:
        yield Check(FAIL, "python", f"{version}; briefgen needs 3.10 or newer")
    else:
        yield Check(OK, "python", f"{version} ({sys.executable})")


def _libraries(_project: Project) -> Checks:
    from importlib import metadata

    have, missing = [], []
    for name in LIBRARIES:
        try:
            have.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        yield Check(
            FAIL,
            "libraries",
            f"{', '.join(missing)} not installed; reinstall briefgen (pip install briefgen)",
        )
    else:
        yield Check(OK, "libraries", ", ".join(have))


def _writable(folder: Path) -> tuple[bool, Path]:
    """Whether folder (or, if absent, the nearest folder above it) lets us create files."""
    here = folder
    while not here.exists() and here != here.parent:
        here = here.parent
    if not here.is_dir():
        return False, here
    try:
        with tempfile.NamedTemporaryFile(dir=here, prefix=".briefgen-doctor-"):
            pass
    except OSError:
        return False, here
    return True, here


def _fonts(_project: Project) -> Checks:
    from briefgen.layout import fonts

    absent = [p for p in fonts.sources() if not p.is_file()]
    if absent:
        yield Check(
            FAIL,
            "fonts",
            f"missing {', '.join(map(str, absent))}; reinstall briefgen (pip install "
            "--force-reinstall briefgen)",
        )
        return
    yield Check(OK, "fonts", f"Arimo, shipped in {fonts.HERE} (no cache needed)")


def _folders(project: Project) -> Checks:
    from briefgen.regen import state

    state_folder = state.folder(project, project.output)
    for label, folder in (("output folder", project.output), ("state folder", state_folder)):
        writable, where = _writable(folder)
        shown = display_path(folder)
        if not writable:
            yield Check(
                FAIL,
                label,
                f"{shown}: cannot create files in {display_path(where)}; "
                f"fix its permissions (chmod u+w {display_path(where)}) or build with -o DIR",
            )
        elif where != folder:
            yield Check(OK, label, f"{shown} does not exist yet; the first build makes it")
        else:
            yield Check(OK, label, f"{shown} is writable")


def _tools(_project: Project) -> Checks:
    for name, purpose, install in TOOLS:
        path = shutil.which(name)
        if path:
            yield Check(OK, name, path)
        else:
            yield Check(
                WARN,
                name,
                f"not found (optional: needed only for {purpose}); {install}",
            )


def _project(project: Project) -> Checks:
    from briefgen.render.templating import Templates

    templates = Templates(project)
    broken: set[str] = set()
    for name, _description, origin in templates.available():
        problem = _attempt(partial(_load_template, templates, name))
        if problem:
            broken.add(name)
            yield Check(FAIL, f"template {name}", f"{problem}; fix the {origin} template")
        else:
            yield Check(OK, f"template {name}", f"{origin} template and theme load")
    letterheads: dict[Path, float] = {}  # each letterhead, with the tallest banner it carries
    for name, _d, _o in templates.available():
        theme = None if name in broken else templates.theme(name)
        if theme is not None and theme.reference_docx:
            path = (project.root / theme.reference_docx).resolve()
            letterheads[path] = max(letterheads.get(path, 0.0), theme.banner_height)
    for path, banner in sorted(letterheads.items()):
        yield from letterhead(path, banner)
    yield from _glyphs(project, templates, broken)


def _attempt(action: Callable[[], object]) -> str | None:
    import jinja2

    try:
        action()
    except BriefgenError as exc:
        return str(exc)
    except jinja2.TemplateError as exc:
        return f"template error: {exc}"
    return None


def _load_template(templates: object, name: str) -> None:
    from briefgen.render import sandbox
    from briefgen.render.templating import ENTRY, Templates

    assert isinstance(templates, Templates)
    templates.folder(name)
    templates.theme(name)
    try:
        sandbox.compile_in_limits(lambda: templates.env.get_template(f"{name}/{ENTRY}"))
    except Exception as exc:  # the same failures render() reports, at load time
        import jinja2

        if isinstance(exc, jinja2.TemplateSyntaxError):
            where = display_path(Path(exc.filename)) if exc.filename else name
            raise BriefgenError(
                f"template error: {exc.message}", file=where, line=exc.lineno
            ) from None
        raise


def _glyphs(project: Project, templates: object, broken: set[str]) -> Checks:
    from briefgen import pipeline
    from briefgen.content import schema as content
    from briefgen.layout import fonts
    from briefgen.regen import build
    from briefgen.render.templating import Templates

    assert isinstance(templates, Templates)
    if not project.content.is_dir():
        todo = START if project.config is None else f"create it, or set content in {CONFIG}"
        yield Check(WARN, "content", f"no {display_path(project.content)} folder: {todo}")
        return
    paths = build.find_content([project.content]) if _any(project) else []
    if not paths:
        yield Check(OK, "content", f"no content files in {display_path(project.content)}")
        return
    bad = 0
    for path in paths:
        try:
            brief = content.load(path)
            name = pipeline.template_name(brief, templates)
            if name in broken:
                continue
            theme = templates.theme(name)
            pipeline.check_glyphs(brief, fonts.register(theme), theme.fallback_fonts)
        except BriefgenError as exc:
            bad += 1
            yield Check(FAIL, f"content {display_path(path)}", str(exc))
    if not bad:
        files = f"{len(paths)} content file{'s' if len(paths) != 1 else ''}"
        yield Check(OK, "glyphs", f"the fonts draw every character of {files}")


def _any(project: Project) -> bool:
    from briefgen.regen.build import CONTENT_SUFFIXES

    return any(
        p.suffix.lower() in CONTENT_SUFFIXES and not p.name.startswith(("_", "."))
        for p in project.content.iterdir()
    )


def main(project: Project, echo: Callable[[str], None]) -> int:
    """Print every check; 0 if none failed (warnings allowed), else 1."""
    checks = run(project)
    for check in checks:
        echo(check.line())
    failed = sum(c.status == FAIL for c in checks)
    warned = sum(c.status == WARN for c in checks)
    if failed:
        echo(f"{failed} problem(s) to fix" + (f", {warned} warning(s)" if warned else ""))
        return 1
    tools = sum(c.status == WARN and c.topic in {t[0] for t in TOOLS} for c in checks)
    missing = f" ({tools} optional tool(s) missing)" if tools else ""
    if warned > tools:  # a warning about the project: not "all is well"
        echo(f"nothing failed; {warned - tools} warning(s) to look at{missing}")
    else:
        echo("all is well" + missing)
    return 0
