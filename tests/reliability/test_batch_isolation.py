"""One article's failing stage does not stop the batch: ``Pipeline.process`` (issues 10, 19)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventwire.errors import InputError
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Document, Rejection, Result
from eventwire.stage import Stage


class _Fragile(Stage):
    """A per-article stage with a bug: it fails on articles containing BOOM or BAD."""

    name = "fragile"
    requires = ("article",)
    assigns = ("events",)

    def __call__(self, doc: Document) -> Document:
        if "BOOM" in doc.article.text:
            raise ZeroDivisionError("division by zero")
        if "BAD" in doc.article.text:
            raise InputError("date", "31 février does not exist")
        return doc.evolve(warnings=("seen",))


class _FragileBatch(_Fragile):
    """A batching stage (like spaCy's) whose whole batch fails when one article is bad."""

    name = "fragile_batch"

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        batch = list(docs)
        for doc in batch:
            if "BOOM" in doc.article.text:
                raise ValueError("[E088] Text of length 1000001 exceeds maximum of 1000000")
        for doc in batch:
            yield doc.evolve(warnings=("seen",))


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"a{i}", text=t, origin=f"in.jsonl:{i + 1}") for i, t in enumerate(texts)]


TEXTS = ["un", "deux BOOM", "trois", "quatre", "cinq", "six", "sept"]


def test_batch_isolation_per_article_stage_failure_keeps_the_batch() -> None:
    out = list(Pipeline([_Fragile()], batch_size=3).process(_articles(TEXTS), batch_size=3))
    assert [o.article.id for o in out if isinstance(o, Result)] == [f"a{i}" for i in range(7)]
    assert [o.warnings for o in out if isinstance(o, Result)].count(("seen",)) == 6
    assert "ZeroDivisionError" in out[1].warnings[0]


def test_batch_isolation_batching_stage_failure_is_one_rejection() -> None:
    pipeline = Pipeline([_FragileBatch()], batch_size=3)
    out = list(pipeline.process(_articles(TEXTS), batch_size=3))
    assert [type(o).__name__ for o in out] == ["Result", "Rejection"] + ["Result"] * 5
    assert [o.article.id for o in out if isinstance(o, Result)] == [
        "a0",
        "a2",
        "a3",
        "a4",
        "a5",
        "a6",
    ]
    assert out[1] == Rejection(
        "in.jsonl:2",
        "extraction failed (ValueError: [E088] Text of length 1000001 exceeds maximum of 1000000); "
        "a bug: please report it (EVENTWIRE_DEBUG=1 prints the traceback)",
    )


def test_batch_isolation_eventwire_errors_keep_their_message() -> None:
    class _Strict(_FragileBatch):
        def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
            for doc in docs:
                if "BAD" in doc.article.text:
                    raise InputError("date", "31 février does not exist")
                yield doc

    out = list(Pipeline([_Strict()]).process(_articles(["un", "BAD"]), batch_size=2))
    assert out[1].line() == "Error: in.jsonl:2: extraction failed (date: 31 février does not exist)"


def test_batch_isolation_keyboard_interrupt_is_not_swallowed() -> None:
    class _Interrupted(_FragileBatch):
        def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
            raise KeyboardInterrupt
            yield from docs

    items = Pipeline([_Interrupted()]).process(_articles(["un"]), batch_size=1)
    try:
        next(items)
    except KeyboardInterrupt:
        return
    raise AssertionError("KeyboardInterrupt was swallowed")
