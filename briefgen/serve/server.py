"""The HTTP server: the standard library's, made strict.

Why ``http.server``: serve answers one person's browser on this machine, a
few requests a save, from a fixed set of addresses made in memory; what it
needs beyond what the standard library has is a dozen lines of rules (the
Host check, the headers, GET only), so it adds no dependency, no event loop
and no framework to keep up with. ``ThreadingHTTPServer`` gives each
connection a thread, so the event stream waits without holding the others up.

The rules, for every request:

- the ``Host`` header must name this server as the browser reached it
  (127.0.0.1, localhost or the ``--host`` given, and the port): a page
  elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets 400;
- GET and HEAD only: every other method gets 405, and no address writes;
- every answer carries a strict Content-Security-Policy (nothing but this
  server's own script, style and pictures), ``nosniff``, no framing, no
  referrer, and is never cached.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import socket
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.serve.app import App, Response

CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
)
KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream
TRIES = 20  # ports tried after a default one that is taken


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a browser's open event stream does not hold up Ctrl-C

    def __init__(self, address: tuple[str, int], app: App | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, Handler)
        self.app = app
        self.stopping = False
        self.host = address[0]
        self.names = _names(address[0])

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{name}:{self.port}/"

    def allows(self, host: str | None) -> bool:
        """Whether a request's Host header names this server."""
        if not host:
            return False
        name, _, port = host.rpartition(":")
        if port != str(self.port) or not name:
            return False
        name = name.lower().strip("[]")
        if name in self.names:
            return True
        return self.host in ("0.0.0.0", "::") and _is_ip(name)  # every address was asked for

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away is not an error; anything else is one line."""
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"internal error: serving a request: {type(exc).__name__}: {exc}", file=sys.stderr)


def _names(host: str) -> set[str]:
    names = {host.lower().strip("[]")}
    if is_loopback(host):
        names |= {"localhost", "127.0.0.1", "::1"}
    return names


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int, *, next_free: bool) -> Server:
    """A server on host:port; with next_free, the next free port if that one is taken."""
    tried = 0
    while True:
        try:
            return Server((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise BriefgenError(
                    f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                ) from None
            if not next_free or tried >= TRIES or port == 0:
                raise BriefgenError(
                    f"port {port} is in use; choose another with --port (0: any free one)"
                ) from None
        tried += 1
        port += 1


class Handler(BaseHTTPRequestHandler):
    server: Server
    timeout = 30  # a connection that sends nothing is closed

    def version_string(self) -> str:
        return "briefgen"  # not the Python version

    def end_headers(self) -> None:
        for name, value in HEADERS:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the console shows what changed, not each picture fetched."""

    def __getattr__(self, name: str) -> Callable[[], None]:
        if name.startswith("do_"):  # any method but GET and HEAD
            return self._refuse
        raise AttributeError(name)

    def _refuse(self) -> None:
        self._send(Response(405, "text/plain; charset=utf-8", b"read-only: GET only\n",
                            (("Allow", "GET, HEAD"),)))  # fmt: skip

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if not self.server.allows(self.headers.get("Host")):
            self._send(Response(400, "text/plain; charset=utf-8", b"unknown Host\n"))
            return
        app = self.server.app
        if app is None:
            self._send(Response(503, "text/plain; charset=utf-8", b"starting\n"))
        elif self.path.split("?", 1)[0] == "/events" and body:
            self._events(app)
        else:
            self._send(app.get(self.path), body)

    def _send(self, response: Response, body: bool = True) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.kind)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(response.body)

    def _events(self, app: App) -> None:
        """Server-sent events: the briefs' versions now, then at each new generation."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.wfile.write(b"retry: 1000\n\n")
        seen = -1
        while not self.server.stopping:
            generation = app.briefs.wait(seen, KEEP_ALIVE)
            if self.server.stopping:
                break
            if generation == seen:
                self.wfile.write(b": still here\n\n")
            else:
                seen = generation
                data = {
                    "generation": generation,
                    "briefs": {e.name: e.version for e in app.briefs.entries()},
                    "problem": app.briefs.problem,
                }
                line = json.dumps(data, ensure_ascii=False)
                self.wfile.write(f"event: briefs\ndata: {line}\n\n".encode())
            self.wfile.flush()
