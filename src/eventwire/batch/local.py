"""Extract on several local worker processes, results in input order (``run --workers N``).

Each worker builds its pipeline once (spaCy models, gazetteer) in the pool initializer and
keeps it in the one per-process cache (``eventwire/pipeline_cache.py``); articles travel to
workers in chunks and Results (or Rejections, by the pipeline's one failure policy,
``Pipeline.process``) come back, so the caller stays the single writer to the database. At
most ``max_in_flight`` chunks are pending, bounding memory.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from eventwire.config import Settings
from eventwire.pipeline import load_pipeline
from eventwire.pipeline_cache import PipelineFactory, cached_pipeline
from eventwire.records import Article, Rejection, Result

__all__ = ["PipelineFactory", "extract_parallel"]


def extract_parallel(
    articles: Iterable[Article],
    *,
    settings: Settings,
    workers: int,
    factory: PipelineFactory = load_pipeline,
    chunk_size: int | None = None,
    max_in_flight: int | None = None,
) -> Iterator[Result | Rejection]:
    """Yield one Result or Rejection per article, in input order, from ``workers`` processes.

    ``factory`` builds a worker's pipeline from ``settings`` (a module-level function, so
    that it pickles and stays the same cache key); ``chunk_size`` defaults to
    ``settings.batch_size``.

    >>> results = extract_parallel(articles, settings=Settings(), workers=2)   # doctest: +SKIP
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    size = chunk_size or settings.batch_size
    limit = max_in_flight or 2 * workers
    stream = iter(articles)
    # spawn, not fork: the parent may hold threads (SQLAlchemy pool, Spark, progress bars)
    # and forking them is unsafe; workers pay one interpreter start each.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(factory, settings),
    ) as pool:
        pending: deque[Future[list[Result | Rejection]]] = deque()
        while True:
            while len(pending) < limit and (chunk := list(islice(stream, size))):
                pending.append(pool.submit(_extract_chunk, chunk, factory, settings))
            if not pending:
                return
            yield from pending.popleft().result()


def _init_worker(factory: PipelineFactory, settings: Settings) -> None:
    """Build this worker's pipeline into its per-process cache (runs in the worker process)."""
    cached_pipeline(settings, factory)


def _extract_chunk(
    chunk: list[Article], factory: PipelineFactory, settings: Settings
) -> list[Result | Rejection]:
    """Extract one chunk with this worker's cached pipeline (runs in the worker process)."""
    return list(cached_pipeline(settings, factory).process(chunk))
