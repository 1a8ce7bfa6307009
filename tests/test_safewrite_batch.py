"""A batch of safe writes renames its files, then fsyncs each of their folders once:
the renames are on disk when commit returns, without one folder fsync per file."""

from __future__ import annotations

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


def test_a_batch_syncs_each_folder_once_after_all_its_renames(
    tmp_path: Path, synced: list[tuple[Path, dict[str, bytes]]]
) -> None:
    out, state = tmp_path / "out", tmp_path / "state"
    with safewrite.Batch() as batch:
        batch.put(out / "b.docx", b"docx")
        batch.put(out / "b.pdf", b"pdf")
        batch.put(state / "b.json", b"{}")
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
        batch.put(tmp_path / "b.pdf", b"pdf")
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

    def flushed(staged: safewrite.Staged) -> None:
        steps.append("fsync " + (safewrite.target(staged.tmp.name) or staged.tmp.name))
        flush(staged)

    def renamed(src: Path, dst: Path) -> None:
        steps.append(f"rename {Path(dst).name}")
        replace(src, dst)

    monkeypatch.setattr(safewrite, "_flush", flushed)
    monkeypatch.setattr(safewrite.os, "replace", renamed)
    with safewrite.Batch() as batch:
        batch.put(tmp_path / "b.docx", b"docx", sync=False)
        batch.put(tmp_path / "b.pdf", b"pdf", sync=False)
        assert steps == []  # staged: written, not yet waited on
        batch.commit()
    assert steps == ["fsync b.docx", "fsync b.pdf", "rename b.docx", "rename b.pdf"]
    assert (tmp_path / "b.pdf").read_bytes() == b"pdf"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Each file opened through os.open (temporary files by their target), and its fd."""
    names: dict[str, int] = {}
    real = safewrite.os.open

    def spy(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        name = Path(str(path)).name
        fd = real(path, flags, mode, **kw)  # type: ignore[arg-type]
        names[safewrite.target(name) or name] = fd
        return fd

    monkeypatch.setattr(safewrite.os, "open", spy)
    return names


def test_bytes_put_unsynced_are_written_and_fsynced_through_one_open_file(
    tmp_path: Path, opened: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    fsync, replace = safewrite.os.fsync, safewrite.os.replace
    monkeypatch.setattr(safewrite.os, "fsync", lambda fd: (steps.append(f"fsync {fd}"), fsync(fd)))
    monkeypatch.setattr(
        safewrite.os,
        "replace",
        lambda a, b: (steps.append(f"rename {Path(b).name}"), replace(a, b)),
    )
    big = bytes(range(256)) * 4096  # 1 MiB, taken 1,000 bytes a call (a short write)
    write = safewrite.os.write
    monkeypatch.setattr(safewrite.os, "write", lambda fd, data: write(fd, data[:1000]))
    with safewrite.Batch() as batch:
        batch.put(tmp_path / "b.docx", b"docx", sync=False)
        batch.put(tmp_path / "b.pdf", big, sync=False)
        assert steps == []
        assert list(opened) == ["b.docx", "b.pdf"]  # each created once, open until committed
        staged = list(batch.staged)
        docx, pdf = opened["b.docx"], opened["b.pdf"]
        assert batch.commit() == [tmp_path / "b.docx", tmp_path / "b.pdf"]
    # the two files fsynced through the files left open, then renamed, then their folder
    folder = opened[tmp_path.name]
    assert steps == [f"fsync {docx}", f"fsync {pdf}", "rename b.docx", "rename b.pdf"] + [
        f"fsync {folder}"
    ]
    assert list(opened) == ["b.docx", "b.pdf", tmp_path.name]
    assert [s.fd for s in staged] == [None, None]  # closed
    assert (tmp_path / "b.pdf").read_bytes() == big
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.docx", "b.pdf"]


def test_bytes_put_equal_to_the_old_file_leave_it_alone_and_close_what_they_opened(
    tmp_path: Path,
) -> None:
    (tmp_path / "b.pdf").write_bytes(b"same")
    before = (tmp_path / "b.pdf").stat().st_mtime_ns
    with safewrite.Batch() as batch:
        batch.put(tmp_path / "b.pdf", b"same")
        batch.put(tmp_path / "b.docx", b"new", sync=False)
        staged = list(batch.staged)
        assert [s.fd is None for s in staged] == [True, False]  # synced: closed at once
        assert batch.commit() == [tmp_path / "b.docx"]
    assert (tmp_path / "b.pdf").stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.docx", "b.pdf"]
    assert [s.fd for s in staged] == [None, None]


def test_a_put_that_fails_leaves_no_temporary_file_and_no_open_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[int] = []
    close = safewrite.os.close
    monkeypatch.setattr(safewrite.os, "close", lambda fd: (closed.append(fd), close(fd)))

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite.os, "write", full)
    with pytest.raises(OSError, match="No space"), safewrite.Batch() as batch:
        batch.put(tmp_path / "b.docx", b"docx")
    assert list(tmp_path.iterdir()) == []
    assert len(closed) == 1
    with pytest.raises(OSError, match="No space"):
        safewrite.write_bytes(tmp_path / "m.json", b"{}")
    assert list(tmp_path.iterdir()) == []
    assert len(closed) == 2


def test_a_taken_temporary_name_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter(["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(safewrite.secrets, "token_hex", lambda n: next(names))
    taken = tmp_path / ".m.json.aaaaaaaa.tmp"
    safewrite.write_bytes(tmp_path / "m.json", b"{}")  # takes aaaaaaaa, then renames it
    taken.write_bytes(b"someone else's")
    assert safewrite.write_bytes(tmp_path / "m.json", b"[]")  # aaaaaaaa taken: bbbbbbbb
    assert taken.read_bytes() == b"someone else's"
    assert (tmp_path / "m.json").read_bytes() == b"[]"


def test_a_write_of_the_bytes_a_file_holds_writes_nothing(
    tmp_path: Path, opened: dict[str, int]
) -> None:
    assert safewrite.write_bytes(tmp_path / "m.json", b"{}")
    before = (tmp_path / "m.json").stat().st_mtime_ns
    opened.clear()
    assert not safewrite.write_bytes(tmp_path / "m.json", b"{}")
    assert opened == {}  # no temporary file made, nothing fsynced
    assert (tmp_path / "m.json").stat().st_mtime_ns == before


def two_staged(tmp_path: Path) -> tuple[safewrite.Batch, Path, Path]:
    """A batch holding two staged files, and their temporary files."""
    batch = safewrite.Batch()
    batch.put(tmp_path / "a.pdf", b"a")
    batch.put(tmp_path / "b.pdf", b"b")
    first, second = (s.tmp for s in batch.staged)
    return batch, first, second


def failing_unlink(
    monkeypatch: pytest.MonkeyPatch, failures: dict[Path, tuple[bool, BaseException]]
) -> None:
    """Path.unlink raising for the paths named: after removing the file (True), or
    instead of it."""
    unlink = Path.unlink

    def failing(path: Path, missing_ok: bool = False) -> None:
        removed, error = failures.get(path, (True, None))
        if removed:
            unlink(path, missing_ok=missing_ok)
        if error is not None:
            raise error

    monkeypatch.setattr(Path, "unlink", failing)


def test_leaving_a_batch_removes_every_staged_file_even_if_one_cannot_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch, first, _ = two_staged(tmp_path)
    failing_unlink(monkeypatch, {first: (False, PermissionError(13, "in use"))})
    with pytest.raises(PermissionError):
        batch.discard()
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # the other one is gone
    assert batch.staged == []


def test_a_staged_file_that_cannot_be_closed_is_still_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = safewrite.Batch()
    batch.put(tmp_path / "a.pdf", b"a", sync=False)  # left open
    fd = batch.staged[0].fd
    assert fd is not None
    close = safewrite.os.close

    def fail(number: int) -> None:
        close(number)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(safewrite.os, "close", fail)
    with pytest.raises(OSError, match="Input/output"):
        batch.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_stop_while_leaving_a_batch_outranks_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch, first, second = two_staged(tmp_path)
    failing_unlink(
        monkeypatch,
        {
            first: (False, OSError(5, "Input/output error")),
            second: (True, KeyboardInterrupt()),  # Ctrl-C as the second is removed
        },
    )
    with pytest.raises(KeyboardInterrupt):
        batch.discard()
