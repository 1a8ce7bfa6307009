"""One brief's build as it travels to a worker process and back (see parallel.py),
and how many workers a build starts unless told."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from briefgen.changes import Changes
from briefgen.content import Brief
from briefgen.pipeline import Prepared


def default_jobs() -> int:
    """The number of processors this process may run on (what --jobs defaults to)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13: honours CPU affinity
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Job:
    """One brief to make; brief and changes travel together, so changes still
    knows the brief's statements, steps and items (pickle keeps shared objects shared)."""

    brief: Brief
    changes: Changes
    as_of: dt.date
    allow_overflow: bool
    name: str  # the output name (the content file's stem)
    formats: tuple[str, ...]  # none: prepare only (validate)


@dataclass(frozen=True)
class Made:
    prepared: Prepared | None
    files: dict[str, bytes]  # by format
    error: str | None = None
