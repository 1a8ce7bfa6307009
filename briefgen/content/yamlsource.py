"""Safe YAML loading that remembers the line of every value, for error messages.

The document is composed into nodes (which carry their position), then built into
plain Python values by hand: only mappings, sequences and the standard scalar tags,
duplicate keys refused, alias expansion bounded.

PyYAML's pure-Python reader compiles, as it is imported, a pattern over all of
Unicode for characters YAML cannot hold (about 2 ms); the C loader composes without
it, and briefgen checks those characters itself first (``_UNREADABLE``, the same
set), so it is compiled only if the pure loader is ever needed (:mod:`briefgen.lazyre`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from briefgen import files
from briefgen.content import syntax
from briefgen.errors import BriefgenError
from briefgen.lazyre import deferring

with deferring(lambda module, _: module == "yaml.reader"):
    import yaml

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000
#: characters of text in all values, aliases expanded: as much as a file may hold
MAX_CHARS = MAX_BYTES
#: digits in a number written without quotes (a longer one is refused, not parsed:
#: parsing a long number takes time that grows with the square of its length)
MAX_DIGITS = 100
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
#: what YAML reads a plain scalar as, other than text: these keep how they were typed
_RETYPED = tuple(f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float", "timestamp"))

try:  # the C loader composes about ten times faster where libyaml is present
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Where:
    """Where a value was read from, as an error names it: file, line, field."""

    file: str
    line: int | None
    field: str | None


class Locator(Protocol):
    def where(self, path: Path_) -> Where: ...


@dataclass
class Source:
    """Loaded data plus where each value came from."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    #: values read from other files (an included file, a table's rows), by the path they
    #: sit at in data: each covers that path and everything below it
    parts: dict[Path_, Locator] = field(default_factory=dict)
    #: the other files data was read from (included files, tables), in the order read
    inputs: list[Path] = field(default_factory=list)
    #: the characters of each value that YAML or JSON reads as other than text (10:30,
    #: 0x1F, 1.50, yes, 2025-07-01) exactly as typed, by path: text fields take these
    typed: dict[Path_, str] = field(default_factory=dict)
    #: errors found while reading that did not stop it (a duplicate key, a refused tag),
    #: and the paths of the values they left unread, which the schema then passes over
    errors: list[BriefgenError] = field(default_factory=list)
    failed: set[Path_] = field(default_factory=set)

    def as_typed(self, path: Path_, value: Any) -> Any:
        """The value at path as it was typed where it was not read as text, else value."""
        return self.typed.get(path, value)

    def line(self, path: Path_) -> int | None:
        """The line of the value at path, or of its nearest enclosing value."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def where(self, path: Path_) -> Where:
        """The file, line and field a value came from, following includes and tables."""
        for n in range(len(path), 0, -1):
            part = self.parts.get(path[:n])
            if part is not None:
                return part.where(path)
        return Where(self.file, self.line(path), field_path(path) or None)


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


def field_path(path: Path_) -> str:
    """A field path as users write it: next_steps[2].status."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_text(path: Path, display: str) -> str:
    files.check_size(path, display, MAX_BYTES, "a content file")
    try:
        return files.read_bytes(path, display).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefgenError(f"not UTF-8 text (byte {exc.start})", file=display) from None
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror}", file=display) from None


def load_yaml(text: str, display: str) -> Source:
    bad = _UNREADABLE.search(text)
    if bad:  # PyYAML would refuse it too, but without a line number
        line = text.count("\n", 0, bad.start()) + 1
        raise BriefgenError(
            f"the control character U+{ord(bad.group()):04X} is not allowed in YAML; remove it",
            file=display,
            line=line,
        )
    try:
        node = yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, display) from None
    except yaml.YAMLError:
        # The C loader does not always give a position; the pure one does.
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, text, display) from None
        except yaml.YAMLError as exc:
            raise BriefgenError(f"invalid YAML: {exc}", file=display) from None
    source = Source(display, None)
    if node is None:
        return source
    builder = _Builder(source)
    source.data = builder.build(node, ())
    return source


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, display: str) -> BriefgenError:
    """The parser's complaint in plain words, at the line and column of the mistake."""

    def place(mark: Any) -> tuple[int, int] | None:
        return (mark.line + 1, mark.column + 1) if mark is not None else None

    at = place(exc.problem_mark) or place(exc.context_mark)
    return syntax.yaml_error(
        text, display, exc.problem or "", exc.context or "", at, place(exc.context_mark)
    )


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.count = 0
        self.chars = 0
        self.open: set[int] = set()  # containers being built, to catch one that holds itself
        self.constructor = yaml.constructor.SafeConstructor()  # scalars only: no reader

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_NODES:
            raise BriefgenError(
                f"more than {MAX_NODES} values (are aliases expanding?)",
                file=self.source.file,
                line=line,
            )
        self.source.lines.setdefault(path, line)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            return self._unread(self._tag_error(node, path), path)
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in self.open:  # &a [*a]: a value that contains itself
                raise BriefgenError(
                    "an alias refers to the value that contains it",
                    file=self.source.file,
                    line=line,
                    field=field_path(path) or None,
                )
            self.open.add(id(node))
            try:
                return self._container(node, path)
            finally:
                self.open.discard(id(node))
        self._count_text(node, path)
        plain = not node.style and node.tag in _RETYPED
        if plain:  # 10:30, 0x1F, 1.50, yes: a text field prints it as typed
            self.source.typed[path] = node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return self._unread(self._tag_error(node, path), path)
        except ValueError as exc:  # e.g. a date such as 2025-02-30
            if plain:  # text as typed; a date field's check explains what is wrong
                return node.value
            error = BriefgenError(
                f"'{_short(node.value)}' is not valid: {exc}",
                file=self.source.file,
                line=line,
                field=field_path(path) or None,
            )
            return self._unread(error, path)

    def _unread(self, error: BriefgenError, path: Path_) -> Any:
        """Keep the error and read on; the schema leaves the value at path alone."""
        self.source.errors.append(error)
        self.source.failed.add(path)
        return None

    def _count_text(self, node: yaml.Node, path: Path_) -> None:
        """Refuse a value that would take too long to read, or aliases that repeat too much."""

        def fail(message: str) -> BriefgenError:
            where = field_path(path) or None
            return BriefgenError(
                message, file=self.source.file, line=node.start_mark.line + 1, field=where
            )

        self.chars += len(node.value)
        if self.chars > MAX_CHARS:
            raise fail(
                f"the values hold more than {MAX_CHARS:,} characters of text "
                "(are aliases repeating long text?)"
            )
        if node.tag in _NUMBER_TAGS and len(node.value) > MAX_DIGITS:
            raise fail(
                f"a number of {len(node.value):,} characters; at most {MAX_DIGITS} are "
                "allowed (put it in quotes if it is text)"
            )

    def _container(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def _tag_error(self, node: yaml.Node, path: Path_) -> BriefgenError:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return BriefgenError(
            f"the YAML tag {tag} is not allowed (content is plain data: text, numbers, dates, "
            "lists and mappings)",
            file=self.source.file,
            line=node.start_mark.line + 1,
            field=field_path(path) or None,
        )

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise BriefgenError(
                    "merge keys ('<<') are not supported", file=self.source.file, line=line
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise BriefgenError("a key must be plain text", file=self.source.file, line=line)
            key = str(key_node.value)
            if key in result:  # the first is kept; the second is an error, read no further
                first = self.source.lines.get((*path, key))
                self.source.errors.append(
                    BriefgenError(
                        f"duplicate key '{key}'" + (f" (first on line {first})" if first else ""),
                        file=self.source.file,
                        line=line,
                    )
                )
                continue
            self.source.lines[path + (key,)] = line
            result[key] = self.build(value_node, (*path, key))
        return result
