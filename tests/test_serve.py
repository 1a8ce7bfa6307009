"""serve: read-only, refuses what it does not offer, keeps the last good page under an
error, makes again only what a change touches, writes nothing, and stops cleanly."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefgen import project as projects
from briefgen.errors import BriefgenError
from briefgen.serve import watching
from briefgen.serve.briefs import Briefs
from briefgen.serve.server import CSP, bind
from conftest import EXAMPLE
from serving import request, serve_process, served

BRIEF = "title: Plain brief\ndate: 2025-07-01\nsummary: First line.\n"
LONG = "title: Plain brief\ndate: 2025-07-01\nsummary: " + "A longer line of text. " * 60 + "\n"


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*")
    }


def test_methods_other_than_get_and_head_are_refused_with_405(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(BRIEF)
    with served(project) as s:
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"):
            answer = s.get("/brief/b", method)
            assert answer.status == 405, method
            assert answer.headers["Allow"] == "GET, HEAD"
        head = s.get("/brief/b", "HEAD")
        assert head.status == 200 and head.body == b""
        assert int(head.headers["Content-Length"]) > 0


NOT_OFFERED = (
    "/briefgen.toml",
    "/content/b.yaml",
    "/static/../briefgen.toml",
    "/static/%2e%2e/briefgen.toml",
    "/static/..%2fbriefgen.toml",
    "/brief/..%2f..%2fbriefgen.toml",
    "/brief/b/../../briefgen.toml",
    "/brief/b/%2e%2e%2f%2e%2e%2fbriefgen.toml",
    "/brief/%ff",
    "//etc/passwd",
    "/static/serve.py",
    "/static/",
    "/brief/b/b.yaml",
    "/brief/nosuch",
    "http://127.0.0.1/../briefgen.toml",
)


def test_anything_but_what_serve_offers_is_not_found(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(BRIEF)
    with served(project) as s:
        for path in NOT_OFFERED:
            answer = s.get(path)
            assert answer.status == 404, path
            assert b"Plain brief" not in answer.body and b"summary" not in answer.body, path


def test_a_host_header_that_names_another_site_is_refused(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(BRIEF)
    with served(project) as s:
        port = s.port
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "", "x:"):
            assert s.get("/", host=host).status == 400, host
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            assert s.get("/", host=host).status == 200, host


def test_a_server_on_every_address_takes_addresses_but_not_names() -> None:
    server = bind("127.0.0.1", 0, next_free=False)
    try:
        server.host, port = "0.0.0.0", server.port
        assert server.allows(f"192.0.2.7:{port}")
        assert not server.allows(f"rebound.example:{port}")
    finally:
        server.server_close()


def test_every_answer_carries_the_strict_policy_and_nosniff(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(BRIEF)
    with served(project) as s:
        answers = [
            s.get(p) for p in ("/", "/brief/b", "/brief/b/page.png", "/static/serve.js", "/nope")
        ]
        answers += [s.get("/", "POST"), s.get("/", host="evil.example")]
    for answer in answers:
        assert answer.headers["Content-Security-Policy"] == CSP
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in CSP and "script-src 'self'" in CSP
    assert answers[2].headers["Content-Type"] == "image/png" and answers[2].body[:4] == b"\x89PNG"


def test_text_from_content_is_escaped_in_the_pages(
    brief: Callable[..., Path], project: Path
) -> None:
    brief("title: '<script>alert(1)</script> & \"x\"'\nsummary: S\n", name="x.yaml")
    with served(project) as s:
        pages = s.get("/").text + s.get("/brief/x").text
    assert "<script>alert" not in pages
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in pages
    assert pages.startswith("<!doctype html>")


def test_a_page_shows_the_fit_and_the_changes_since_the_edition_published(
    brief: Callable[..., Path], project: Path
) -> None:
    from conftest import run

    path = brief(BRIEF + "next_steps:\n  - action: Sign the roadmap\n    status: planned\n")
    assert run("build", "--publish").exit_code == 0  # what readers have seen
    path.write_text(
        path.read_text() + "  - action: Open a second line\n    status: planned\n",
        encoding="utf-8",
    )
    with served(project) as s:
        state = json.loads(s.get("/brief/b/state.json").body)
        page = s.get("/brief/b").text
    assert f", {state['fit']})" in run("validate").output  # as a build would fit it
    assert state["changes"] == ["new step: Open a second line"]
    assert state["fit"] in page and "new step: Open a second line" in page


def test_a_broken_brief_keeps_its_last_good_picture_beneath_the_error(
    brief: Callable[..., Path], project: Path
) -> None:
    path = brief(BRIEF)
    briefs = Briefs(lambda: projects.find(project))
    briefs.refresh()
    good = briefs.get("b")
    assert good is not None and good.picture is not None and good.error is None
    path.write_text("title: [unclosed\n", encoding="utf-8")
    [(line, err)] = briefs.refresh({path})
    broken = briefs.get("b")
    assert broken is not None and err and line == f"error: {broken.error}"  # as on the console
    assert broken.error is not None and broken.error.startswith("content/b.yaml:1:8: invalid YAML")
    _error, *shown = broken.error.splitlines()  # the error, then its line and a caret
    assert len(shown) == 2 and all(s.startswith("  ") for s in shown)
    assert "Traceback" not in broken.error
    assert broken.picture is good.picture and broken.good == good.version < broken.version
    path.write_text(LONG, encoding="utf-8")
    briefs.refresh({path})
    fixed = briefs.get("b")
    assert fixed is not None and fixed.error is None and fixed.good == fixed.version
    assert fixed.picture is not None and fixed.picture.fit != good.picture.fit


def test_a_brief_that_stops_loading_still_follows_the_files_it_read(
    brief: Callable[..., Path], project: Path
) -> None:
    shared = project / "content" / "_desk.yaml"
    shared.write_text("prepared_by: Desk\n", encoding="utf-8")
    path = brief("include: _desk.yaml\n" + BRIEF)
    briefs = Briefs(lambda: projects.find(project))
    briefs.refresh()
    path.write_text("include: _desk.yaml\ntitle: [unclosed\n", encoding="utf-8")
    briefs.refresh({path})
    assert shared.resolve() in briefs.reads()[path.resolve()]  # fixing it must wake the brief


def test_only_briefs_that_read_a_changed_file_are_made_again(
    brief: Callable[..., Path], project: Path
) -> None:
    a, _ = brief(BRIEF, name="a.yaml"), brief(BRIEF, name="b.yaml")
    briefs = Briefs(lambda: projects.find(project))
    briefs.refresh()
    versions = {e.name: e.version for e in briefs.entries()}
    a.write_text(LONG, encoding="utf-8")
    briefs.refresh({a})
    after = {e.name: e.version for e in briefs.entries()}
    assert after["a"] > versions["a"] and after["b"] == versions["b"]
    (project / "briefgen.toml").write_text("[theme]\nbase_size = 9\n", encoding="utf-8")
    briefs.refresh({project / "briefgen.toml"})  # no brief's own: every brief
    assert all(e.version > after[e.name] for e in briefs.entries())


def test_a_broken_briefgen_toml_is_every_briefs_error(
    brief: Callable[..., Path], project: Path
) -> None:
    brief(BRIEF)
    briefs = Briefs(lambda: projects.find(project))
    briefs.refresh()
    (project / "briefgen.toml").write_text("colour = 1\n", encoding="utf-8")
    briefs.refresh({project / "briefgen.toml"})
    [entry] = briefs.entries()
    assert entry.error == briefs.problem
    assert entry.error is not None and entry.error.startswith("briefgen.toml: colour: unknown")
    assert entry.picture is not None


def test_serving_and_every_download_write_nothing_in_the_project(
    brief: Callable[..., Path], project: Path
) -> None:
    shutil.copy(EXAMPLE, project / "content")
    before = _tree(project)
    with served(project) as s:
        pdf = s.get("/brief/us-india-defence/brief.pdf")
        docx = s.get("/brief/us-india-defence/brief.docx")
        for path in ("/", "/brief/us-india-defence", "/brief/us-india-defence/page.png"):
            assert s.get(path).status == 200
    assert _tree(project) == before
    assert pdf.body.startswith(b"%PDF") and docx.body.startswith(b"PK")
    assert pdf.headers["Content-Disposition"].startswith(
        'attachment; filename="us-india-defence.pdf"'
    )


def test_a_taken_default_port_moves_on_and_a_chosen_one_is_an_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BriefgenError, match=f"port {port} is in use; choose another"):
            bind("127.0.0.1", port, next_free=False)
        try:
            server = bind("127.0.0.1", port, next_free=True)
        except BriefgenError:
            pytest.skip("the ports after a free one are taken too")
        assert server.port > port
        server.server_close()


def test_the_event_stream_announces_each_new_version(
    brief: Callable[..., Path], project: Path
) -> None:
    path = brief(BRIEF)
    with served(project) as s:
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
        conn.request("GET", "/events")
        stream = conn.getresponse()
        assert stream.headers["Content-Type"] == "text/event-stream"

        def event() -> dict[str, object]:
            while not (line := stream.fp.readline()).startswith(b"data:"):
                pass
            data: dict[str, object] = json.loads(line[5:])
            return data

        first = event()
        path.write_text(LONG, encoding="utf-8")
        s.briefs.refresh({path})
        made = time.monotonic()
        second = event()
        waited = time.monotonic() - made
        conn.close()
    assert first["briefs"] == {"b": 1} and second["briefs"] == {"b": 2}
    assert waited < 10  # at once, not at the next keep-alive (15 s)


def test_a_save_is_seen_through_file_events(brief: Callable[..., Path], project: Path) -> None:
    path = brief(BRIEF)
    seen: list[set[Path]] = []
    stop = threading.Event()
    briefs = Briefs(lambda: projects.find(project))
    briefs.refresh()
    start = watching.targets((), briefs.reads())

    def changed(files: set[Path], _now: watching.Targets) -> watching.Targets:
        seen.append(files)
        stop.set()
        return start

    thread = threading.Thread(target=watching.run, args=(start, changed, stop, print))
    thread.start()
    try:
        time.sleep(0.3)  # the watch is set up
        (project / "README.md").write_text("no brief reads this", encoding="utf-8")
        path.write_text(LONG, encoding="utf-8")
        thread.join(timeout=20)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert seen and seen[0] == {path.resolve()}  # README.md is no brief's


def test_where_file_events_cannot_be_had_it_looks_at_the_files_instead(
    brief: Callable[..., Path], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = brief(BRIEF)

    def no_events(*args: Any, **kw: Any) -> Any:
        raise OSError("OS file watch limit reached")  # as watchfiles says it

    monkeypatch.setattr(watching.watchfiles, "watch", no_events)
    notices: list[str] = []
    seen: list[set[Path]] = []
    stop = threading.Event()
    start = watching.targets((), {path.resolve(): frozenset({path.resolve()})})

    def changed(files: set[Path], _now: watching.Targets) -> watching.Targets:
        seen.append(files)
        stop.set()
        return start

    thread = threading.Thread(target=watching.run, args=(start, changed, stop, notices.append))
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not notices and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the first look has been taken
        path.write_text(LONG, encoding="utf-8")
        thread.join(timeout=20)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert notices == [
        "cannot watch for file events (OS file watch limit reached); looking every 0.1 s"
    ]
    assert seen and path.resolve() in seen[0]


def test_serve_watches_the_folders_of_what_briefs_read_and_no_others(
    brief: Callable[..., Path], project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = brief(BRIEF).resolve()
    root = project.resolve()
    (root / "templates" / "mine" / "parts").mkdir(parents=True)
    for folder in ("out", ".venv/lib", "content/archive"):
        (root / folder).mkdir(parents=True)
    elsewhere = tmp_path_factory.mktemp("tables").resolve() / "t.csv"
    elsewhere.write_text("a\n", encoding="utf-8")
    found = watching.targets((), {source: frozenset({source, elsewhere})})
    assert {root, root / "content", elsewhere.parent} <= found.folders
    assert {root / "templates", root / "templates" / "mine" / "parts"} <= found.folders
    assert not found.folders & {root / "out", root / ".venv", root / ".venv/lib"}
    assert root / "content" / "archive" not in found.folders  # content is not read from there
    assert found.scope.matters(root / "briefgen.toml") and found.scope.matters(elsewhere)
    assert not found.scope.matters(root / "README.md")
    assert not found.scope.matters(root / "content" / ".b.yaml.swp")


def test_ctrl_c_stops_serving_with_exit_code_130(brief: Callable[..., Path], project: Path) -> None:
    brief(BRIEF)
    served = serve_process(project)
    assert request(served.port, "/").status == 200
    served.proc.send_signal(signal.SIGINT)
    output = served.finish()
    assert served.proc.returncode == 130, output
    assert "stopped serving" in output and "Traceback" not in output
    assert sorted(os.listdir(project)) == ["content"]  # no out/, no .briefgen/


def test_a_brief_that_never_built_shows_its_error_and_nothing_to_download(
    brief: Callable[..., Path], project: Path
) -> None:
    brief("title: [broken\n")
    with served(project) as s:
        page = s.get("/brief/b").text
        picture = s.get("/brief/b/page.png")
    assert "content/b.yaml:1:8: invalid YAML" in page
    assert '<nav id="actions" class="actions" hidden="hidden">' in page
    assert picture.status == 409 and picture.text.startswith("content/b.yaml:1:8: invalid YAML")


def test_an_address_beyond_this_machine_is_warned_about(
    brief: Callable[..., Path], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.serve import loop
    from briefgen.serve.server import Server
    from conftest import run

    brief(BRIEF)
    asked: list[str] = []

    def bind_here(host: str, port: int, *, next_free: bool) -> Server:
        asked.append(host)  # listen on loopback all the same: no test listens beyond it
        return bind("127.0.0.1", 0, next_free=next_free)

    def interrupted(self: Server, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loop, "bind", bind_here)
    monkeypatch.setattr(Server, "serve_forever", interrupted)
    result = run("serve", "--host", "10.1.2.3")
    assert asked == ["10.1.2.3"]
    assert "warning: listening on 10.1.2.3, beyond this machine" in result.output
    assert result.output.rstrip().endswith("stopped serving")
    assert "warning" not in run("serve", "--host", "::1", "--port", "0").output


def test_an_address_it_cannot_listen_on_is_one_line(brief: Callable[..., Path]) -> None:
    from conftest import run

    brief(BRIEF)
    result = run("serve", "--host", "192.0.2.1", "--port", "0")  # not this machine's
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith("error: cannot listen on 192.0.2.1:0: ")  # and why, as the system says


def test_every_page_of_a_two_page_brief_is_shown_one_under_the_next(
    brief: Callable[..., Path], project: Path
) -> None:
    import io

    from PIL import Image

    statements = "".join(
        f"  - speaker: Speaker {i}\n    text: {'A statement that runs on for a while. ' * 12}\n"
        for i in range(14)
    )
    brief(BRIEF + "pages: 2\nkey_statements:\n" + statements)
    brief(BRIEF, "one.yaml")
    with served(project) as s:
        two = Image.open(io.BytesIO(s.get("/brief/b/page.png").body))
        one = Image.open(io.BytesIO(s.get("/brief/one/page.png").body))
        state = json.loads(s.get("/brief/b/state.json").text)
    assert "two pages" in state["fit"], state
    assert two.width == one.width
    gap = round(12 * 110 / 72)
    assert two.height == 2 * one.height + gap
    # the gap is the desk's colour, the pages white around their text
    assert two.getpixel((two.width // 2, one.height + gap // 2))[:3] == (0xEE, 0xF0, 0xF3)
    assert two.getpixel((5, one.height + gap + 5))[:3] == (255, 255, 255)
