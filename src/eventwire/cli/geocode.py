"""``eventwire geocode NAME``: the gazetteer's candidates for a place name, as a table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def geocode(
    name: Annotated[str, typer.Argument(help="Place name as written, e.g. al-Baghouz.")],
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country", help="Keep only this ISO country code (repeatable). Default: all."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows shown. Default: 10.")] = 10,
    no_fuzzy: Annotated[
        bool,
        typer.Option(
            "--no-fuzzy",
            help="Exact and key matches only. Default: fuzzy when nothing else matches.",
        ),
    ] = False,
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file. Default: the active one.")
    ] = None,
) -> None:
    """Look up a place name in the gazetteer and print its candidates, best first.

    Example: eventwire geocode "al-Baghouz" --country SY
    """
    from rich.console import Console
    from rich.table import Table

    from eventwire.geo.gazetteer import Gazetteer, open_default

    gaz = Gazetteer.open(gazetteer) if gazetteer is not None else open_default()
    with gaz:
        found = gaz.candidates(name, countries=country or None, limit=limit, fuzzy=not no_fuzzy)
    table = Table(title=f"{name!r}: {len(found)} candidates")
    for column in (
        "geonameid",
        "name",
        "country",
        "admin1",
        "feature",
        "population",
        "lat",
        "lon",
        "match",
        "score",
        "matched name",
    ):
        table.add_column(column)
    for c in found:
        table.add_row(
            str(c.geonameid),
            c.name,
            c.country_code or "",
            c.admin1 or "",
            f"{c.feature_class}.{c.feature_code}",
            f"{c.population:,}",
            f"{c.lat:.5f}",
            f"{c.lon:.5f}",
            c.match,
            f"{c.score:.2f}",
            c.matched_name,
        )
    Console(width=160).print(table)
    if not found:
        raise typer.Exit(1)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    app.command("geocode")(geocode)
