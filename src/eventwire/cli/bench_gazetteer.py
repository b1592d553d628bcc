"""``eventwire bench gazetteer``: lookup rates, build and import times, memory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def bench_gazetteer(
    dumps: Annotated[
        list[Path] | None,
        typer.Argument(
            help="GeoNames dumps to time importing (e.g. LB.txt NL.txt). Default: none."
        ),
    ] = None,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="Gazetteer to query. Default: the active one."),
    ] = None,
    build: Annotated[
        bool,
        typer.Option(
            "--build",
            help="Also time a build of the bundled default (about a minute). Default: off.",
        ),
    ] = False,
    seconds: Annotated[
        float, typer.Option("--seconds", help="CPU seconds per lookup figure. Default: 2.")
    ] = 2.0,
) -> None:
    """Measure gazetteer lookups per second, build/import time and memory; print figures.

    Example: eventwire bench gazetteer ../shared/data/geonames/LB.txt ../shared/data/geonames/NL.txt
    """
    from eventwire.geo.gazetteer import default_path, open_default
    from eventwire_bench.gazetteer import run_bench

    path = gazetteer
    if path is None:
        open_default().close()  # builds the default when missing
        path = default_path()
    for figure in run_bench(path, dumps=dumps or (), build=build, seconds=seconds):
        target = f"  (target {figure.target})" if figure.target else ""
        print(f"{figure.name}: {figure.value:,.1f} {figure.unit}{target}")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    groups["bench"].command("gazetteer")(bench_gazetteer)
