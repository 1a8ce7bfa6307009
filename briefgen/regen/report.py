"""A run's report, for machines: ``--report FILE`` writes it as JSON.

One object per run: when it started and ended, its exit code, the counts, and
per brief (in the order of the content files) its status (``built``,
``unchanged``: built, its bytes the same; ``up to date``: nothing it is built
from changed; ``failed``), its files with their format, sha256 and size, the
text size and fill it was fitted at, why it was built, what changed since the
last edition, its warnings and its error. Paths are as the build prints them.
The file is replaced atomically after each run, so a reader never sees half.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from briefgen import writers
from briefgen.errors import BriefgenError, display_path
from briefgen.regen import safewrite
from briefgen.regen.build import Result

FORMAT = 1
BUILT, UNCHANGED, UP_TO_DATE, FAILED = "built", "unchanged", "up to date", "failed"
RETIRED = "retired"  # its content file is gone (see retire.py)


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def status(result: Result) -> str:
    if result.error:
        return FAILED
    if result.skipped:
        return UP_TO_DATE
    if result.retired:
        return RETIRED
    return BUILT if result.changed else UNCHANGED


def _format(path: Path) -> str:
    return next((n for n in writers.names() if writers.get(n).suffix == path.suffix), "")


def _file(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError:
        return {"path": display_path(path), "format": _format(path), "missing": True}
    return {
        "path": display_path(path),
        "format": _format(path),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "changed": False,
    }


def brief(result: Result) -> dict[str, Any]:
    """What the report says of one brief."""
    files = [_file(p) | ({"changed": True} if p in result.changed else {}) for p in result.outputs]
    made = result.prepared
    return {
        "source": display_path(result.source),
        "status": status(result),
        "files": files,
        "template": made.template if made else None,
        "scale": made.scale if made else None,
        "fill": round(made.fill, 4) if made else None,
        "reasons": list(result.reasons),
        "changes": list(result.changes.lines),
        "warnings": list(result.warnings),
        "error": result.error,
    }


def check(path: Path) -> None:
    """Refuse, before building, a report that could not be written."""
    folder = path.absolute().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise BriefgenError(
            f"cannot write the report: {display_path(folder)} is not a writable folder",
            file=display_path(path),
        )


def write(
    path: Path, started: str, code: int, briefs: list[dict[str, Any]], error: str | None = None
) -> None:
    """Write the run's report to path; error: why the run stopped before its briefs, if it did."""
    statuses = (BUILT, UNCHANGED, UP_TO_DATE, FAILED, RETIRED)
    counts = {s: sum(b["status"] == s for b in briefs) for s in statuses}
    report = {
        "format": FORMAT,
        "started": started,
        "finished": now(),
        "exit_code": code,
        "counts": counts,
        "error": error,
        "briefs": briefs,
    }
    text = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    safewrite.write_bytes(path, text.encode())
