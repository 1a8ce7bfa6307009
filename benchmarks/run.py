"""How fast briefgen makes a brief in both formats, and how the alternatives compare.

    python benchmarks/run.py              the full run (about 3 minutes on 2 cores)
    python benchmarks/run.py --quick      a smoke run: fewer repetitions, 100 briefs
    python benchmarks/run.py --markdown   the tables as Markdown, for the README

It measures this checkout of briefgen (not an installed one), on the example
brief and on a generated set of varied briefs (benchmarks/corpus.py), and
prints one table of briefgen's figures against its targets and one of the
other tools' times as multiples of briefgen's. Progress goes to stderr, the
tables to stdout. It is a benchmark, not a test: it asserts nothing, and one
run on a busy machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # this checkout, and the modules beside this file

import corpus  # noqa: E402
import measure  # noqa: E402
import others  # noqa: E402

EXAMPLE = ROOT / "content" / "us-india-defence.yaml"
MIB = "MiB"


@dataclass(frozen=True)
class Settings:
    count: int  # briefs in the generated set
    warm: int  # warm builds of the example
    varied: int  # warm builds over the generated set
    cold: int  # cold processes per measure
    noop: int  # no-op rebuilds
    other_cold: int  # cold runs of each other tool
    other_warm: int  # warm runs of each other tool


FULL = Settings(count=500, warm=40, varied=60, cold=5, noop=3, other_cold=2, other_warm=4)
QUICK = Settings(count=100, warm=8, varied=10, cold=2, noop=1, other_cold=1, other_warm=2)


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


# --- briefgen ---------------------------------------------------------------------


@dataclass(frozen=True)
class Warm:
    prepare: float  # load, render, fit (seconds)
    docx: float
    pdf: float

    @property
    def both(self) -> float:
        return self.prepare + self.docx + self.pdf


def warm(project: Path, sources: list[Path], rounds: int) -> Warm:
    """Median times per brief in one process, after a first build of each template."""
    from briefgen import project as projects
    from briefgen import writers
    from briefgen.pipeline import prepare
    from briefgen.render.templating import Templates

    templates = Templates(projects.find(project))
    out = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    times: dict[str, list[float]] = {"prepare": [], "docx": [], "pdf": [], "both": []}

    def once(source: Path) -> tuple[float, float, float]:
        start = time.perf_counter()
        prepared = prepare(source, templates)
        made = time.perf_counter()
        (out / "b.docx").write_bytes(writers.get("docx").render(prepared.page))
        docx = time.perf_counter()
        (out / "b.pdf").write_bytes(writers.get("pdf").render(prepared.page))
        return made - start, docx - made, time.perf_counter() - docx

    for source in sources[:3]:
        once(source)  # templates compiled, fonts registered: warm from here
    for i in range(rounds):
        parts = once(sources[i % len(sources)])
        for name, value in zip(("prepare", "docx", "pdf"), parts, strict=True):
            times[name].append(value)
        times["both"].append(sum(parts))
    shutil.rmtree(out, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    # the parts' medians, scaled so that they add up to the median of the whole
    scale = med["both"] / (med["prepare"] + med["docx"] + med["pdf"])
    return Warm(med["prepare"] * scale, med["docx"] * scale, med["pdf"] * scale)


def cold(project: Path, repeat: int, *formats: str) -> float:
    """Median wall time of `briefgen build` of the example, in a fresh process and folder."""
    out = project / "cold-out"
    args = ["build", "content/us-india-defence.yaml", "-o", str(out), "-q"]
    for name in formats:
        args += ["-f", name]
    return measure.median_run(
        measure.briefgen(*args), project, repeat, lambda: shutil.rmtree(out, ignore_errors=True)
    )


@dataclass(frozen=True)
class Batch:
    jobs: int
    count: int
    run: measure.Run

    @property
    def rate(self) -> float:
        return self.count / self.run.seconds

    @property
    def peak(self) -> float:
        return max(self.run.peaks.values(), default=float("nan"))

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
    args = ["build", "content", "-o", out, "-q", "--no-progress", "--jobs", str(jobs)]
    done = measure.run(measure.briefgen(*args), project, memory=True)
    if done.returncode != 0:  # any brief that failed
        raise RuntimeError(f"briefgen build --jobs {jobs} failed:\n{done.stderr[-2000:]}")
    return Batch(jobs, count, done)


# --- the other tools ----------------------------------------------------------------


@dataclass(frozen=True)
class Other:
    name: str
    makes: str  # "DOCX + PDF", "PDF", "DOCX"
    cold: float | None
    warm: float | None
    note: str = ""


def _script(*args: str) -> list[str]:
    return [sys.executable, str(HERE / "others.py"), *args]


def compare(work: Path, settings: Settings) -> list[Other]:
    found: list[Other] = []
    brief = EXAMPLE
    if others.available("docxtpl") and others.available("soffice"):
        note("docxtpl + soffice")
        template = others.word_template(work / "template.docx")
        docx = work / "docxtpl" / "brief.docx"
        docx.parent.mkdir()
        profile = work / "lo-profile"
        others.docxtpl_docx(brief, template, docx)
        others.soffice_pdf(docx, profile)  # LibreOffice sets up its profile: not counted
        fill = measure.median_run(
            _script("docxtpl", str(brief), str(template), str(docx)),
            work,
            settings.other_cold,
            _nothing,
        )
        convert = measure.median_time(
            lambda: others.soffice_pdf(docx, profile), settings.other_cold
        )
        fill_warm = measure.median_time(
            lambda: others.docxtpl_docx(brief, template, docx), settings.other_warm
        )
        found.append(
            Other(
                "docxtpl -> DOCX, soffice -> PDF",
                "DOCX + PDF",
                fill + convert,
                fill_warm + convert,
                f"soffice {convert:.2f} s a call, a process each time",
            )
        )
    if others.available("weasyprint"):
        note("Jinja2 HTML + WeasyPrint")
        pdf = work / "weasy.pdf"
        cold_time = measure.median_run(
            _script("weasyprint", str(brief), str(pdf)), work, settings.other_cold, _nothing
        )
        others.weasyprint_pdf(brief, pdf)  # imports and fonts: not counted
        warm_time = measure.median_time(
            lambda: others.weasyprint_pdf(brief, pdf), settings.other_warm
        )
        found.append(Other("Jinja2 HTML -> WeasyPrint", "PDF", cold_time, warm_time))
    if others.available("pandoc"):
        note("pandoc")
        md = work / "brief.md"
        md.write_text(others.markdown(brief), encoding="utf-8")
        cold_time = measure.median_run(
            ["pandoc", str(md), "-o", str(work / "pandoc.docx")], work, settings.cold, _nothing
        )
        found.append(
            Other("pandoc Markdown -> DOCX", "DOCX", cold_time, None, "a process each time")
        )
    return found


def _nothing() -> None:
    pass


# --- the tables ----------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.0f} s"


def verdict(ok: bool) -> str:
    return "pass" if ok else "miss"


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


def ratio(theirs: float | None, ours: float) -> str:
    return "—" if theirs is None else f"{theirs / ours:.1f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 100 briefs")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--count", type=int, help="briefs in the generated set (500; quick 100)")
    parser.add_argument("--no-compare", action="store_true", help="skip the other tools")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    count = args.count or settings.count
    started = time.perf_counter()
    where = machine()

    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    try:
        example = work / "example"
        (example / "content").mkdir(parents=True)
        shutil.copy(EXAMPLE, example / "content")
        varied = work / "varied"
        note(f"generating {count} briefs")
        sources = corpus.generate(varied / "content", count)

        note("warm builds")
        warm_example = warm(example, [example / "content" / EXAMPLE.name], settings.warm)
        warm_varied = warm(varied, sources, min(settings.varied, max(count, 1)))

        note("cold builds")
        measure.run(measure.briefgen("build", "-q", "-o", "first"), example)  # font cache, disk
        cold_both = cold(example, settings.cold)
        cold_pdf = cold(example, settings.cold, "pdf")
        cold_docx = cold(example, settings.cold, "docx")

        batches = []
        for jobs in (1, 2):
            note(f"{count} briefs with --jobs {jobs}")
            batches.append(batch(varied, count, jobs, f"out-{jobs}"))
        note(f"no-op rebuild of {count} briefs")
        noop = statistics.median(
            batch(varied, count, 2, "out-2").run.seconds for _ in range(settings.noop)
        )
        compared = [] if args.no_compare else compare(work, settings)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = [
        [
            "warm, example brief, DOCX + PDF, fitting included",
            ms(warm_example.both),
            "≤ 30 ms",
            verdict(warm_example.both <= 0.030),
            f"median of {settings.warm}: prepare {ms(warm_example.prepare)}, "
            f"DOCX {ms(warm_example.docx)}, PDF {ms(warm_example.pdf)}",
        ],
        [
            "warm, varied briefs, DOCX + PDF",
            ms(warm_varied.both),
            "",
            "",
            f"median of {min(settings.varied, count)}: prepare {ms(warm_varied.prepare)}, "
            f"DOCX {ms(warm_varied.docx)}, PDF {ms(warm_varied.pdf)}",
        ],
        [
            "cold `briefgen build`, one brief, DOCX + PDF",
            ms(cold_both),
            "≤ 350 ms",
            verdict(cold_both <= 0.350),
            f"median of {settings.cold} processes; "
            f"PDF only {ms(cold_pdf)}, DOCX only {ms(cold_docx)}",
        ],
    ]
    for b in batches:
        target = f"≥ 50/s, ≤ 80 {MIB}" if b.jobs == 2 else ""
        ok = verdict(b.rate >= 50 and b.peak <= 80) if b.jobs == 2 else ""
        rows.append(
            [
                f"{count} varied briefs, `--jobs {b.jobs}`",
                f"{b.rate:.1f} briefs/s",
                target,
                ok,
                f"{b.run.seconds:.1f} s; {b.memory()}",
            ]
        )
    rows.append(
        [
            f"no-op rebuild of {count} briefs",
            ms(noop),
            "≤ 1 s",
            verdict(noop <= 1.0),
            f"median of {settings.noop}, whole process, nothing changed",
        ]
    )
    ours = {
        "DOCX + PDF": (cold_both, warm_example.both),
        "PDF": (cold_pdf, warm_example.prepare + warm_example.pdf),
        "DOCX": (cold_docx, warm_example.prepare + warm_example.docx),
    }
    other_rows = []
    for o in compared:
        cold_ours, warm_ours = ours[o.makes]
        other_rows.append(
            [
                o.name,
                o.makes,
                ms(o.cold) if o.cold is not None else "—",
                ratio(o.cold, cold_ours),
                ms(o.warm) if o.warm is not None else "—",
                ratio(o.warm, warm_ours),
                o.note,
            ]
        )
    out = [
        f"Machine: {where}",
        "",
        table(["measure", "briefgen", "target", "", "detail"], rows, args.markdown),
    ]
    if other_rows:
        out += [
            "",
            "The same example brief with other tools; × is their time over briefgen's for the "
            "same format(s), cold (a fresh process) and warm (in one process):",
            "",
            table(
                ["tool", "makes", "cold", "× cold", "warm", "× warm", "note"],
                other_rows,
                args.markdown,
            ),
        ]
    skipped = [t for t in ("docxtpl", "soffice", "weasyprint", "pandoc") if not others.available(t)]
    if skipped and not args.no_compare:
        out += ["", f"Not installed, so not compared: {', '.join(skipped)}."]
    out += [
        "",
        f"One run ({'--quick' if args.quick else 'full'}), {time.perf_counter() - started:.0f} s.",
    ]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
