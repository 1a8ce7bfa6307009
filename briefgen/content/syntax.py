"""Syntax errors in YAML and JSON, said in plain words, with the line they are on.

The parsers' own wording ("found character that cannot start any token", "Expecting
',' delimiter") names the symptom, in the parser's terms, often a line after the
mistake. Here the common mistakes are recognised from the parser's complaint and the
text itself (a tab that indents, a quote never closed, a key with no colon, a line
indented out of step, a stray ``-``, a trailing comma) and said as a person would,
pointing at the line and column where the mistake is, with that line and a caret.
"""

from __future__ import annotations

import re

from briefgen.errors import BriefgenError

#: characters of a source line shown around the column, at most
SHOWN = 76


def excerpt(text: str, line: int, column: int) -> str:
    """The source line (1-based line and column) and a caret under the column, indented."""
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1].replace("\t", "→")  # a tab shown, one wide
    column = max(1, min(column, len(source) + 1))
    start = max(0, min(column - SHOWN // 2, len(source) - SHOWN))
    shown = source[start : start + SHOWN]
    if start:
        shown = "…" + shown[1:]
    if start + SHOWN < len(source):
        shown = shown[:-1] + "…"
    number = str(line)
    return f"  {number} | {shown}\n  {' ' * len(number)} | {' ' * (column - 1 - start)}^"


def located(message: str, display: str, text: str, line: int, column: int) -> BriefgenError:
    return BriefgenError(
        message, file=display, line=line, column=column, excerpt=excerpt(text, line, column)
    )


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _indent(source: str) -> int:
    return len(source) - len(source.lstrip(" "))


# --- YAML -------------------------------------------------------------------------


def yaml_error(
    text: str,
    display: str,
    problem: str,
    context: str,
    at: tuple[int, int] | None,
    opened: tuple[int, int] | None,
) -> BriefgenError:
    """A YAML parser's complaint (problem, context; 1-based line and column of each)."""
    if at is None:
        return BriefgenError(f"invalid YAML: {problem or context}", file=display)
    line, column = at
    said = _explain_yaml(text, problem, context, line, column, opened)
    if said is None:
        return located(f"invalid YAML: {problem or context}", display, text, line, column)
    message, (line, column) = said
    return located("invalid YAML: " + message, display, text, line, column)


def _explain_yaml(
    text: str, problem: str, context: str, line: int, column: int, opened: tuple[int, int] | None
) -> tuple[str, tuple[int, int]] | None:
    source = _line(text, line)
    tab = _tab(text, line, column)
    if tab is not None:
        return (
            "a tab indents this line, and YAML does not allow tabs for indentation; "
            "indent with spaces",
            tab,
        )
    if "quoted scalar" in context and "escape" in problem:
        return (
            'inside "..." a backslash starts an escape, and this one is not valid; write \\\\ '
            "for a backslash, or put the text in '...' quotes",
            (line, column),
        )
    if "quoted scalar" in context and "end of stream" in problem and opened is not None:
        quote = _line(text, opened[0])[opened[1] - 1 : opened[1]] or '"'
        return (
            f"the {quote} opened here is never closed; end the text with {quote} (inside "
            + ("'...' write '' for '" if quote == "'" else '"..." write \\" for "')
            + ")",
            opened,
        )
    if "could not find expected ':'" in problem and opened is not None:
        key = _line(text, opened[0])
        return "this line has no ':' after its key; write key: value", (
            opened[0],
            len(key.rstrip()) + 1,
        )
    if "mapping values are not allowed" in problem:
        return _stray_colon(text, line, column)
    if "flow" in context:  # flow sequence, flow mapping, flow node
        where = opened if "flow node" not in context else _unclosed(text, line, column)
        if where is not None:
            bracket = _line(text, where[0])[where[1] - 1 : where[1]]
            close = "]" if bracket == "[" else "}"
            return (
                f"the {bracket} opened here is never closed with '{close}' "
                f"(text that starts with '[' or '{{' must be in quotes)",
                where,
            )
    if "alias" in problem or "alias" in context:
        return "'*' at the start of a value names an alias in YAML; put the value in quotes", (
            opened or (line, column)
        )
    if "cannot start any token" in problem:
        char = source[column - 1 : column]
        return f"a value cannot start with '{char}' in YAML; put the value in quotes", (
            line,
            column,
        )
    if "directive" in context:
        return "a line that starts with '%' is a YAML directive; put the text in quotes", (
            line,
            1,
        )
    if "block mapping" in context or "block collection" in context:
        return _out_of_step(text, line, column)
    return None


def _unclosed(text: str, line: int, column: int) -> tuple[int, int] | None:
    """The last '[' or '{' not closed before line and column (quotes skipped, roughly)."""
    lines = text.splitlines()[:line]
    if len(lines) == line:
        lines[-1] = lines[-1][: column - 1]
    stack: list[tuple[int, int]] = []
    for number, source in enumerate(lines, start=1):
        quote = ""
        for i, char in enumerate(source):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'" and (i == 0 or source[i - 1] in " [{,:"):
                quote = char
            elif char == "#" and (i == 0 or source[i - 1] == " "):
                break
            elif char in "[{":
                stack.append((number, i + 1))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _tab(text: str, line: int, column: int) -> tuple[int, int] | None:
    """Where a tab indents the line the parser stopped at (or the one before it)."""
    for number in (line, line - 1):
        source = _line(text, number)
        lead = re.match(r"[ \t-]*", source)
        if lead and "\t" in lead.group():
            return number, source.index("\t") + 1
    if _line(text, line)[column - 1 : column] == "\t":
        return line, column
    return None


def _stray_colon(text: str, line: int, column: int) -> tuple[str, tuple[int, int]]:
    source = _line(text, line)
    before = source[: column - 1]
    value = re.match(r"\s*(?:-\s+)?[^:#]+:\s+", before)
    if value:  # title: Note: this
        return (
            "this value has ': ' in it, which YAML reads as a new key; put the whole value "
            "in quotes",
            (line, column),
        )
    previous = line - 1
    while previous > 0 and not _line(text, previous).strip():
        previous -= 1
    above = _line(text, previous).strip()
    if previous and above and ":" not in above and not above.startswith("#"):
        return "this line has no ':' after its key; write key: value", (
            previous,
            len(_line(text, previous).rstrip()) + 1,
        )
    return (
        "this line is indented more than the line above it; keys of one mapping start "
        "in the same column",
        (line, _indent(source) + 1),
    )


def _out_of_step(text: str, line: int, column: int) -> tuple[str, tuple[int, int]]:
    source = _line(text, line)
    stripped = source.strip()
    if stripped.startswith("-"):
        items = [
            _indent(_line(text, n))
            for n in range(line - 1, 0, -1)
            if _line(text, n).strip().startswith("-")
        ]
        if items and items[0] != _indent(source):
            return (
                f"this '-' item is not lined up with the one above it (column {items[0] + 1}); "
                "items of one list start in the same column",
                (line, _indent(source) + 1),
            )
        return (
            "a '-' list item where a key was expected; a list goes under a key (key:, then "
            "'- item' lines indented below it)",
            (line, _indent(source) + 1),
        )
    before = source[: column - 1].rstrip()
    if before.endswith(('"', "'")):
        doubled = " (inside '...', write '' for ')" if before.endswith("'") else ""
        return "text after the closing quote; put all of the value inside the quotes" + doubled, (
            line,
            len(before),
        )
    if before.endswith(("]", "}")):
        return (
            f"text after a closing '{before[-1]}'; a value that starts with '[' or '{{' "
            "must be in quotes",
            (line, column),
        )
    if before.strip() and column > _indent(source) + 1:  # it stopped inside the line
        return "YAML cannot read the rest of this line; if it is text, put the value in quotes", (
            line,
            column,
        )
    return (
        "this line is indented out of step with the lines above it; keys of one mapping "
        "start in the same column",
        (line, _indent(source) + 1),
    )


# --- JSON -------------------------------------------------------------------------


def json_error(text: str, display: str, message: str, pos: int) -> BriefgenError:
    """A json.JSONDecodeError (its msg and character position), said plainly."""
    said, pos = _explain_json(text, message, pos)
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return located("invalid JSON: " + said, display, text, line, column)


def _explain_json(text: str, message: str, pos: int) -> tuple[str, int]:
    char = text[pos : pos + 1]
    before = text[:pos].rstrip()
    if not text[pos:].strip() and not message.startswith("Extra data"):
        return "the file ends before the JSON does: a closing ']' or '}' is missing", len(before)
    if message.startswith("Expecting ',' delimiter"):
        if "\n" in text[len(before) : pos]:  # the comma belongs at the end of the line above
            return "a ',' is missing at the end of this line", len(before)
        return "a ',' is missing before this value (or a closing ']' or '}')", pos
    if message.startswith("Expecting ':' delimiter"):
        return "a ':' is missing after the key", pos
    if message.startswith("Illegal trailing comma"):  # Python 3.13 and later, at the comma
        return "a ',' before a closing bracket is not allowed in JSON; remove it", pos
    if message.startswith(("Expecting property name", "Expecting value")):
        if char in "]}" and char and before.endswith(","):
            return "a ',' before a closing bracket is not allowed in JSON; remove it", len(
                before
            ) - 1
        if char == "'":
            return 'JSON text and keys need double quotes ("..."), not single ones', pos
        if not char:
            return "the file ends before the JSON does: a closing ']' or '}' is missing", pos
        if message.startswith("Expecting property name"):
            return 'expected a key in double quotes ("key": value)', pos
        return 'expected a value here; text needs double quotes ("...")', pos
    if message.startswith("Unterminated string"):
        return 'the " opened here is never closed', pos
    if message.startswith("Invalid control character"):
        return "a line break or tab inside quotes; JSON writes them \\n and \\t", pos
    if message.startswith("Invalid \\escape"):
        return "a backslash JSON does not know; write \\\\ for a backslash", pos
    if message.startswith("Extra data"):
        return "more after the end of the JSON; a file holds one {...}", pos
    return message, pos
