"""``eventwire bench watch``: CPU share of polling 200 feeds when nothing is new."""

from __future__ import annotations

from typing import Annotated

import typer


def watch(
    sources: Annotated[int, typer.Option("--sources", help="Feeds to poll. Default: 200.")] = 200,
    items: Annotated[int, typer.Option("--items", help="Entries per feed. Default: 20.")] = 20,
    workers: Annotated[int, typer.Option("--workers", help="Fetching threads. Default: 4.")] = 4,
    idle: Annotated[
        float, typer.Option("--idle", help="Seconds of idle loop measured. Default: 10.")
    ] = 10.0,
) -> None:
    """Poll feeds from a local server with nothing new; print CPU and share of one core per 15 min.

    Target (issue 18): at most 20 % of one core. Example: eventwire bench watch --sources 200
    """
    from eventwire_bench.watch import bench_watch

    figures = bench_watch(sources=sources, items=items, workers=workers, idle_s=idle)
    for figure in figures:
        print(figure.line())
    worst = max(f.core_share for f in figures)
    verdict = "met" if worst <= 0.2 else "NOT met"
    print(f"worst cycle: {100 * worst:.2f} % of one core (target <= 20 %: {verdict})")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``bench watch``."""
    groups["bench"].command("watch")(watch)
