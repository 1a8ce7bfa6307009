"""One brief, start to finish: content -> markup -> document -> laid-out page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen.content import schema as content
from briefgen.errors import BriefgenError, display_path, raise_all
from briefgen.layout import fonts, scriptdata, scripts
from briefgen.layout.page import Page
from briefgen.markings import apply as markings
from briefgen.markings import levels
from briefgen.regen.editions import Changes
from briefgen.render import arrange, fieldtemplates, markup
from briefgen.render.templating import Templates, UnknownTemplate


@dataclass(frozen=True)
class Prepared:
    brief: content.Brief
    template: str
    page: Page
    #: what of the brief's lists the template left out ("3 of 6 key statements")
    unshown: tuple[str, ...] = ()


def check_glyphs(brief: content.Brief, family: str, fallback_fonts: tuple[str, ...] = ()) -> None:
    """Refuse text no font can draw, rather than print a blank or a box; every field that
    has such text is named, with what would add its script."""
    found: list[BriefgenError] = []
    for path, text in brief.texts():
        missing = scripts.missing(text, family, fallback_fonts)
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:3])
            if len(missing) > 3:
                shown += f" and {len(missing) - 3} more"
            where = brief.where(path)  # the content file, an included file or a table
            found.append(
                BriefgenError(
                    f"the font {family.rsplit('-', 1)[0] if family != fonts.FAMILY else family} "
                    f"cannot draw {shown}; "
                    + scriptdata.remedy(missing)
                    + ("it" if len(missing) == 1 else "them"),
                    file=where.file,
                    line=where.line,
                    field=where.field,
                )
            )
    own = display_path(brief.path)  # the content file's lines first, then other files'
    raise_all(sorted(found, key=lambda e: (e.file != own, e.line or 0)))


def as_of_date(brief: content.Brief, as_of: dt.date | None = None) -> dt.date:
    """The date the brief is as of: the one given, else the content's date, else today."""
    return as_of or brief.date or dt.date.today()


def template_name(brief: content.Brief, templates: Templates) -> str:
    """The template that builds this brief; an unknown one is named where it was given."""
    name = brief.template or templates.project.template
    try:
        templates.folder(name)
    except UnknownTemplate as exc:
        if brief.template:
            where = brief.where(("template",))
            raise BriefgenError(
                exc.message, file=where.file, line=where.line, field="template"
            ) from None
        config = templates.project.config
        raise BriefgenError(
            exc.message,
            file=display_path(config) if config else None,
            field="template" if config else None,
        ) from None
    return name


def desk(templates: Templates) -> markings.Desk:
    """What the project's briefgen.toml says about markings."""
    project = templates.project
    config = display_path(project.config) if project.config else None
    return markings.Desk(project.marking, project.marking_blocks, project.root, config)


def prepare(
    path: Path,
    templates: Templates,
    *,
    as_of: dt.date | None = None,
    allow_overflow: bool = False,
) -> Prepared:
    """Load, validate, render and fit one content file; raises BriefgenError."""
    return prepare_brief(content.load(path), templates, as_of=as_of, allow_overflow=allow_overflow)


def prepare_brief(
    brief: content.Brief,
    templates: Templates,
    *,
    as_of: dt.date | None = None,
    allow_overflow: bool = False,
    changes: Changes | None = None,
) -> Prepared:
    """Render and fit a loaded brief, marking changes since the last edition if given."""
    from briefgen.layout.fit import fit  # reportlab: only a brief that is built needs it

    when = as_of_date(brief, as_of)
    brief = fieldtemplates.expand(brief, when)
    marked = markings.apply(brief, desk(templates), when)
    brief = marked.brief
    name = template_name(brief, templates)
    theme = markings.theme(templates.theme(name), marked)
    check_glyphs(brief, fonts.register(theme), theme.fallback_fonts)
    text, unshown = templates.render_noting(brief, name, when, changes)
    source = templates.folder(name) / "brief.html.j2"
    document = markings.finish(markup.parse(text, origin=display_path(source)), marked, source)
    allowed = arrange.pages(templates.layers(name), templates.project, brief)
    page = fit(
        document,
        theme,
        origin=display_path(brief.path),
        allow_overflow=allow_overflow,
        pages=allowed,
    )
    unknown = levels.unknown(brief, theme) if marked.scheme is None else None
    if unknown:
        page = replace(page, warnings=(*page.warnings, unknown))
    return Prepared(brief, name, page, unshown)
