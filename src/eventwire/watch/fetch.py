"""Polite HTTP for the watcher: one request at a time per host, a minimum interval between
two requests to a host, robots.txt respected, timeouts, retries with back-off, conditional GETs.

    with httpx.Client() as client:
        fetcher = Fetcher(client, FetchOptions(min_interval_s=1.0))
        page = fetcher.get("https://www.rfi.fr/fr/afrique/rss", etag=None, last_modified=None)

The client is passed in (tests and the bench hand in their own); the per-host gates and the
robots.txt cache live on the Fetcher, never at module level.
"""

from __future__ import annotations

import random
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

__all__ = ["USER_AGENT", "FetchOptions", "Fetched", "Fetcher"]

USER_AGENT = "eventwire-watch/0.1 (+https://github.com/eventwire; news monitoring)"
#: Answers worth retrying: the server is busy or briefly broken (RFC 9110, RFC 6585).
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Timeouts (s), retries and pacing; the defaults suit public news sites."""

    timeout_s: float = 20.0
    retries: int = 2
    backoff_s: float = 2.0  # first wait; doubled after each retry, with jitter
    max_wait_s: float = 120.0  # longest Retry-After honoured before giving up on this poll
    min_interval_s: float = 1.0  # between two requests to one host
    max_bytes: int = 16 * 1024 * 1024
    robots_ttl_s: float = 24 * 3600


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one GET gave: a status and body, or an error line; the URL after redirects."""

    url: str
    status: int | None
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None
    attempts: int = 1
    retry_after_s: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Gate:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0


class Fetcher:
    """GETs through one httpx client, polite per host; safe to share between threads."""

    def __init__(
        self,
        client: httpx.Client,
        options: FetchOptions = FetchOptions(),
        *,
        stop: threading.Event | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.options = options
        self.stop = stop or threading.Event()
        self.clock = clock
        self._gates: dict[str, _Gate] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._lock = threading.Lock()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` (conditionally when given a validator), retrying what is worth retrying."""
        if not self.allowed(url):
            return Fetched(url, None, error="disallowed by robots.txt")
        headers = {"user-agent": USER_AGENT}
        if etag:
            headers["if-none-match"] = etag
        if last_modified:
            headers["if-modified-since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            got = self._once(url, headers, attempt)
            if attempt > self.options.retries or not _retryable(got) or self.stop.is_set():
                return got
            wait = self._wait(got, attempt)
            if wait is None or self.stop.wait(wait):
                return got

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets eventwire fetch ``url`` (read once per host and TTL)."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            cached = self._robots.get(host)
        if cached is None or self.clock() > cached[0]:
            parser, ttl = self._read_robots(host)
            cached = (self.clock() + ttl, parser)
            with self._lock:
                self._robots[host] = cached
        parser = cached[1]
        return True if parser is None else parser.can_fetch(USER_AGENT, url)

    def _read_robots(self, host: str) -> tuple[urllib.robotparser.RobotFileParser | None, float]:
        """The host's rules and how long to keep them. RFC 9309: a missing robots.txt (4xx)
        allows everything; an unreachable one (5xx, network error) disallows everything, and
        is asked again after a minute rather than after a whole TTL."""
        got = self._once(f"{host}/robots.txt", {"user-agent": USER_AGENT}, 1)
        if got.status is not None and 400 <= got.status < 500:
            return None, self.options.robots_ttl_s
        parser = urllib.robotparser.RobotFileParser()
        if got.status != 200:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser, 60.0
        parser.parse(got.content.decode("utf-8", errors="replace").splitlines())
        return parser, self.options.robots_ttl_s

    def _once(self, url: str, headers: dict[str, str], attempt: int) -> Fetched:
        """One request, after the host's gate lets it through."""
        gate = self._gate(urlsplit(url).netloc.lower())
        with gate.lock:
            pause = gate.last + self.options.min_interval_s - self.clock()
            if pause > 0 and self.stop.wait(pause):
                return Fetched(url, None, error="stopped", attempts=attempt)
            try:
                return self._request(url, headers, attempt)
            finally:
                gate.last = self.clock()

    def _request(self, url: str, headers: dict[str, str], attempt: int) -> Fetched:
        try:
            with self.client.stream(
                "GET", url, headers=headers, timeout=self.options.timeout_s, follow_redirects=True
            ) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.options.max_bytes:
                        return Fetched(
                            str(response.url),
                            response.status_code,
                            attempts=attempt,
                            error=f"larger than {self.options.max_bytes:,} bytes",
                        )
        except httpx.TimeoutException:
            return Fetched(
                url, None, error=f"timeout after {self.options.timeout_s:g} s", attempts=attempt
            )
        except httpx.HTTPError as err:
            return Fetched(url, None, error=f"{type(err).__name__}: {err}"[:200], attempts=attempt)
        status = response.status_code
        return Fetched(
            url=str(response.url),
            status=status,
            content=bytes(body),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type"),
            error=None if status in (200, 304) else f"HTTP {status}",
            attempts=attempt,
            retry_after_s=retry_after_s(response.headers.get("retry-after")),
        )

    def _gate(self, host: str) -> _Gate:
        with self._lock:
            return self._gates.setdefault(host, _Gate())

    def _wait(self, got: Fetched, attempt: int) -> float | None:
        """Seconds to wait before the next attempt; None when Retry-After asks for too long."""
        backoff = self.options.backoff_s * 2 ** (attempt - 1) * (1 + 0.25 * random.random())
        wait = max(backoff, got.retry_after_s or 0.0)
        return wait if wait <= self.options.max_wait_s else None


def retry_after_s(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _retryable(got: Fetched) -> bool:
    if got.status is None:
        return got.error is not None and got.error.startswith(
            ("timeout", "ConnectError", "ReadError", "RemoteProtocolError")
        )
    return got.status in _RETRY_STATUS
