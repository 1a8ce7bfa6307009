"""--report for machines; --on-failure and --on-change-timeout for schedulers."""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import run

GOOD = "title: T\nsummary: S\nkey_statements:\n  - speaker: A\n    text: Said.\n"


def test_the_report_gives_each_brief_its_status_files_fit_reasons_and_errors(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(GOOD, name="a.yaml")
    brief("title: T\nsumary: typo\n", name="b.yaml")
    result = run("build", "--report", "run.json")
    assert result.exit_code == 1
    report = json.loads((project / "run.json").read_text())
    assert report["exit_code"] == 1 and report["error"] is None
    assert report["counts"] == {
        "built": 1,
        "unchanged": 0,
        "up to date": 0,
        "failed": 1,
        "retired": 0,
    }
    a, b = report["briefs"]
    assert a["source"] == "content/a.yaml" and a["status"] == "built"
    assert a["reasons"] == ["not built here before"]
    assert a["scale"] > 0 and 0 < a["fill"] <= 1 and a["template"] == "onepage"
    assert [f["format"] for f in a["files"]] == ["docx", "pdf"]
    for f in a["files"]:
        data = (project / f["path"]).read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest() and f["bytes"] == len(data)
        assert f["changed"] is True
    assert b["status"] == "failed" and b["error"].startswith("content/b.yaml:2: ")
    assert b["files"] == []
    # again: the good brief is up to date, its files unchanged
    run("build", "--report", "run.json")
    again = json.loads((project / "run.json").read_text())
    assert again["briefs"][0]["status"] == "up to date"
    assert [f["changed"] for f in again["briefs"][0]["files"]] == [False, False]


def test_a_run_that_stops_before_its_briefs_still_writes_its_report(project: Path) -> None:
    result = run("build", "--report", "run.json")  # no content files at all
    assert result.exit_code == 1
    report = json.loads((project / "run.json").read_text())
    assert report["exit_code"] == 1 and "no content files" in report["error"]


def _script(folder: Path, body: str) -> str:
    path = folder / "hook.py"
    path.write_text(body)
    return f"{sys.executable} {path}"


def test_on_failure_runs_with_the_failed_content_files(
    project: Path, brief: Callable[..., Path], tmp_path: Path
) -> None:
    brief(GOOD, name="a.yaml")
    brief("title: T\nsumary: typo\n", name="b.yaml")
    record = tmp_path / "args.json"
    hook = _script(
        tmp_path, f"import json, sys\nopen({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
    )
    result = run("build", "--on-failure", hook)
    assert result.exit_code == 1
    assert json.loads(record.read_text()) == ["--", "content/b.yaml"]
    record.unlink()
    brief("title: T\nsummary: fixed\n", name="b.yaml")
    assert run("build", "--on-failure", hook).exit_code == 0
    assert not record.exists()  # nothing failed: not run


def test_a_hung_on_change_command_is_stopped_and_its_files_kept_for_next_time(
    project: Path, brief: Callable[..., Path], tmp_path: Path
) -> None:
    brief(GOOD)
    hook = _script(tmp_path, "import time\ntime.sleep(60)\n")
    start = time.monotonic()
    result = run("build", "--on-change", hook, "--on-change-timeout", "0.5")
    assert time.monotonic() - start < 30
    assert result.exit_code == 1
    assert (
        "error: --on-change: " in result.output
        and "still running after 0.5 s; stopped" in result.output
    )
    record = tmp_path / "args.json"
    hook = _script(
        tmp_path, f"import json, sys\nopen({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
    )
    assert run("build", "--on-change", hook).exit_code == 0  # nothing new built ...
    assert json.loads(record.read_text()) == ["--", "out/b.docx", "out/b.pdf"]  # ... handed over


def test_a_report_that_cannot_be_written_is_refused_before_building(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(GOOD)
    result = run("build", "--report", "no/such/folder/run.json")
    assert result.exit_code == 1
    assert result.output.startswith("error: no/such/folder/run.json: cannot write the report: ")
    assert not (project / "out").exists()


def test_with_atomic_output_the_report_names_the_published_bytes(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(GOOD)
    assert run("build", "--atomic").exit_code == 0
    brief(GOOD.replace("Said.", "Said again."))
    brief(GOOD, name="fresh.yaml")
    assert run("build", "--atomic", "--report", "run.json").exit_code == 0
    report = json.loads((project / "run.json").read_text())
    for entry in report["briefs"]:
        for f in entry["files"]:
            data = (project / f["path"]).read_bytes()
            assert f["sha256"] == hashlib.sha256(data).hexdigest(), entry["source"]
