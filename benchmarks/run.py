"""How fast briefgen makes a brief, side by side with a naive stack and the other tools.

    python benchmarks/run.py                    the full run (about 5 minutes on 2 cores)
    python benchmarks/run.py --quick            a smoke run: fewer repetitions, 100 briefs
    python benchmarks/run.py --markdown         the tables as Markdown, for the docs
    python benchmarks/run.py --venv DIR         install into (or refresh) the venv DIR
    python benchmarks/run.py --checkout         this checkout on the path, no install

It builds a wheel of this checkout and installs it, byte-compiled, into a venv
(a new one in the work folder unless --venv names one), as users get it: an
editable install under PYTHONDONTWRITEBYTECODE recompiles every module on every
start. In the same run, interleaved round by round so that a busy machine slows
every tool alike, it measures briefgen, the naive stack (benchmarks/naive.py:
python-docx + reportlab + click, nothing fitted) and, where installed (in that
venv, or as commands), Typst, pandoc, WeasyPrint and docxtpl + LibreOffice, on
the example brief and on a generated set of varied briefs (benchmarks/corpus.py).
The first table is the ratios against their targets, the second briefgen's own
times, the third the other tools' times as multiples of briefgen's. Progress goes
to stderr, the tables to stdout. It is a benchmark, not a test: it asserts
nothing, and one run on a busy machine is noisy (the load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE)]  # the modules beside this file

import corpus  # noqa: E402
import measure  # noqa: E402
import others  # noqa: E402

EXAMPLE = ROOT / "content" / "us-india-defence.yaml"
MIB = "MiB"


@dataclass(frozen=True)
class Settings:
    count: int  # briefs in the generated set
    rounds: int  # interleaved rounds: each measures every tool once cold and warm
    warm: int  # warm builds per tool per round
    batches: int  # rounds of the --jobs 1 and --jobs 2 batches
    noop: int  # no-op rebuilds
    soffice: int  # LibreOffice conversions (a second each)


FULL = Settings(count=500, rounds=7, warm=12, batches=2, noop=3, soffice=2)
QUICK = Settings(count=100, rounds=2, warm=4, batches=1, noop=1, soffice=1)


def note(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average {os.getloadavg()[0]:.2f} at the start"
    return (
        f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}{load}"
    )


def load_now() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


# --- the install ----------------------------------------------------------------------


def install(venv: Path) -> Path:
    """A wheel of this checkout installed (byte-compiled) in venv; its scripts folder."""
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    fresh = not (scripts / "python").exists()
    if fresh:
        note(f"making a venv in {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wheels = Path(tempfile.mkdtemp(prefix="briefgen-wheel-"))
    try:
        note("building a wheel of this checkout")
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
            check=True,
        )
        (wheel,) = wheels.glob("briefgen-*.whl")
        pip = [str(scripts / "python"), "-m", "pip", "install", "-q", "--compile"]
        note("installing it" + (" and its dependencies" if fresh else ""))
        subprocess.run(
            pip + ([str(wheel)] if fresh else ["--no-deps", "--force-reinstall", str(wheel)]),
            check=True,
        )
    finally:
        shutil.rmtree(wheels, ignore_errors=True)
    return scripts


# --- measuring, interleaved -----------------------------------------------------------


class Times:
    """Seconds by name, gathered over interleaved rounds; medians at the end."""

    def __init__(self) -> None:
        self.seen: dict[str, list[float]] = {}

    def add(self, name: str, *seconds: float) -> None:
        self.seen.setdefault(name, []).extend(seconds)

    def __contains__(self, name: str) -> bool:
        return name in self.seen

    def median(self, name: str) -> float:
        return statistics.median(self.seen[name])

    def count(self, name: str) -> int:
        return len(self.seen[name])


def cold_once(
    times: Times, name: str, command: list[str], cwd: Path, before: Callable[[], None]
) -> None:
    before()
    done = measure.run(command, cwd)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    times.add(name, done.seconds)


def warm_once(
    times: Times, name: str, tool: str, sources: list[Path], rounds: int, work: Path, *extra: str
) -> None:
    """rounds warm builds by tool in one process (warm.py), after three not counted."""
    out = work / f"warm-{tool}"
    command = [measure.python(), str(HERE / "warm.py"), tool, str(rounds), str(out)]
    command += [*map(str, sources), *extra]
    done = subprocess.run(command, capture_output=True, text=True, env=measure.env(), cwd=work)
    if done.returncode != 0:
        raise RuntimeError(f"warm {tool} failed: {done.stderr.strip()[-800:]}")
    for build in json.loads(done.stdout.splitlines()[-1])["times"]:
        times.add(name, sum(build.values()))
        for part, seconds in build.items():
            if part != "all":
                times.add(f"{name}: {part}", seconds)
    shutil.rmtree(out, ignore_errors=True)


@dataclass(frozen=True)
class Batch:
    jobs: int
    count: int
    run: measure.Run

    @property
    def rate(self) -> float:
        return self.count / self.run.seconds

    def memory(self) -> str:
        peaks = self.run.peaks
        if not peaks:
            return "peak memory not measured here"
        parts = [f"parent {peaks['parent']:.0f}"] if "parent" in peaks else []
        workers = [v for k, v in peaks.items() if k.startswith("worker")]
        if workers:
            parts.append("workers " + ", ".join(f"{v:.0f}" for v in workers))
        parts += [
            f"{k} {v:.0f}" for k, v in peaks.items() if k in ("fork server", "largest process")
        ]
        return "peak RSS " + "; ".join(parts) + f" {MIB}"


def batch(project: Path, count: int, jobs: int, out: str) -> Batch:
    """`briefgen build` of the generated set into out (a fresh folder builds every brief)."""
    shutil.rmtree(project / out, ignore_errors=True)
    shutil.rmtree(project / ".briefgen" / "outputs" / out, ignore_errors=True)
    args = ["build", "content", "-o", out, "-q", "--no-progress", "--jobs", str(jobs)]
    done = measure.run(measure.briefgen(*args), project, memory=True)
    if done.returncode != 0:  # any brief that failed
        raise RuntimeError(f"briefgen build --jobs {jobs} failed:\n{done.stderr[-2000:]}")
    return Batch(jobs, count, done)


def noop(project: Path, out: str) -> float:
    """Wall time of a rebuild into out with nothing changed (built beforehand)."""
    args = ["build", "content", "-o", out, "-q", "--no-progress"]
    done = measure.run(measure.briefgen(*args), project)
    if done.returncode != 0:
        raise RuntimeError(f"no-op rebuild failed:\n{done.stderr[-2000:]}")
    return done.seconds


def large(folder: Path) -> Path:
    """A project whose one content file is 1.9 MB of text (inside the limits)."""
    (folder / "content").mkdir(parents=True)
    path = folder / "content" / "large.yaml"
    path.write_text("title: T\nsummary: " + "lorem ipsum " * 155_000 + "\n", encoding="utf-8")
    return folder


# --- the tables ----------------------------------------------------------------------


def ms(seconds: float) -> str:
    if seconds < 0.0095:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def table(header: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


#: the other tools: name, what it makes, the cold measure's name, the warm one's
OTHERS = (
    ("naive stack (python-docx + reportlab + click)", "DOCX + PDF", "naive cold", "naive warm"),
    ("Typst (Python package), Typst markup -> PDF", "PDF", "typst cold", "typst warm"),
    ("pandoc Markdown -> DOCX", "DOCX", "pandoc cold", None),
    ("Jinja2 HTML -> WeasyPrint", "PDF", "weasyprint cold", "weasyprint warm"),
    ("docxtpl -> DOCX, soffice -> PDF", "DOCX + PDF", "docxtpl cold", "docxtpl warm"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 100 briefs")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--count", type=int, help="briefs in the generated set (500; quick 100)")
    parser.add_argument("--no-compare", action="store_true", help="skip the other tools")
    parser.add_argument("--venv", type=Path, help="the venv to install into (default: a new one)")
    parser.add_argument(
        "--checkout", action="store_true", help="measure this checkout on the path, no install"
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    count = args.count or settings.count
    started = time.perf_counter()
    where = machine()
    loads = [load_now()]

    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    t = Times()
    try:
        if args.checkout:
            how = "this checkout on the path (not installed)"
        else:
            measure.use(install(args.venv or work / "venv"))
            how = "a wheel of this checkout, installed byte-compiled in a venv"
        py = measure.python()
        example = work / "example"
        (example / "content").mkdir(parents=True)
        shutil.copy(EXAMPLE, example / "content")
        brief = example / "content" / EXAMPLE.name
        varied = work / "varied"
        note(f"generating {count} briefs")
        sources = corpus.generate(varied / "content", count)
        big = large(work / "large")
        compare = not args.no_compare
        tools = {t: compare and others.available(t, py) for t in ("typst", "weasyprint", "docxtpl")}
        tools["pandoc"] = compare and others.available("pandoc")
        tools["soffice"] = tools["docxtpl"] and others.available("soffice")
        md = work / "brief.md"
        md.write_text(others.markdown(brief), encoding="utf-8")
        template = others.word_template(work / "template.docx") if tools["docxtpl"] else None

        cold_out = example / "cold-out"

        def clean() -> None:
            shutil.rmtree(cold_out, ignore_errors=True)
            shutil.rmtree(example / ".briefgen", ignore_errors=True)

        def script(*words: str) -> list[str]:
            return [py, str(HERE / "others.py"), *words]

        cold: list[tuple[str, list[str]]] = [
            ("briefgen cold", measure.briefgen("build", "-q", "-o", str(cold_out))),
            (
                "briefgen cold pdf",
                measure.briefgen("build", "-q", "-o", str(cold_out), "-f", "pdf"),
            ),
            (
                "briefgen cold docx",
                measure.briefgen("build", "-q", "-o", str(cold_out), "-f", "docx"),
            ),
        ]
        if compare:
            cold.append(
                ("naive cold", [py, str(HERE / "naive.py"), str(brief), "-o", str(work / "naive")])
            )
        if tools["typst"]:
            cold.append(("typst cold", script("typst", str(brief), str(work / "typst.pdf"))))
        if tools["pandoc"]:
            cold.append(("pandoc cold", ["pandoc", str(md), "-o", str(work / "pandoc.docx")]))
        if tools["weasyprint"]:
            cold.append(("weasyprint cold", script("weasyprint", str(brief), str(work / "w.pdf"))))
        if tools["docxtpl"] and template is not None:
            cold.append(
                (
                    "docxtpl fill cold",
                    script("docxtpl", str(brief), str(template), str(work / "d.docx")),
                )
            )
        warm: list[tuple[str, str, list[Path], tuple[str, ...]]] = [
            ("briefgen warm", "briefgen", [brief], ()),
            ("briefgen warm varied", "briefgen", sources, ()),
        ]
        if compare:
            warm += [
                ("naive warm", "naive", [brief], ()),
                ("naive warm varied", "naive", sources, ()),
            ]
        for tool in ("typst", "weasyprint"):
            if tools[tool]:
                warm.append((f"{tool} warm", tool, [brief], ()))
        if tools["docxtpl"] and template is not None:
            warm.append(("docxtpl fill warm", "docxtpl", [brief], ("--template", str(template))))

        measure.run(measure.briefgen("build", "-q", "-o", "first"), example)  # fonts, disk
        for r in range(settings.rounds):
            note(
                f"round {r + 1} of {settings.rounds}: cold and warm, every tool (load {load_now()})"
            )
            for name, command in cold:
                cold_once(t, name, command, example, clean)
            for name, tool, files, extra in warm:
                warm_once(t, name, tool, files, settings.warm, work, *extra)
        if tools["soffice"]:
            note("LibreOffice")
            profile = work / "lo-profile"
            docx = work / "d.docx"
            others.soffice_pdf(docx, profile)  # LibreOffice sets up its profile: not counted
            for _ in range(settings.soffice):
                start = time.perf_counter()
                others.soffice_pdf(docx, profile)
                t.add("soffice", time.perf_counter() - start)
            t.add("docxtpl cold", t.median("docxtpl fill cold") + t.median("soffice"))
            t.add("docxtpl warm", t.median("docxtpl fill warm") + t.median("soffice"))
        loads.append(load_now())

        batches: dict[int, list[Batch]] = {1: [], 2: []}
        for _ in range(settings.batches):
            for jobs in (1, 2):
                note(f"{count} briefs with --jobs {jobs} (load {load_now()})")
                batches[jobs].append(batch(varied, count, jobs, f"out-{jobs}"))
        note(f"no-op rebuilds of {count} briefs and of one")
        for _ in range(settings.noop):
            t.add("noop", noop(varied, "out-2"))
            t.add("noop one", noop(example, "first"))
        note("a 1.9 MB content file with --allow-overflow")
        done = measure.run(measure.briefgen("build", "-q", "--allow-overflow"), big)
        t.add("large", done.seconds)
        large_said = (done.stderr.strip().splitlines() or ["(nothing)"])[-1]
        if large_said[:1].isdigit():  # a time stamp first
            large_said = large_said.split(" ", 1)[-1]
        loads.append(load_now())
    finally:
        shutil.rmtree(work, ignore_errors=True)

    one = {j: statistics.median(b.run.seconds for b in batches[j]) for j in (1, 2)}
    # a brief's share of the batch, the process's start-up (a no-op rebuild of one) taken off
    per_brief = max(one[1] - t.median("noop one"), 0.0) / count
    rows = []
    if "naive cold" in t:
        ratio = t.median("briefgen cold") / t.median("naive cold")
        rows.append([
            "cold, one brief, DOCX + PDF: briefgen / naive CLI", f"{ratio:.2f}×", "≤ 0.75×",
            verdict(ratio <= 0.75),
            f"{ms(t.median('briefgen cold'))} / {ms(t.median('naive cold'))}, "
            f"median of {t.count('briefgen cold')}",
        ])  # fmt: skip
    if "typst cold" in t:
        ratio = t.median("briefgen cold") / t.median("typst cold")
        rows.append([
            "cold, one brief: briefgen DOCX + PDF / Typst PDF only", f"{ratio:.2f}×", "≤ 2×",
            verdict(ratio <= 2), f"{ms(t.median('briefgen cold'))} / {ms(t.median('typst cold'))}",
        ])  # fmt: skip
    if "naive warm varied" in t:
        ratio = per_brief / t.median("naive warm varied")
        rows.append([
            "per brief in a `--jobs 1` batch, fit included / naive warm", f"{ratio:.2f}×",
            "≤ 0.25×", verdict(ratio <= 0.25),
            f"{ms(per_brief)} (start-up taken off) / {ms(t.median('naive warm varied'))}, "
            "the same varied briefs",
        ])  # fmt: skip
    speedup = one[1] / one[2]
    rows.append([
        "`--jobs 2` / `--jobs 1`, briefs per second", f"{speedup:.2f}×", "≥ 1.8×",
        verdict(speedup >= 1.8), f"{count / one[2]:.1f} / {count / one[1]:.1f} briefs/s",
    ])  # fmt: skip
    each = (t.median("noop") - t.median("noop one")) / max(count - 1, 1)
    rows.append([
        "no-op rebuild, per brief beyond start-up", ms(max(each, 0.0)), "≤ 1 ms",
        verdict(each <= 0.001),
        f"{count} briefs {ms(t.median('noop'))}, one brief {ms(t.median('noop one'))} (start-up)",
    ])  # fmt: skip
    rows.append([
        "a 1.9 MB content file, `--allow-overflow`", ms(t.median("large")), "≤ 10 s",
        verdict(t.median("large") <= 10), large_said.replace("|", "/")[:110],
    ])  # fmt: skip

    def parts(name: str) -> str:
        return ", ".join(f"{p} {ms(t.median(f'{name}: {p}'))}" for p in ("prepare", "docx", "pdf"))

    own = [
        ["warm, example brief, DOCX + PDF, fitting included", ms(t.median("briefgen warm")),
         f"median of {t.count('briefgen warm')}: {parts('briefgen warm')}"],
        ["warm, varied briefs, DOCX + PDF", ms(t.median("briefgen warm varied")),
         f"median of {t.count('briefgen warm varied')}: {parts('briefgen warm varied')}"],
        ["cold `briefgen build`, one brief, DOCX + PDF", ms(t.median("briefgen cold")),
         f"median of {t.count('briefgen cold')} processes; PDF only "
         f"{ms(t.median('briefgen cold pdf'))}, DOCX only {ms(t.median('briefgen cold docx'))}"],
    ]  # fmt: skip
    for jobs in (1, 2):
        b = batches[jobs][-1]
        own.append([f"{count} varied briefs, `--jobs {jobs}`", f"{count / one[jobs]:.1f} briefs/s",
                    f"{one[jobs]:.1f} s; {b.memory()}"])  # fmt: skip
    own.append([f"no-op rebuild of {count} briefs", ms(t.median("noop")),
                f"median of {t.count('noop')}, whole process, nothing changed"])  # fmt: skip

    ours = {
        "DOCX + PDF": ("briefgen cold", "briefgen warm"),
        "PDF": ("briefgen cold pdf", None),
        "DOCX": ("briefgen cold docx", None),
    }
    other_rows = []
    for label, makes, cold_name, warm_name in OTHERS:
        if cold_name not in t:
            continue
        our_cold, our_warm = ours[makes]
        warm_ours = t.median(our_warm) if our_warm else None
        if makes == "PDF":
            warm_ours = t.median("briefgen warm: prepare") + t.median("briefgen warm: pdf")
        theirs_warm = t.median(warm_name) if warm_name and warm_name in t else None
        other_rows.append([
            label, makes, ms(t.median(cold_name)),
            f"{t.median(cold_name) / t.median(our_cold):.2f}×",
            ms(theirs_warm) if theirs_warm else "—",
            f"{theirs_warm / warm_ours:.2f}×" if theirs_warm and warm_ours else "—",
        ])  # fmt: skip
    out = [
        f"Machine: {where}; load average {' -> '.join(loads)} over the run",
        f"briefgen measured: {how}",
        "",
        table(
            ["target (ratios in one run)", "measured", "target", "", "detail"], rows, args.markdown
        ),
        "",
        table(["briefgen", "time", "detail"], own, args.markdown),
    ]
    if other_rows:
        out += [
            "",
            "Each tool's time over briefgen's for the same format(s) (× above 1: briefgen is "
            "faster), cold (a fresh process) and warm (in one process), the example brief:",
            "",
            table(
                ["tool", "makes", "cold", "× briefgen", "warm", "× briefgen"],
                other_rows,
                args.markdown,
            ),
        ]
    names = {"typst": "Typst (pip install typst)", "pandoc": "pandoc", "weasyprint": "WeasyPrint",
             "docxtpl": "docxtpl", "soffice": "LibreOffice"}  # fmt: skip
    skipped = [names[k] for k, v in tools.items() if not v]
    if skipped and compare:
        out += ["", f"Not installed, so not compared: {', '.join(skipped)}."]
    out += [
        "",
        f"One run ({'--quick' if args.quick else 'full'}), {settings.rounds} interleaved rounds, "
        f"{time.perf_counter() - started:.0f} s.",
    ]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
