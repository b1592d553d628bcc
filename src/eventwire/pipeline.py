"""Build the stages from Settings and run articles through them.

    ingest → language → nlp → actors → geo → events → (store)

``load_pipeline`` does all the loading (spaCy models, gazetteer, lexicons); ``Pipeline``
only runs what it was given. The CLI, the API server, the Spark job and the Python API
all call ``Pipeline.extract_many``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from eventwire.config import SUPPORTED_LANGUAGES, Settings
from eventwire.errors import EventwireError
from eventwire.records import Article, Document, Result
from eventwire.stage import Stage

PIPELINE_VERSION = "eventwire-0.1.0"
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

    def __init__(self, stages: Sequence[Stage], *, batch_size: int = 16) -> None:
        check_stages(stages)
        self.stages = tuple(stages)
        self.batch_size = batch_size

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def documents(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Run every stage lazily over a stream of articles; yields finished Documents."""
        docs: Iterable[Document] = (Document(article=a) for a in articles)
        for stage in self.stages:
            docs = _guarded(stage, docs, batch_size=self.batch_size)
        yield from docs

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Stream one Result per article, in input order."""
        for doc in self.documents(articles):
            yield doc.result(PIPELINE_VERSION)

    def extract(self, article: Article) -> Result:
        """Extract one article."""
        return next(self.extract_many([article]))


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
            warning = f"stage {stage.name!r} failed ({type(err).__name__}: {err}); its fields are empty"
            yield doc.evolve(warnings=doc.warnings + (warning,))


def build_stages(settings: Settings) -> list[Stage]:
    """Load every resource named by ``settings`` and return the stages in order."""
    from eventwire.events.actors import load_actor_dictionary
    from eventwire.events.codebook import load_codebook
    from eventwire.events.genre import load_genre_cues
    from eventwire.events.stage import ActorStage, EventStage
    from eventwire.events.timeframe import ReportingWindow
    from eventwire.events.taxonomy import load_taxonomy
    from eventwire.events.triggers import load_lexicons
    from eventwire.geo.gazetteer import Gazetteer, open_default
    from eventwire.geo.stage import GeoStage
    from eventwire.language import load_detector
    from eventwire.nlp.models import Models
    from eventwire.nlp.stage import LanguageStage, NlpStage

    gazetteer = open_default() if settings.gazetteer is None else Gazetteer.open(settings.gazetteer)
    actors = load_actor_dictionary(settings.actor_files)
    taxonomy = load_taxonomy()
    return [
        LanguageStage(load_detector()),
        NlpStage(Models(settings.model_names)),
        ActorStage(actors),
        GeoStage(gazetteer),
        EventStage(
            {lang: load_lexicons(lang) for lang in SUPPORTED_LANGUAGES},
            taxonomy,
            actors,
            window=ReportingWindow(settings.reporting_window_days),
            genre={lang: load_genre_cues(lang) for lang in SUPPORTED_LANGUAGES},
            codebook=load_codebook(taxonomy),
        ),
    ]


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Build the full pipeline: language, spaCy, actors, places, events."""
    settings = settings or Settings()
    return Pipeline(build_stages(settings), batch_size=settings.batch_size)
