"""--shard I/N: stable shares of the briefs, for machines that split a set without a coordinator."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefgen.regen import shard
from conftest import listing, run, start, state_of

LIMIT = 60.0  # seconds any one wait may take before the test gives up (not a timing assert)
NAMES = [f"brief-{i:03}" for i in range(300)] + ["India", "japan-philippines", "a.b", "तेजस"]


def brief_text(i: int) -> str:
    return f"title: Brief {i}\ndate: 2025-07-01\nsummary: Summary {i}\n"


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7])
def test_the_shards_of_a_set_are_disjoint_and_together_hold_all_of_it(count: int) -> None:
    paths = [Path("content") / f"{n}.yaml" for n in NAMES]
    shards = [shard.Shard(i, count).pick(paths) for i in range(1, count + 1)]
    assert sorted(itertools.chain(*shards)) == sorted(paths)
    for a, b in itertools.combinations(shards, 2):
        assert not set(a) & set(b)
    if count > 1:
        assert all(shards)  # 304 briefs leave no shard empty


def test_a_brief_stays_in_its_shard_when_other_files_come_and_go() -> None:
    paths = [Path(f"{n}.yaml") for n in NAMES]
    before = {p: i for i in range(1, 5) for p in shard.Shard(i, 4).pick(paths[:100])}
    more = paths[:50] + [Path("new-one.yaml"), Path("another.json")] + paths[50:]
    after = {p: i for i in range(1, 5) for p in shard.Shard(i, 4).pick(more)}
    assert {p: after[p] for p in before} == before


def test_a_brief_is_in_the_same_shard_in_any_folder_and_on_any_machine() -> None:
    # a fixed hash of the output name, not of the path or of Python's salted hash()
    assert shard.number("us-india-defence", 4) == shard.number("us-india-defence", 4)
    assert shard.Shard(shard.number("x", 4), 4).pick([Path("a/x.yaml"), Path("/b/x.json")]) == [
        Path("a/x.yaml"),
        Path("/b/x.json"),
    ]
    names = ["us-india-defence", "japan-philippines", "india", "kenya", "poland", "brief-0002"]
    assert [shard.number(n, 4) for n in names] == [2, 2, 4, 3, 2, 1]  # the same in every release


@pytest.mark.parametrize(
    ("text", "expected"), [("1/1", (1, 1)), ("2/4", (2, 4)), (" 3 / 8 ", (3, 8))]
)
def test_a_shard_is_written_i_of_n(text: str, expected: tuple[int, int]) -> None:
    found = shard.parse(text)
    assert (found.index, found.count) == expected
    assert found.tag == f"{expected[0]}-of-{expected[1]}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0/4", "'0/4': the shard must be 1 to 4 (shards count from 1)"),
        ("5/4", "'5/4': the shard must be 1 to 4 (shards count from 1)"),
        ("1/0", "'1/0': the number of shards must be 1 to 10,000"),
        ("2", "'2' is not a shard; write I/N, e.g. 2/4 for the second of four"),
        ("a/b", "'a/b' is not a shard; write I/N, e.g. 2/4 for the second of four"),
        ("-1/4", "'-1/4' is not a shard; write I/N, e.g. 2/4 for the second of four"),
    ],
)
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_bad_shard_is_a_usage_error(
    brief: Callable[..., Path], command: str, value: str, message: str
) -> None:
    brief(brief_text(1))
    result = run(command, "--shard", value)
    assert result.exit_code == 2
    assert f"Invalid value for '--shard': {message}" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def briefs(project: Path) -> list[str]:
    names = [f"b{i:02}" for i in range(10)]
    for i, name in enumerate(names):
        (project / "content" / f"{name}.yaml").write_text(brief_text(i))
    return names


def output_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def test_two_shards_into_one_folder_write_the_files_of_one_whole_build(
    project: Path, briefs: list[str]
) -> None:
    whole = run("build", "-o", "whole", "--jobs", "1")
    assert whole.exit_code == 0, whole.output
    first = run("build", "-o", "split", "--shard", "1/2", "--jobs", "1")
    second = run("build", "-o", "split", "--shard", "2/2", "--jobs", "1")
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert output_files(project / "split") == output_files(project / "whole")
    lines = first.output.splitlines() + second.output.splitlines()
    assert sorted(line.replace("split/", "whole/") for line in lines) == sorted(
        whole.output.splitlines()
    )
    assert first.output and second.output  # each built some of them
    state = sorted(p.name for p in state_of(project, "split").iterdir())
    assert "manifest-1-of-2.json" in state and "manifest-2-of-2.json" in state
    assert "manifest.json" not in state
    # each shard knows its own briefs: run again, nothing is built
    again = run("build", "-o", "split", "--shard", "2/2")
    assert again.exit_code == 0
    assert again.output.startswith("up to date: ")


def test_validate_checks_only_its_shard(project: Path, briefs: list[str]) -> None:
    checked = []
    for i in (1, 2, 3):
        result = run("validate", "--shard", f"{i}/3")
        assert result.exit_code == 0
        checked += [line.split()[1] for line in result.output.splitlines()]
    assert sorted(checked) == [f"content/{n}.yaml" for n in briefs]


def test_an_empty_shard_says_so_and_succeeds(brief: Callable[..., Path], project: Path) -> None:
    brief(brief_text(1), "b01.yaml")
    index = 1 if shard.number("b01", 2) == 2 else 2
    result = run("build", "--shard", f"{index}/2")
    assert result.exit_code == 0
    assert result.output == f"shard {index}/2 holds none of these briefs\n"
    assert not (project / "out").exists() or listing(project / "out") == []


def test_a_shard_removes_only_its_own_stale_temporary_files(
    project: Path, briefs: list[str]
) -> None:
    mine = [n for n in briefs if shard.number(n, 2) == 1]
    theirs = [n for n in briefs if shard.number(n, 2) == 2]
    out = project / "out"
    out.mkdir()
    state_of(project).mkdir(parents=True)
    stale_mine = [
        out / f".{mine[0]}.pdf.abcdefgh.tmp",
        state_of(project) / ".manifest-1-of-2.json.abcdefgh.tmp",
    ]
    stale_theirs = [
        out / f".{theirs[0]}.docx.abcdefgh.tmp",
        state_of(project) / f".{theirs[0]}.current.json.abcdefgh.tmp",
    ]
    for path in stale_mine + stale_theirs:
        path.write_bytes(b"half")
    assert run("build", "--shard", "1/2").exit_code == 0
    assert not any(p.exists() for p in stale_mine)
    assert all(p.exists() for p in stale_theirs)  # shard 2 may be writing them right now
    assert run("build").exit_code == 0  # a whole build holds the folder: all are stale
    assert not any(p.exists() for p in stale_theirs)


# --- shards at the same time ------------------------------------------------------------


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def holding(project: Path, name: str) -> Callable[[], bool]:
    """Whether a build has written its pid into the lock file `name`."""
    path = state_of(project) / name

    def check() -> bool:
        try:
            return "pid" in json.loads(path.read_text() or "{}")
        except (OSError, ValueError):
            return False

    return check


def test_shards_build_into_one_folder_at_once_and_keep_a_whole_build_out(
    project: Path, briefs: list[str]
) -> None:
    first = start(project, "build", "--shard", "1/2", "--jobs", "1", pause=0.3)
    wait_for(holding(project, "lock-1-of-2"), "shard 1/2 to start")
    second = start(project, "build", "--shard", "2/2", "--jobs", "1", pause=0.3)
    wait_for(holding(project, "lock-2-of-2"), "shard 2/2 to start")
    assert first.poll() is None and second.poll() is None  # both at once
    whole = run("build")
    assert whole.exit_code == 75
    assert whole.output.startswith("error: out is being built by pid ")
    assert " as shard " in whole.output
    same = run("build", "--shard", "1/2")
    assert same.exit_code == 75
    assert f"out is being built by pid {first.pid} on " in same.output
    assert same.output.rstrip().endswith("as shard 1/2; try again later, or use --wait")
    other_count = run("build", "--shard", "1/3")
    assert other_count.exit_code == 75
    assert "(shards that share a folder must use the same count)" in other_count.output
    for proc in (first, second):
        _, err = proc.communicate(timeout=LIMIT)
        assert proc.returncode == 0, err
    assert listing(project / "out") == sorted(f"{n}.{s}" for n in briefs for s in ("docx", "pdf"))
    assert list((project / "out").rglob("*.tmp")) == []


def test_a_shard_waits_for_a_whole_build_with_wait(project: Path, briefs: list[str]) -> None:
    whole = start(project, "build", "--jobs", "1", pause=0.1)
    wait_for(holding(project, "lock"), "the whole build to start")
    waiter = start(project, "build", "--shard", "1/2", "--force", "--wait")
    _, err = waiter.communicate(timeout=LIMIT)
    assert waiter.returncode == 0, err
    assert err.startswith(f"waiting: out is being built by pid {whole.pid} on ")
    whole.communicate(timeout=LIMIT)
    assert whole.returncode == 0
