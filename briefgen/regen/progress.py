"""A progress bar on a terminal, with the build's own lines printed above it.

One line on stderr, redrawn in place at most ten times a second::

    [##########..........]  212/500  42%  31 briefs/s  0:09 left

Each line the build prints clears the bar first and draws it again after, so
the lines read as they would without it. Used only on a terminal (see
``briefgen build --progress``); logs, cron and pipes get the plain lines.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TextIO

FEW = 5  # a build of this many briefs or fewer shows no bar
EVERY = 0.1  # seconds between redraws
CLEAR = "\r\033[K"
RESERVED = 40  # columns beside the bar and the counts: share, rate, time left


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class Bar:
    def __init__(
        self,
        total: int,
        stream: TextIO,
        *,
        clock: Callable[[], float] = time.monotonic,
        width: int | None = None,
    ) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.width = width or shutil.get_terminal_size((80, 24)).columns
        self._drawn = 0.0
        self._shown = False

    def text(self) -> str:
        """The bar as it reads now."""
        elapsed = self.clock() - self.started
        share = self.done / self.total if self.total else 1.0
        counts = f"{self.done:>{len(str(self.total))}}/{self.total}"
        tail = f"  {counts}  {share:4.0%}"
        if self.done and elapsed > 0:
            rate = self.done / elapsed
            tail += f"  {rate:.0f} briefs/s" if rate >= 10 else f"  {rate:.1f} briefs/s"
            if self.done < self.total:
                tail += f"  {_clock((self.total - self.done) / rate)} left"
        # the bar keeps its length as the rate and time left come and go
        room = max(10, min(40, self.width - len(counts) - RESERVED))
        filled = round(room * share)
        return f"[{'#' * filled}{'.' * (room - filled)}]{tail}"[: self.width - 1]

    def draw(self, force: bool = False) -> None:
        now = self.clock()
        if not force and now - self._drawn < EVERY and self.done < self.total:
            return
        self._drawn = now
        self.stream.write(CLEAR + self.text())
        self.stream.flush()
        self._shown = True

    def step(self) -> None:
        """One more brief done."""
        self.done += 1
        self.draw()

    def clear(self) -> None:
        if self._shown:
            self.stream.write(CLEAR)
            self.stream.flush()
            self._shown = False

    def above(self, print_line: Callable[[], None]) -> None:
        """Print a line of the build's output above the bar."""
        self.clear()
        print_line()
        self.draw(force=True)
