"""Build the stages from Settings and run articles through them.

    ingest → language → nlp → actors → geo → events → (store)

``load_pipeline`` does all the loading (spaCy models, gazetteer, lexicons); ``Pipeline``
only runs what it was given.

One failure policy (issue 19), here and nowhere else: ``Pipeline.process`` yields a Result
or a Rejection per article. A per-document stage that raises leaves a warning on its article
(``_guarded``); a batching stage (spaCy) that raises has its batch redone one article at a
time, and only the article that fails becomes a Rejection with its reason. ``eventwire run``
(one process or ``--workers``), ``eventwire watch``, the Spark job and the Python
``extract_many`` all call ``process``. ``extract_many`` and ``extract`` raise instead: they
are for evaluation and benchmarks, where a failure is a bug to see at once.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.config import SUPPORTED_LANGUAGES, Settings
from eventwire.errors import EventwireError
from eventwire.ingest import ingestion_day
from eventwire.provenance import (
    Provenance,
    data_file,
    gazetteer_file,
    package_version,
    packaged_provenance,
)
from eventwire.records import Article, Document, Rejection, Result
from eventwire.stage import Stage

if TYPE_CHECKING:
    from eventwire.geo.gazetteer import Gazetteer

_log = logging.getLogger("eventwire.pipeline")


class PipelineError(EventwireError):
    """The stages do not fit together (a requirement no earlier stage assigns)."""


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise PipelineError when a stage requires a field no earlier stage assigns."""
    available = {"article"}
    for stage in stages:
        missing = [field for field in stage.requires if field not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns "
                f"(order: {[s.name for s in stages]})"
            )
        available.update(stage.assigns)


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(
        self,
        stages: Sequence[Stage],
        *,
        batch_size: int = 16,
        provenance: Provenance | None = None,
    ) -> None:
        check_stages(stages)
        self.stages = tuple(stages)
        self.batch_size = batch_size
        #: What shaped this pipeline's output; recorded on every Result (issue 19).
        self.provenance = provenance or Provenance(eventwire=package_version())
        self.version = self.provenance.label()

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def documents(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Run every stage lazily over a stream of articles; yields finished Documents.

        An article built by hand, without an ingestion date, is ingested here: today (UTC) is
        recorded on it and bounds its inferred years, as ``ingest.make_article`` does.
        """
        docs: Iterable[Document] = (Document(article=_ingested(a)) for a in articles)
        for stage in self.stages:
            docs = _guarded(stage, docs, batch_size=self.batch_size)
        yield from docs

    def process(
        self, articles: Iterable[Article], *, batch_size: int | None = None
    ) -> Iterator[Result | Rejection]:
        """Stream one Result, or one Rejection with its reason, per article, in input order.

        Articles run in batches of ``batch_size`` (default: the pipeline's); when a batch
        raises, its articles are redone one by one so that only the one that fails is lost.

        >>> [type(r).__name__ for r in pipeline.process(articles)]   # doctest: +SKIP
        ['Result', 'Rejection', 'Result']
        """
        for batch in _chunks(articles, max(1, batch_size or self.batch_size)):
            try:
                results = list(self.extract_many(batch))
            except Exception:  # noqa: BLE001 - isolate the failing article below
                results = []
            if len(results) == len(batch):
                yield from results
                continue
            for article in batch:
                try:
                    yield self.extract(article)
                except Exception as err:  # noqa: BLE001 - one article must not stop the rest
                    yield rejection(article, err)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Stream one Result per article, in input order; the first failure raises."""
        for doc in self.documents(articles):
            yield doc.result(self.version, self.provenance)

    def extract(self, article: Article) -> Result:
        """Extract one article."""
        return next(self.extract_many([article]))


def _ingested(article: Article) -> Article:
    if article.ingested is not None:
        return article
    return replace(article, ingested=ingestion_day(None))


def rejection(article: Article, err: Exception) -> Rejection:
    """The Rejection for an article whose extraction raised ``err``.

    An EventwireError gives its own message; any other exception is a bug in a stage: its
    one-line summary is kept, and its traceback is printed when ``EVENTWIRE_DEBUG`` is set.
    """
    origin = article.origin or article.id
    if isinstance(err, EventwireError):
        return Rejection(origin, f"extraction failed ({err})")
    _log.debug("extraction of %s failed", origin, exc_info=err)
    if os.environ.get("EVENTWIRE_DEBUG"):
        traceback.print_exception(err, file=sys.stderr)
    message = " ".join(str(err).split())[:200]
    return Rejection(
        origin,
        f"extraction failed ({type(err).__name__}: {message}); "
        "a bug: please report it (EVENTWIRE_DEBUG=1 prints the traceback)",
    )


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _guarded(stage: Stage, docs: Iterable[Document], *, batch_size: int) -> Iterator[Document]:
    """Run a per-document stage so that a failure on one article does not stop the batch.

    The article keeps what earlier stages found, gets a warning naming the stage and the
    error, and the traceback goes to the log: a bug is reported, never silently dropped.
    Batching stages (spaCy) run as they are.
    """
    if type(stage).pipe is not Stage.pipe:
        yield from stage.pipe(docs, batch_size=batch_size)
        return
    for doc in docs:
        try:
            yield stage(doc)
        except Exception as err:  # noqa: BLE001 - reported on the article and in the log
            _log.exception("stage %s failed on article %s", stage.name, doc.article.id)
            warning = (
                f"stage {stage.name!r} failed ({type(err).__name__}: {err}); its fields are empty"
            )
            yield doc.evolve(warnings=doc.warnings + (warning,))


def build_stages(settings: Settings, *, gazetteer: Gazetteer | None = None) -> list[Stage]:
    """Load every resource named by ``settings`` and return the stages in order."""
    from eventwire.events.actors import load_actor_dictionary
    from eventwire.events.codebook import load_codebook
    from eventwire.events.genre import load_genre_cues
    from eventwire.events.numbers import load_cues
    from eventwire.events.roles import load_frames
    from eventwire.events.stage import ActorStage, EventStage
    from eventwire.events.taxonomy import load_taxonomy
    from eventwire.events.timeframe import ReportingWindow
    from eventwire.events.triggers import load_lexicons
    from eventwire.geo.outlets import load_outlets
    from eventwire.geo.stage import GeoStage
    from eventwire.language import load_detector
    from eventwire.nlp.models import Models
    from eventwire.nlp.stage import LanguageStage, NlpStage

    gazetteer = gazetteer or open_gazetteer(settings)
    actors = load_actor_dictionary(settings.actor_files)
    taxonomy = load_taxonomy()
    return [
        LanguageStage(load_detector()),
        NlpStage(Models(settings.model_names)),
        ActorStage(actors),
        GeoStage(gazetteer, outlets=load_outlets().extended(settings.outlet_countries)),
        EventStage(
            {lang: load_lexicons(lang) for lang in SUPPORTED_LANGUAGES},
            taxonomy,
            actors,
            cues={lang: load_cues(lang) for lang in SUPPORTED_LANGUAGES},
            frames=load_frames(),
            window=ReportingWindow(settings.reporting_window_days),
            genre={lang: load_genre_cues(lang) for lang in SUPPORTED_LANGUAGES},
            codebook=load_codebook(taxonomy),
        ),
    ]


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Build the full pipeline: language, spaCy, actors, places, events."""
    settings = settings or Settings()
    gazetteer = open_gazetteer(settings)
    stages = build_stages(settings, gazetteer=gazetteer)
    provenance = pipeline_provenance(settings, gazetteer_info=gazetteer.info())
    return Pipeline(stages, batch_size=settings.batch_size, provenance=provenance)


def open_gazetteer(settings: Settings) -> Gazetteer:
    """The gazetteer ``settings`` names, or the bundled default (built on first use)."""
    from eventwire.geo.gazetteer import Gazetteer, open_default

    return open_default() if settings.gazetteer is None else Gazetteer.open(settings.gazetteer)


def pipeline_provenance(
    settings: Settings, *, gazetteer_info: Mapping[str, object] | None = None
) -> Provenance:
    """The packaged data files, the extra actor files of ``settings`` and the gazetteer build."""
    extra = [data_file(path, versioned=False) for path in settings.actor_files]
    if gazetteer_info is not None:
        extra.append(gazetteer_file(gazetteer_info))
    return packaged_provenance(extra)
