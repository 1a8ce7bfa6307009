"""What a writer declares: its format's name, file suffix, libraries and render function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the layout is not needed to name a format
    from briefgen.layout.page import Page


@dataclass(frozen=True)
class Writer:
    name: str  # what --format and briefgen.toml's formats call it
    suffix: str  # the output file's ending, with its dot
    #: distributions whose versions the manifest records: a new version rebuilds
    libraries: tuple[str, ...]
    #: modules a worker process imports once, before its first brief
    preload: tuple[str, ...]
    #: the file's bytes for a laid-out page; translates the page, decides nothing
    render: Callable[[Page], bytes]
    #: written when neither --format nor briefgen.toml's formats names any
    default: bool = False
