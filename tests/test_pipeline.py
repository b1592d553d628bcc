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


class _FailsOnTwo(Stage):
    name: ClassVar[str] = "fragile"
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, doc: Document) -> Document:
        if doc.article.id == "2":
            raise ValueError("bad input")
        return doc


def test_pipeline_stage_failure_is_reported_and_batch_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    docs = list(Pipeline([_FailsOnTwo()]).documents(Article(str(i), "x") for i in range(4)))
    assert [d.article.id for d in docs] == ["0", "1", "2", "3"]
    assert docs[2].warnings == (
        "stage 'fragile' failed (ValueError: bad input); its fields are empty",
    )
    assert docs[3].warnings == ()
    assert "stage fragile failed on article 2" in caplog.text
