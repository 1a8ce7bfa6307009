"""JSON content files, with the line of every value, as for YAML.

The standard library parses (and names the line and column of a syntax error); a
second pass over the same, now known-valid, text walks its tokens to record the line
of every key and value, and refuses what ``json`` lets through silently: a key given
twice (``json`` keeps the last) and the non-standard NaN and Infinity.
"""

from __future__ import annotations

import json
import re

from briefgen.content import syntax
from briefgen.content.yamlsource import Path_, Source, field_path
from briefgen.errors import BriefgenError

#: deeper than any brief needs (brief -> list -> entry -> value), well short of Python's stack
MAX_DEPTH = 32

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_NOT_JSON = ("NaN", "Infinity", "-Infinity")


#: digits in a number (a longer one is refused, not parsed: parsing a long number
#: takes time that grows with the square of its length)
MAX_DIGITS = 100
_LONG = re.compile(r"[-+.\deE]{" + str(MAX_DIGITS + 1) + ",}")


class _LongNumber(Exception):
    pass


def _int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise _LongNumber
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS:
        raise _LongNumber
    return float(text)


def load_json(text: str, display: str) -> Source:
    """Parse a JSON content file into a Source (data and the line of each value)."""
    if not text.strip():
        return Source(display, None)
    try:
        data = json.loads(text, parse_constant=str, parse_int=_int, parse_float=_float)
    except _LongNumber:
        found = _LONG.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise BriefgenError(
            f"a number of more than {MAX_DIGITS} digits (put it in quotes if it is text)",
            file=display,
            line=line,
        ) from None
    except json.JSONDecodeError as exc:
        raise syntax.json_error(text, display, exc.msg, exc.pos) from None
    except RecursionError:
        raise BriefgenError(
            f"invalid JSON: nested more than {MAX_DEPTH} deep", file=display
        ) from None
    source = Source(display, data)
    _Walker(text, source).value(())
    return source


class _Walker:
    """Records the line of each value; refuses duplicate keys and NaN/Infinity."""

    def __init__(self, text: str, source: Source) -> None:
        self.source = source
        self.tokens: list[tuple[str, int]] = []
        line, pos = 1, 0
        for match in _TOKEN.finditer(text):
            line += text.count("\n", pos, match.start())
            pos = match.start()
            self.tokens.append((match.group(), line))
        self.at = 0

    def next(self) -> tuple[str, int]:
        self.at += 1
        return self.tokens[self.at - 1]

    def fail(self, message: str, line: int, path: Path_ = ()) -> BriefgenError:
        return BriefgenError(
            message, file=self.source.file, line=line, field=field_path(path) or None
        )

    def value(self, path: Path_) -> None:
        token, line = self.next()
        if len(path) > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} deep", line, path)
        self.source.lines.setdefault(path, line)
        if token in "{[":
            self._container(path, close="}" if token == "{" else "]")
        elif token in _NOT_JSON:
            raise self.fail(f"{token} is not a JSON value; write a number or text", line, path)
        elif token[0] != '"' and token != "null":  # 1.50, true: a text field prints it as typed
            self.source.typed[path] = token

    def _container(self, path: Path_, close: str) -> None:
        first: dict[str, int] = {}
        index = 0
        while True:
            token, line = self.tokens[self.at]
            if token == close:
                self.at += 1
                return
            if token == ",":
                self.at += 1
                continue
            if close == "]":
                self.value((*path, index))
                index += 1
                continue
            self.at += 2  # the key and its colon
            key: str = json.loads(token)
            if key in first:
                raise self.fail(f"duplicate key '{key}' (first on line {first[key]})", line)
            first[key] = line
            self.source.lines[path + (key,)] = line
            self.value((*path, key))
