"""``eventwire bench pipeline``: throughput and memory against spaCy alone, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.options import GazetteerOption, ModelOption, make_settings


def pipeline(
    articles: Annotated[
        int, typer.Option("--articles", help="Articles to generate and run. Default: 200.")
    ] = 200,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the articles: fr or en. Default: fr.")
    ] = "fr",
    workers: Annotated[
        int, typer.Option(help="Worker processes for the parallel run (1 skips it). Default: 2.")
    ] = 2,
    master: Annotated[
        str,
        typer.Option(help="Spark master for the Spark run; 'none' skips it. Default: local[2]."),
    ] = "local[2]",
    stages: Annotated[
        str, typer.Option(help="full (all stages) or nlp (language + spaCy only). Default: full.")
    ] = "full",
    texts: Annotated[
        Path | None,
        typer.Option(
            help="Folder with the shared material (../shared). Default: found next to the repo."
        ),
    ] = None,
    repeat: Annotated[
        int,
        typer.Option(
            help="Alternate spaCy alone and the 1-process run N times, keep each one's fastest. "
            "Default: 1."
        ),
    ] = 1,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Measure articles/s, words/s, stage shares and peak memory of each way to run eventwire.

    Example: eventwire bench pipeline --articles 1000 --lang fr --workers 2
    """
    from eventwire.pipeline import load_pipeline
    from eventwire_bench.pipeline import bench_articles, run_all
    from eventwire_bench.stages import nlp_only_pipeline

    if lang not in ("fr", "en"):
        raise typer.BadParameter("expected fr or en", param_hint="--lang")
    if stages not in ("full", "nlp"):
        raise typer.BadParameter("expected full or nlp", param_hint="--stages")
    repo = Path.cwd()
    shared = texts or next(
        (p for p in (repo.parent / "shared", repo / "../shared") if p.is_dir()), None
    )
    sample = bench_articles(articles, language=lang, repo=repo, shared=shared)
    settings = make_settings(models=model, gazetteer=gazetteer, actors=None)
    factory = load_pipeline if stages == "full" else nlp_only_pipeline
    runs = run_all(
        sample,
        settings=settings,
        language=lang,
        workers=workers,
        master=None if master == "none" else master,
        factory=factory,
        repeat=repeat,
    )
    print_runs(runs)
    if repeat > 1:
        print(f"spaCy alone and eventwire, 1 process: fastest of {repeat} alternated runs each")


def print_runs(runs: list[Any]) -> None:
    """One table of runs, ratios to spaCy alone and to one process, then stage shares."""
    from rich.console import Console
    from rich.table import Table

    base, one = runs[0], runs[1] if len(runs) > 1 else runs[0]
    table = Table(title=f"{base.articles} articles, {base.words:,} words")
    for column in (
        "run",
        "articles/s",
        "words/s",
        "vs spaCy",
        "vs 1 process",
        "start-up s",
        "peak RSS MiB",
    ):
        table.add_column(column, justify="left" if column == "run" else "right")
    for run in runs:
        table.add_row(
            run.name,
            f"{run.articles_per_s:.1f}",
            f"{run.words_per_s:,.0f}",
            f"{run.articles_per_s / base.articles_per_s:.2f}",
            f"{run.articles_per_s / one.articles_per_s:.2f}",
            f"{run.startup_seconds:.1f}",
            "-" if run.peak_rss_mb is None else f"{run.peak_rss_mb:,.0f}",
        )
    console = Console(width=110)
    console.print(table)
    if base.cpu_seconds and one.cpu_seconds:
        console.print(
            f"CPU time, 1 process vs spaCy alone: {base.cpu_seconds / one.cpu_seconds:.2f}"
            f" (spaCy alone {base.cpu_seconds:.1f} s, eventwire {one.cpu_seconds:.1f} s)"
        )
    total = sum(one.stage_seconds.values()) or 1.0
    shares = ", ".join(f"{name} {100 * s / total:.1f}%" for name, s in one.stage_seconds.items())
    console.print(f"stage time shares (1 process): {shares}")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``bench pipeline`` to the ``bench`` group."""
    groups["bench"].command("pipeline")(pipeline)
