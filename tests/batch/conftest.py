"""Fixtures for the scale tests: a few hundred articles varied from the dev set, a Spark session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.records import Article

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def devset_articles() -> list[Article]:
    """The dev set's articles (French and English news texts written for eventwire)."""
    from eventwire_bench.corpus import read_texts

    articles = read_texts([REPO / "evaluation" / "devset" / "articles.jsonl"])
    assert len(articles) >= 20, "evaluation/devset/articles.jsonl is missing or nearly empty"
    return articles


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """A real local-mode Spark session with two worker threads."""
    from eventwire.batch.spark import spark_session

    session = spark_session("local[2]", app_name="eventwire-tests")
    yield session
    session.stop()
