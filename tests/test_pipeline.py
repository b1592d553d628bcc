"""Stages are checked at build time: a requirement must be assigned by an earlier stage."""

from __future__ import annotations

from typing import ClassVar

import pytest

from eventwire.pipeline import Pipeline, PipelineError
from eventwire.records import Article, Document
from eventwire.stage import Stage


class _Needs(Stage):
    name: ClassVar[str] = "needs-nlp"
    requires: ClassVar[tuple[str, ...]] = ("nlp",)

    def __call__(self, doc: Document) -> Document:
        return doc


class _Gives(Stage):
    name: ClassVar[str] = "gives-nlp"
    assigns: ClassVar[tuple[str, ...]] = ("nlp",)

    def __call__(self, doc: Document) -> Document:
        return doc.evolve(nlp=doc.article.text.split())


def test_pipeline_rejects_unmet_requirement() -> None:
    with pytest.raises(PipelineError, match="'needs-nlp' requires \\['nlp'\\]"):
        Pipeline([_Needs(), _Gives()])


def test_pipeline_runs_stages_in_order_and_keeps_input_order() -> None:
    pipeline = Pipeline([_Gives(), _Needs()], batch_size=2)
    docs = list(pipeline.documents(Article(str(i), f"mot {i}") for i in range(5)))
    assert [d.nlp for d in docs] == [["mot", str(i)] for i in range(5)]
