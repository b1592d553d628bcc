"""A deliberately failing batching stage, and a pipeline factory that pickles (workers, Spark)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from eventwire.config import Settings
from eventwire.pipeline import Pipeline
from eventwire.records import Document
from eventwire.stage import Stage

BAD = "BOOM"
PROBLEM = (
    "extraction failed (ValueError: [E088] Text of length 1000001 exceeds maximum of 1000000); "
    "a bug: please report it (EVENTWIRE_DEBUG=1 prints the traceback)"
)


class Boom(Stage):
    """A batching stage (like spaCy's) whose whole batch raises when one article holds BOOM."""

    name: ClassVar[str] = "boom"
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        batch = list(docs)
        if any(BAD in doc.article.text for doc in batch):
            raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000")
        for doc in batch:
            yield doc.evolve(warnings=("seen",))


def failing_pipeline(settings: Settings) -> Pipeline:
    """A module-level factory (it pickles): one Boom stage, batches of ``settings.batch_size``."""
    return Pipeline([Boom()], batch_size=settings.batch_size)
