"""A batch of safe writes renames its files, then fsyncs each of their folders once:
the renames are on disk when commit returns, without one folder fsync per file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.regen import safewrite


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, dict[str, bytes]]]:
    """Each folder fsync, with what the folder held at that moment."""
    seen: list[tuple[Path, dict[str, bytes]]] = []
    real = safewrite._fsync_folder

    def record(folder: Path) -> None:
        seen.append((folder, {p.name: p.read_bytes() for p in sorted(folder.iterdir())}))
        real(folder)

    monkeypatch.setattr(safewrite, "_fsync_folder", record)
    return seen


def put(data: bytes) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write


def test_a_batch_syncs_each_folder_once_after_all_its_renames(
    tmp_path: Path, synced: list[tuple[Path, dict[str, bytes]]]
) -> None:
    out, state = tmp_path / "out", tmp_path / "state"
    with safewrite.Batch() as batch:
        batch.stage(out / "b.docx", put(b"docx"))
        batch.stage(out / "b.pdf", put(b"pdf"))
        batch.stage(state / "b.json", put(b"{}"))
        assert synced == []  # nothing renamed yet
        changed = batch.commit()
    assert changed == [out / "b.docx", out / "b.pdf", state / "b.json"]
    assert synced == [
        (out, {"b.docx": b"docx", "b.pdf": b"pdf"}),  # both renamed when it is synced
        (state, {"b.json": b"{}"}),
    ]


def test_a_batch_that_changes_nothing_syncs_no_folder(
    tmp_path: Path, synced: list[tuple[Path, dict[str, bytes]]]
) -> None:
    (tmp_path / "b.pdf").write_bytes(b"pdf")
    with safewrite.Batch() as batch:
        batch.stage(tmp_path / "b.pdf", put(b"pdf"))
        assert batch.commit() == []
    assert synced == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf"]


def test_a_single_write_still_syncs_its_folder(
    tmp_path: Path, synced: list[tuple[Path, dict[str, bytes]]]
) -> None:
    assert safewrite.write_bytes(tmp_path / "m.json", b"{}")
    assert synced == [(tmp_path, {"m.json": b"{}"})]


def test_files_staged_unsynced_are_all_fsynced_before_any_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    flush, replace = safewrite._flush, safewrite.os.replace

    def flushed(tmp: Path) -> None:
        steps.append("fsync " + (safewrite.target(tmp.name) or tmp.name))
        flush(tmp)

    def renamed(src: Path, dst: Path) -> None:
        steps.append(f"rename {Path(dst).name}")
        replace(src, dst)

    monkeypatch.setattr(safewrite, "_flush", flushed)
    monkeypatch.setattr(safewrite.os, "replace", renamed)
    with safewrite.Batch() as batch:
        batch.stage(tmp_path / "b.docx", put(b"docx"), sync=False)
        batch.stage(tmp_path / "b.pdf", put(b"pdf"), sync=False)
        assert steps == []  # staged: written, not yet waited on
        batch.commit()
    assert steps == ["fsync b.docx", "fsync b.pdf", "rename b.docx", "rename b.pdf"]
    assert (tmp_path / "b.pdf").read_bytes() == b"pdf"
