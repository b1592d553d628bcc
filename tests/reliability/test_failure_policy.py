"""One failure policy on every path (issue 19): a bad article is rejected with its reason, the
rest go on, for ``eventwire run``, ``eventwire extract``, ``--workers``, Spark and the Python
``extract_many``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.config import Settings
from eventwire.records import Article, Rejection, Result
from eventwire.store.repository import Store
from tests.reliability.failing import PROBLEM, failing_pipeline

TEXTS = ["un", "deux BOOM", "trois", "quatre", "cinq"]
SETTINGS = Settings(batch_size=2)


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t, origin=f"in.jsonl:{i + 1}") for i, t in enumerate(TEXTS)]


def _kinds(items: list[Result | Rejection]) -> list[str]:
    return [type(item).__name__ for item in items]


def test_failure_policy_one_process_run_stores_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.cli.main import build_app

    monkeypatch.setattr("eventwire.pipeline.load_pipeline", failing_pipeline)
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"a{i}.txt").write_text(f"{text}\n", encoding="utf-8")
    db = tmp_path / "out.db"
    done = CliRunner().invoke(build_app(), ["run", str(folder), "--db", str(db), "--quiet"])
    assert done.exit_code == 1
    assert f"Error: {folder / 'a1.txt'}: {PROBLEM}" in done.output
    with Store.open(db) as store:
        assert sorted(r.article.text for r in store.results()) == sorted(set(TEXTS) - {"deux BOOM"})


def test_failure_policy_extract_prints_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.cli.main import build_app

    monkeypatch.setattr("eventwire.pipeline.load_pipeline", failing_pipeline)
    for i, text in enumerate(TEXTS):
        (tmp_path / f"a{i}.txt").write_text(f"{text}\n", encoding="utf-8")
    done = CliRunner().invoke(build_app(), ["extract", str(tmp_path)])
    assert done.exit_code == 1
    assert f"Error: {tmp_path / 'a1.txt'}: {PROBLEM}" in done.stderr
    printed = [json.loads(line)["article"]["text"] for line in done.stdout.splitlines()]
    assert sorted(printed) == ["cinq", "quatre", "trois", "un"]


@pytest.mark.slow
def test_failure_policy_workers_reject_one_and_keep_order() -> None:
    from eventwire.batch.local import extract_parallel

    got = list(
        extract_parallel(_articles(), settings=SETTINGS, workers=2, factory=failing_pipeline)
    )
    assert _kinds(got) == ["Result", "Rejection", "Result", "Result", "Result"]
    assert got[1] == Rejection("in.jsonl:2", PROBLEM)
    assert [r.article.id for r in got if isinstance(r, Result)] == ["a0", "a2", "a3", "a4"]


def test_failure_policy_python_api_rejects_bad_text_and_failing_article() -> None:
    items = ["un", "", "deux BOOM", {"text": "trois"}, "   "]
    got = list(eventwire.extract_many(items, pipeline=failing_pipeline(SETTINGS)))
    assert _kinds(got) == ["Result", "Rejection", "Rejection", "Result", "Rejection"]
    assert got[1] == Rejection("<item 2>", "empty article (no text after extraction)")
    assert got[2] == Rejection("<item 3>", PROBLEM)
    assert got[4].line() == "Error: <item 5>: empty article (no text after extraction)"  # type: ignore[union-attr]


def test_failure_policy_single_extract_still_raises() -> None:
    with pytest.raises(ValueError, match="E088"):
        failing_pipeline(SETTINGS).extract(Article(id="x", text="BOOM"))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_failure_policy_spark_job_writes_one_rejection(tmp_path: Path) -> None:
    from pyspark import cloudpickle

    from eventwire.batch.spark import read_results, run_job, spark_session
    from tests.reliability import failing

    # Spark's Python workers do not see the tests package: ship the factory's module by value.
    cloudpickle.register_pickle_by_value(failing)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS))
    )
    spark = spark_session("local[2]", app_name="eventwire-failure-policy")
    try:
        out = str(tmp_path / "out")
        factory = failing.failing_pipeline
        summary = run_job(str(source), out, settings=SETTINGS, spark=spark, factory=factory)
        rejections = spark.read.parquet(str(tmp_path / "out" / "rejections")).collect()
    finally:
        spark.stop()
        cloudpickle.unregister_pickle_by_value(failing)
    assert summary.counts["articles"] == 4
    assert [(r.origin, r.problem) for r in rejections] == [(f"{source}#a1", PROBLEM)]
    assert sorted(r.article.id for r in read_results(tmp_path / "out")) == ["a0", "a2", "a3", "a4"]
