"""The pipeline benchmark's parts: synthetic corpora, stage timing, memory figures."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import ClassVar

from eventwire.cli.bench_pipeline import print_runs
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Document
from eventwire.stage import Stage
from eventwire_bench.corpus import sentences_of, synthetic_articles, vary_articles
from eventwire_bench.pipeline import Run, fastest, least_cpu, peak_rss_mb
from eventwire_bench.stages import timed


class _Sleep(Stage):
    """A real stage that takes a known time per document."""

    name: ClassVar[str] = "sleep"
    assigns: ClassVar[tuple[str, ...]] = ("article.language",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __call__(self, doc: Document) -> Document:
        time.sleep(self.seconds)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


class _Slow(_Sleep):
    name: ClassVar[str] = "slow"


def test_timed_pipeline_splits_time_between_stages() -> None:
    pipeline, seconds = timed(Pipeline([_Sleep(0.002), _Slow(0.01)]))
    articles = [Article(id=str(i), text="x") for i in range(20)]
    assert len(list(pipeline.extract_many(articles))) == 20
    assert 0.03 <= seconds["sleep"] < 0.15
    assert 0.2 <= seconds["slow"] < 0.5


def test_sentences_of_splits_and_filters() -> None:
    text = (
        "Court. Une frappe aérienne a touché Alep dimanche. "
        "« Nous avons vu deux avions », dit un témoin."
    )
    assert sentences_of([text], min_chars=20) == [
        "Une frappe aérienne a touché Alep dimanche.",
        "« Nous avons vu deux avions », dit un témoin.",
    ]


def test_synthetic_articles_are_reproducible_and_distinct() -> None:
    sentences = [f"Phrase numéro {i} assez longue pour compter ici." for i in range(30)]
    first = synthetic_articles(sentences, 10, language="fr", seed=1)
    again = synthetic_articles(sentences, 10, language="fr", seed=1)
    assert first == again
    assert len({a.id for a in first}) == 10
    assert all(a.language == "fr" and a.published for a in first)


def test_vary_articles_keeps_texts_and_renews_ids() -> None:
    base = [Article(id="a", text="un"), Article(id="b", text="deux")]
    varied = vary_articles(base, 5)
    assert [a.text for a in varied] == ["un", "deux", "un", "deux", "un"]
    assert len({a.id for a in varied}) == 5


def test_run_rates_and_peak_memory() -> None:
    run = Run("x", seconds=2.0, articles=10, words=500)
    assert (run.articles_per_s, run.words_per_s) == (5.0, 250.0)
    assert 10 < peak_rss_mb() < 10_000  # this interpreter, in MiB


def test_fastest_keeps_the_run_with_the_least_processing_time() -> None:
    slow, quick = Run("x", seconds=4.0, articles=10, words=500), Run("x", 2.5, 10, 500)
    assert fastest([slow, quick, slow]) is quick
    assert fastest([slow]) is slow


def test_least_cpu_skips_runs_that_did_not_measure_it() -> None:
    runs = [Run("x", 3.0, 10, 500, cpu_seconds=2.0), Run("x", 2.0, 10, 500)]
    assert least_cpu([*runs, Run("x", 4.0, 10, 500, cpu_seconds=1.5)]) == 1.5
    assert least_cpu([Run("x", 3.0, 10, 500)]) is None


def test_print_runs_gives_the_cpu_time_ratio(capsys) -> None:
    alone = Run("spaCy alone", 2.0, 10, 500, cpu_seconds=3.0)
    one = Run("eventwire, 1 process", 4.0, 10, 500, stage_seconds={"nlp": 1.0}, cpu_seconds=4.0)
    print_runs([alone, one])
    out = capsys.readouterr().out
    assert "CPU time, 1 process vs spaCy alone: 0.75 (spaCy alone 3.0 s, eventwire 4.0 s)" in out
