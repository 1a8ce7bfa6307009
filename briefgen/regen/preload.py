"""What the fork server imports before it forks the first worker process (see
forkserver.py): the worker's own module, the pipeline, and every writer with the
modules it names (its Writer's preload)."""

from __future__ import annotations

import importlib

from briefgen import pipeline, writers
from briefgen.regen import parallel

__all__ = ["parallel", "pipeline"]

for _name in writers.preload():
    importlib.import_module(_name)
