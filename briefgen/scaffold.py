"""`briefgen init`: a new project that builds at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefgen.errors import BriefgenError, display_path
from briefgen.project import CONFIG
from briefgen.resources import example_brief

CONFIG_TEXT = """\
# briefgen settings. Every key is optional; the values shown are the defaults.

# Folder of content files that `briefgen build` builds when given no path.
# content = "content"

# Folder the briefs are written to.
# output = "out"

# Formats written when no --format is given.
# formats = ["docx", "pdf"]

# Template for briefs whose content names none (see `templates/`).
# template = "onepage"

# Folder for briefgen's own records (manifest, editions, lock), kept out of the
# output folder; e.g. "/var/lib/briefgen" for a service.
# state_dir = ".briefgen"

# Publish each build all at once, so no reader sees a new DOCX beside an old PDF
# (the output folder becomes a link to a folder of the build's files; POSIX).
# atomic_output = false

# Security markings: the scheme every portion is marked in ("us", "uk", "nato",
# "none" or a scheme file of your own, written like the built-in ones: the
# markings/schemes/*.toml files of the installed briefgen package); unset, the
# banner is printed as typed. A brief may name its own scheme with marking: uk.
# marking = "us"

# The classification authority and CUI blocks' lines for every brief of the desk
# (a brief's own authority: and cui: lines come first):
# [authority]
# classified_by = "J. Smith, Director, South Asia Desk"
# derived_from = "Multiple Sources"
# [cui]
# controlled_by = "OUSD(P)"
# category = "CTI"
# poc = "J. Smith, 703-555-0100"

# Override any key of the template's theme.toml, for every brief:
# [theme]
# page_size = "letter"
# base_size = 10
"""

GITIGNORE = """\
# What briefgen makes: the briefs, its own records of them, and preview's pictures.
/out/
/.briefgen/
/.out.generations/
/previews/
"""

TEMPLATES_README = """\
Template overrides for this project.

A folder here named like a built-in template (e.g. onepage/) replaces it; a
project template can extend the built-in one and change only some blocks:

    {% extends "builtin:onepage/brief.html.j2" %}
    {% block statements %}...{% endblock %}
"""


def create(directory: Path) -> Iterator[str]:
    """Create the project files that are missing; yields one line per file."""
    if directory.exists() and not directory.is_dir():
        raise BriefgenError("exists and is not a folder", file=str(directory))
    files = {
        directory / "content" / "us-india-defence.yaml": example_brief().read_text(
            encoding="utf-8"
        ),
        directory / CONFIG: CONFIG_TEXT,
        directory / "templates" / "README.txt": TEMPLATES_README,
        directory / ".gitignore": GITIGNORE,
    }
    try:
        for path, text in files.items():
            if path.exists():
                yield f"kept {display_path(path)} (exists)"
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            yield f"created {display_path(path)}"
    except OSError as exc:
        raise BriefgenError(
            f"cannot create the project: {exc.strerror or exc}", file=str(directory)
        ) from None
    where = "" if directory.resolve() == Path.cwd().resolve() else f"cd {directory} && "
    yield f"next: {where}briefgen build"
