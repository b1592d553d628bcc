"""``extract_parallel``: worker processes give the single-process Results, in input order."""

from __future__ import annotations

import pytest

from eventwire.batch.local import extract_parallel
from eventwire.config import Settings
from eventwire.pipeline import load_pipeline
from eventwire_bench.corpus import vary_articles

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
