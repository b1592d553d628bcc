"""``eventwire bench api``: bounded load on loopback against ``/api/events`` and ``/api/stats``.

The database is filled, when it holds fewer events than asked, by the documented
synthetic generator (:mod:`eventwire_bench.synthetic`). The server is the real app
(``create_app``) under uvicorn on a free loopback port; each query is sent a fixed number
of times from a few client threads, and the figures are requests/s and p50/p99 latency.
"""

from __future__ import annotations

import json
import socket
import statistics
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import typer

#: The requests measured: (label, path and query). Event pages first, then the counts the map
#: asks for at first paint and on every filter change (issue 17).
QUERIES: tuple[tuple[str, str], ...] = (
    ("newest 100", "/api/events?limit=100"),
    ("country", "/api/events?country=SY&limit=100"),
    ("bbox", "/api/events?bbox=35,32,43,38&limit=100"),
    ("one month", "/api/events?from=2022-03-01&to=2022-03-31&limit=100"),
    ("type + country", "/api/events?event_type=Battles&country=ML&limit=100"),
    ("actor substring", "/api/events?actor=shabaab&limit=100"),
    ("deadliest", "/api/events?min_fatalities=45&sort=-fatalities&limit=100"),
    ("text search", "/api/events?q=Aleppo&limit=50"),
    ("geojson 500", "/api/events?format=geojson&limit=500"),
    ("map markers", "/api/markers"),  # the map's markers, 2,500 events in one answer
    ("stats, all", "/api/stats"),
    ("stats, country", "/api/stats?country=SY"),
    ("stats, text", "/api/stats?q=Aleppo"),
)

#: The speed targets of issue 17, reported beside the figures (tests assert only loose
#: regression bounds: a wall-clock target is noise on a loaded machine).
TARGETS: dict[str, float] = {
    "api_p99_ms": 200,
    "map_first_paint_ms": 1000,  # tests/serve/test_map_timing.py
    "map_round_trip_ms": 300,
}


@dataclass(frozen=True, slots=True)
class QueryFigures:
    """What one query measured: throughput, latency percentiles and status codes."""

    label: str
    query: str
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    non_200: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_events(db: str | Path, *, events: int, seed: int = 0) -> int:
    """Fill ``db`` with synthetic events until it holds at least ``events``; return the count."""
    from sqlalchemy import func, select

    from eventwire.store.repository import Store
    from eventwire.store.tables import events as events_table
    from eventwire_bench.synthetic import populate

    def count(store: Store) -> int:
        with store.engine.connect() as connection:
            return int(
                connection.execute(select(func.count()).select_from(events_table)).scalar_one()
            )

    with Store.open(db) as store:
        have = count(store)
        if have < events:  # a new seed per top-up, so that article texts (and ids) stay distinct
            populate(store.engine, events=events - have, seed=seed + have)
            have = count(store)
            _analyze(store)
    return have


def _analyze(store: Any) -> None:
    """Refresh PostgreSQL's planner statistics after a bulk fill.

    The synthetic corpus has no dedup clusters, and autovacuum never analyzes a table that
    stays empty: PostgreSQL then guessed 180 cluster rows, sorted every event for the newest
    page and took 617 ms where the date index takes 19 ms (docs/reliability.md).
    """
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


@contextmanager
def serving(db: str | Path, *, keep_answers: bool = True) -> Iterator[str]:
    """Run the API over ``db`` under uvicorn on a free loopback port; yield its base URL.

    ``keep_answers=False`` serves every count and marker request afresh (no answer cache).
    """
    import uvicorn

    from eventwire.serve.api import create_app
    from eventwire.serve.settings import ANSWER_CACHE_SIZE, ServeSettings

    port = _free_port()
    size = ANSWER_CACHE_SIZE if keep_answers else 0
    config = uvicorn.Config(
        create_app(ServeSettings(db=db, answer_cache_size=size)),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(
    base_url: str, queries: Sequence[tuple[str, str]], *, requests: int, concurrency: int
) -> list[QueryFigures]:
    """Send each query ``requests`` times from ``concurrency`` threads; return the figures."""
    import httpx

    out = []
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for label, query in queries:
            client.get(query)  # warm-up: first-query compilation and caches

            def one(_: int, query: str = query) -> tuple[float, int]:
                start = time.perf_counter()
                status = client.get(query).status_code
                return time.perf_counter() - start, status

            began = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                timings = list(pool.map(one, range(requests)))
            elapsed = time.perf_counter() - began
            latencies = [t * 1000 for t, _ in timings]
            out.append(
                QueryFigures(
                    label,
                    query,
                    requests,
                    round(requests / elapsed, 1),
                    round(statistics.median(latencies), 1),
                    round(_percentile(latencies, 0.99), 1),
                    round(max(latencies), 1),
                    sum(status != 200 for _, status in timings),
                )
            )
    return out


def bench_api(
    db: str = typer.Option(
        "bench-api.db",
        "--db",
        help="SQLite file or PostgreSQL URL to serve (filled if short). Default: bench-api.db.",
    ),
    events: int = typer.Option(
        100_000, "--events", help="Events the database must hold at least. Default: 100,000."
    ),
    requests: int = typer.Option(
        200, "--requests", help="Requests per query (bounded load). Default: 200."
    ),
    concurrency: int = typer.Option(4, "--concurrency", help="Client threads. Default: 4."),
    seed: int = typer.Option(0, "--seed", help="Seed of the synthetic generator. Default: 0."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON on stdout."),
    keep_answers: bool = typer.Option(
        True,
        "--keep-answers/--fresh-answers",
        help="Keep /api/stats and /api/markers answers until the store changes, as `eventwire "
        "serve` does (each query then measures repeats of a kept answer); --fresh-answers "
        "computes every request. Default: keep.",
    ),
) -> None:
    """Measure API throughput and latency (event pages, stats) over a synthetic database.

    Example: eventwire bench api --db bench-api.db --events 100000 --requests 200
    """
    if not (1 <= requests <= 100_000 and 1 <= concurrency <= 64):
        raise typer.BadParameter("--requests must lie in 1..100,000 and --concurrency in 1..64")
    print(f"preparing {db} with at least {events:,} events...", file=sys.stderr)
    total = ensure_events(db, events=events, seed=seed)
    with serving(db, keep_answers=keep_answers) as url:
        figures = measure(url, QUERIES, requests=requests, concurrency=concurrency)
    if as_json:
        print(
            json.dumps(
                {
                    "events": total,
                    "concurrency": concurrency,
                    "keep_answers": keep_answers,
                    "targets": TARGETS,
                    "queries": [asdict(f) for f in figures],
                },
                indent=2,
            )
        )
        return
    kept = "kept answers" if keep_answers else "fresh answers"
    print(
        f"API over {total:,} events, {requests} requests per query, {concurrency} client threads"
        f", {kept}"
    )
    target = TARGETS["api_p99_ms"]
    print(f"target: p99 < {target:.0f} ms per query (issue 17)")
    head = f"{'query':<18}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'non-200':>9}"
    print(head + "  target")
    for f in figures:
        met = "met" if f.p99_ms < target else "missed"
        print(
            f"{f.label:<18}{f.per_second:>8}{f.p50_ms:>9}{f.p99_ms:>9}{f.max_ms:>9}{f.non_200:>9}"
            f"  {met}"
        )


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    groups["bench"].command("api")(bench_api)
