"""Pages of the documentation site made from the code, so they cannot drift from it.

A page holding the line ``<!-- generated: content-format -->`` or
``<!-- generated: commands -->`` gets the content schema (from
:mod:`briefgen.content.schema`) or every command and option (from the click commands
in :mod:`briefgen.cli`) under it, up to its ``<!-- end of generated: NAME -->`` line.
The parts are written into the pages, so the Markdown files read whole in the
repository and the source distribution: ``python tools/docgen.py`` writes them
(``--check`` lists the pages that are out of date, as tests/test_docs.py does).
MkDocs runs it as a hook (``hooks:`` in mkdocs.yml) too, so the site is never stale.

Every field of the schema must have a meaning below: a field added to the schema
without one stops ``mkdocs build``, rather than appearing undocumented.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from briefgen.content import arrange, checks, sources
from briefgen.content import schema as content
from briefgen.markings import fields as marking_fields

ROOT = Path(__file__).resolve().parent.parent


def _same(noun: str) -> str:
    return f"keeps it the same {noun} between editions whatever else changes; unique in its list"


#: what each field means, for the reader; the types, choices and defaults come from the schema
PORTION = "the portion's marking (`S//NF`), printed at its start ([markings](markings.md))"

MEANINGS: dict[str, str] = {
    "title": "the brief's title",
    "subtitle": "a line under the title",
    "date": 'the "as of" date printed on the brief; default: the build\'s --as-of, else today',
    "classification": "the marking on the banner at the top and bottom of the page",
    "prepared_by": "action officer or contact line",
    "language": "the language the brief is written in, as a tag (`en-GB`, `fr`); screen "
    "readers read it in this language (default: the template's, `en-US`)",
    "summary": "bottom line up front, 1–3 sentences (Markdown inline)",
    "template": "which template builds this brief (default: briefgen.toml's, else `onepage`)",
    "summary_classification": "the summary's marking, printed at its start "
    "(see [markings](markings.md))",
    "default_classification": "the marking of every portion that gives none",
    "marking": "the marking scheme: `us`, `uk`, `nato`, `none` or a scheme file (default: "
    "briefgen.toml's `marking`)",
    "authority": "the classification authority block's lines: `classified_by`, `derived_from`, "
    "`declassify_on` (over briefgen.toml's `[authority]`)",
    "cui": "the CUI designation indicator's lines: `controlled_by`, `category`, `dissemination`, "
    "`poc` (over briefgen.toml's `[cui]`)",
    "include": "YAML or JSON files whose keys this brief takes unless it sets them itself",
    "key_statements": "what was said, by whom",
    "key_statements.speaker": "who said it",
    "key_statements.role": "the speaker's office",
    "key_statements.text": "what was said",
    "key_statements.source": "where it was reported",
    "key_statements.date": "when it was said",
    "key_statements.id": _same("statement"),
    "key_statements.classification": PORTION,
    "next_steps": "what was agreed next, by whom, by when",
    "next_steps.action": "what is to be done",
    "next_steps.owner": "who does it",
    "next_steps.due": 'by when: a date (due markers count from it), or text ("later this '
    'year", printed as typed, with no due marker)',
    "next_steps.status": "where it stands",
    "next_steps.id": _same("step"),
    "next_steps.classification": PORTION,
    "procurement": "the systems being bought, by stage",
    "procurement.system": "the system's name",
    "procurement.category": "e.g. aircraft, missile, vessel",
    "procurement.quantity": "how many",
    "procurement.arrangement": "how: co-production, FMS, direct commercial sale …",
    "procurement.stage": "how far it has come",
    "procurement.value": "the money, as text (`$1.2bn`)",
    "procurement.notes": "anything else",
    "procurement.id": _same("system"),
    "procurement.classification": PORTION,
    "talking_points": 'lines the principal can say; printed as "Talking points", and used by '
    "the `talking-points` template instead of the key statements",
    "talking_points.text": "the line to say",
    "talking_points.audience": "who it is for, e.g. `Press`",
    "talking_points.id": _same("talking point"),
    "order": "the page's sections in this order, e.g. `[procurement, next_steps]`: the sections "
    "named take the places they hold, in this order (names: the template's; see the templates "
    "guide)",
    "hide": "sections not shown, e.g. `[statements]`; `[]` shows those briefgen.toml hides",
    "headings": "sections' headings in other words, e.g. `{next_steps: Actions}`",
    "extra": "fields of your own, e.g. `{ref: SAD-117}`, that a template prints as "
    "`brief.extra.ref`",
    "pages": "`2` for a brief allowed two pages (the default `1`): set at the largest size at "
    "which it fits two, broken where the templates guide says",
    "talking_points.classification": PORTION,
    "sections": "extra sections after the lists",
    "sections.heading": "the section's heading",
    "sections.body": "Markdown paragraphs and `-` or `1.` lists",
    "sections.classification": PORTION,
}

CHECKS: dict[Callable[..., Any], str] = {
    checks.text: "text",
    checks.title: "text, at most 120 characters",
    checks.date: "date: `YYYY-MM-DD` or written out (`1 Dec 2025`, `December 1, 2025`)",
    checks.due: "date (as for `date`), or text",
    checks.whole_number: f"whole number, 0 to {checks.MAX_QUANTITY:,}",
    checks.pages: "`1` or `2`",
    checks.marking: "text, read as it looks (no invisible or mixed-script letters)",
    checks.template_name: "a template name (letters, digits, `-`, `_`, `.`)",
    checks.language: "a language tag (`en-US`, `en-GB`, `fr`)",
    checks.identifier: f"text, up to {checks.MAX_ID} letters, digits, `-`, `_`, `.`, `:`",
    arrange.section_names: "a list of section names",
    arrange.headings: "section name: text",
    arrange.extra: f"name: text, number or date (up to {arrange.MAX_EXTRA})",
    marking_fields.scheme_name: "`us`, `uk`, `nato`, `none`, or a scheme file",
    marking_fields.block_lines: "`key: value` lines",
}


def _kind(check: Callable[..., Any]) -> str:
    if check in CHECKS:
        return CHECKS[check]
    choices = inspect.getclosurevars(check).nonlocals.get("choices")
    if choices:
        return "one of " + ", ".join(f"`{c}`" for c in choices)
    raise LookupError(f"docgen: no description of the check {check.__qualname__}; add it to CHECKS")


def _meaning(key: str) -> str:
    try:
        return MEANINGS[key]
    except KeyError:
        raise LookupError(
            f"docgen: the schema field '{key}' has no meaning; add it to MEANINGS"
        ) from None


def _defaults(cls: type) -> dict[str, Any]:
    return {
        f.name: f.default
        for f in dataclasses.fields(cls)
        if f.default is not dataclasses.MISSING and f.default not in (None, ())
    }


def _row(key: str, name: str, spec: content.Field, defaults: dict[str, Any]) -> str:
    required = "yes" if spec.required else "no"
    if name in defaults:
        required += f"; default `{defaults[name]}`"
    return f"| `{name}` | {_kind(spec.check)} | {required} | {_meaning(key)} |"


def content_format() -> str:
    """The content schema v1 as Markdown tables: the brief's keys, then each list's fields."""
    head = "| key | type | required | meaning |\n|---|---|---|---|"
    brief_defaults = _defaults(content.Brief)
    brief_keys = {**content.BRIEF, **content.ARRANGE}
    rows = [_row(name, name, spec, brief_defaults) for name, spec in brief_keys.items()]
    for key in content.LISTS:
        table = " (or a table file: CSV or XLSX)" if key in sources.TABLE_FIELDS else ""
        rows.append(f"| `{key}` | a list{table} | no | {_meaning(key)}; fields below |")
    rows.append(f"| `include` | a file name, or a list of them | no | {_meaning('include')} |")
    out = ["## The keys of a brief", "", head, *rows, ""]
    for key, (spec, cls) in content.LISTS.items():
        defaults = _defaults(cls)
        out += [f"## Each entry of `{key}`", "", head]
        out += [_row(f"{key}.{n}", n, f, defaults) for n, f in spec.items()]
        out.append("")
    return "\n".join(out)


def _metavar(param: click.Parameter, ctx: click.Context) -> str:
    try:
        return param.make_metavar(ctx)  # click 8.2 and later
    except TypeError:
        return param.make_metavar()  # type: ignore[call-arg]  # click 8.1


def _options(command: click.Command, ctx: click.Context) -> Iterator[str]:
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument):
            yield f"| `{_metavar(param, ctx)}` | argument |"
            continue
        record = param.get_help_record(ctx)
        if record is None or "--help" in param.opts:
            continue
        names, help_text = record
        cell = help_text.replace("|", "\\|").replace("\n", " ")
        yield f"| `{names}` | {cell} |"


def _text(text: str) -> Iterator[str]:
    """A command's help: its first paragraph as prose, the rest as it prints."""
    kept = [line for line in inspect.cleandoc(text).splitlines() if line.strip() != "\b"]
    first, _, rest = "\n".join(kept).partition("\n\n")
    yield " ".join(first.split())
    yield ""
    if rest.strip():
        yield "```text"
        yield rest.strip("\n")
        yield "```"
        yield ""


def _commands(
    command: click.Command, path: list[str], parent: click.Context | None
) -> Iterator[str]:
    ctx = click.Context(command, info_name=path[-1], parent=parent)
    yield f"## `{' '.join(path)}`"
    yield ""
    yield "```text"
    yield command.get_usage(ctx).removeprefix("Usage: ")
    yield "```"
    yield ""
    yield from _text(command.help or "")
    rows = list(_options(command, ctx))
    if rows:
        yield "| option | what it does |"
        yield "|---|---|"
        yield from rows
        yield ""
    if command.epilog:
        yield from _text("Examples and notes.\n\n" + command.epilog)
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            child = command.get_command(ctx, sub)
            if child is not None:
                yield from _commands(child, [*path, sub], ctx)


def commands() -> str:
    """Every command, with its usage, help, options and examples, from the click commands."""
    from briefgen.cli import cli

    return "\n".join(_commands(cli, ["briefgen"], None))


def security() -> str:
    """The security policy: SECURITY.md, at the top of the repository where people look."""
    return (ROOT / "SECURITY.md").read_text(encoding="utf-8")


GENERATED: dict[str, Callable[[], str]] = {
    "content-format": content_format,
    "commands": commands,
    "security": security,
}


BEGIN, END = "<!-- generated:", "<!-- end of generated:"
PAGES = ROOT / "docs"


def expand(markdown: str) -> str:
    """markdown with the part under each ``<!-- generated: NAME -->`` line made anew,
    up to its ``<!-- end of generated: NAME -->`` line (added where it is missing)."""
    lines: list[str] = []
    inside: str | None = None
    for line in markdown.splitlines():
        stripped = line.strip()
        if inside is not None:
            if stripped == f"{END} {inside} -->":
                inside = None
            continue
        lines.append(line)
        if stripped.startswith(BEGIN) and stripped.endswith("-->"):
            name = stripped.removeprefix(BEGIN).removesuffix("-->").strip()
            lines += [GENERATED[name]().rstrip("\n"), f"{END} {name} -->"]
            if f"{END} {name} -->" in markdown:
                inside = name
    return "\n".join(lines) + "\n"


def stale(folder: Path = PAGES) -> list[Path]:
    """The pages whose generated parts are not what the code makes now."""
    return [
        path
        for path in sorted(folder.glob("*.md"))
        if BEGIN in (text := path.read_text(encoding="utf-8")) and expand(text) != text
    ]


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    """MkDocs hook: the generated parts of each page, made anew."""
    return expand(markdown)


def main(argv: list[str]) -> int:
    """Write the generated parts into the pages (--check: list the stale ones, exit 1)."""
    pages = stale()
    for path in pages:
        if "--check" in argv:
            print(f"{path.relative_to(ROOT)}: out of date; run python tools/docgen.py")
        else:
            path.write_text(expand(path.read_text(encoding="utf-8")), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if pages and "--check" in argv else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
