"""Which signal is stopping briefgen, for the exit code: 130 for SIGINT, 143 for SIGTERM.

The command line's signal handler records it (see briefgen.cli.main) and raises
KeyboardInterrupt, so everything unwinds as after Ctrl-C: temporary files
removed, locks released, the report written.
"""

from __future__ import annotations

import signal

INTERRUPTED, TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them
received: list[int] = []


def record(signum: int) -> None:
    if not received:
        received.append(signum)


def code() -> int:
    """The exit code for the signal received (130 when none was: a plain KeyboardInterrupt)."""
    return TERMINATED if received and received[0] == signal.SIGTERM else INTERRUPTED
