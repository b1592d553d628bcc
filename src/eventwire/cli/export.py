"""``eventwire export``: write stored events as CSV, GeoJSON, Parquet or JSONL."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.options import DbOption
from eventwire.errors import EventwireError

FORMATS = ("csv", "geojson", "parquet", "jsonl")
UNITS = ("event", "report")


def export(
    db: DbOption = "eventwire.db",
    output_format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="csv, geojson, parquet (needs --output) or jsonl. Default: csv."
        ),
    ] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write. Default: stdout.")
    ] = None,
    include_unrealized: Annotated[
        bool,
        typer.Option(
            "--all", help="Include planned and hypothetical events (left out by default)."
        ),
    ] = False,
    unit: Annotated[
        str,
        typer.Option(
            help="event: one row per real-world event (its reports merged by dedup, fatalities "
            "the reports' lower median); report: one row per article's report. Default: event."
        ),
    ] = "event",
) -> None:
    """Export stored events with ACLED's columns (jsonl: whole articles, schema objects).

    Example: eventwire export --db eventwire.db --format geojson -o events.geojson
    """
    from eventwire.export.acled import acled_rows
    from eventwire.export.columns import columns_of
    from eventwire.export.lookups import open_lookups
    from eventwire.export.writers import write_csv, write_geojson, write_jsonl, write_parquet
    from eventwire.store.repository import Store

    if unit not in UNITS:
        raise typer.BadParameter(
            f"{unit!r}: expected one of {', '.join(UNITS)}", param_hint="--unit"
        )
    columns = columns_of(unit)

    if output_format not in FORMATS:
        raise typer.BadParameter(
            f"{output_format!r}: expected one of {', '.join(FORMATS)}", param_hint="--format"
        )
    if output_format == "parquet" and output is None:
        raise EventwireError("--format parquet needs --output FILE (Parquet is binary)")
    with Store.open(db, create=False) as store, open_lookups() as lookups:
        rows = acled_rows(
            store.engine, include_unrealized=include_unrealized, lookups=lookups, unit=unit
        )
        if output_format == "parquet":
            assert output is not None
            count = write_parquet(rows, output, columns=columns)
        else:
            with contextlib.ExitStack() as stack:
                handle = (
                    sys.stdout
                    if output is None
                    else stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
                )
                if output_format == "csv":
                    count = write_csv(rows, handle, columns=columns)
                elif output_format == "geojson":
                    count = write_geojson(rows, handle)
                else:
                    count = write_jsonl(store.results(), handle)
    noun = {"jsonl": "articles"}.get(output_format, "events" if unit == "event" else "reports")
    print(f"{count} {noun} exported" + (f" to {output}" if output else ""), file=sys.stderr)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    app.command("export")(export)
