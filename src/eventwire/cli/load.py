"""``eventwire load``: store the Parquet output of ``eventwire spark run`` in a database."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eventwire.cli.options import DbOption


def load(
    output: Annotated[str, typer.Argument(help="Output folder of `eventwire spark run`.")],
    db: DbOption = "eventwire.db",
    reprocess: Annotated[
        bool,
        typer.Option("--reprocess", help="Replace articles already stored. Default: keep them."),
    ] = False,
) -> None:
    """Load Spark output into the database, one transaction per article.

    Example: eventwire load out/ --db events.db
    """
    from eventwire.batch.spark import read_results
    from eventwire.store.repository import Store

    counts = {"stored": 0, "replaced": 0, "unchanged": 0}
    with Store.open(db) as store:
        for result in read_results(output):
            counts[store.save(result, reprocess=reprocess)] += 1
    print(", ".join(f"{n} {name}" for name, n in counts.items()), file=sys.stderr)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add the top-level ``load`` command."""
    app.command("load")(load)
