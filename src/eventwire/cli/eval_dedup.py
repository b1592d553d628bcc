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
    real: Annotated[
        Path | None,
        typer.Option(
            help="Also score the same_event_as pairs of this realnews articles.jsonl, among "
            "the paired articles and among all (the rest as distractors). Default: not run."
        ),
    ] = None,
) -> None:
    """Score event deduplication against the multi-report gold clusters.

    Example: eventwire eval dedup --real ../shared/data/realnews/articles.jsonl
    """
    from eventwire.evaluate.dedup import evaluate_dir
    from eventwire.events.dedup import DedupOptions
    from eventwire.pipeline import load_pipeline

    options = DedupOptions(max_km=max_km, max_days=max_days)
    pipeline = None
    if not oracle or real is not None:
        pipeline = load_pipeline(make_settings(models=model, gazetteer=gazetteer, actors=None))
    print_scores(evaluate_dir(corpus, pipeline=None if oracle else pipeline, options=options))
    if real is not None and pipeline is not None:
        print_real_scores(real, pipeline, options)


def print_real_scores(path: Path, pipeline: Any, options: Any) -> None:
    """Article-pair P/R/F1 and bad merges of the realnews ``same_event_as`` pairs."""
    from rich.console import Console
    from rich.table import Table

    from eventwire.evaluate.realdev import article_records, read_texts
    from eventwire.evaluate.realpairs import score_realnews

    rows = list(read_texts(path).values())
    results = list(pipeline.extract_many(article_records(rows)))
    table = Table(title=f"Real reports: same_event_as pairs of {path.name}")
    for column in ("articles", "P", "R", "F1", "true/pred/gold pairs", "bad merges"):
        table.add_column(column, justify="right")
    paired, among_all = score_realnews(results, rows, options=options)
    for label, s in (("paired only", paired), (f"all {len(rows)}", among_all)):
        table.add_row(
            label,
            _fmt(s.precision),
            _fmt(s.recall),
            _fmt(s.f1),
            f"{s.true}/{s.predicted}/{s.gold}",
            str(s.bad_merges),
        )
    Console(width=110).print(table)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


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
