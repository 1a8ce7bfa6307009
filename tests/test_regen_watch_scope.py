"""watch's choices: what it watches, which briefs a change rebuilds, and falling back to polling."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from briefgen.regen import watchers
from briefgen.regen.runner import Options, Summary
from briefgen.regen.watch import Scope, choose, learn, scope_of, watch

LIMIT = 60.0  # seconds to wait for a line before giving up (not a timing assert)
BRIEF = "title: T\ndate: 2025-07-01\nsummary: First\n"


@pytest.fixture
def three(project: Path) -> tuple[Scope, dict[Path, frozenset[Path]], list[Path]]:
    content = (project / "content").resolve()
    a, b, c = (content / f"{n}.yaml" for n in "abc")
    table = content / "pipeline.csv"
    for path in (a, b, c, table):
        path.write_text("x")
    reads = {a: frozenset({a, table}), b: frozenset({b, table}), c: frozenset({c})}
    scope = Scope(frozenset({a, b, c, table}), frozenset({content}), frozenset())
    return scope, reads, [a, b, c, table]


def test_a_table_save_rebuilds_the_briefs_that_read_it_and_no_other(
    three: tuple[Scope, dict[Path, frozenset[Path]], list[Path]],
) -> None:
    scope, reads, (a, b, c, table) = three
    assert choose({table}, reads, scope) == [a, b]
    assert choose({c}, reads, scope) == [c]


def test_a_new_content_file_is_built_alone(
    three: tuple[Scope, dict[Path, frozenset[Path]], list[Path]],
) -> None:
    scope, reads, (a, *_) = three
    new = a.with_name("new.yaml")
    new.write_text("x")
    assert choose({new}, reads, scope) == [new]


def test_a_deleted_brief_or_a_template_change_runs_the_whole_build(
    three: tuple[Scope, dict[Path, frozenset[Path]], list[Path]], project: Path
) -> None:
    scope, reads, (a, b, *_) = three
    b.unlink()
    assert choose({b}, reads, scope) == []
    assert choose({a, project / "templates" / "onepage" / "brief.html.j2"}, reads, scope) == []


def test_editors_temporary_files_do_not_matter(
    three: tuple[Scope, dict[Path, frozenset[Path]], list[Path]],
) -> None:
    scope, _, (a, *_) = three
    content = a.parent
    for name in (".a.yaml.swp", "a.yaml~", "4913", "#a.yaml#", ".#a.yaml", "a.yaml___jb_tmp___"):
        assert not scope.matters(content / name), name
    assert not scope.matters(content / "_shared.yaml")  # an include, not a brief
    assert scope.matters(content / "new.yaml")
    tree = Scope(trees=frozenset({content.parent / "templates"}))
    assert tree.matters(content.parent / "templates" / "mine" / "partials" / "x.html.j2")
    assert not tree.matters(content.parent / "templates" / "mine" / ".x.html.j2.swp")


def test_a_brief_that_fails_to_load_keeps_watching_what_it_read_before(
    three: tuple[Scope, dict[Path, frozenset[Path]], list[Path]],
) -> None:
    _, reads, (a, b, _, table) = three
    learn(reads, Summary(reads={a: (), b: (b, table)}), whole=False)
    assert reads[a] == {a, table}
    learn(reads, Summary(reads={a: (), b: (b,)}), whole=True)  # c is gone; b reads no table
    assert reads == {a: {a, table}, b: {b}}


def test_logos_letterheads_and_fonts_named_by_any_theme_are_watched(project: Path) -> None:
    from briefgen.layout import fonts

    (project / "assets").mkdir()
    (project / "assets" / "face.ttf").write_bytes((fonts.HERE / "Arimo-Regular.ttf").read_bytes())
    docx.Document().save(str(project / "letterhead.docx"))
    folder = project / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin:onepage/brief.html.j2" %}\n')
    (folder / "theme.toml").write_text(
        'reference_docx = "letterhead.docx"\nfont_regular = "assets/face.ttf"\n'
    )
    (project / "logo.png").write_bytes(b"")
    (project / "briefgen.toml").write_text('[theme]\nlogo = "logo.png"\nlogo_alt = "Ministry"\n')
    scope = scope_of((), {}, Scope())
    root = project.resolve()
    named = {root / "letterhead.docx", root / "assets" / "face.ttf", root / "logo.png"}
    assert named <= scope.files
    assert {root, root / "assets"} <= scope.folders()
    assert scope.matters(root / "assets" / "face.ttf")
    assert not scope.matters(root / "assets" / "other.ttf")


def test_watch_falls_back_to_polling_in_one_line_when_file_events_cannot_be_had(
    brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def limit(_folders: list[Path]) -> None:
        raise watchers.CannotWatch("OS file watch limit reached")

    monkeypatch.setattr(watchers, "_start", limit)
    path = brief(BRIEF)
    lines: queue.Queue[str] = queue.Queue()
    thread = threading.Thread(
        target=watch,
        args=((), Options(), lambda line, _err: lines.put(line)),
        kwargs={"interval": 0.05, "max_builds": 2},
        daemon=True,
    )
    thread.start()
    seen = [_expect(lines, "watching ")]
    path.write_text(BRIEF.replace("First", "Second"))
    thread.join(LIMIT)
    assert not thread.is_alive()
    while not lines.empty():
        seen.append(lines.get())
    assert seen[0].endswith(" files every 0.05 s; Ctrl-C stops")
    assert seen[1].endswith(" changed: content/b.yaml")
    assert seen[2].startswith("built out/b.docx, out/b.pdf (")


def _expect(lines: queue.Queue[str], start: str) -> str:
    deadline = time.monotonic() + LIMIT
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if line.startswith(start):
            assert (
                "warning: cannot watch for file events (OS file watch limit reached); "
                "polling every 0.05 s" in seen
            )
            return line
    pytest.fail(f"no line starting {start!r}; saw {seen}")
