"""How a briefgen process collects its garbage.

Python's cyclic collector starts a collection every 700 new objects, and walks the
objects that survived again and again as they age: a command's start (modules,
templates, fonts, tables, about 50,000 objects that live as long as the process)
pays for that several times over, and so does the interpreter's exit, which walks
everything once more while it takes the modules apart. Measured on the example
brief (median of 25 cold `briefgen build` runs, interleaved, a wheel install on
2 cores), the default took 635 ms, and this policy about 75 ms less.

So a command runs with a collection every :data:`YOUNG` new objects, not 700
(cycles are still collected, in fewer, larger steps: the memory this can leave
waiting is a few megabytes at most), and once it has finished, its garbage is
collected and what is left frozen, for the exit to skip.
"""

from __future__ import annotations

import gc

YOUNG = 20_000  # new objects between collections


def start() -> None:
    """Collect less often, for the rest of this process."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(YOUNG, young), middle, old)


def finish() -> None:
    """After the command (or a worker's first brief): collect what is garbage now,
    then freeze the rest, which later collections and the interpreter's exit (while
    it takes the modules apart) would otherwise walk again.

    What is frozen is never collected: a reference cycle still alive then is not
    freed at exit either. So nothing may count on the collector to close or flush
    a file, or to run a finalizer, after a command: briefgen closes its files and
    releases its locks itself (with-blocks), and what runs at exit (atexit, logging
    and multiprocessing shutdown, weakref.finalize) does not need the collector."""
    gc.collect()
    gc.freeze()
