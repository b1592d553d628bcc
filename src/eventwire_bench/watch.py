"""``eventwire bench watch``: CPU of polling many feeds when nothing is new (issue 18's target:
200 sources every 15 minutes with at most 20 % of one core).

The feeds come from ``python -m eventwire_bench.feedserver`` in a child process, so that the
server's CPU is not counted; their items are marked seen first, as after a first poll. Three
cycles are timed with ``time.process_time`` (this process, every thread): the first poll that
learns the ETags (full feeds), a conditional poll (304s), and a poll of feeds served without
validators (full feeds parsed, every item found seen). A 15-minute cycle's share of one core
is its CPU seconds over 900 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from eventwire.records import Article, Rejection, Result
from eventwire.store.repository import Store
from eventwire.watch.alerts import Delivery
from eventwire.watch.fetch import Fetcher, FetchOptions
from eventwire.watch.sources import Source
from eventwire.watch.state import mark_item
from eventwire.watch.watcher import Watcher, WatchOptions

__all__ = ["CycleFigure", "bench_watch"]

CYCLE_S = 15 * 60


@dataclass(frozen=True, slots=True)
class CycleFigure:
    """One timed poll of every source."""

    name: str
    cpu_s: float
    wall_s: float
    sources: int
    failed: int

    @property
    def core_share(self) -> float:
        """Share of one core over a 15-minute cycle (0.01 = 1 %)."""
        return self.cpu_s / CYCLE_S

    def line(self) -> str:
        return (
            f"{self.name:<34} {self.sources} sources, {self.failed} failed: "
            f"CPU {self.cpu_s:6.2f} s, "
            f"wall {self.wall_s:6.2f} s -> {100 * self.core_share:5.2f} % of one core per 15 min"
        )


def bench_watch(
    *, sources: int = 200, items: int = 20, workers: int = 4, idle_s: float = 10.0
) -> list[CycleFigure]:
    """Run the timed cycles (and an idle stretch of ``idle_s`` between polls); return figures."""
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire_bench.feedserver", "--items", str(items)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().split()[1])
        with tempfile.TemporaryDirectory() as tmp:
            return _cycles(
                f"http://127.0.0.1:{port}", Path(tmp) / "bench.db", sources, items, workers, idle_s
            )
    finally:
        server.terminate()
        server.wait(10)


def _cycles(
    base: str, db: Path, count: int, items: int, workers: int, idle_s: float
) -> list[CycleFigure]:
    conditional = [Source(f"feed {i}", f"{base}/feeds/{i}.xml") for i in range(count)]
    plain = [Source(f"plain {i}", f"{base}/plain/{i}.xml") for i in range(count)]
    with Store.open(db) as store, httpx.Client() as client:
        _mark_seen(store, [*conditional, *plain], items)
        fetcher = Fetcher(client, FetchOptions(min_interval_s=0.0, timeout_s=30))
        watcher = Watcher(
            store=store,
            fetcher=fetcher,
            extract=_nothing_new,
            delivery=Delivery(client),
            options=WatchOptions(workers=workers),
            report=lambda line: None,
        )
        figures = [
            _timed("first poll (learns ETags)", lambda: watcher.poll(conditional)),
            _timed("conditional poll (304)", lambda: watcher.poll(conditional)),
            _timed("no validators (200, all seen)", lambda: watcher.poll(plain)),
        ]
        stop = threading.Event()
        idle = Watcher(
            store=store,
            fetcher=Fetcher(client, stop=stop),
            extract=_nothing_new,
            delivery=Delivery(client),
            stop=stop,
            report=lambda line: None,
        )
        timer = threading.Timer(idle_s, stop.set)
        timer.start()
        started = time.process_time(), time.monotonic()
        idle.run([Source(s.name, s.url, interval_s=CYCLE_S) for s in conditional])
        cpu, wall = time.process_time() - started[0], time.monotonic() - started[1]
        figures.append(
            CycleFigure(
                f"idle loop, {wall:.0f} s, scaled to 15 min", cpu * CYCLE_S / wall, wall, count, 0
            )
        )
    return figures


def _timed(name: str, poll: object) -> CycleFigure:
    started = time.process_time(), time.monotonic()
    reports = poll()  # type: ignore[operator]
    cpu, wall = time.process_time() - started[0], time.monotonic() - started[1]
    return CycleFigure(name, cpu, wall, len(reports), sum(r.status == "failed" for r in reports))


def _mark_seen(store: Store, sources: list[Source], items: int) -> None:
    """Mark every item seen, as a first poll would have (the bench times polls with nothing new)."""
    with store.engine.begin() as connection:
        for source in sources:
            index = source.url.rsplit("/", 1)[1].removesuffix(".xml")
            for n in range(items):
                mark_item(
                    connection,
                    source=source.name,
                    key=f"urn:bench:{index}:{n}",
                    url=None,
                    article_id=None,
                    outcome="unchanged",
                )


def _nothing_new(article: Article) -> Result | Rejection:
    raise AssertionError(f"bench watch: item {article.origin} was new; every item should be seen")
