"""Unit tests of the manifest (what was built from what) and the output folder's lock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.regen import lock
from briefgen.regen.manifest import Manifest, file_name
from briefgen.regen.shard import parse

INPUTS = {"content content/b.yaml": "aaa", "template onepage/brief.html.j2": "bbb"}


def _built(folder: Path) -> Manifest:
    folder.mkdir(exist_ok=True)
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 brief")
    manifest = Manifest(folder, folder / "state")
    manifest.record("b", dict(INPUTS), {"pdf": folder / "b.pdf"}, overflow=False)
    manifest.save()
    return Manifest.load(folder, folder / "state")


def test_a_brief_never_built_gives_its_reason(tmp_path: Path) -> None:
    assert Manifest(tmp_path, tmp_path / "state").reasons("b", INPUTS, ("pdf",), False) == [
        "not built here before"
    ]


def test_a_recorded_brief_with_the_same_inputs_needs_no_build(tmp_path: Path) -> None:
    manifest = _built(tmp_path / "out")
    assert manifest.reasons("b", dict(INPUTS), ("pdf",), False) == []


def test_each_changed_new_or_dropped_input_is_named(tmp_path: Path) -> None:
    manifest = _built(tmp_path / "out")
    now = {"content content/b.yaml": "zzz", "theme logo.png": "ccc"}
    assert manifest.reasons("b", now, ("pdf",), False) == [
        "content content/b.yaml changed",
        "theme logo.png is new",
        "template onepage/brief.html.j2 no longer read",
    ]


def test_an_output_changed_by_hand_or_missing_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = _built(out)
    (out / "b.pdf").write_bytes(b"%PDF-1.4 edited")  # same size, other bytes
    os.utime(out / "b.pdf", ns=(1, 1))
    assert manifest.reasons("b", dict(INPUTS), ("pdf",), False) == [
        f"{out / 'b.pdf'} is missing or was changed"
    ]
    assert manifest.reasons("b", dict(INPUTS), ("docx",), False) == ["docx not built before"]


def test_a_damaged_manifest_is_read_as_empty(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _built(out)
    Manifest(out, out / "state").path.write_text("{not json")
    assert Manifest.load(out, out / "state").entries == {}


def test_a_shard_keeps_a_manifest_of_its_own() -> None:
    assert file_name() == "manifest.json"
    assert file_name(parse("2/4").tag) == "manifest-2-of-4.json"


def test_a_second_holder_of_the_lock_is_told_who_holds_it(tmp_path: Path) -> None:
    with (
        lock.hold(tmp_path, state=tmp_path / "state"),
        pytest.raises(lock.Busy) as busy,
        lock.hold(tmp_path, state=tmp_path / "state"),
    ):
        pass
    assert f"pid {os.getpid()}" in str(busy.value)


def test_the_lock_is_free_again_after_the_block(tmp_path: Path) -> None:
    with lock.hold(tmp_path, state=tmp_path / "state"):
        pass
    with lock.hold(tmp_path, state=tmp_path / "state"):  # no Busy
        pass


def test_two_shards_hold_the_folder_at_once_but_a_whole_build_waits(tmp_path: Path) -> None:
    with (
        lock.hold(tmp_path, state=tmp_path / "state", shard=parse("1/2")),
        lock.hold(tmp_path, state=tmp_path / "state", shard=parse("2/2")),
    ):
        with pytest.raises(lock.Busy), lock.hold(tmp_path, state=tmp_path / "state"):
            pass
        with (
            pytest.raises(lock.Busy),
            lock.hold(tmp_path, state=tmp_path / "state", shard=parse("1/2")),
        ):
            pass


def test_the_code_recorded_is_all_of_briefgen_not_only_regeneration() -> None:
    from briefgen.regen.keys import PACKAGE, code_files

    names = {p.relative_to(PACKAGE).as_posix() for p in code_files()}
    assert {"writers/md.py", "layout/fit.py", "render/sandbox.py", "regen/build.py"} <= names
    assert "dataclass_code/__init__.py" in names  # how classes are made is code
    assert code_files() == sorted(PACKAGE.rglob("*.py"))  # every module, in a stable order


def test_the_code_digest_changes_with_a_modules_name_or_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.regen import keys

    (tmp_path / "a-b").mkdir()
    (tmp_path / "a").mkdir()
    for name in ("a-b/x.py", "a/x.py", "z.py"):
        (tmp_path / name).write_text(f"# {name}\n")
    (tmp_path / "a" / "data.bin").write_bytes(b"not code")
    monkeypatch.setattr(keys, "PACKAGE", tmp_path)
    # the order of Path's parts, as the digest always took them ("a" before "a-b")
    assert keys.code_files() == sorted(tmp_path.rglob("*.py"))
    assert keys.modules() == ["a/x.py", "a-b/x.py", "z.py"]
    first = keys.software.__wrapped__()["briefgen"]
    (tmp_path / "z.py").rename(tmp_path / "y.py")  # the same bytes, another name
    moved = keys.software.__wrapped__()["briefgen"]
    (tmp_path / "y.py").write_text("# changed\n")
    changed = keys.software.__wrapped__()["briefgen"]
    assert len({first, moved, changed}) == 3
