"""The pipeline on Apache Spark: JSONL or Parquet articles in, Parquet tables out (issue 9).

    spark.read (JSONL | Parquet) → repartition → mapInPandas(extract) → persist
        → articles / places / actors / events / attributions / rejections   (Parquet)

Each executor's Python worker builds the pipeline once (models, gazetteer) and keeps it for
every later partition; the gazetteer file is shipped with ``SparkContext.addFile`` and opened
read-only from ``SparkFiles.get``. Table columns are those of ``store/tables.py`` so that
``eventwire load`` rebuilds the exact Results that ``eventwire run`` would have stored.

>>> run_job("articles.jsonl", "out/", settings=Settings(), spark=session)   # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.ingest import ingestion_day
from eventwire.pipeline import Pipeline, load_pipeline
from eventwire.pipeline_cache import PipelineFactory, cached_pipeline
from eventwire.records import Article, Attribution, Rejection, Result, Span
from eventwire.store import rows, tables

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

__all__ = [
    "ARTICLE_COLUMNS",
    "CHILD_TABLES",
    "JobSummary",
    "SparkJob",
    "read_results",
    "result_rows",
    "run_job",
    "spark_session",
]

InputFormat = Literal["auto", "jsonl", "parquet"]

#: Columns of the ``articles`` output (the store's, less ``processed_at``, set when loaded).
ARTICLE_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in tables.articles.columns if c.name != "processed_at"
)
#: Child tables: output name -> store table; their rows travel as JSON inside the job.
CHILD_TABLES: dict[str, Any] = {
    "places": tables.places,
    "actors": tables.actors,
    "events": tables.events,
    "attributions": tables.attributions,
}
_INPUT_FIELDS = ("id", "title", "text", "published", "source", "url", "language", "ingested")


@dataclass(frozen=True)
class SparkJob:
    """What every executor needs to build its pipeline: picklable, hashable."""

    settings: Settings
    factory: PipelineFactory = load_pipeline
    gazetteer_name: str | None = None  # file name given to SparkContext.addFile
    origin: str = "input"
    #: The ingestion date of input rows that carry none: the day the driver started the job,
    #: one for all executors (issue 14); None: each executor's today.
    ingested: str | None = None


@dataclass(frozen=True, slots=True)
class JobSummary:
    """Row counts written per output table."""

    counts: dict[str, int]
    output: str

    def line(self) -> str:
        return ", ".join(f"{n} {name}" for name, n in self.counts.items()) + f" -> {self.output}"


def spark_session(master: str = "local[2]", *, app_name: str = "eventwire") -> SparkSession:
    """Start (or reuse) a Spark session; local masters run workers on this Python."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Small Arrow batches: one batch is one spaCy stream; memory stays bounded per task.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master.startswith("local"):
        # PySpark starts workers with $PYSPARK_PYTHON (default "python3", maybe another
        # environment); local workers must run this interpreter, which has eventwire.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false")
    return builder.getOrCreate()


def run_job(
    source: str,
    output: str,
    *,
    settings: Settings,
    spark: SparkSession,
    factory: PipelineFactory = load_pipeline,
    input_format: InputFormat = "auto",
    partitions: int | None = None,
) -> JobSummary:
    """Extract every article of ``source`` and write the tables under ``output`` (overwritten)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    frame = _read_input(spark, source, input_format)
    job = SparkJob(
        settings=settings,
        factory=factory,
        gazetteer_name=_ship_gazetteer(spark, settings),
        origin=source,
        ingested=ingestion_day(None),
    )
    wanted = partitions or 2 * spark.sparkContext.defaultParallelism
    extracted = (
        frame.repartition(wanted)
        .mapInPandas(_ExtractPartitions(job), schema=_result_schema())
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        counts: dict[str, int] = {}
        ok = extracted.where(F.col("problem").isNull())
        _write(ok.select(*ARTICLE_COLUMNS), f"{output}/articles", counts, "articles")
        for name, table in CHILD_TABLES.items():
            child = ok.select(
                F.explode(F.from_json(F.col(f"{name}_json"), _array_schema(table))).alias("r")
            )
            _write(child.select("r.*"), f"{output}/{name}", counts, name)
        rejected = extracted.where(F.col("problem").isNotNull()).select("origin", "problem")
        _write(rejected, f"{output}/rejections", counts, "rejections")
    finally:
        extracted.unpersist()
    return JobSummary(counts=counts, output=output)


def _write(frame: DataFrame, path: str, counts: dict[str, int], name: str) -> None:
    frame.write.mode("overwrite").parquet(path)
    counts[name] = frame.count()


def _read_input(spark: SparkSession, source: str, input_format: InputFormat) -> DataFrame:
    from pyspark.sql.types import StringType, StructField, StructType

    kind = input_format
    if kind == "auto":
        kind = "parquet" if source.rstrip("/").endswith((".parquet", ".pq")) else "jsonl"
    if kind == "parquet":
        frame = spark.read.parquet(source)
    else:
        schema = StructType([StructField(name, StringType()) for name in _INPUT_FIELDS])
        frame = spark.read.schema(schema).json(source)
    missing = [name for name in ("text",) if name not in frame.columns]
    if missing:
        raise InputError(source, f"no {missing[0]!r} column (columns: {', '.join(frame.columns)})")
    for name in _INPUT_FIELDS:
        if name not in frame.columns:
            from pyspark.sql import functions as F

            frame = frame.withColumn(name, F.lit(None).cast("string"))
    return frame.select(*[frame[name].cast("string").alias(name) for name in _INPUT_FIELDS])


def _ship_gazetteer(spark: SparkSession, settings: Settings) -> str | None:
    """Send the gazetteer file to every executor; its name is what SparkFiles.get wants."""
    path = settings.gazetteer
    if path is None:
        try:
            from eventwire.geo.gazetteer import open_default
        except ImportError:  # a pipeline without a geo stage needs no gazetteer
            return None
        with open_default() as gazetteer:  # builds the bundled default once, on the driver
            path = gazetteer.path
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise EventwireError(f"{path}: gazetteer file not found; run `eventwire gazetteer build`")
    spark.sparkContext.addFile(str(path))
    return path.name


class _ExtractPartitions:
    """The mapInPandas function: Arrow batches of input rows -> one output row per article."""

    def __init__(self, job: SparkJob) -> None:
        self.job = job

    def __call__(self, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        pipeline = _executor_pipeline(self.job)
        for batch in batches:
            articles, out = [], []
            for record in batch.to_dict("records"):
                try:
                    articles.append(_article(record, self.job))
                except InputError as err:
                    out.append(_rejection_row(Rejection(err.origin, err.problem)))
            for item in pipeline.process(articles):
                out.append(
                    _rejection_row(item) if isinstance(item, Rejection) else result_rows(item)
                )
            yield pd.DataFrame(out, columns=list(_output_columns()))


def _executor_pipeline(job: SparkJob) -> Pipeline:
    """This worker's pipeline for ``job``, from the one per-process cache.

    Spark reuses a Python worker for many tasks (spark.python.worker.reuse), so the models load
    once per worker, not per partition.
    """
    settings = job.settings
    if job.gazetteer_name is not None:
        from pyspark import SparkFiles

        settings = replace(settings, gazetteer=Path(SparkFiles.get(job.gazetteer_name)))
    return cached_pipeline(settings, job.factory)


def _article(record: dict[str, Any], job: SparkJob) -> Article:
    from eventwire.ingest import make_article

    fields = {k: v for k, v in record.items() if isinstance(v, str)}
    origin = f"{job.origin}#{fields['id']}" if fields.get("id") else job.origin
    return make_article(
        fields, origin=origin, max_chars=job.settings.max_chars, ingested=job.ingested
    )


def result_rows(result: Result) -> dict[str, Any]:
    """One output row: the article's columns plus its child rows as JSON lists (pure).

    The article columns are the store's own ``article_row`` (one mapping, issue 19), less
    ``processed_at``, which ``eventwire load`` sets when it stores the row.
    """
    from eventwire.store.repository import article_row

    row = {name: value for name, value in article_row(result).items() if name in ARTICLE_COLUMNS}
    row["problem"] = None
    row["places_json"] = json.dumps(rows.place_rows(result), ensure_ascii=False)
    row["actors_json"] = json.dumps(rows.actor_rows(result), ensure_ascii=False)
    row["events_json"] = json.dumps(rows.event_rows(result), ensure_ascii=False)
    row["attributions_json"] = json.dumps(rows.attribution_rows(result), ensure_ascii=False)
    return row


def _rejection_row(rejection: Rejection) -> dict[str, Any]:
    return {
        **dict.fromkeys(_output_columns()),
        "origin": rejection.origin,
        "problem": rejection.problem,
    }


def _output_columns() -> tuple[str, ...]:
    return (*ARTICLE_COLUMNS, *(f"{name}_json" for name in CHILD_TABLES), "problem")


def _spark_type(column: Any) -> Any:
    from pyspark.sql.types import DoubleType, LongType, StringType
    from sqlalchemy import Float, Integer

    if isinstance(column.type, Integer):
        return LongType()
    if isinstance(column.type, Float):
        return DoubleType()
    return StringType()


def _child_columns(table: Any) -> list[Any]:
    """A child table's columns, less the database's own autoincrement key."""
    return [c for c in table.columns if not (c.name == "id" and c.autoincrement is True)]


def _array_schema(table: Any) -> Any:
    from pyspark.sql.types import ArrayType, StructField, StructType

    return ArrayType(
        StructType([StructField(c.name, _spark_type(c)) for c in _child_columns(table)])
    )


def _result_schema() -> StructType:
    from pyspark.sql.types import StringType, StructField, StructType

    by_name = {c.name: c for c in tables.articles.columns}
    fields = [StructField(name, _spark_type(by_name[name])) for name in ARTICLE_COLUMNS]
    fields += [StructField(f"{name}_json", StringType()) for name in CHILD_TABLES]
    fields.append(StructField("problem", StringType()))
    return StructType(fields)


def read_results(output: str | Path) -> Iterator[Result]:
    """Rebuild the Results of a job's output with pyarrow, ordered by article id (no Spark).

    Child tables are grouped in memory by article id; ``eventwire load`` streams these into
    the database one transaction per article.
    """
    import pyarrow.parquet as pq

    base = Path(output)
    if not (base / "articles").exists():
        raise InputError(
            str(base), "no 'articles' table here; expected the output of `eventwire spark run`"
        )
    children: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name in CHILD_TABLES:
        grouped: dict[str, list[dict[str, Any]]] = {}
        if (base / name).exists():
            for row in pq.read_table(base / name).to_pylist():
                grouped.setdefault(row["article_id"], []).append(row)
        children[name] = grouped
    articles = sorted(pq.read_table(base / "articles").to_pylist(), key=lambda r: r["id"])
    for article in articles:
        yield _result_from_tables(
            article, {name: children[name].get(article["id"], []) for name in CHILD_TABLES}
        )


def _by_idx(rows_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows_, key=lambda r: r["idx"])


def _result_from_tables(article: dict[str, Any], child: dict[str, list[dict[str, Any]]]) -> Result:
    chains: dict[str, list[Attribution]] = {}
    for a in sorted(child["attributions"], key=lambda r: (r["event_id"], r["rank"])):
        span = (
            None
            if a["span_start"] is None
            else Span(a["span_text"] or "", a["span_start"], a["span_end"])
        )
        chains.setdefault(a["event_id"], []).append(Attribution(a["name"], span))
    return Result(
        article=rows.article_from_row(article),
        places=tuple(rows.place_from_row(r) for r in _by_idx(child["places"])),
        actors=tuple(rows.actor_from_row(r) for r in _by_idx(child["actors"])),
        events=tuple(
            rows.event_from_row(r, tuple(chains.get(r["id"], ()))) for r in _by_idx(child["events"])
        ),
        warnings=tuple(json.loads(article["warnings"] or "[]")),
        pipeline_version=article["pipeline_version"],
        non_events=rows.non_events_from_row(article),
        provenance=rows.provenance_from_row(article),
    )
