"""The watcher end to end in this process: real local server, real pipeline, SQLite in tmp_path."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from eventwire.records import Article, Rejection, Result
from eventwire.store.repository import Store
from eventwire.store.tables import articles, events
from eventwire.watch.alerts import Delivery
from eventwire.watch.fetch import Fetcher, FetchOptions
from eventwire.watch.rules import Rule
from eventwire.watch.sources import Source
from eventwire.watch.state import watch_alerts, watch_items, watch_sources
from eventwire.watch.watcher import SourceReport, Watcher, WatchOptions
from tests.watch import pages
from tests.watch.server import Reply, Site

pytestmark = pytest.mark.slow

RULES = (
    Rule("sahel-deadly", countries=("ML", "BF", "NE"), min_fatalities=5),
    Rule("burkina", countries=("BF",)),
)


def _page(site: Site, path: str, title: str, text: str, outlet: str) -> None:
    site.set(
        path,
        Reply(
            200,
            pages.article_page(title, text, published="2025-12-03", site_name=outlet),
            {"content-type": "text/html; charset=utf-8"},
        ),
    )


@pytest.fixture
def news(site: Site) -> list[Source]:
    """Four sources: RSS with a relative link, Atom, a broken feed and a slow server."""
    _page(site, "/articles/menaka.html", "Attaque près de Ménaka", pages.FR_MENAKA, "Sahel Matin")
    _page(site, "/wire/ouaga.html", "Fuel protest in Ouagadougou", pages.EN_OUAGA, "Wire Daily")
    site.set(
        "/feeds/sahel.xml",
        Reply(
            200,
            pages.rss("Sahel Matin", [("urn:sm:1", "/articles/menaka.html", "Ménaka")]),
            {"content-type": "application/rss+xml"},
            etag='"s1"',
        ),
    )
    site.set(
        "/feeds/wire.atom",
        Reply(
            200, pages.atom("Wire Daily", [("tag:wire,1", site.url("/wire/ouaga.html"), "Ouaga")])
        ),
    )
    site.set("/feeds/broken.xml", Reply(200, b"<html><body><p>Maintenance</p></body></html>"))
    site.set("/feeds/slow.xml", Reply(200, pages.rss("Slow", []), delay=3.0))
    return [
        Source("Sahel Matin", site.url("/feeds/sahel.xml"), country="ML"),
        Source("Wire Daily", site.url("/feeds/wire.atom"), language="en"),
        Source("Broken", site.url("/feeds/broken.xml")),
        Source("Slow", site.url("/feeds/slow.xml")),
    ]


class Run:
    """A watcher over one database, its alert output and its status lines."""

    def __init__(
        self, db: Path | str, extract: Callable[[Article], Result | Rejection], client: httpx.Client
    ) -> None:
        self.store = Store.open(db)
        self.out = io.StringIO()
        self.lines: list[str] = []
        fetcher = Fetcher(
            client, FetchOptions(timeout_s=0.5, retries=1, backoff_s=0.05, min_interval_s=0.0)
        )
        self.watcher = Watcher(
            store=self.store,
            fetcher=fetcher,
            extract=extract,
            delivery=Delivery(client, out=self.out),
            rules=RULES,
            options=WatchOptions(map_url="http://map.test"),
            report=self.lines.append,
        )

    def once(self, sources: list[Source]) -> dict[str, SourceReport]:
        self.lines.clear()
        before = len(self.alerts())
        reports = {r.source: r for r in self.watcher.run(sources, once=True)}
        self.new_alerts = self.alerts()[before:]
        return reports

    def alerts(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.out.getvalue().splitlines()]

    def count(self, table: object) -> int:
        with self.store.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


@pytest.fixture
def run(
    tmp_path: Path, extract: Callable[[Article], Result | Rejection], client: httpx.Client
) -> Run:
    return Run(tmp_path / "watch.db", extract, client)


def test_watch_once_stores_new_articles_and_alerts(
    run: Run, news: list[Source], site: Site
) -> None:
    reports = run.once(news)
    assert (reports["Sahel Matin"].stored, reports["Wire Daily"].stored) == (1, 1)
    assert reports["Broken"].line().startswith("Broken: failed (HTTP 200): not an RSS/Atom feed")
    assert reports["Slow"].line().startswith("Slow: failed: timeout after 0.5 s")
    assert run.count(articles) == 2
    assert sorted((a["rule"], a["alert"], a["country"]) for a in run.new_alerts) == [
        ("burkina", "new", "BF"),
        ("sahel-deadly", "new", "ML"),
    ]
    menaka = next(a for a in run.new_alerts if a["rule"] == "sahel-deadly")
    assert (menaka["fatalities"], menaka["place"], menaka["label"]) == (6, "Ménaka", "new event")
    assert menaka["link"] == f"http://map.test/#event={str(menaka['event_id']).replace(':', '%3A')}"
    assert menaka["article"]["url"] == site.url("/articles/menaka.html")  # type: ignore[index]
    assert menaka["article"]["source"] == "Sahel Matin"  # type: ignore[index]


def test_watch_second_once_stores_nothing_and_alerts_nothing(
    run: Run, news: list[Source], site: Site
) -> None:
    run.once(news)
    reports = run.once(news)
    assert run.new_alerts == []
    assert sum(r.stored for r in reports.values()) == 0
    assert reports["Sahel Matin"].status == "not modified"
    assert site.hits("/feeds/sahel.xml")[-1].headers["if-none-match"] == '"s1"'
    assert len(site.hits("/articles/menaka.html")) == 1  # never fetched again
    assert (run.count(articles), run.count(watch_alerts)) == (2, 2)


def test_watch_later_report_with_higher_toll_is_one_labelled_update(
    run: Run, news: list[Source], site: Site
) -> None:
    run.once(news)
    _page(
        site, "/wire/menaka.html", "Nine soldiers killed near Menaka", pages.EN_MENAKA, "Wire Daily"
    )
    site.set(
        "/feeds/wire.atom",
        Reply(
            200,
            pages.atom(
                "Wire Daily",
                [
                    ("tag:wire,2", site.url("/wire/menaka.html"), "Menaka"),
                    ("tag:wire,1", site.url("/wire/ouaga.html"), "Ouaga"),
                ],
            ),
        ),
    )
    run.once(news)
    (update,) = run.new_alerts
    first = next(a for a in run.alerts() if a["rule"] == "sahel-deadly")
    assert (update["alert"], update["rule"], update["story"], update["report"]) == (
        "update",
        "sahel-deadly",
        first["story"],
        "known",
    )
    assert update["label"] == "higher toll: 6 -> 9; new source: Wire Daily"
    assert update["sources"] == ["Sahel Matin", "Wire Daily"]
    run.once(news)
    assert run.new_alerts == []


def test_watch_301_304_429_500_sequence_keeps_other_sources_going(
    run: Run, news: list[Source], site: Site
) -> None:
    feed = pages.rss("Moved", [("urn:m:1", "/articles/menaka.html", "Ménaka")])
    site.set("/feeds/old.xml", Reply(301, headers={"location": site.url("/feeds/new.xml")}))
    site.set(
        "/feeds/new.xml",
        Reply(200, feed, etag='"m1"'),
        Reply(304, etag='"m1"'),
        Reply(429, headers={"retry-after": "0"}),
        Reply(200, feed, etag='"m1"'),
        Reply(500),
    )
    moved = [Source("Moved", site.url("/feeds/old.xml")), news[1]]
    polls = [run.once(moved) for _ in range(4)]
    statuses = [
        (r["Moved"].status, r["Moved"].http, r["Wire Daily"].status, r["Wire Daily"].stored)
        for r in polls
    ]
    assert statuses == [
        ("ok", 200, "ok", 1),
        ("not modified", 304, "ok", 0),
        ("not modified", 304, "ok", 0),
        ("failed", 500, "ok", 0),
    ]
    # poll 3 met a 429 and asked again (Retry-After: 0); poll 4 tried the 500 twice (retries=1)
    assert [h.headers.get("if-none-match") for h in site.hits("/feeds/new.xml")] == [
        None,
        '"m1"',
        '"m1"',
        '"m1"',
        '"m1"',
        '"m1"',
    ]
    with run.store.engine.connect() as connection:
        state = connection.execute(
            select(watch_sources).where(watch_sources.c.name == "Moved")
        ).one()
    assert (state.failures, state.last_status, state.etag) == (1, "HTTP 500", '"m1"')
    assert run.count(watch_items) == 2


def test_watch_page_failing_now_is_retried_next_poll(run: Run, site: Site) -> None:
    site.set(
        "/feeds/f.xml",
        Reply(200, pages.rss("F", [("urn:f:1", "/articles/menaka.html", "Ménaka")]), etag='"f1"'),
    )
    site.set(
        "/articles/menaka.html",
        Reply(503),
        Reply(503),
        Reply(
            200,
            pages.article_page("Ménaka", pages.FR_MENAKA, published="2025-12-03", site_name="F"),
        ),
    )
    source = [Source("F", site.url("/feeds/f.xml"))]
    first = run.once(source)["F"]
    second = run.once(source)["F"]
    assert (first.retry, first.stored, second.stored, second.status) == (1, 0, 1, "ok")
    assert (
        site.hits("/feeds/f.xml")[1].headers.get("if-none-match") is None
    )  # ETag kept back while an item waits


def test_watch_latency_new_item_to_event_and_alert(
    run: Run, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18's target: an article of 5,000 characters is in the store and alerted within 5 s
    of its poll."""
    text = pages.FR_MENAKA + "".join("\n\n" + pages.numbered_text(n) for n in range(30))
    text = text[: text.rindex("\n\n", 0, 5000)]
    source = [Source("Sahel Matin", site.url("/feeds/l.xml"))]
    site.set("/feeds/l.xml", Reply(200, pages.rss("Sahel Matin", [])))
    run.once(source)  # warm: models loaded, the feed known
    _page(site, "/articles/long.html", "Attaque près de Ménaka", text, "Sahel Matin")
    site.set(
        "/feeds/l.xml",
        Reply(200, pages.rss("Sahel Matin", [("urn:l:1", "/articles/long.html", "Ménaka")])),
    )
    started = time.monotonic()
    run.once(source)
    latency = time.monotonic() - started
    with run.store.engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(events)).scalar_one()
    assert stored >= 1 and [a["rule"] for a in run.new_alerts] == ["sahel-deadly"]
    assert len(text) > 4500
    with capsys.disabled():
        print(
            f"\nlatency, new item of {len(text):,} characters -> event stored + alert: "
            f"{latency:.2f} s"
        )
    assert latency <= 5.0


def test_watch_alerts_go_to_a_webhook_and_a_file(
    tmp_path: Path,
    extract: Callable[[Article], Result | Rejection],
    client: httpx.Client,
    news: list[Source],
    site: Site,
) -> None:
    site.set("/hook", Reply(500), Reply(204))  # the first POST fails, its retry succeeds
    path = tmp_path / "alerts.jsonl"
    run = Run(tmp_path / "w.db", extract, client)
    run.watcher.rules = (Rule("mali", countries=("ML",), to=(site.url("/hook"), f"file:{path}")),)
    run.once(news[:1])
    (posted,) = {body for p, body in site.posts if p == "/hook"}
    alert = json.loads(posted)
    assert (alert["rule"], alert["place"], alert["fatalities"]) == ("mali", "Ménaka", 6)
    assert [json.loads(line) for line in path.read_text().splitlines()] == [alert]
    assert len(site.posts) == 2 and run.out.getvalue() == ""


def test_watch_once_on_postgresql(
    db_url_postgres: str,
    extract: Callable[[Article], Result | Rejection],
    client: httpx.Client,
    news: list[Source],
) -> None:
    run = Run(db_url_postgres, extract, client)
    run.once(news[:2])
    run.once(news[:2])
    assert (run.count(articles), run.count(watch_items), run.count(watch_alerts)) == (2, 2, 2)
    assert len(run.alerts()) == 2
