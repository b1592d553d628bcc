"""``eventwire spark run`` and ``eventwire spark dedup``: the pipeline and dedup on Apache Spark."""

from __future__ import annotations

import sys
from typing import Annotated, Literal, cast

import typer

from eventwire.cli.options import (
    DEDUP_DEFAULTS,
    ActorsOption,
    GazetteerOption,
    MaxCharsOption,
    MaxDaysOption,
    MaxKmOption,
    ModelOption,
    make_settings,
)
from eventwire.config import DEFAULT_MAX_CHARS

MasterOption = Annotated[
    str,
    typer.Option(
        "--master", help="Spark master: local[N], spark://host:7077 or yarn. Default: local[2]."
    ),
]


def run(
    source: Annotated[
        str, typer.Argument(help="Articles: JSONL or Parquet, a path or any Hadoop URI.")
    ],
    output: Annotated[
        str, typer.Argument(help="Folder (or URI) for the Parquet tables; overwritten.")
    ],
    master: MasterOption = "local[2]",
    input_format: Annotated[
        str,
        typer.Option(
            "--format", help="Input format: auto, jsonl or parquet. Default: auto (by suffix)."
        ),
    ] = "auto",
    partitions: Annotated[
        int | None, typer.Option(help="Partitions to extract in. Default: 2 per core.")
    ] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    with_dedup: Annotated[
        bool,
        typer.Option(
            "--dedup/--no-dedup",
            help="Cluster the events after the batch (as `spark dedup`). Default: --dedup.",
        ),
    ] = True,
) -> None:
    """Extract events from articles on Spark into Parquet tables, then cluster their events.

    Example: eventwire spark run articles.jsonl out/ --master local[2]
    """
    from eventwire.batch.spark import run_job, spark_session
    from eventwire.batch.spark_dedup import dedup_job

    if input_format not in ("auto", "jsonl", "parquet"):
        raise typer.BadParameter("expected auto, jsonl or parquet", param_hint="--format")
    settings = make_settings(models=model, gazetteer=gazetteer, actors=actors, max_chars=max_chars)
    spark = spark_session(master)
    try:
        summary = run_job(
            source,
            output,
            settings=settings,
            spark=spark,
            input_format=cast(Literal["auto", "jsonl", "parquet"], input_format),  # checked above
            partitions=partitions,
        )
        # Issue 17: dedup runs after every batch; cluster ids derive from each cluster's
        # earliest event id, so a rerun over the same output gives the same ids.
        clustered = dedup_job(output, spark=spark) if with_dedup else None
    finally:
        spark.stop()
    print(summary.line(), file=sys.stderr)
    if clustered is not None:
        print(
            f"{clustered['event_clusters']} clusters of {clustered['event_cluster_members']} "
            "events",
            file=sys.stderr,
        )
    if summary.counts.get("rejections"):
        print(
            f"{summary.counts['rejections']} articles rejected; see {output}/rejections",
            file=sys.stderr,
        )
        raise typer.Exit(1)


def dedup(
    output: Annotated[str, typer.Argument(help="Output folder of `eventwire spark run`.")],
    master: MasterOption = "local[2]",
    max_km: MaxKmOption = DEDUP_DEFAULTS.max_km,
    max_days: MaxDaysOption = DEDUP_DEFAULTS.max_days,
) -> None:
    """Cluster the events of a Spark output into event_clusters and event_cluster_members tables.

    Example: eventwire spark dedup out/ --master local[2]
    """
    from eventwire.batch.spark import spark_session
    from eventwire.batch.spark_dedup import dedup_job
    from eventwire.events.dedup import DedupOptions

    spark = spark_session(master)
    try:
        counts = dedup_job(
            output, spark=spark, options=DedupOptions(max_km=max_km, max_days=max_days)
        )
    finally:
        spark.stop()
    print(
        f"{counts['event_clusters']} clusters of {counts['event_cluster_members']} events "
        f"-> {output}",
        file=sys.stderr,
    )


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``spark run`` and ``spark dedup`` to the ``spark`` group."""
    groups["spark"].command("run")(run)
    groups["spark"].command("dedup")(dedup)
