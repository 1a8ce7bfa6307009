"""The commands a build runs: --on-change and --on-failure, bounded in time.

Each runs without a shell, with '--' and the files appended, in a process group
of its own, so a command that overruns --on-change-timeout is stopped with all
it started (SIGTERM, then SIGKILL after a grace period).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from briefgen.errors import display_path

#: echo(line, err): print one line to stdout, or to stderr if err
Echo = Callable[[str, bool], None]
HOOK_TIMEOUT = 600.0  # ten minutes: a mail job, not a hang
GRACE = 5.0  # seconds between SIGTERM and SIGKILL for a command that overran


def command(
    words: tuple[str, ...], paths: list[Path], echo: Echo, timeout: float, option: str
) -> bool:
    """Run words with '--' and paths appended (no shell); False if it failed or overran.

    The '--' ends the command's options, so an output named '--x.pdf' stays a file name.
    A command still running after timeout seconds is stopped (SIGTERM to its process
    group, SIGKILL after a grace period), so a hung mail job cannot stall a schedule.
    """
    args = [*words, "--", *(display_path(p) for p in paths)]
    try:
        proc = subprocess.Popen(args, start_new_session=os.name == "posix")
    except OSError as exc:
        echo(f"error: {option}: cannot run {words[0]}: {exc.strerror or exc}", True)
        return False
    try:
        code = proc.wait(timeout=timeout if timeout > 0 else None)
    except subprocess.TimeoutExpired:
        _stop(proc)
        echo(f"error: {option}: {words[0]} still running after {timeout:g} s; stopped", True)
        return False
    except BaseException:  # Ctrl-C or SIGTERM: the command goes with briefgen
        _stop(proc)
        raise
    if code != 0:
        echo(f"error: {option}: {words[0]} exited with code {code}", True)
        return False
    return True


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End proc and its process group: SIGTERM, then SIGKILL after GRACE seconds."""
    import signal

    def send(sig: int) -> None:
        try:
            if os.name == "posix":
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
        except (ProcessLookupError, PermissionError):
            pass

    send(signal.SIGTERM)
    try:
        proc.wait(timeout=GRACE)
    except subprocess.TimeoutExpired:
        send(getattr(signal, "SIGKILL", signal.SIGTERM))
        proc.wait()
