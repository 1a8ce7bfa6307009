"""A marking scheme, read from a TOML file: its levels, controls and required blocks.

The built-in schemes (``us``, ``uk``, ``nato``, ``none``) are files beside this
module; a project names one in ``briefgen.toml`` (``marking = "us"``) or a file of
its own (``marking = "markings/desk.toml"``, relative to briefgen.toml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError, display_path
from briefgen.layout.theme import read_toml

BUILT_IN = Path(__file__).resolve().parent / "schemes"
NAMES = ("us", "uk", "nato", "none")
FIELD_KINDS = ("text", "date", "declassify")
CONTROL_KINDS = ("flag", "list")


@dataclass(frozen=True)
class Level:
    name: str  # as the banner writes it: "SECRET"
    portion: str  # as a portion mark writes it: "S"
    aliases: tuple[str, ...] = ()
    #: the theme's [banners] entry that colours a banner at this level
    colour: str = ""
    #: the blocks a brief with a portion at this level must carry
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Control:
    name: str  # as the banner writes it: "NOFORN", "REL TO"
    portion: str  # as a portion writes it: "NF"
    aliases: tuple[str, ...] = ()
    #: flag: on any portion, on the banner; list: the lists of the portions intersect
    kind: str = "flag"
    lowest: int = 0  # index of the lowest level it may mark
    excludes: tuple[str, ...] = ()  # controls it cannot stand with (and overrides)
    first: str = ""  # list: the entry every list holds, written first ("USA")
    alone: str = ""  # list: the flag a list that keeps only `first` becomes ("NOFORN")


@dataclass(frozen=True)
class BlockField:
    key: str
    label: str
    required: bool = True
    kind: str = "text"


@dataclass(frozen=True)
class BlockSpec:
    key: str  # "authority", "cui": the content field and briefgen.toml table
    title: str
    why: str
    fields: tuple[BlockField, ...]
    position: str = "end"  # where the block is printed: "start" or "end" of the body


@dataclass(frozen=True)
class Scheme:
    name: str
    title: str
    levels: tuple[Level, ...] = ()
    controls: tuple[Control, ...] = ()
    #: markings refused with a hint, e.g. ("FOUO", "a legacy marking ...")
    refused: tuple[tuple[str, str], ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    separator: str = "//"  # between the level and the controls
    joiner: str = "/"  # between two controls

    @property
    def active(self) -> bool:
        """False for a scheme with no levels (none): the banner as typed, no portions."""
        return bool(self.levels)

    def block(self, key: str) -> BlockSpec:
        return next(b for b in self.blocks if b.key == key)


def find(name: str, root: Path | None = None) -> Path:
    """The file of a scheme: a built-in name, or a path relative to root."""
    if name in NAMES:
        return BUILT_IN / f"{name}.toml"
    if "/" in name or name.endswith(".toml"):
        return (root or Path.cwd()) / name
    raise BriefgenError(
        f"'{name}' is not a marking scheme: use {', '.join(NAMES)} or a scheme file "
        "(e.g. markings/desk.toml)",
        field="marking",
    )


def load(name: str, root: Path | None = None) -> Scheme:
    path = find(name, root)
    if not path.is_file():
        raise BriefgenError(f"no marking scheme file {display_path(path)}", field="marking")
    return parse(read_toml(path), path.stem, display_path(path))


class _Reader:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, field: str, message: str) -> BriefgenError:
        return BriefgenError(message, file=self.origin, field=field)

    def text(
        self, data: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(f"{where}{key}", f"expected text, got {value!r}")
        return value.strip() if key not in ("separator", "joiner") else value

    def words(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}{key}", f"expected a list of text, got {value!r}")
        return tuple(v.strip().upper() for v in value)

    def tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(key, f"expected [[{key}]] tables")
        return value


def parse(data: Mapping[str, Any], name: str, origin: str) -> Scheme:
    """A scheme from its TOML data; errors name the scheme file and the key."""
    read = _Reader(origin)
    levels = tuple(
        Level(
            read.text(t, "name", f"levels[{i}].").upper(),
            read.text(t, "portion", f"levels[{i}].").upper(),
            read.words(t, "aliases", f"levels[{i}]."),
            read.text(t, "colour", f"levels[{i}].", "") or read.text(t, "name", "").upper(),
            tuple(w.lower() for w in read.words(t, "blocks", f"levels[{i}].")),
        )
        for i, t in enumerate(read.tables(data, "levels"))
    )
    index = {level.name: i for i, level in enumerate(levels)}
    controls = []
    for i, t in enumerate(read.tables(data, "controls")):
        where = f"controls[{i}]."
        kind = read.text(t, "kind", where, "flag")
        if kind not in CONTROL_KINDS:
            raise read.fail(f"{where}kind", f"'{kind}' is not one of {', '.join(CONTROL_KINDS)}")
        lowest = read.text(t, "lowest", where, levels[0].name if levels else "").upper()
        if lowest not in index:
            raise read.fail(f"{where}lowest", f"'{lowest}' is not a level of this scheme")
        control_name = read.text(t, "name", where).upper()
        controls.append(
            Control(
                control_name,
                read.text(t, "portion", where, control_name).upper(),
                read.words(t, "aliases", where),
                kind,
                index[lowest],
                read.words(t, "excludes", where),
                read.text(t, "first", where, "").upper(),
                read.text(t, "alone", where, "").upper(),
            )
        )
    refused = tuple(
        (read.text(t, "name", f"refused[{i}].").upper(), read.text(t, "hint", f"refused[{i}]."))
        for i, t in enumerate(read.tables(data, "refused"))
    )
    blocks = _blocks(read, data.get("blocks", {}))
    known = {b.key for b in blocks}
    for i, level in enumerate(levels):
        for key in level.blocks:
            if key not in known:
                raise read.fail(f"levels[{i}].blocks", f"no [blocks.{key}] in this scheme")
    return Scheme(
        name=name,
        title=read.text(data, "title", "", name),
        levels=levels,
        controls=tuple(controls),
        refused=refused,
        blocks=blocks,
        separator=read.text(data, "separator", "", "//"),
        joiner=read.text(data, "joiner", "", "/"),
    )


def _blocks(read: _Reader, data: Any) -> tuple[BlockSpec, ...]:
    if not isinstance(data, Mapping):
        raise read.fail("blocks", "expected [blocks.NAME] tables")
    out = []
    for key, table in data.items():
        where = f"blocks.{key}."
        if key not in ("authority", "cui"):
            raise read.fail(f"blocks.{key}", "a block is 'authority' or 'cui'")
        if not isinstance(table, Mapping):
            raise read.fail(f"blocks.{key}", "expected a table")
        fields = []
        for i, f in enumerate(read.tables(table, "fields")):
            kind = read.text(f, "kind", f"{where}fields[{i}].", "text")
            if kind not in FIELD_KINDS:
                raise read.fail(
                    f"{where}fields[{i}].kind", f"'{kind}' is not one of {', '.join(FIELD_KINDS)}"
                )
            required = f.get("required", True)
            if not isinstance(required, bool):
                raise read.fail(f"{where}fields[{i}].required", "expected true or false")
            fields.append(
                BlockField(
                    read.text(f, "key", f"{where}fields[{i}]."),
                    read.text(f, "label", f"{where}fields[{i}]."),
                    required,
                    kind,
                )
            )
        position = read.text(table, "position", where, "end")
        if position not in ("start", "end"):
            raise read.fail(f"{where}position", "use start or end")
        out.append(
            BlockSpec(
                key,
                read.text(table, "title", where, key),
                read.text(table, "why", where, ""),
                tuple(fields),
                position,
            )
        )
    return tuple(out)
