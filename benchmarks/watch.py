"""How soon `briefgen watch` writes a rebuilt brief after a save, and what it costs idle.

    python benchmarks/watch.py                  1 and 500 briefs, file events and --poll
    python benchmarks/watch.py --count 100      1 and 100 briefs
    python benchmarks/watch.py --markdown       the table as Markdown

For each project size and each way of watching it starts `briefgen watch` on a
generated project (benchmarks/corpus.py, built beforehand), saves the same
brief (the middle one of the large project, and the only one of the small)
the way editors do (a temporary file renamed over it) several times, and measures
from the rename to the moment the first of that brief's files is replaced in
the output folder. Then it leaves watch idle and reads the CPU time it used
(from /proc on Linux; elsewhere from `ps -o time`, to the second). The target:
the first rebuilt file within 200 ms of the save on 500 briefs. It is a
benchmark, not a test: it asserts nothing, and a busy machine makes it noisy.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import corpus  # noqa: E402
import measure  # noqa: E402

LIMIT = 120.0  # seconds to wait for watch to start or to rebuild before giving up
TARGET = 0.200
MODES = {"file events": (), "--poll (0.5 s)": ("--poll",)}
EDITS = itertools.count(1)  # each save gives new bytes, so the brief is rebuilt


def note(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


class Watch:
    """`briefgen watch` in a project, its output going to a log file read as it grows."""

    def __init__(self, project: Path, *args: str) -> None:
        self.log = project.with_name(f"{project.name}-watch.log")
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                measure.briefgen("watch", "--jobs", "1", *args),
                cwd=project,
                env={**measure.env(), "PYTHONUNBUFFERED": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.read = 0  # lines of the log already looked at

    def expect(self, pattern: str) -> str:
        """The next line of the log that matches pattern (waiting for it)."""
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            lines = self.log.read_text(encoding="utf-8").split("\n")[:-1]  # whole lines
            for index in range(self.read, len(lines)):
                if re.search(pattern, lines[index]):
                    self.read = index + 1
                    return lines[index]
            time.sleep(0.05)
        raise RuntimeError(f"briefgen watch printed no line matching {pattern!r}")

    def cpu(self) -> float:
        """CPU seconds used so far (user and system)."""
        stat = Path(f"/proc/{self.proc.pid}/stat")
        if stat.exists():
            fields = stat.read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        shown = subprocess.run(
            ["ps", "-o", "time=", "-p", str(self.proc.pid)], capture_output=True, text=True
        ).stdout.strip()
        parts = [float(p) for p in re.split(r"[:-]", shown)]
        return sum(v * m for v, m in zip(reversed(parts), (1, 60, 3600, 86400), strict=False))

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def save_and_time(source: Path, out: Path) -> float:
    """Save source with a new title; seconds until its first output file is replaced."""
    outputs = [out / f"{source.stem}.docx", out / f"{source.stem}.pdf"]
    before = [_identity(p) for p in outputs]
    text = re.sub(r"^title: (.*?)( \(edit \d+\))?$", rf"title: \1 (edit {next(EDITS)})",
                  source.read_text(encoding="utf-8"), count=1, flags=re.M)  # fmt: skip
    temporary = source.with_name(f".{source.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, source)
    saved = time.perf_counter()
    deadline = saved + LIMIT
    while time.perf_counter() < deadline:
        if any(_identity(p) != b for p, b in zip(outputs, before, strict=True)):
            return time.perf_counter() - saved
        time.sleep(0.001)
    raise RuntimeError(f"no rebuilt file for {source.name}")


@dataclass(frozen=True)
class Row:
    briefs: int
    mode: str
    latencies: list[float]
    idle: float  # fraction of one core
    idle_seconds: float


def measure_watch(project: Path, count: int, mode: str, saves: int, idle: float) -> Row:
    sources = sorted((project / "content").glob("*.yaml"))
    source = sources[len(sources) // 2]
    watch = Watch(project, *MODES[mode])
    try:
        watch.expect(r"^watching ")
        latencies = []
        for _ in range(saves):
            latencies.append(save_and_time(source, project / "out"))
            watch.expect(rf"^built .*{re.escape(source.stem)}\.pdf")
            time.sleep(0.5)  # the rebuild's own lines printed, watch waiting again
        time.sleep(1.0)
        start = watch.cpu()
        time.sleep(idle)
        used = watch.cpu() - start
    finally:
        watch.stop()
    return Row(count, mode, latencies, used / idle, idle)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def table(rows: list[Row], markdown: bool) -> str:
    header = ["briefs", "watching by", "save -> first file (median)", "slowest", "target",
              "", "idle CPU"]  # fmt: skip
    body = []
    for r in rows:
        median = statistics.median(r.latencies)
        target = "≤ 200 ms" if r.briefs >= 500 and r.mode == "file events" else ""
        body.append([str(r.briefs), r.mode, ms(median), ms(max(r.latencies)), target,
                     ("pass" if median <= TARGET else "miss") if target else "",
                     f"{r.idle:.2%} of a core over {r.idle_seconds:.0f} s"])  # fmt: skip
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [header, *body]]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="briefs in the large project")
    parser.add_argument("--saves", type=int, default=5, help="saves timed per row")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle CPU measured")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    from run import machine

    where = machine()
    work = Path(tempfile.mkdtemp(prefix="briefgen-watch-bench-"))
    rows = []
    try:
        briefs = corpus.generate(work / "generated", args.count)
        middle = briefs[len(briefs) // 2]  # the one saved: a whole build reaches it halfway
        for count in sorted({1, args.count}):
            project = work / f"briefs-{count}"
            (project / "content").mkdir(parents=True)
            for brief in briefs if count > 1 else [middle]:
                shutil.copy(brief, project / "content")
            note(f"building {count} briefs")
            built = measure.run(measure.briefgen("build", "-q", "--no-progress"), project)
            if built.returncode != 0:
                raise RuntimeError(f"briefgen build failed:\n{built.stderr[-2000:]}")
            for mode in MODES:
                note(f"{count} briefs, {mode}")
                rows.append(measure_watch(project, count, mode, args.saves, args.idle))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Machine: {where}\n")
    print(table(rows, args.markdown))
    print(f"\n{args.saves} saves per row; from the rename of the saved file to the first of "
          "its DOCX and PDF replaced in the output folder.")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
