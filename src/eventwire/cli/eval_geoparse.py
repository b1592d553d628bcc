"""``eventwire eval geoparse``: the places ``eventwire extract`` outputs, scored on gold corpora.

Issues 5 and 13.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, cast

import typer

from eventwire.cli.options import GazetteerOption, ModelOption
from eventwire.errors import EvaluationError

_CORPORA = Path("../shared/data/geoparsing")
SplitChoice = Literal["heldout", "all", "fit"]


def _corpus_paths(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(path.glob("*.xml"))
        elif path.is_file():
            out.append(path)
        else:
            raise EvaluationError(f"{path}: no such corpus file or folder")
    if not out:
        raise EvaluationError(f"{', '.join(map(str, paths))}: no .xml corpus found")
    return out


def _open_gazetteer(path: Path | None) -> Any:
    from eventwire.geo.gazetteer import Gazetteer, open_default

    return open_default() if path is None else Gazetteer.open(path)


def geoparse_figures(
    paths: list[Path],
    *,
    pipeline: Any,
    limit: int | None = None,
    split: SplitChoice = "heldout",
    gazetteer: Any,
    weights: Path | None = None,
) -> list[dict[str, Any]]:
    """Figures of every corpus: end to end from ``pipeline``'s places, and given gold spans."""
    from eventwire.evaluate.geocorpora import read_corpus
    from eventwire.evaluate.geoparse import corpus_figures
    from eventwire.geo.demonyms import load_demonyms
    from eventwire.geo.resolve import load_weights

    fitted, lexicon = load_weights(weights), load_demonyms()
    return [
        corpus_figures(
            read_corpus(path).split(split).limit(limit),
            pipeline=pipeline,
            gazetteer=gazetteer,
            weights=fitted,
            lexicon=lexicon,
        )
        for path in _corpus_paths(paths)
    ]


def print_table(rows: list[dict[str, Any]], *, split: str) -> None:
    """Print the rich table on stdout."""
    from rich.console import Console
    from rich.table import Table

    from eventwire.evaluate.figures import GEOPARSE_HEADS, geoparse_cells

    table = Table(
        title=f"Geoparsing, {split} documents (%; acc@161: right within 161 km, "
        "countries by identity, admin-1 within 400 km)"
    )
    heads = (*GEOPARSE_HEADS, "ids not in gazetteer")
    for head in heads:
        table.add_column(head, justify="left" if head == "corpus" else "right")

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{100 * x:.1f}"

    for r in rows:
        table.add_row(*geoparse_cells(r, pct), f"{r['gold_ids_missing']}/{r['gold_ids']}")
    Console(width=200).print(table)


def geoparse(
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            help="Gold corpus XML file or folder of them; repeatable. "
            "Default: ../shared/data/geoparsing (all four).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="Score only the first N documents of each split. Default: all."),
    ] = None,
    split: Annotated[
        str,
        typer.Option(help="heldout (last 30 %, never fitted on), fit or all. Default: heldout."),
    ] = "heldout",
    gazetteer: GazetteerOption = None,
    model: ModelOption = None,
    weights: Annotated[
        Path | None,
        typer.Option(
            help="Ranker weights JSON for the gold-span figures. Default: "
            "the bundled geo-weights.v2.json."
        ),
    ] = None,
    output_json: Annotated[
        Path | None,
        typer.Option("--output-json", help="Also write the figures here. Default: none."),
    ] = None,
) -> None:
    """Score the places eventwire extracts, and resolution given gold spans, on gold corpora.

    Example: eventwire eval geoparse --corpus ../shared/data/geoparsing/lgl.xml --limit 5
    """
    from eventwire.cli.options import make_settings
    from eventwire.pipeline import load_pipeline

    if split not in ("heldout", "fit", "all"):
        raise typer.BadParameter(f"{split!r}; expected heldout, fit or all", param_hint="--split")
    pipeline = load_pipeline(make_settings(models=model, gazetteer=gazetteer, actors=None))
    rows = geoparse_figures(
        corpus or [_CORPORA],
        pipeline=pipeline,
        limit=limit,
        split=cast(Literal["heldout", "fit", "all"], split),  # checked above
        gazetteer=_open_gazetteer(gazetteer),
        weights=weights,
    )
    print_table(rows, split=split)
    if output_json is not None:
        output_json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval geoparse``."""
    groups["eval"].command("geoparse")(geoparse)
