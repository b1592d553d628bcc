"""``eventwire gazetteer build|import|download|info|add-places``: make and inspect gazetteers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from eventwire.geo.geonames_dump import ImportReport

TargetOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer file to write. Default: the active one "
        "($EVENTWIRE_GAZETTEER, else $EVENTWIRE_HOME/gazetteer-default.v1.sqlite).",
    ),
]


def _target(gazetteer: Path | None) -> Path:
    from eventwire.geo.gazetteer import default_path

    return gazetteer if gazetteer is not None else default_path()


def _ensure_default(target: Path, gazetteer: Path | None) -> None:
    """Importing into the default adds to the bundled data, so build it first when missing."""
    if gazetteer is None and not target.exists():
        from eventwire.geo.build_default import build_default

        print(f"building the bundled default gazetteer at {target}", file=sys.stderr)
        build_default(into=target)


def _print_report(report: ImportReport) -> None:
    rows, skipped = report.rows, report.skipped
    for problem in report.problems:
        print(f"Error: {problem}", file=sys.stderr)
    print(f"{rows} rows imported, {skipped} skipped in {report.seconds:.1f} s", file=sys.stderr)
    if skipped:
        raise typer.Exit(1)


def build(
    gazetteer: TargetOption = None,
) -> None:
    """Build the bundled default gazetteer offline (cities500, countries, ADM1/ADM2).

    Example: eventwire gazetteer build
    """
    from eventwire.geo.build_default import build_default

    target = _target(gazetteer)
    report = build_default(into=target)
    print(
        f"{report.path}: {report.places} places, {report.names} names in {report.seconds:.1f} s",
        file=sys.stderr,
    )


def import_(
    paths: Annotated[list[Path], typer.Argument(help="GeoNames dump files (.txt or .zip).")],
    gazetteer: TargetOption = None,
    progress: Annotated[
        bool, typer.Option("--progress", help="Print progress to stderr. Default: off.")
    ] = False,
) -> None:
    """Import GeoNames dumps (allCountries, XX, citiesN, alternateNamesV2, admin codes).

    Example: eventwire gazetteer import ../shared/data/geonames/LB.txt
    """
    from eventwire.geo.geonames_dump import import_files

    target = _target(gazetteer)
    _ensure_default(target, gazetteer)
    _print_report(import_files(paths, into=target, progress=progress))


def download(
    countries: Annotated[
        str | None,
        typer.Option(
            "--countries", help="Comma-separated ISO codes, e.g. SY,IQ,ML. Default: none."
        ),
    ] = None,
    all_countries: Annotated[
        bool, typer.Option("--all", help="Fetch allCountries.zip (about 400 MB). Default: off.")
    ] = False,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            help="GeoNames dump server. Default: https://download.geonames.org/export/dump/",
        ),
    ] = "https://download.geonames.org/export/dump/",
    gazetteer: TargetOption = None,
) -> None:
    """Download GeoNames dumps, verify them and import them.

    Example: eventwire gazetteer download --countries SY,IQ,ML
    """
    from eventwire.geo.download import download as fetch_and_import

    target = _target(gazetteer)
    _ensure_default(target, gazetteer)
    codes = countries.split(",") if countries else None
    _print_report(
        fetch_and_import(codes, into=target, base_url=base_url, all_countries=all_countries)
    )


def info(
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file. Default: the active one.")
    ] = None,
) -> None:
    """Print the gazetteer's data version, sources, licence and row counts as JSON.

    Example: eventwire gazetteer info
    """
    from eventwire.geo.gazetteer import Gazetteer, open_default

    gaz = Gazetteer.open(gazetteer) if gazetteer is not None else open_default()
    with gaz:
        print(json.dumps(gaz.info(), indent=2, ensure_ascii=False))


def add_places(
    path: Annotated[
        Path,
        typer.Argument(
            help="CSV, TSV or YAML: name, lat, lon and optionally "
            "names (|-separated), feature_code, country_code, "
            "admin1, population, geonameid."
        ),
    ],
) -> None:
    """Add an analyst's own places (camps, bases, villages); they win over GeoNames namesakes.

    Example: eventwire gazetteer add-places my-camps.csv
    """
    from eventwire.geo.layer import add_places_file

    target, count = add_places_file(path)
    print(f"{count} places from {path} kept at {target}", file=sys.stderr)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    group = groups["gazetteer"]
    group.command("build")(build)
    group.command("import")(import_)
    group.command("download")(download)
    group.command("info")(info)
    group.command("add-places")(add_places)
