"""A briefgen project: the folder holding ``briefgen.toml``, and its settings."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen import writers
from briefgen.content.arrange import ARRANGE
from briefgen.content.checks import _Invalid
from briefgen.errors import BriefgenError, display_path
from briefgen.layout.theme import read_toml

CONFIG = "briefgen.toml"
#: what to do in a folder that is no project yet
START = "to start a project here, run briefgen init"
FORMATS = writers.names()  # every format the registry knows
DEFAULT_FORMATS = writers.defaults()  # written unless --format or formats names others


def started(folder: Path) -> bool:
    """Whether folder is (in) a project: briefgen.toml in it or above, or a content folder."""
    here = folder.absolute()
    return (here / "content").is_dir() or any((f / CONFIG).is_file() for f in (here, *here.parents))


@dataclass(frozen=True)
class Project:
    """Settings from briefgen.toml; every key has a default, so the file is optional."""

    root: Path
    #: folder of content files that `briefgen build` builds when given no path
    content: Path
    #: folder the briefs are written to
    output: Path
    #: formats written when no --format is given
    formats: tuple[str, ...] = DEFAULT_FORMATS
    #: template for briefs that name none
    template: str = "onepage"
    #: theme keys that override every template's theme.toml
    theme: dict[str, Any] = field(default_factory=dict)
    #: a Word file whose styles, page set-up and header/footer every DOCX takes
    reference_docx: str = ""
    #: folder for briefgen's own records (manifest, editions, lock), kept out of the
    #: output folder: .briefgen/ beside briefgen.toml unless set, e.g. /var/lib/briefgen
    state_dir: Path = Path(".briefgen")
    #: publish each build all at once: the output folder becomes a link to a generation
    #: folder beside it, replaced in one rename, so no reader ever sees a new DOCX beside
    #: an old PDF, even if the build is killed (POSIX; see the operations guide)
    atomic_output: bool = False
    #: the page's sections: order, hide and headings (as a brief's content may set
    #: them; a brief's own win), and [extra], fields every brief's templates can print
    arrange: dict[str, Any] = field(default_factory=dict)
    config: Path | None = None
    #: the marking scheme every brief is marked in (us, uk, nato, none or a scheme file)
    marking: str = ""
    #: lines of the classification authority ([authority]) and CUI ([cui]) blocks for
    #: every brief of the desk; a brief's own authority: and cui: lines come first
    marking_blocks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def templates(self) -> Path:
        return self.root / "templates"


KEYS = (
    "content",
    "output",
    "formats",
    "template",
    "theme",
    "reference_docx",
    "state_dir",
    "atomic_output",
    "marking",
    "authority",
    "cui",
    *ARRANGE,
)


def find(start: Path | None = None) -> Project:
    """The project whose briefgen.toml is in start or a folder above; else start itself."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return load(folder / CONFIG)
    return Project(
        root=here, content=here / "content", output=here / "out", state_dir=here / ".briefgen"
    )


def load(path: Path) -> Project:
    data = read_toml(path)
    display = display_path(path)
    for key in data:
        if key not in KEYS:
            hint = difflib.get_close_matches(key, KEYS, n=1)
            more = f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(KEYS)}"
            raise BriefgenError(f"unknown setting{more}", file=display, field=key)
    root = path.parent

    def text(key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value:
            raise BriefgenError(f"expected text, got {value!r}", file=display, field=key)
        return value

    formats = data.get("formats", list(DEFAULT_FORMATS))
    if not isinstance(formats, list) or not formats or any(f not in FORMATS for f in formats):
        raise BriefgenError(
            f"expected a list drawn from {', '.join(FORMATS)}, got {formats!r}",
            file=display,
            field="formats",
        )
    atomic = data.get("atomic_output", False)
    if not isinstance(atomic, bool):
        raise BriefgenError(
            f"expected true or false, got {atomic!r}", file=display, field="atomic_output"
        )
    theme = data.get("theme", {})
    if not isinstance(theme, dict):
        raise BriefgenError("expected a [theme] table", file=display, field="theme")
    for key in ("order", "hide", "headings", "pages"):
        if key in theme:
            raise BriefgenError(
                f"{key} is a setting of its own: write it above [theme], at the top of the file",
                file=display,
                field=f"theme.{key}",
            )
    arrange: dict[str, Any] = {}
    for key, spec in ARRANGE.items():
        if key in data:
            try:
                arrange[key] = spec.check(data[key])
            except _Invalid as exc:
                raise BriefgenError(str(exc), file=display, field=key) from None
    blocks = {}
    for key in ("authority", "cui"):
        table = data.get(key, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise BriefgenError(f"expected a [{key}] table of text lines", file=display, field=key)
        blocks[key] = table
    return Project(
        marking=text("marking", "none") if "marking" in data else "",
        marking_blocks=blocks,
        root=root,
        content=root / text("content", "content"),
        output=root / text("output", "out"),
        formats=tuple(formats),
        template=text("template", "onepage"),
        theme=theme,
        reference_docx=text("reference_docx", "") if "reference_docx" in data else "",
        state_dir=root / text("state_dir", ".briefgen"),
        atomic_output=atomic,
        arrange=arrange,
        config=path,
    )
