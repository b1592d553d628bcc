"""``eventwire watch`` and ``eventwire sources check``: monitor news feeds (issue 18)."""

from __future__ import annotations

import dataclasses
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import (
    ActorsOption,
    DbOption,
    GazetteerOption,
    MaxCharsOption,
    ModelOption,
    QuietOption,
    make_settings,
)
from eventwire.config import DEFAULT_MAX_CHARS, Settings

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.records import Article, Rejection, Result
    from eventwire.watch.fetch import FetchOptions

SourcesArg = Annotated[
    Path,
    typer.Argument(
        help="Sources YAML: sources: [{name, url, language?, country?, interval?, tags?}]."
    ),
]
MinIntervalOption = Annotated[
    float,
    typer.Option("--min-interval", help="Seconds between two requests to one host. Default: 1."),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds before a request is given up. Default: 20.")
]


def watch(
    sources_file: SourcesArg,
    db: DbOption = "eventwire.db",
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once, then exit (cron, tests).")
    ] = False,
    alerts: Annotated[
        Path | None,
        typer.Option(
            "--alerts",
            help="Alert rules YAML (alerts: [...]). Default: the alerts: of SOURCES, if any.",
        ),
    ] = None,
    map_url: Annotated[
        str,
        typer.Option(
            "--map-url",
            help="Address of `eventwire serve`, for alert links. Default: http://127.0.0.1:8000.",
        ),
    ] = "http://127.0.0.1:8000",
    min_interval: MinIntervalOption = 1.0,
    timeout: TimeoutOption = 20.0,
    retries: Annotated[
        int,
        typer.Option(
            "--retries", help="Retries of a busy or failing server (429, 5xx, timeout). Default: 2."
        ),
    ] = 2,
    workers: Annotated[
        int, typer.Option("--workers", help="Threads fetching feeds and pages. Default: 4.")
    ] = 4,
    max_items: Annotated[
        int,
        typer.Option(
            "--max-items", help="New items per source and poll; the rest wait. Default: 50."
        ),
    ] = 50,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    quiet: QuietOption = False,
) -> None:
    """Poll news feeds, store new articles' events and send alerts, until stopped.

    Each poll prints one status line per source on stderr; alerts go to stdout as JSON lines
    (and to files or webhooks named by the rules). SIGTERM or Ctrl-C finishes the article in
    hand and exits (0 on SIGTERM, 130 on Ctrl-C); a restart resumes where it stopped.

    Example: eventwire watch examples/sources.yaml --db events.db --alerts rules.yaml
    """
    import httpx

    from eventwire.store.repository import Store
    from eventwire.watch.alerts import Delivery
    from eventwire.watch.fetch import Fetcher
    from eventwire.watch.rules import load_rules
    from eventwire.watch.sources import load_sources
    from eventwire.watch.watcher import Watcher, WatchOptions

    sources = load_sources(sources_file)
    rules = load_rules(alerts if alerts is not None else sources_file)
    settings = make_settings(models=model, gazetteer=gazetteer, actors=actors, max_chars=max_chars)
    # a source's `country` is its outlet's: evidence for every place its articles name (issue 18)
    settings = dataclasses.replace(
        settings, outlet_countries=tuple((s.name, s.country) for s in sources if s.country)
    )
    stop = threading.Event()
    caught = _on_signals(stop)
    report = (
        (lambda line: None) if quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    )
    options = WatchOptions(
        workers=workers, max_items=max_items, max_chars=max_chars, map_url=map_url
    )
    with Store.open(db) as store, httpx.Client(http2=False) as client:
        fetcher = Fetcher(client, _fetch_options(timeout, retries, min_interval), stop=stop)
        watcher = Watcher(
            store=store,
            fetcher=fetcher,
            extract=_LazyExtract(settings),
            delivery=Delivery(client),
            rules=rules,
            options=options,
            stop=stop,
            report=report,
        )
        if not quiet:
            print(
                f"eventwire: watching {len(sources)} sources into {db}, {len(rules)} alert rules"
                + (" (once)" if once else "; SIGTERM or Ctrl-C stops"),
                file=sys.stderr,
            )
        reports = watcher.run(sources, once=once)
    if caught:
        print(
            f"Stopped by {caught[0]}: committed articles are kept; a restart resumes.",
            file=sys.stderr,
        )
        raise typer.Exit(130 if caught[0] == "SIGINT" else 0)
    if once and any(r.status == "failed" for r in reports):
        raise typer.Exit(1)


def check(
    sources_file: SourcesArg,
    timeout: TimeoutOption = 20.0,
    min_interval: MinIntervalOption = 1.0,
) -> None:
    """Validate a sources file and fetch each feed once, printing a table.

    Exit code 1 when a feed cannot be read. Example: eventwire sources check examples/sources.yaml
    """
    import httpx

    from eventwire.watch.check import check_sources, table
    from eventwire.watch.fetch import Fetcher
    from eventwire.watch.sources import load_sources

    sources = load_sources(sources_file)
    with httpx.Client() as client:
        rows = check_sources(sources, Fetcher(client, _fetch_options(timeout, 0, min_interval)))
    print(table(rows))
    if any(not row.ok for row in rows):
        raise typer.Exit(1)


def _fetch_options(timeout: float, retries: int, min_interval: float) -> FetchOptions:
    from eventwire.watch.fetch import FetchOptions

    return FetchOptions(
        timeout_s=timeout, retries=retries, min_interval_s=min_interval, backoff_s=min(2.0, timeout)
    )


def _on_signals(stop: threading.Event) -> list[str]:
    """SIGTERM and SIGINT set ``stop`` (the watcher finishes the article in hand); returns
    the list that will hold the signal's name."""
    caught: list[str] = []

    def handler(number: int, _frame: FrameType | None) -> None:
        caught.append(signal.Signals(number).name)
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return caught


class _LazyExtract:
    """Loads the pipeline on the first new article (a poll with nothing new loads nothing)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pipeline: Pipeline | None = None

    def __call__(self, article: Article) -> Result | Rejection:
        from eventwire.pipeline import load_pipeline

        if self.pipeline is None:
            self.pipeline = load_pipeline(self.settings)
        return next(self.pipeline.process([article], batch_size=1))


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``watch`` and ``sources check``."""
    app.command("watch")(watch)
    groups["sources"].command("check")(check)
