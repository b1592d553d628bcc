"""A local server of synthetic news feeds for ``eventwire bench watch`` (never the internet).

    python -m eventwire_bench.feedserver --feeds 200 --items 20   # prints "port N", then serves

``/feeds/<i>.xml`` answers with an ETag and Last-Modified and honours If-None-Match (304);
``/plain/<i>.xml`` sends the same feed without validators, as servers that ignore conditional
requests do; ``/robots.txt`` allows everything.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["feed_xml", "main"]

_LAST_MODIFIED = "Tue, 02 Dec 2025 08:00:00 GMT"


def feed_xml(index: int, items: int) -> bytes:
    """RSS 2.0 feed number ``index`` with ``items`` entries of a few sentences each."""
    entries = "".join(
        f"<item><title>Dépêche {index}-{n}</title><link>http://127.0.0.1/article/{index}/{n}</link>"
        f"<guid>urn:bench:{index}:{n}</guid><pubDate>Tue, 02 Dec 2025 0{n % 10}:00:00 GMT</pubDate>"
        f"<description>Des affrontements ont eu lieu près de Ménaka, selon une source locale "
        f"({index}, {n}). Le bilan n'est pas connu.</description></item>"
        for n in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
        f"<channel><title>Outlet {index}</title>"
        f"<link>http://127.0.0.1/</link><description>bench</description>{entries}</channel></rss>"
    ).encode()


def _handler(items: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind, _, name = self.path.strip("/").partition("/")
            if self.path == "/robots.txt":
                return self._send(200, b"User-agent: *\nAllow: /\n", {})
            if (
                kind not in ("feeds", "plain")
                or not name.endswith(".xml")
                or not name[:-4].isdigit()
            ):
                return self._send(404, b"not found", {})
            body = feed_xml(int(name[:-4]), items)
            if kind == "plain":
                return self._send(200, body, {"content-type": "application/rss+xml"})
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("if-none-match") == etag:
                return self._send(304, b"", {"etag": etag})
            return self._send(
                200,
                body,
                {
                    "content-type": "application/rss+xml",
                    "etag": etag,
                    "last-modified": _LAST_MODIFIED,
                },
            )

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


def main(argv: list[str] | None = None) -> None:
    """Serve on 127.0.0.1 (``--port 0``: a free port), print ``port N``, serve until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--items", type=int, default=20)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _handler(args.items))
    print(f"port {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
