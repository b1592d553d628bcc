"""Fixtures of the watcher's tests: a live local site, an HTTP client, a fetcher without pauses."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from eventwire.pipeline import Pipeline, load_pipeline
from eventwire.records import Article, Rejection, Result
from eventwire.watch.fetch import Fetcher, FetchOptions
from tests.watch.server import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as http:
        yield http


#: Quick pacing for tests: short timeouts and back-off, no pause between requests.
QUICK = FetchOptions(timeout_s=1.0, retries=2, backoff_s=0.05, min_interval_s=0.0)


@pytest.fixture
def fetcher(client: httpx.Client) -> Fetcher:
    return Fetcher(client, QUICK)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The real, full pipeline, loaded once for the watcher's tests."""
    return load_pipeline()


@pytest.fixture
def extract(pipeline: Pipeline) -> Callable[[Article], Result | Rejection]:
    """What `eventwire watch` extracts with: `Pipeline.process`, one article at a time."""
    return lambda article: next(pipeline.process([article], batch_size=1))
