"""A loopback HTTP server for fetch tests: routes of bytes or behaviours, never the internet."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = tuple[int, dict[str, str], bytes]
Behaviour = Callable[[BaseHTTPRequestHandler], Reply | None]


@dataclass
class Site:
    """What the server answers: ``routes`` maps a path to a reply or a behaviour (a function of the
    request that returns a reply, or writes its own answer and returns None)."""

    routes: dict[str, Reply | Behaviour] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (200, {"Content-Type": content_type, **headers}, data)


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes; no 40 ms delayed-ACK stall

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        path = self.path
        with self.site.lock:
            self.site.hits[path] += 1
            self.site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.site.routes.get(path)
        if route is None:
            return self._send(404, {"Content-Type": "text/plain"}, b"not found")
        reply = route(self) if callable(route) else route
        if reply is not None:
            self._send(*reply)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if not any(k.lower() == "content-length" for k in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class LoopbackServer:
    """``with LoopbackServer(site) as server: server.url("/feed.xml")``, on 127.0.0.1 only."""

    def __init__(self, site: Site, host: str = "127.0.0.1") -> None:
        handler = type("Handler", (_Handler,), {"site": site})
        self.site = site
        self._server = _Server((host, 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path


def slow(seconds_per_byte: float, body: bytes) -> Behaviour:
    """A server that trickles its body one byte at a time."""

    def behave(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for b in body:
            try:
                h.wfile.write(bytes([b]))
                h.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return
            time.sleep(seconds_per_byte)

    return behave


def huge_length(h: BaseHTTPRequestHandler) -> Reply:
    """Declares 5 GB, sends a few bytes."""
    return 200, {"Content-Type": "text/html", "Content-Length": str(5 * 1024**3)}, b"<html>"


def gzip_bomb(expanded: int) -> Reply:
    """A small gzip body that expands to ``expanded`` bytes."""
    body = gzip.compress(b"\0" * expanded, compresslevel=9)
    return 200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body


def once_then(first: Reply, then: Reply) -> Behaviour:
    """The first request gets ``first`` (e.g. a 429), every later one ``then``."""
    seen = []

    def behave(h: BaseHTTPRequestHandler) -> Reply:
        seen.append(1)
        return first if len(seen) == 1 else then

    return behave


def conditional(etag: str, reply: Reply) -> Behaviour:
    """Answers 304 when the client sends ``If-None-Match: etag``."""

    def behave(h: BaseHTTPRequestHandler) -> Reply:
        if h.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        status, headers, body = reply
        return status, {**headers, "ETag": etag}, body

    return behave
