"""Pipelines for measuring: the language and spaCy stages alone, and per-stage timing."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import ClassVar

from eventwire.config import Settings
from eventwire.pipeline import Pipeline
from eventwire.records import Document
from eventwire.stage import Stage

__all__ = ["TimedStage", "nlp_only_pipeline", "timed"]


def nlp_only_pipeline(settings: Settings) -> Pipeline:
    """The first two stages (language, spaCy): what eventwire costs before its own stages.

    A module-level factory, so worker processes and Spark executors can build it by name.
    """
    from eventwire.language import load_detector
    from eventwire.nlp.models import Models
    from eventwire.nlp.stage import LanguageStage, NlpStage

    stages = [LanguageStage(load_detector()), NlpStage(Models(settings.model_names))]
    return Pipeline(stages, batch_size=settings.batch_size)


class TimedStage(Stage):
    """Wrap a stage and add the wall time spent inside its ``pipe`` to ``seconds``."""

    name: ClassVar[str] = "timed"

    def __init__(self, inner: Stage, seconds: dict[str, float]) -> None:
        self.inner = inner
        self.seconds = seconds
        self.requires = inner.requires  # type: ignore[misc]
        self.assigns = inner.assigns  # type: ignore[misc]
        self.name = inner.name  # type: ignore[misc]

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        # Stages are chained lazy generators: the time inside ``next(inner)`` includes pulling
        # documents from the earlier stages, so that pulling is timed and subtracted.
        pulled = [0.0]

        def source() -> Iterator[Document]:
            upstream = iter(docs)
            while True:
                started = time.perf_counter()
                try:
                    doc = next(upstream)
                except StopIteration:
                    pulled[0] += time.perf_counter() - started
                    return
                pulled[0] += time.perf_counter() - started
                yield doc

        inner = self.inner.pipe(source(), batch_size=batch_size)
        while True:
            started, before = time.perf_counter(), pulled[0]
            try:
                doc = next(inner)
            except StopIteration:
                self._add(time.perf_counter() - started - (pulled[0] - before))
                return
            self._add(time.perf_counter() - started - (pulled[0] - before))
            yield doc

    def _add(self, seconds: float) -> None:
        self.seconds[self.name] = self.seconds.get(self.name, 0.0) + seconds


def timed(pipeline: Pipeline) -> tuple[Pipeline, dict[str, float]]:
    """A copy of ``pipeline`` whose stages add their time to the returned dict (seconds)."""
    seconds: dict[str, float] = {}
    stages = [TimedStage(stage, seconds) for stage in pipeline.stages]
    return Pipeline(stages, batch_size=pipeline.batch_size), seconds
