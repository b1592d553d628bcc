"""The contract every pipeline stage follows: ``stage(doc) -> doc`` and ``stage.pipe(docs)``.

A stage declares the Document fields it ``requires`` and ``assigns``; ``pipeline.build``
checks at build time that each requirement is assigned by an earlier stage (as spaCy's
``pipe_analysis`` does). Stages never mutate: they return ``doc.evolve(...)``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import ClassVar

from eventwire.records import Document

#: Fields a stage may require or assign.
FIELDS = frozenset({"article", "article.language", "nlp", "places", "actors", "events"})


class Stage(ABC):
    """One step of the pipeline; subclasses set ``name``, ``requires`` and ``assigns``."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ("article",)
    assigns: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def __call__(self, doc: Document) -> Document:
        """Return ``doc`` with this stage's fields assigned."""

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Process a stream; stages that batch (spaCy) override this."""
        for doc in docs:
            yield self(doc)
