"""The Spark job on a real local[2] session gives the single-process Results, and loads back."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.batch.spark import read_results, run_job
from eventwire.config import Settings
from eventwire.ingest import articles_only, read_paths
from eventwire.pipeline import load_pipeline
from eventwire_bench.corpus import vary_articles, write_jsonl

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

FACTORY = load_pipeline


@pytest.fixture(scope="module")
def job(tmp_path_factory, devset_articles, spark):  # type: ignore[no-untyped-def]
    """Run the job once on 200 articles (plus one empty line the job must reject)."""
    base = tmp_path_factory.mktemp("spark")
    source = write_jsonl(vary_articles(devset_articles, 200), base / "articles.jsonl")
    with source.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "empty", "text": "  "}\n')
    summary = run_job(
        str(source), str(base / "out"), settings=Settings(), spark=spark, factory=FACTORY
    )
    return source, base / "out", summary


@pytest.mark.parametrize(
    ("record", "ingested"),
    [({"id": "a"}, "2024-12-01"), ({"id": "b", "ingested": "2023-05-06"}, "2023-05-06")],
)
def test_spark_articles_take_the_job_ingestion_date_unless_they_carry_one(
    record: dict[str, str], ingested: str
) -> None:
    from eventwire.batch.spark import SparkJob, _article

    job = SparkJob(settings=Settings(), ingested="2024-12-01")
    article = _article({**record, "text": "Des tirs ont visé un poste de police."}, job)
    assert article.ingested == ingested


def test_spark_job_writes_every_table(job) -> None:  # type: ignore[no-untyped-def]
    _, out, summary = job
    for table in ("articles", "places", "actors", "events", "attributions", "rejections"):
        assert (out / table).is_dir(), table
    assert summary.counts["articles"] == 200
    assert summary.counts["rejections"] == 1


def _stored(result: dict) -> dict:  # type: ignore[type-arg]
    """What the tables keep of a result: the fields store/mapping.py declares as not stored go."""
    from eventwire.store import mapping

    gone = {k for k, cols in mapping.EVENT_FIELDS.items() if not cols and k != "attribution"}
    kept = dict(result)  # non_events too, since revision 0011
    kept["events"] = [{k: v for k, v in e.items() if k not in gone} for e in result["events"]]
    return kept


def test_spark_job_matches_single_process(job) -> None:  # type: ignore[no-untyped-def]
    source, out, _ = job
    articles = list(articles_only(read_paths([source])))
    expected = {
        r.article.id: _stored(r.to_dict()) for r in FACTORY(Settings()).extract_many(articles)
    }
    got = {r.article.id: _stored(r.to_dict()) for r in read_results(out)}
    assert got.keys() == expected.keys()
    differing = [article_id for article_id in expected if got[article_id] != expected[article_id]]
    assert differing == []


def test_spark_job_rejection_names_the_line(job) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    _, out, _ = job
    (row,) = pq.read_table(out / "rejections").to_pylist()
    assert row["origin"].endswith("articles.jsonl#empty")
    assert "empty article" in row["problem"]


def test_load_command_stores_spark_output(job, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from eventwire.cli.main import build_app
    from eventwire.store.repository import Store

    _, out, _ = job
    db = tmp_path / "events.db"
    first = CliRunner().invoke(build_app(), ["load", str(out), "--db", str(db)])
    again = CliRunner().invoke(build_app(), ["load", str(out), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "200 stored" in first.output
    assert "200 unchanged" in again.output  # idempotent
    with Store.open(db) as store:
        stored = {r.article.id: r.to_dict() for r in store.results()}
    assert stored == {r.article.id: r.to_dict() for r in read_results(out)}


def test_spark_dedup_matches_pure_dedup(job, spark) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    from eventwire.batch.spark_dedup import dedup_job
    from eventwire.events.dedup import cluster_events

    _, out, _ = job
    counts = dedup_job(str(out), spark=spark)
    expected = {c.id: set(c.event_ids) for c in cluster_events(read_results(out))}
    members = pq.read_table(out / "event_cluster_members").to_pylist()
    got: dict[str, set[str]] = {}
    for row in members:
        got.setdefault(row["cluster_id"], set()).add(row["event_id"])
    # Same clusters and the same ids (issue 17: an id derives from the earliest event id,
    # whatever the order Spark hands the rows in).
    assert got == expected
    assert counts["event_clusters"] == len(expected)
    again = dedup_job(str(out), spark=spark)
    assert again == counts
    rerun = pq.read_table(out / "event_cluster_members").to_pylist()
    assert {(r["cluster_id"], r["event_id"]) for r in rerun} == {
        (r["cluster_id"], r["event_id"]) for r in members
    }
