"""Shards: split a set of briefs among machines or processes with no coordinator.

``--shard I/N`` builds the I-th of N shards (1-based). A brief's shard follows
from its output name alone (the content file's stem, hashed), so a brief lands
in the same shard whatever other files exist, on every machine, and two
content files that would write the same output file land in the same shard,
where the build can tell that they clash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_FORM = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
MOST = 10_000  # more shards than this is surely a typing slip


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    @property
    def tag(self) -> str:
        """The shard in a file name: '2-of-4'."""
        return f"{self.index}-of-{self.count}"

    def holds(self, name: str) -> bool:
        """Whether the brief with this output name (content file stem) is in this shard."""
        return number(name, self.count) == self.index

    def pick(self, sources: Iterable[Path]) -> list[Path]:
        """The content files in this shard, in their given order."""
        return [s for s in sources if self.holds(s.stem)]


def number(name: str, count: int) -> int:
    """The shard (1..count) of a brief's output name: a stable hash, the same everywhere."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def parse(text: str) -> Shard:
    """'2/4' -> Shard(2, 4); ValueError with a message a user can act on."""
    found = _FORM.fullmatch(text)
    if not found:
        raise ValueError(f"'{text}' is not a shard; write I/N, e.g. 2/4 for the second of four")
    index, count = int(found[1]), int(found[2])
    if count < 1 or count > MOST:
        raise ValueError(f"'{text}': the number of shards must be 1 to {MOST:,}")
    if not 1 <= index <= count:
        raise ValueError(f"'{text}': the shard must be 1 to {count} (shards count from 1)")
    return Shard(index, count)
