"""``eventwire eval dedup``: pairwise P/R/F1 and purity of event clusters, multi-report set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.options import (
    DEDUP_DEFAULTS,
    GazetteerOption,
    MaxDaysOption,
    MaxKmOption,
    ModelOption,
    make_settings,
)


def dedup(
    corpus: Annotated[
        Path, typer.Option(help="Multi-report set folder. Default: evaluation/multireport.")
    ] = Path("evaluation/multireport"),
    oracle: Annotated[
        bool,
        typer.Option(
            "--oracle", help="Cluster the gold mentions (dedup alone). Default: extract first."
        ),
    ] = False,
    max_km: MaxKmOption = DEDUP_DEFAULTS.max_km,
    max_days: MaxDaysOption = DEDUP_DEFAULTS.max_days,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Score event deduplication against the multi-report gold clusters.

    Example: eventwire eval dedup --corpus evaluation/multireport
    """
    from eventwire.evaluate.dedup import evaluate_dir
    from eventwire.events.dedup import DedupOptions
    from eventwire.pipeline import load_pipeline

    options = DedupOptions(max_km=max_km, max_days=max_days)
    pipeline = None
    if not oracle:
        pipeline = load_pipeline(make_settings(models=model, gazetteer=gazetteer, actors=None))
    print_scores(evaluate_dir(corpus, pipeline=pipeline, options=options))


def print_scores(scores: Any) -> None:
    """One table: pairwise P/R/F1 and pair counts, purity, inverse purity, alignment."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Event deduplication ({scores.mode}): {scores.clusters} clusters")
    for column in ("P", "R", "F1", "true/pred/gold pairs", "purity", "inv. purity", "aligned"):
        table.add_column(column, justify="right")
    prf = scores.pairwise
    table.add_row(
        f"{prf.precision:.3f}",
        f"{prf.recall:.3f}",
        f"{prf.f1:.3f}",
        f"{prf.true_pairs}/{prf.predicted_pairs}/{prf.gold_pairs}",
        f"{scores.purity:.3f}",
        f"{scores.inverse_purity:.3f}",
        f"{scores.aligned}/{scores.gold_mentions}",
    )
    Console(width=110).print(table)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval dedup`` to the ``eval`` group."""
    groups["eval"].command("dedup")(dedup)
