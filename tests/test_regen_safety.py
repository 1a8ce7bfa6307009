"""Safe writes and the output folder's lock: never a half-written or corrupt brief."""

from __future__ import annotations

import dataclasses
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from briefgen.regen import lock
from conftest import listing, pdf_pages, run, start, state_of

BRIEF = "title: First edition\ndate: 2025-07-01\nsummary: S\n"
LIMIT = 60.0  # seconds any one wait may take before the test gives up (not a timing assert)


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def valid_docx(path: Path) -> bool:
    import docx

    return "edition" in " ".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture
def first_edition(brief: Callable[..., Path], project: Path) -> dict[str, bytes]:
    brief(BRIEF)
    assert run("build").exit_code == 0
    return {name: (project / "out" / name).read_bytes() for name in ("b.docx", "b.pdf")}


def test_kill_9_during_a_write_leaves_the_old_file_and_the_next_run_leaves_no_temp_file(
    project: Path, first_edition: dict[str, bytes]
) -> None:
    out = project / "out"
    (project / "content" / "b.yaml").write_text(BRIEF.replace("First", "Second"))
    proc = start(project, "build", pause=LIMIT)
    wait_for(lambda: any(p.stat().st_size > 0 for p in temps(out)), "a temporary file written")
    proc.send_signal(signal.SIGKILL)
    proc.wait(LIMIT)
    assert proc.returncode == -signal.SIGKILL
    # the kill left its temporary file (nothing can catch SIGKILL), but not a broken brief
    assert temps(out)
    assert {n: (out / n).read_bytes() for n in first_edition} == first_edition
    assert valid_docx(out / "b.docx") and pdf_pages(out / "b.pdf") == 1
    # the next build, holding the folder's lock, removes it and builds the new edition
    result = run("build")
    assert result.exit_code == 0, result.output
    assert temps(out) == []
    assert listing(out) == ["b.docx", "b.pdf"]
    assert "Second edition" in " ".join(
        p.text for p in __import__("docx").Document(str(out / "b.docx")).paragraphs
    )


def test_sigterm_during_a_write_leaves_the_old_file_and_no_temp_file(
    project: Path, first_edition: dict[str, bytes]
) -> None:
    out = project / "out"
    (project / "content" / "b.yaml").write_text(BRIEF.replace("First", "Second"))
    proc = start(project, "build", pause=LIMIT)
    wait_for(lambda: any(p.stat().st_size > 0 for p in temps(out)), "a temporary file written")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == 143, err  # 128 + SIGTERM, as a shell reports it
    assert "Traceback" not in err
    assert temps(out) == []
    assert {n: (out / n).read_bytes() for n in first_edition} == first_edition


def test_a_failing_writer_changes_neither_file_of_the_pair(
    project: Path, first_edition: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.writers import pdf

    def broken(page: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "WRITER", dataclasses.replace(pdf.WRITER, render=broken))
    (project / "content" / "b.yaml").write_text(BRIEF.replace("First", "Second"))
    result = run("build")
    assert result.exit_code == 1
    assert "error: content/b.yaml: cannot write: No space left on device" in result.output
    out = project / "out"
    assert {n: (out / n).read_bytes() for n in first_edition} == first_edition  # docx too
    assert temps(out) == []


def read_line(stream: IO[str]) -> str:
    """The next line from a child's pipe, without hanging the test if none comes."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=LIMIT)
    except queue.Empty:
        pytest.fail("gave up waiting for a line of output")


def test_a_second_build_exits_75_naming_the_holder_and_one_with_wait_waits(
    project: Path, first_edition: dict[str, bytes]
) -> None:
    out = project / "out"
    (project / "content" / "b.yaml").write_text(BRIEF.replace("First", "Second"))
    holder = start(project, "build", pause=LIMIT)
    wait_for(lambda: any(p.stat().st_size > 0 for p in temps(out)), "the first build to write")
    busy = run("build")
    assert busy.exit_code == 75
    assert busy.output.startswith(f"error: out is being built by pid {holder.pid} on ")
    assert busy.output.rstrip().endswith("; try again later, or use --wait")
    waiter = start(project, "build", "--force", "--wait")
    assert waiter.stderr is not None
    assert read_line(waiter.stderr).startswith(f"waiting: out is being built by pid {holder.pid}")
    # stopping the holder (as systemd or kill does) removes its temporary files
    holder.send_signal(signal.SIGTERM)
    holder.communicate(timeout=LIMIT)
    assert holder.returncode == 143  # stopped by briefgen (cleaning up), not killed
    _, werr = waiter.communicate(timeout=LIMIT)
    assert waiter.returncode == 0, werr
    assert temps(out) == []
    assert valid_docx(out / "b.docx") and pdf_pages(out / "b.pdf") == 1


def test_concurrent_builds_into_one_folder_never_leave_a_corrupt_file(
    brief: Callable[..., Path], project: Path
) -> None:
    for i in range(3):
        brief(BRIEF.replace("First", f"Brief {i} first"), f"b{i}.yaml")
    procs = [start(project, "build", "--force", "--wait=60", pause=0.05) for _ in range(3)]
    for proc in procs:
        proc.communicate(timeout=LIMIT)
        assert proc.returncode == 0
    out = project / "out"
    assert temps(out) == []
    for i in range(3):
        assert valid_docx(out / f"b{i}.docx") and pdf_pages(out / f"b{i}.pdf") == 1


def test_wait_gives_up_after_its_seconds(project: Path, brief: Callable[..., Path]) -> None:
    brief(BRIEF)
    with lock.hold(project / "out", state=state_of(project)):
        result = run("build", "--wait=0.3")
    assert result.exit_code == 75
    assert f"error: out is being built by pid {os.getpid()} on " in result.output


def test_a_lock_file_left_by_a_dead_process_does_not_block(
    project: Path, brief: Callable[..., Path]
) -> None:
    brief(BRIEF)
    state = state_of(project)
    state.mkdir(parents=True)
    (state / "lock").write_text(
        '{"pid": 999999, "host": "gone", "started": "2025-01-01T06:00:00"}\n'
    )
    result = run("build")
    assert result.exit_code == 0, result.output


def test_stale_temporary_files_are_removed_and_others_kept(
    project: Path, first_edition: dict[str, bytes]
) -> None:
    out = project / "out"
    stale = [out / ".b.pdf.k3j_9x2a.tmp", state_of(project) / ".manifest.json.abcdefgh.tmp"]
    for path in stale:
        path.write_bytes(b"half")
    keep = out / "notes.tmp"
    keep.write_text("mine")
    assert run("build").exit_code == 0
    assert not any(p.exists() for p in stale)
    assert keep.exists()
