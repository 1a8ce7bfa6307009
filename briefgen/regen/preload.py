"""What the fork server imports before it forks the first worker process (see
forkserver.py): the worker's own module, the pipeline, and every writer with the
modules it names (its Writer's preload)."""

from __future__ import annotations

import contextlib
import importlib

from briefgen import pipeline, writers
from briefgen.regen import parallel

__all__ = ["parallel", "pipeline"]

for _name in writers.preload():
    # as the fork server does with its own list: a worker that needs a module missing
    # here imports it itself, and reports what is missing in its brief's line
    with contextlib.suppress(ImportError):
        importlib.import_module(_name)
