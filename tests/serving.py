"""briefgen serve in tests: a server in this process, plain HTTP requests to it, and
serve as a user starts it, in its own process."""

from __future__ import annotations

import contextlib
import http.client
import queue
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefgen import project as projects
from briefgen.serve.app import App
from briefgen.serve.briefs import Briefs
from briefgen.serve.libreoffice import LibreOffice
from briefgen.serve.server import Server, bind
from conftest import start

URL = re.compile(r"serving \d+ briefs? at (http://127\.0\.0\.1:(\d+)/)")


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Served:
    server: Server
    briefs: Briefs

    @property
    def port(self) -> int:
        return self.server.port

    def get(self, path: str, method: str = "GET", host: str | None = None) -> Answer:
        return request(self.port, path, method, host)


def request(port: int, path: str, method: str = "GET", host: str | None = None) -> Answer:
    """One request, sent as written (no normalising of the path); host: the Host header
    (default: the server's own, 127.0.0.1:port; '' sends none)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host != "":
            conn.putheader("Host", host or f"127.0.0.1:{port}")
        conn.endheaders()
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


@contextlib.contextmanager
def served(root: Path) -> Iterator[Served]:
    """The project at root, served in this process on a free port, until the block ends."""
    briefs = Briefs(lambda: projects.find(root))
    briefs.refresh()
    server = bind("127.0.0.1", 0, next_free=False)
    with tempfile.TemporaryDirectory() as scratch:
        server.app = App(briefs, LibreOffice(Path(scratch), 40))
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        try:
            yield Served(server, briefs)
        finally:
            server.stopping = True
            briefs.wake()
            server.shutdown()
            server.server_close()


@dataclass
class Process:
    proc: subprocess.Popen[str]
    url: str
    port: int
    lines: queue.Queue[str]
    readers: list[threading.Thread]

    def finish(self, timeout: float = 30.0) -> str:
        """Once the process has ended, the rest of what it printed (stdout and stderr)."""
        self.proc.wait(timeout=timeout)
        for reader in self.readers:
            reader.join(timeout=timeout)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get_nowait())
        return "".join(rest)

    def line(self, pattern: str, timeout: float = 30.0) -> str:
        """The next line of output that matches pattern."""
        while True:
            line = self.lines.get(timeout=timeout)
            if re.search(pattern, line):
                return line


def serve_process(project: Path, *args: str) -> Process:
    """`briefgen serve --port 0` in its own process, once it prints its address."""
    proc = start(project, "serve", "--port", "0", *args)
    lines: queue.Queue[str] = queue.Queue()

    def read(stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line)

    readers = [
        threading.Thread(target=read, args=(stream,), daemon=True)
        for stream in (proc.stdout, proc.stderr)
    ]
    for reader in readers:
        reader.start()
    seen = []
    while True:
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            raise AssertionError(f"serve did not start: {seen}") from None
        seen.append(line)
        found = URL.search(line)
        if found:
            return Process(proc, found.group(1), int(found.group(2)), lines, readers)
