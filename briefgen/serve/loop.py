"""serve, start to stop: make the briefs, listen, watch, and end cleanly on Ctrl-C."""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefgen import project as projects
from briefgen.errors import display_path
from briefgen.serve import watching
from briefgen.serve.app import App
from briefgen.serve.briefs import Briefs
from briefgen.serve.libreoffice import LibreOffice
from briefgen.serve.render import DPI
from briefgen.serve.server import Server, bind, is_loopback

Echo = Callable[[str, bool], None]  # a line, and whether it goes to stderr


@dataclass(frozen=True)
class Settings:
    paths: tuple[Path, ...] = ()
    host: str = "127.0.0.1"
    port: int = 8000
    port_given: bool = False  # a --port that is taken is an error, not the next one
    open_browser: bool = False
    as_of: dt.date | None = None


def serve(settings: Settings, echo: Echo) -> None:
    """Serve until interrupted (KeyboardInterrupt propagates, after a clean stop)."""
    server = bind(settings.host, settings.port, next_free=not settings.port_given)
    briefs = Briefs(projects.find, settings.paths, settings.as_of)
    _say(briefs.refresh(), echo)
    if settings.port not in (0, server.port):
        echo(f"port {settings.port} is in use; serving on {server.port}", False)
    if not is_loopback(settings.host):
        echo(
            f"warning: listening on {settings.host}, beyond this machine: anyone who can "
            "reach it can read the briefs",
            True,
        )
    stop = threading.Event()
    with tempfile.TemporaryDirectory(prefix="briefgen-serve-") as scratch:
        server.app = App(briefs, LibreOffice(Path(scratch), DPI))
        watcher = threading.Thread(
            target=_watch, args=(briefs, settings.paths, stop, echo), daemon=True
        )
        watcher.start()
        count = len(briefs.entries())
        echo(
            f"serving {count} brief{'' if count == 1 else 's'} at {server.url}; Ctrl-C stops", False
        )
        if settings.open_browser:
            import webbrowser

            webbrowser.open(server.url)
        try:
            server.serve_forever(poll_interval=0.2)
        finally:
            _stop(server, briefs, stop, watcher)


def _stop(server: Server, briefs: Briefs, stop: threading.Event, watcher: threading.Thread) -> None:
    stop.set()
    server.stopping = True
    briefs.wake()  # event streams end
    server.server_close()
    watcher.join(timeout=2)


def _watch(briefs: Briefs, paths: tuple[Path, ...], stop: threading.Event, echo: Echo) -> None:
    def changed(files: set[Path], now: watching.Targets) -> watching.Targets:
        names = sorted(display_path(p) for p in files)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        echo(f"{time.strftime('%H:%M:%S')} changed: {shown}", False)
        _say(briefs.refresh(files), echo)
        return watching.targets(paths, briefs.reads(), now)

    try:
        start = watching.targets(paths, briefs.reads())
        watching.run(start, changed, stop, lambda line: echo(f"warning: {line}", True))
    except Exception as exc:  # the server goes on; the page no longer follows saves
        echo(f"error: stopped watching files: {type(exc).__name__}: {exc}", True)


def _say(lines: list[tuple[str, bool]], echo: Echo) -> None:
    for line, err in lines:
        echo(line, err)
