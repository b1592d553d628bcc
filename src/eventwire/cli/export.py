"""``eventwire export``: write stored events as CSV, GeoJSON, Parquet or JSONL."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import DbOption
from eventwire.errors import EventwireError

if TYPE_CHECKING:
    from eventwire.geo.geography import Geography

FORMATS = ("csv", "geojson", "parquet", "jsonl")


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
) -> None:
    """Export stored events with ACLED-like columns (jsonl: whole articles, schema objects).

    Example: eventwire export --db eventwire.db --format geojson -o events.geojson
    """
    from eventwire.export.acled import acled_rows
    from eventwire.export.writers import write_csv, write_geojson, write_jsonl, write_parquet
    from eventwire.store.repository import Store

    if output_format not in FORMATS:
        raise typer.BadParameter(
            f"{output_format!r}: expected one of {', '.join(FORMATS)}", param_hint="--format"
        )
    if output_format == "parquet" and output is None:
        raise EventwireError("--format parquet needs --output FILE (Parquet is binary)")
    with Store.open(db, create=False) as store, _geography() as geography:
        rows = acled_rows(store.engine, include_unrealized=include_unrealized, geography=geography)
        if output_format == "parquet":
            assert output is not None
            count = write_parquet(rows, output)
        else:
            with contextlib.ExitStack() as stack:
                handle = (
                    sys.stdout
                    if output is None
                    else stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
                )
                if output_format == "csv":
                    count = write_csv(rows, handle)
                elif output_format == "geojson":
                    count = write_geojson(rows, handle)
                else:
                    count = write_jsonl(store.results(), handle)
    unit = "articles" if output_format == "jsonl" else "events"
    print(f"{count} {unit} exported" + (f" to {output}" if output else ""), file=sys.stderr)


@contextlib.contextmanager
def _geography() -> Iterator[Geography | None]:
    """ACLED's names for the geography columns, from the active gazetteer if it is built
    (admin-1 polygons where a place has no admin code)."""
    from eventwire.geo.admin_polygons import load_admin_polygons
    from eventwire.geo.gazetteer import Gazetteer, default_path
    from eventwire.geo.geography import Geography

    if not default_path().is_file():
        yield None
        return
    with Gazetteer.open(default_path()) as gazetteer:
        yield Geography(gazetteer, load_admin_polygons)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    app.command("export")(export)
