"""``eventwire dedup``: cluster stored events that report the same real event."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from eventwire.cli.options import DEDUP_DEFAULTS, DbOption, MaxDaysOption, MaxKmOption


def dedup(
    db: DbOption = "eventwire.db",
    max_km: MaxKmOption = DEDUP_DEFAULTS.max_km,
    max_days: MaxDaysOption = DEDUP_DEFAULTS.max_days,
    exact_type: Annotated[
        bool,
        typer.Option(
            "--exact-type", help="Merge only events of one ACLED event type. Default: type family."
        ),
    ] = False,
) -> None:
    """Recluster every stored event across articles (stored clusters keep their ids).

    Articles are clustered as they are stored; this reruns the whole clustering, with other
    thresholds if given.

    Example: eventwire dedup --db events.db --max-km 25
    """
    from eventwire.events.dedup import DedupOptions
    from eventwire.store.dedup_tables import dedup_store
    from eventwire.store.repository import Store

    options = DedupOptions(max_km=max_km, max_days=max_days, family_level=not exact_type)
    with Store.open(db, create=False) as store:  # a mistyped --db is an error, not a new file
        summary = dedup_store(store, options=options)
    print(summary.line(), file=sys.stderr)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add the top-level ``dedup`` command."""
    app.command("dedup")(dedup)
