"""Warm builds in one process, run by the python that has the measured tools installed.

    python warm.py TOOL ROUNDS OUT SOURCE... [--template T.docx]

TOOL is briefgen (its project found from the first source), naive (naive.py),
typst, weasyprint or docxtpl (others.py). The first build of each of the first
three sources is not counted (templates compiled, fonts loaded); then ROUNDS
builds go through the sources in turn. Prints one JSON object: each build's
seconds, and for briefgen its parts (prepare: load, render and fit; docx; pdf).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _briefgen(sources: list[Path], out: Path) -> Callable[[Path], dict[str, float]]:
    from briefgen import project as projects
    from briefgen import writers
    from briefgen.pipeline import prepare
    from briefgen.render.templating import Templates

    templates = Templates(projects.find(sources[0].parent.parent))
    docx, pdf = writers.get("docx"), writers.get("pdf")

    def once(source: Path) -> dict[str, float]:
        start = time.perf_counter()
        prepared = prepare(source, templates)
        made = time.perf_counter()
        (out / "b.docx").write_bytes(docx.render(prepared.page))
        written = time.perf_counter()
        (out / "b.pdf").write_bytes(pdf.render(prepared.page))
        end = time.perf_counter()
        return {"prepare": made - start, "docx": written - made, "pdf": end - written}

    return once


def _timed(action: Callable[[Path], object]) -> Callable[[Path], dict[str, float]]:
    def once(source: Path) -> dict[str, float]:
        start = time.perf_counter()
        action(source)
        return {"all": time.perf_counter() - start}

    return once


def main(argv: list[str]) -> None:
    tool, rounds, out_name, *rest = argv
    template = None
    if "--template" in rest:
        at = rest.index("--template")
        template = Path(rest[at + 1])
        del rest[at : at + 2]
    sources = [Path(s) for s in rest]
    out = Path(out_name)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.append(str(HERE))  # after site-packages: briefgen is the installed one
    if tool == "briefgen":
        once = _briefgen(sources, out)
    elif tool == "naive":
        import naive

        once = _timed(lambda s: naive.make(s, out))
    else:
        import others

        makers: dict[str, Callable[[Path], object]] = {
            "typst": lambda s: others.typst_pdf(s, out / "b.pdf"),
            "weasyprint": lambda s: others.weasyprint_pdf(s, out / "b.pdf"),
            "docxtpl": lambda s: others.docxtpl_docx(s, template or Path(), out / "b.docx"),
        }
        once = _timed(makers[tool])
    for source in sources[:3]:
        once(source)
    times = [once(sources[i % len(sources)]) for i in range(int(rounds))]
    print(json.dumps({"times": times}))


if __name__ == "__main__":
    main(sys.argv[1:])
