"""The one per-process pipeline cache (issue 19): models and gazetteer load once per process.

``eventwire.extract`` and ``extract_many`` in a user's process, every ``--workers`` worker
(``batch/local.py``) and every Spark executor's Python worker (``batch/spark.py``) ask this
cache for the pipeline of their settings and factory, so that ~600 MB of models load once per
process rather than once per call, chunk or partition. ``cached_pipeline.cache_clear()`` frees
it. tests/test_layout.py allows this cache and no other module-level state.

>>> pipeline = cached_pipeline(Settings())          # doctest: +SKIP
>>> pipeline is cached_pipeline(Settings())          # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.config import Settings

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

__all__ = ["PipelineFactory", "cached_pipeline"]

#: Builds a pipeline from settings. It is part of the cache key, so a factory that crosses a
#: process boundary must be a module-level function (it pickles by reference, keeping its
#: identity); a lambda or a ``functools.partial`` rebuilds on every call there.
PipelineFactory = Callable[[Settings], "Pipeline"]


# Bounded: a process that tries several settings keeps the four latest pipelines at most.
@lru_cache(maxsize=4)
def cached_pipeline(
    settings: Settings | None = None, factory: PipelineFactory | None = None
) -> Pipeline:
    """The pipeline ``factory`` (default: ``load_pipeline``) builds for ``settings``, built once."""
    if factory is None:
        from eventwire.pipeline import load_pipeline

        return load_pipeline(settings)
    return factory(settings if settings is not None else Settings())
