"""Timing and memory of whole processes, for the benchmark.

A command runs as a child process; its wall time is measured from start to
exit, and, on Linux, the peak resident memory (VmHWM) of it and of every
process it starts is sampled from /proc while it runs. Elsewhere only the
largest process's peak is known (from getrusage).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROC = Path("/proc")
EVERY = 0.05  # seconds between memory samples


#: the installed briefgen's folder of scripts (see use); None: this checkout, on the path
INSTALLED: Path | None = None


def use(scripts: Path) -> None:
    """Measure the briefgen installed beside the python in scripts (a wheel install)."""
    global INSTALLED
    INSTALLED = scripts


def env() -> dict[str, str]:
    """The environment for a child: this checkout of briefgen first on the path, unless
    an installed briefgen is measured (then nothing added)."""
    if INSTALLED is not None:
        return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else "")}


def python() -> str:
    """The python that runs the measured briefgen."""
    return str(INSTALLED / "python") if INSTALLED is not None else sys.executable


def briefgen(*args: str) -> list[str]:
    if INSTALLED is not None:
        return [str(INSTALLED / "briefgen"), *args]  # the console script, as users run it
    return [sys.executable, "-m", "briefgen", *args]


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _stat(pid: str) -> tuple[int, str] | None:
    """(parent pid, command line) of a process, or None if it is gone."""
    try:
        stat = (PROC / pid / "stat").read_text()
        cmdline = (PROC / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1]), cmdline


def _peak_kib(pid: int) -> int | None:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    #: peak resident memory in MiB by role: "parent", "worker 1", "fork server", ...
    peaks: dict[str, float] = field(default_factory=dict)


class _Sampler(threading.Thread):
    """Samples VmHWM of a process and all its descendants until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.seen: dict[int, tuple[str, int]] = {}  # pid -> (role, peak KiB)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            self.done.wait(EVERY)

    def sample(self) -> None:
        parents: dict[int, tuple[int, str]] = {}
        for entry in PROC.iterdir():
            if entry.name.isdigit() and (info := _stat(entry.name)) is not None:
                parents[int(entry.name)] = info
        tree = {self.root}
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _) in parents.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree:
            peak = _peak_kib(pid)
            if peak is None:
                continue
            role = self._role(pid, parents)
            before = self.seen.get(pid, (role, 0))[1]
            self.seen[pid] = (role, max(before, peak))

    def _role(self, pid: int, parents: dict[int, tuple[int, str]]) -> str:
        if pid == self.root:
            return "parent"
        ppid, cmdline = parents.get(pid, (0, ""))
        if "resource_tracker" in cmdline:
            return "resource tracker"
        if "forkserver" in cmdline:
            return "fork server" if ppid == self.root else "worker"
        return "worker" if ppid == self.root else "child"

    def peaks(self) -> dict[str, float]:
        found: dict[str, float] = {}
        counts: dict[str, int] = {}
        for role, kib in sorted(self.seen.values(), key=lambda s: -s[1]):
            counts[role] = counts.get(role, 0) + 1
            name = (
                role
                if role in ("parent", "fork server", "resource tracker")
                else (f"{role} {counts[role]}")
            )
            found[name] = kib / 1024
        return found


def run(command: Sequence[str], cwd: Path, *, memory: bool = False) -> Run:
    """Run command to its end; its wall time, output and (memory=True) peak memory."""
    sampler = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if memory and PROC.is_dir():
        sampler = _Sampler(proc.pid)
        sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    result = Run(seconds, proc.returncode, out, err)
    if sampler is not None:
        sampler.done.set()
        sampler.join()
        result.peaks = sampler.peaks()
    elif memory:  # the largest process waited for, in KiB (bytes on macOS)
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024
        if largest > before:
            result.peaks = {"largest process": largest / scale}
    return result


def median_run(command: Sequence[str], cwd: Path, repeat: int, before: Callable[[], None]) -> float:
    """Median wall time of repeat runs of command, calling before() ahead of each."""
    times = []
    for _ in range(repeat):
        before()
        done = run(command, cwd)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
        times.append(done.seconds)
    return statistics.median(times)
