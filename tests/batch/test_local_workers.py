"""``extract_parallel``: worker processes give the single-process Results, in input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.batch.local import extract_parallel
from eventwire.config import Settings
from eventwire.pipeline import load_pipeline
from eventwire.records import Article, Result
from eventwire_bench.corpus import vary_articles
from tests.batch.counting import BUILDS_ENV, counting_pipeline

FACTORY = load_pipeline


@pytest.mark.slow
def test_extract_parallel_matches_one_process_in_order(devset_articles) -> None:  # type: ignore[no-untyped-def]
    articles = vary_articles(devset_articles, 40, seed=3)
    got = list(
        extract_parallel(articles, settings=Settings(), workers=2, factory=FACTORY, chunk_size=3)
    )
    expected = list(FACTORY(Settings()).extract_many(articles))
    assert [r.article.id for r in got] == [a.id for a in articles]
    assert [r.to_dict() for r in got] == [r.to_dict() for r in expected]


def test_extract_parallel_rejects_zero_workers() -> None:
    with pytest.raises(ValueError, match="workers must be at least 1, got 0"):
        next(extract_parallel([], settings=Settings(), workers=0))


def test_extract_parallel_of_nothing_is_nothing() -> None:
    assert list(extract_parallel([], settings=Settings(), workers=2, factory=FACTORY)) == []


def test_extract_parallel_builds_one_pipeline_per_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five chunks of one article on one worker: the per-process cache builds the pipeline once.
    log = tmp_path / "builds.txt"
    monkeypatch.setenv(BUILDS_ENV, str(log))
    articles = [Article(id=f"a{i}", text=f"texte {i}", origin=f"in:{i}") for i in range(5)]
    got = list(
        extract_parallel(
            articles, settings=Settings(), workers=1, factory=counting_pipeline, chunk_size=1
        )
    )
    assert [r.article.id for r in got if isinstance(r, Result)] == ["a0", "a1", "a2", "a3", "a4"]
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1
