"""Stages that set the language and run spaCy over each article, batched per language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from eventwire.config import SUPPORTED_LANGUAGES
from eventwire.language import LanguageDetector
from eventwire.nlp.models import Models
from eventwire.records import Document
from eventwire.stage import Stage


class LanguageStage(Stage):
    """Set ``article.language`` when the input did not give one."""

    name: ClassVar[str] = "language"
    requires: ClassVar[tuple[str, ...]] = ("article",)
    assigns: ClassVar[tuple[str, ...]] = ("article.language",)

    def __init__(self, detector: LanguageDetector) -> None:
        self._detector = detector

    def __call__(self, doc: Document) -> Document:
        from dataclasses import replace

        if doc.article.language:
            return doc
        detection = self._detector.detect(doc.article.text)
        return doc.evolve(article=replace(doc.article, language=detection.language))


class NlpStage(Stage):
    """Run the language's spaCy pipeline; other languages get a warning and no extraction."""

    name: ClassVar[str] = "nlp"
    requires: ClassVar[tuple[str, ...]] = ("article.language",)
    assigns: ClassVar[tuple[str, ...]] = ("nlp",)

    def __init__(self, models: Models, *, languages: tuple[str, ...] = SUPPORTED_LANGUAGES) -> None:
        self._models = models
        self._languages = tuple(lang for lang in languages if lang in models.languages)

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc], batch_size=1)))

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        """Parse in batches with ``nlp.pipe``, keeping input order."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch, batch_size)
                batch = []
        if batch:
            yield from self._run(batch, batch_size)

    def _run(self, batch: list[Document], batch_size: int) -> Iterator[Document]:
        parsed: dict[int, Document] = {}
        for language in {d.article.language for d in batch}:
            members = [i for i, d in enumerate(batch) if d.article.language == language]
            if language not in self._languages:
                for i in members:
                    parsed[i] = batch[i].evolve(
                        warnings=batch[i].warnings
                        + (f"language {language!r} is not extracted (supported: fr, en)",)
                    )
                continue
            nlp = self._models.get(str(language))
            texts = (batch[i].article.text for i in members)
            for i, spacy_doc in zip(members, nlp.pipe(texts, batch_size=batch_size)):
                parsed[i] = batch[i].evolve(nlp=spacy_doc)
        for i in range(len(batch)):
            yield parsed[i]
