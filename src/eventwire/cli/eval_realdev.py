"""``eventwire eval realdev``: events and places of the real development set (issue 13)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.options import ActorsOption, GazetteerOption, ModelOption

GOLD_DIR = Path("evaluation/realdev/gold")


def realdev_run(
    pipeline: Any, gazetteer: Any, *, gold_dir: Path = GOLD_DIR, shared: Path | None = None
) -> dict[str, Any]:
    """Run ``pipeline`` on the annotated real articles and return every figure."""
    from eventwire.evaluate.realdev import article_records, load_realdev
    from eventwire.evaluate.realdevscore import gold_countries, realdev_figures
    from eventwire.geo.demonyms import load_demonyms
    from eventwire.geo.resolve import Lookup, load_weights

    gold, rows = load_realdev(gold_dir, shared)
    predictions = [r.to_dict() for r in pipeline.extract_many(article_records(rows))]
    resolver = {
        "gazetteer": gazetteer,
        "weights": load_weights(),
        "lexicon": load_demonyms(),
        "lookup": Lookup(gazetteer),
    }
    return realdev_figures(
        gold, rows, predictions, country_of=gold_countries(gold, gazetteer), resolver=resolver
    )


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def print_realdev(figures: Mapping[str, Any]) -> None:
    """The event table, the geoparsing table and the two shares."""
    from rich.console import Console
    from rich.table import Table

    from eventwire.cli.eval_events import print_events_table

    print_events_table(figures["events"])
    table = Table(title="Real dev set: places in the output against gold toponyms (%)")
    for head in ("", *figures["geo"]):
        table.add_column(head, justify="left" if not head else "right")
    rows = (
        ("gold toponyms", "geo", "gold", str),
        ("recognition P", "geo", "precision", _pct),
        ("recognition R", "geo", "recall", _pct),
        ("recognition F1", "geo", "f1", _pct),
        ("acc@161 all gold (e2e)", "geo", "acc161_all", _pct),
        ("acc@161 recognised", "geo", "acc161_recognised", _pct),
        ("acc@161 gold spans", "geo_gold_spans", "acc161_all", _pct),
    )
    for label, part, key, fmt in rows:
        if figures.get(part) is not None:
            table.add_row(label, *(fmt(f[key]) for f in figures[part].values()))
    console = Console(width=120)
    console.print(table)
    located, quiet = figures["located"], figures["quiet"]
    console.print(
        f"events that happened with coordinates: {located['located']}/{located['happened']} "
        f"({_pct(located['share'])} %)"
    )
    console.print(
        f"no-event articles with no event that happened: {quiet['quiet']}/"
        f"{quiet['no_event_articles']} ({_pct(quiet['share'])} %)"
    )
    print_targets(figures)


def print_targets(figures: Mapping[str, Any]) -> None:
    """The figures beside the targets of issues 14-16, met (✔) or not (✘)."""
    from rich.console import Console
    from rich.markdown import Markdown

    from eventwire.evaluate.figures import realdev_targets

    Console(width=120).print(Markdown(realdev_targets(figures)))


def realdev(
    gold: Annotated[
        Path, typer.Option(help="Folder of annotation files. Default: evaluation/realdev/gold.")
    ] = GOLD_DIR,
    output_json: Annotated[
        Path | None,
        typer.Option("--output-json", help="Also write the figures here. Default: none."),
    ] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Score events and places on the real development set (texts read from ../shared).

    Example: eventwire eval realdev --gold evaluation/realdev/gold --output-json realdev.json
    """
    from eventwire.cli.eval_events import _pipeline
    from eventwire.cli.eval_geoparse import _open_gazetteer

    figures = realdev_run(
        _pipeline(model, gazetteer, actors), _open_gazetteer(gazetteer), gold_dir=gold
    )
    print_realdev(figures)
    if output_json is not None:
        output_json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval realdev`` to the ``eval`` group."""
    groups["eval"].command("realdev")(realdev)
