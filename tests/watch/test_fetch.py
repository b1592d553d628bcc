"""Polite HTTP against a real local server: validators, redirects, throttling, failures, pacing."""

from __future__ import annotations

import itertools
import threading
import time

import httpx

from eventwire.watch.fetch import USER_AGENT, Fetcher, FetchOptions
from tests.watch.server import Reply, Site


def test_fetch_conditional_get_sends_validators_and_gets_304(site: Site, fetcher: Fetcher) -> None:
    url = site.set(
        "/feed",
        Reply(200, b"<rss/>", {"last-modified": "Tue, 02 Dec 2025 08:00:00 GMT"}, etag='"v1"'),
    )
    first = fetcher.get(url)
    second = fetcher.get(url, etag=first.etag, last_modified=first.last_modified)
    assert (first.status, first.etag, second.status, second.content) == (200, '"v1"', 304, b"")
    sent = site.hits("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 02 Dec 2025 08:00:00 GMT"
    assert sent["user-agent"] == USER_AGENT


def test_fetch_follows_301_to_the_new_address(site: Site, fetcher: Fetcher) -> None:
    site.set("/new", Reply(200, b"moved here"))
    url = site.set("/old", Reply(301, headers={"location": site.url("/new")}))
    got = fetcher.get(url)
    assert (got.status, got.content, got.url) == (200, b"moved here", site.url("/new"))


def test_fetch_retries_429_after_retry_after_then_succeeds(site: Site, fetcher: Fetcher) -> None:
    url = site.set("/busy", Reply(429, headers={"retry-after": "0"}), Reply(200, b"ok"))
    got = fetcher.get(url)
    assert (got.status, got.content, got.attempts) == (200, b"ok", 2)


def test_fetch_gives_up_after_retries_on_500(site: Site, fetcher: Fetcher) -> None:
    url = site.set("/broken", Reply(500, b"oops"))
    got = fetcher.get(url)
    assert (got.ok, got.error, got.attempts, len(site.hits("/broken"))) == (False, "HTTP 500", 3, 3)


def test_fetch_does_not_retry_404(site: Site, fetcher: Fetcher) -> None:
    got = fetcher.get(site.url("/missing"))
    assert (got.error, got.attempts) == ("HTTP 404", 1)


def test_fetch_times_out_on_a_slow_server(site: Site, client: httpx.Client) -> None:
    url = site.set("/slow", Reply(200, b"late", delay=1.5))
    fetcher = Fetcher(client, FetchOptions(timeout_s=0.3, retries=0, min_interval_s=0.0))
    started = time.monotonic()
    got = fetcher.get(url)
    assert got.error == "timeout after 0.3 s"
    assert time.monotonic() - started < 1.2


def test_fetch_respects_robots_txt(site: Site, fetcher: Fetcher) -> None:
    url = site.set("/private/feed", Reply(200, b"secret"))
    assert fetcher.get(url).error == "disallowed by robots.txt"
    assert site.hits("/private/feed") == []


def test_fetch_unreachable_robots_txt_disallows_for_now(site: Site, fetcher: Fetcher) -> None:
    site.set("/robots.txt", Reply(503))
    url = site.set("/feed", Reply(200, b"x"))
    assert fetcher.get(url).error == "disallowed by robots.txt"


def test_fetch_one_request_at_a_time_per_host_with_min_interval(
    site: Site, client: httpx.Client
) -> None:
    paths = [site.set(f"/p{i}", Reply(200, b"x", delay=0.05)) for i in range(6)]
    fetcher = Fetcher(client, FetchOptions(min_interval_s=0.1, retries=0))
    threads = [threading.Thread(target=fetcher.get, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    hits = sorted((r for r in site.requests if r.path.startswith("/p")), key=lambda r: r.at)
    assert site.max_active == 1
    gaps = [b.at - a.done for a, b in itertools.pairwise(hits)]
    assert min(gaps) >= 0.09


def test_fetch_stop_interrupts_the_back_off(site: Site, client: httpx.Client) -> None:
    url = site.set("/down", Reply(503))
    stop = threading.Event()
    fetcher = Fetcher(client, FetchOptions(backoff_s=30, retries=2, min_interval_s=0.0), stop=stop)
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    assert fetcher.get(url).error == "HTTP 503"
    assert time.monotonic() - started < 5
