"""A scriptable HTTP server on 127.0.0.1 for the watcher's tests (a real socket, no mocks).

Each path serves a list of replies in turn (the last one repeats); every request is recorded
with its headers and time, so tests can assert what the watcher sent and how it paced itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    etag: str | None = None  # answer 304 when the request sends If-None-Match: etag


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float
    done: float = 0.0  # set once the answer is written


class Site:
    """Routes and the record of requests; ``base`` is set once the server listens."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.served: dict[str, int] = {}
        self.requests: list[Request] = []
        self.posts: list[tuple[str, bytes]] = []  # (path, body) of every POST (webhooks)
        self.lock = threading.Lock()
        self.base = ""
        self.active = 0
        self.max_active = 0

    def set(self, path: str, *replies: Reply) -> str:
        """Serve ``replies`` at ``path`` (in turn, the last repeating); returns the full URL."""
        with self.lock:
            self.routes[path] = list(replies)
            self.served[path] = 0
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def next_reply(self, path: str) -> Reply:
        with self.lock:
            replies = self.routes.get(path)
            if not replies:
                return Reply(404, b"not found")
            index = min(self.served[path], len(replies) - 1)
            self.served[path] += 1
            return replies[index]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            record = Request(
                self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()
            )
            with (
                site.lock
            ):  # recorded before answering: a test reading it after the answer finds it
                site.requests.append(record)
                site.active += 1
                site.max_active = max(site.max_active, site.active)
            try:
                reply = site.next_reply(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                status, body = reply.status, reply.body
                headers = dict(reply.headers)
                if reply.etag is not None:
                    headers["etag"] = reply.etag
                    if self.headers.get("if-none-match") == reply.etag:
                        status, body = 304, b""
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with site.lock:
                    site.active -= 1
                    record.done = time.monotonic()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            with site.lock:
                site.posts.append((self.path, body))
            reply = site.next_reply(self.path)
            self.send_response(reply.status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """Run a Site on a free loopback port in a thread; robots.txt allows all unless set."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.set("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
