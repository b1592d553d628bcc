"""``eventwire bench pipeline``: spaCy alone vs eventwire (1 process, N workers, Spark).

All runners read the same articles. Each returns a :class:`Run`: seconds of processing (model
loading and Spark start-up measured apart), articles/s, words/s and peak RSS. Per-stage shares
come from :func:`eventwire_bench.stages.timed`, which wraps the stages without touching them.
"""

from __future__ import annotations

import gc
import os
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventwire.config import Settings
from eventwire.records import Article

__all__ = ["Run", "bench_articles", "fastest", "least_cpu", "peak_rss_mb", "run_all"]


@dataclass(frozen=True)
class Run:
    """One configuration's figures on the benchmark articles."""

    name: str
    seconds: float  # processing only
    articles: int
    words: int
    startup_seconds: float = 0.0  # model loading, pool or Spark start, measured apart
    peak_rss_mb: float | None = None  # largest single process (per worker where there are workers)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    #: This process's CPU seconds of processing (in-process runs only; None for the others).
    #: On a shared machine it moves less with the load than ``seconds`` does.
    cpu_seconds: float | None = None

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def bench_articles(
    count: int, *, language: str, repo: Path, shared: Path | None, seed: int = 9
) -> list[Article]:
    """``count`` articles in ``language`` recombined from the repository's (and shared) texts."""
    from eventwire_bench.corpus import (
        default_text_dirs,
        read_texts,
        sentences_of,
        synthetic_articles,
    )

    texts = read_texts(default_text_dirs(repo, shared))
    wanted = [a.text for a in texts if a.language == language]
    if not wanted:
        from eventwire.language import load_detector

        detector = load_detector()
        wanted = [a.text for a in texts if detector.detect(a.text).language == language]
    return synthetic_articles(sentences_of(wanted), count, language=language, seed=seed)


def _words(articles: Sequence[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mb() -> float:
    """Peak RSS of the largest finished child process (pool workers, once joined)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _descendants_peak_mb() -> float | None:
    """Largest VmHWM among live Python descendants (Spark's workers); None off Linux."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    parents: dict[int, int] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier and pid not in mine}
        mine |= frontier
    peak = 0.0
    for pid in mine:
        try:
            if "python" not in (proc / str(pid) / "comm").read_text():
                continue  # the JVM is Spark's, not a worker's
            for line in (proc / str(pid) / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            continue
    return peak


def run_spacy_alone(
    articles: Sequence[Article], *, settings: Settings, language: str, disable: tuple[str, ...] = ()
) -> Run:
    """The limit: the same spaCy model and components, ``nlp.pipe`` over the texts.

    ``disable=("parser",)`` bounds what parsing only some sentences could save.
    """
    from eventwire.nlp.models import load_model

    started = time.perf_counter()
    nlp = load_model(settings.model_names[language])
    loaded, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(
        (a.text for a in articles), batch_size=settings.batch_size, disable=list(disable)
    ):
        pass
    done, cpu = time.perf_counter(), time.process_time() - cpu
    name = "spaCy alone" + (f" ({', '.join(disable)} off)" if disable else "")
    return Run(
        name,
        done - loaded,
        len(articles),
        _words(articles),
        loaded - started,
        peak_rss_mb(),
        cpu_seconds=cpu,
    )


def run_one_process(
    articles: Sequence[Article], *, settings: Settings, factory: Callable[[Settings], object]
) -> Run:
    """The full pipeline in this process, each stage's pipe timed.

    Models load on first use: a warm-up article is start-up, as it is for the other runs.
    """
    from eventwire_bench.stages import timed

    started = time.perf_counter()
    pipeline, seconds = timed(factory(settings))  # type: ignore[arg-type]
    for _ in pipeline.extract_many(articles[:1]):
        pass
    seconds.clear()
    loaded, cpu = time.perf_counter(), time.process_time()
    for _ in pipeline.extract_many(articles):
        pass
    done, cpu = time.perf_counter(), time.process_time() - cpu
    return Run(
        "eventwire, 1 process",
        done - loaded,
        len(articles),
        _words(articles),
        loaded - started,
        peak_rss_mb(),
        dict(seconds),
        cpu_seconds=cpu,
    )


def run_workers(
    articles: Sequence[Article],
    *,
    settings: Settings,
    workers: int,
    factory: Callable[[Settings], object],
) -> Run:
    """``extract_parallel``; start-up is a warm-up run of one article per worker."""
    from eventwire.batch.local import extract_parallel

    warm = list(articles[:workers])
    started = time.perf_counter()
    list(extract_parallel(warm, settings=settings, workers=workers, factory=factory, chunk_size=1))  # type: ignore[arg-type]
    startup = time.perf_counter() - started
    started = time.perf_counter()
    list(extract_parallel(articles, settings=settings, workers=workers, factory=factory))  # type: ignore[arg-type]
    total = time.perf_counter() - started
    # The timed run starts its own pool, so its start-up (the warm-up's) is taken off.
    return Run(
        f"eventwire, --workers {workers}",
        max(total - startup, 1e-9),
        len(articles),
        _words(articles),
        startup,
        _children_peak_mb(),
    )


def run_spark(
    articles: Sequence[Article],
    *,
    settings: Settings,
    master: str,
    factory: Callable[[Settings], object],
) -> Run:
    """The Spark job on JSONL; session start and a warm-up job (workers load models) apart."""
    from eventwire.batch.spark import run_job, spark_session
    from eventwire_bench.corpus import write_jsonl

    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        base = Path(tmp)
        source = write_jsonl(articles, base / "articles.jsonl")
        warm = write_jsonl(articles[:8], base / "warm.jsonl")
        started = time.perf_counter()
        spark = spark_session(master, app_name="eventwire-bench")
        parallelism = spark.sparkContext.defaultParallelism
        run_job(
            str(warm),
            str(base / "warm-out"),
            settings=settings,
            spark=spark,
            factory=factory,  # type: ignore[arg-type]
            partitions=parallelism,
        )
        startup = time.perf_counter() - started
        started = time.perf_counter()
        run_job(str(source), str(base / "out"), settings=settings, spark=spark, factory=factory)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        peak = _descendants_peak_mb()
        spark.stop()
    return Run(f"Spark {master}", seconds, len(articles), _words(articles), startup, peak)


def fastest(runs: Sequence[Run]) -> Run:
    """The run that took the least processing time (best of N, as ``timeit`` reports).

    >>> fastest([Run("a", 3.0, 10, 100), Run("a", 2.0, 10, 100)]).seconds
    2.0
    """
    return min(runs, key=lambda run: run.seconds)


def least_cpu(runs: Sequence[Run]) -> float | None:
    """The least CPU time among ``runs`` (None when none measured it).

    >>> runs = [Run("a", 3.0, 10, 100, cpu_seconds=2.5), Run("a", 2.0, 10, 100, cpu_seconds=2.7)]
    >>> least_cpu(runs)
    2.5
    """
    measured = [run.cpu_seconds for run in runs if run.cpu_seconds is not None]
    return min(measured) if measured else None


def run_all(
    articles: Sequence[Article],
    *,
    settings: Settings,
    language: str,
    workers: int,
    master: str | None,
    factory: Callable[[Settings], object],
    repeat: int = 1,
) -> list[Run]:
    """Every configuration on the same articles, one after the other.

    With ``repeat`` above 1, spaCy alone and the one-process run alternate ``repeat`` times
    and each keeps its fastest run (issue 14): on a shared machine a burst of load then slows
    one try of each, not the one run a ratio rests on (single runs gave 0.46 to 0.87). Each
    also keeps its least CPU time over the tries, which the load moves less.
    """
    alone: list[Run] = []
    one: list[Run] = []
    for _ in range(max(1, repeat)):
        alone.append(run_spacy_alone(articles, settings=settings, language=language))
        gc.collect()
        one.append(run_one_process(articles, settings=settings, factory=factory))
        gc.collect()
    runs = [replace(fastest(tries), cpu_seconds=least_cpu(tries)) for tries in (alone, one)]
    if workers > 1:
        runs.append(run_workers(articles, settings=settings, workers=workers, factory=factory))
    runs.append(
        run_spacy_alone(articles, settings=settings, language=language, disable=("parser",))
    )
    if master:
        runs.append(run_spark(articles, settings=settings, master=master, factory=factory))
    return runs
