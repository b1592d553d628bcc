"""One poll cycle over the sources, and the loop that repeats it until stopped.

Feeds and pages are fetched by a pool of threads (the Fetcher keeps each host to one request
at a time); articles are extracted and stored one at a time in the calling thread, each in
the transaction that marks its feed item seen. A source's new ETag / Last-Modified is kept
only once every new item it listed is handled, so that an item interrupted by a crash, a
stop or a failing page is listed again by the next poll, never lost.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select, update

from eventwire.errors import InputError, StoreError
from eventwire.events.dedup import DedupOptions
from eventwire.ingest.feeds import FeedEntry, parse_entries
from eventwire.records import Article, Rejection, Result
from eventwire.store.repository import Store
from eventwire.watch.alerts import Delivery, decide_alerts, deliver_pending
from eventwire.watch.fetch import Fetched, Fetcher
from eventwire.watch.items import article_of
from eventwire.watch.rules import Rule
from eventwire.watch.sources import Source
from eventwire.watch.state import (
    SourceState,
    item_hash,
    mark_item,
    pending_alert_items,
    record_poll,
    source_states,
    unseen,
    watch_items,
)

__all__ = ["SourceReport", "WatchOptions", "Watcher", "due_sources"]

Extract = Callable[[Article], "Result | Rejection"]
#: A failing source waits its interval times 2, 4, then 8 at most (it keeps failing alone).
_MAX_BACKOFF = 8


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How the watcher polls; the CLI builds it from its options."""

    workers: int = 4  # threads fetching feeds and pages (one request per host at a time still)
    max_items: int = 50  # new items handled per source and poll; the rest wait for the next
    max_chars: int = 1_000_000
    map_url: str = "http://127.0.0.1:8000"
    dedup: DedupOptions = field(default_factory=DedupOptions)


@dataclass(frozen=True, slots=True)
class SourceReport:
    """The outcome of one source's poll: its status line."""

    source: str
    status: str  # ok, not modified, failed, stopped
    http: int | None = None
    items: int = 0
    new: int = 0
    stored: int = 0
    unchanged: int = 0
    rejected: int = 0
    retry: int = 0
    alerts: int = 0
    error: str | None = None
    seconds: float = 0.0

    def line(self) -> str:
        """The status line.

        ``RFI Afrique: ok (HTTP 200), 20 items, 2 new: 2 stored, 0 rejected; 1 alert (0.8 s)``
        """
        code = f" (HTTP {self.http})" if self.http is not None else ""
        if self.status in ("failed", "stopped"):
            return f"{self.source}: {self.status}{code}: {self.error} ({self.seconds:.1f} s)"
        text = f"{self.source}: {self.status}{code}, {self.items} items, {self.new} new"
        if self.new:
            text += f": {self.stored} stored, {self.unchanged} unchanged, {self.rejected} rejected"
            text += f", {self.retry} to retry" if self.retry else ""
        text += f"; {self.alerts} alert{'s' if self.alerts != 1 else ''}" if self.alerts else ""
        return text + f" ({self.seconds:.1f} s)"


@dataclass(frozen=True, slots=True)
class _Item:
    entry: FeedEntry
    article: Article | Rejection | None  # None: the page failed for now; try again later
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Collected:
    source: Source
    feed: Fetched
    items: tuple[_Item, ...] = ()
    listed: int = 0
    complete: bool = True  # every new item listed is in ``items``
    error: str | None = None
    seconds: float = 0.0  # spent fetching


def due_sources(
    sources: Sequence[Source], states: dict[str, SourceState], *, now: float
) -> list[Source]:
    """Sources whose interval (stretched by their failures) has passed since their last poll."""
    out = []
    for source in sources:
        state = states.get(source.name)
        if state is None or state.last_poll_at is None:
            out.append(source)
            continue
        last = datetime.fromisoformat(state.last_poll_at).timestamp()
        if now >= last + source.interval_s * min(2**state.failures, _MAX_BACKOFF):
            out.append(source)
    return out


class Watcher:
    """Polls sources into a store; every dependency is handed in (see cli/watch.py)."""

    def __init__(
        self,
        *,
        store: Store,
        fetcher: Fetcher,
        extract: Extract,
        delivery: Delivery,
        rules: Sequence[Rule] = (),
        options: WatchOptions = WatchOptions(),
        stop: threading.Event | None = None,
        report: Callable[[str], None] = print,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.extract = extract
        self.delivery = delivery
        self.rules = tuple(rules)
        self.options = options
        self.stop = stop or fetcher.stop
        self.report = report

    def run(self, sources: Sequence[Source], *, once: bool = False) -> list[SourceReport]:
        """Poll until stopped (``once``: every source once); returns the last cycle's reports."""
        self.catch_up()
        reports: list[SourceReport] = []
        while not self.stop.is_set():
            due = (
                list(sources)
                if once
                else due_sources(sources, source_states(self.store.engine), now=time.time())
            )
            if due:
                reports = self.poll(due)
            if once:
                break
            self.stop.wait(self._sleep(sources))
        return reports

    def catch_up(self) -> None:
        """Decide and send the alerts a crash left undecided or unsent."""
        for item_id, article_id in pending_alert_items(self.store.engine):
            result = self.store.result(article_id)
            if result is not None:
                self._alerts(result, item_id)
        deliver_pending(self.store.engine, self.delivery, self.rules)

    def poll(self, sources: Sequence[Source]) -> list[SourceReport]:
        """Poll ``sources`` once; each source's status line is reported as it finishes."""
        states = source_states(self.store.engine)
        reports = []
        with ThreadPoolExecutor(
            max_workers=max(1, self.options.workers), thread_name_prefix="watch"
        ) as pool:
            futures: list[Future[_Collected]] = [
                pool.submit(self._collect, s, states.get(s.name)) for s in sources
            ]
            for future in as_completed(futures):
                if self.stop.is_set():
                    break
                report = self._handle(future.result())
                reports.append(report)
                self.report(report.line())
            pool.shutdown(wait=True, cancel_futures=True)
        return reports

    def _collect(self, source: Source, state: SourceState | None) -> _Collected:
        """Fetch the feed and the pages of its new items (runs in a worker thread)."""
        started = time.monotonic()
        got = self._fetch(source, state)
        return replace(got, seconds=time.monotonic() - started)

    def _fetch(self, source: Source, state: SourceState | None) -> _Collected:
        if self.stop.is_set():
            return _Collected(
                source, Fetched(source.url, None, error="stopped"), complete=False, error="stopped"
            )
        feed = self.fetcher.get(
            source.url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if not feed.ok:
            return _Collected(source, feed, error=None if feed.not_modified else feed.error)
        try:
            entries = parse_entries(feed.content, origin=source.name, base_url=feed.url)
        except InputError as err:
            return _Collected(source, feed, error=err.problem)
        fresh = unseen(self.store.engine, source.name, [e.key for e in entries])
        new = [e for e in reversed(entries) if e.key in fresh]  # feeds list the newest first
        items = []
        for entry in new[: self.options.max_items]:
            if self.stop.is_set():
                break
            items.append(self._item(source, entry))
        return _Collected(
            source, feed, tuple(items), listed=len(entries), complete=len(items) == len(new)
        )

    def _item(self, source: Source, entry: FeedEntry) -> _Item:
        page = self.fetcher.get(entry.link) if entry.link else None
        if page is not None and not page.ok and _transient(page):
            return _Item(entry, None, page.error)
        return _Item(
            entry, article_of(entry, page, source=source, max_chars=self.options.max_chars)
        )

    def _handle(self, got: _Collected) -> SourceReport:
        """Extract and store a source's new items, then remember the poll (calling thread)."""
        started = time.monotonic() - got.seconds
        source, feed = got.source, got.feed
        if got.error is not None:
            record_poll(
                self.store.engine,
                name=source.name,
                url=source.url,
                ok=False,
                status=got.error,
                etag=None,
                last_modified=None,
                stored=0,
            )
            return SourceReport(
                source.name,
                "failed",
                feed.status,
                error=got.error,
                seconds=time.monotonic() - started,
            )
        counts = {"stored": 0, "unchanged": 0, "rejected": 0, "retry": 0, "alerts": 0}
        complete = got.complete
        for item in got.items:
            if self.stop.is_set():
                complete = False
                break
            outcome, alerts = self._store_item(source, item)
            counts[outcome] += 1
            counts["alerts"] += alerts
        complete = complete and counts["retry"] == 0
        status = "not modified" if feed.not_modified else "ok"
        record_poll(
            self.store.engine,
            name=source.name,
            url=source.url,
            ok=True,
            status=status,
            etag=feed.etag if complete else None,
            last_modified=feed.last_modified if complete else None,
            stored=counts["stored"],
        )
        return SourceReport(
            source.name,
            status,
            feed.status,
            items=got.listed,
            new=len(got.items),
            stored=counts["stored"],
            unchanged=counts["unchanged"],
            rejected=counts["rejected"],
            retry=counts["retry"],
            alerts=counts["alerts"],
            seconds=time.monotonic() - started,
        )

    def _store_item(self, source: Source, item: _Item) -> tuple[str, int]:
        """One item, start to end: extract, store and mark seen (one transaction), alert."""
        entry = item.entry
        if item.article is None:
            self._mark_unstored(source, entry, "retry", item.error)
            return "retry", 0
        result = item.article if isinstance(item.article, Rejection) else self.extract(item.article)
        if isinstance(result, Rejection):
            self._mark_unstored(source, entry, "rejected", result.problem)
            self.report(result.line())
            return "rejected", 0
        try:
            saved = self.store.save(
                result,
                also=lambda connection: mark_item(
                    connection,
                    source=source.name,
                    key=entry.key,
                    url=entry.link,
                    article_id=result.article.id,
                    outcome="stored",
                ),
            )
        except StoreError as err:
            self.report(f"Error: {err}")
            return "retry", 0
        item_id = self._item_id(source.name, entry.key, unchanged=saved == "unchanged")
        return ("unchanged" if saved == "unchanged" else "stored"), self._alerts(result, item_id)

    def _mark_unstored(
        self, source: Source, entry: FeedEntry, outcome: str, error: str | None
    ) -> None:
        """Mark an item that stored no article (``retry``, ``rejected``) in its own transaction."""
        with self.store.engine.begin() as connection:
            mark_item(
                connection,
                source=source.name,
                key=entry.key,
                url=entry.link,
                article_id=None,
                outcome=outcome,
                error=error,
            )

    def _item_id(self, source: str, key: str, *, unchanged: bool) -> int:
        where = (watch_items.c.source == source) & (watch_items.c.key_hash == item_hash(key))
        with self.store.engine.begin() as connection:
            if unchanged:  # the same text came through another item or source before
                connection.execute(update(watch_items).where(where).values(outcome="unchanged"))
            return int(connection.execute(select(watch_items.c.id).where(where)).scalar_one())

    def _alerts(self, result: Result, item_id: int | None) -> int:
        with self.store.engine.begin() as connection:
            count = decide_alerts(
                connection,
                result,
                self.rules,
                item_id=item_id,
                map_url=self.options.map_url,
                options=self.options.dedup,
            )
        if count:
            deliver_pending(self.store.engine, self.delivery, self.rules)
        return count

    def _sleep(self, sources: Sequence[Source]) -> float:
        """Seconds until the next source is due (at most a minute, so a new day is noticed)."""
        states = source_states(self.store.engine)
        now = time.time()
        waits = []
        for source in sources:
            state = states.get(source.name)
            if state is None or state.last_poll_at is None:
                return 0.0
            last = datetime.fromisoformat(state.last_poll_at).timestamp()
            waits.append(last + source.interval_s * min(2**state.failures, _MAX_BACKOFF) - now)
        return max(0.05, min(60.0, min(waits, default=60.0)))


def _transient(page: Fetched) -> bool:
    """A page worth asking again next poll: no answer, throttled or a server error."""
    return page.status is None or page.status == 429 or page.status >= 500
