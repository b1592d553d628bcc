"""eventwire: news articles to geolocated, dated, attributed event records.

>>> import eventwire
>>> result = eventwire.extract("Des hommes armés ont attaqué Ménaka hier.", published="2024-03-05")
>>> [e.sub_event_type for e in result.events]          # doctest: +SKIP

``extract`` and ``extract_many`` build the default pipeline on first use and keep it in the
one per-process cache (``eventwire/pipeline_cache.py``, keyed by settings: models load once per
process); ``load_pipeline`` gives you your own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.pipeline_cache import cached_pipeline as _cached_pipeline
from eventwire.provenance import package_version as _package_version
from eventwire.records import Actor, Article, Attribution, Event, Place, Rejection, Result, Span

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "Event",
    "EventwireError",
    "InputError",
    "Place",
    "Rejection",
    "Result",
    "Settings",
    "Span",
    "__version__",
    "extract",
    "extract_many",
    "load_pipeline",
]

#: From the installed package's metadata; pyproject.toml is the one place it is written.
__version__ = _package_version()


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Build a full pipeline (loads spaCy models and the gazetteer)."""
    from eventwire.pipeline import load_pipeline as _load

    return _load(settings)


def extract(
    text: str,
    *,
    published: str | None = None,
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Result:
    """Extract places, actors and events from one article's text.

    ``result.to_dict()`` is the schema object; ``pandas.DataFrame(result.to_dict()["events"])``
    gives a table of events.
    """
    from eventwire.ingest import make_article

    article = make_article(
        {
            "text": text,
            "published": published,
            "language": language,
            "source": source,
            "title": title,
        },
        origin="<text>",
        max_chars=(settings or Settings()).max_chars,
    )
    return _cached_pipeline(settings).extract(article)


def extract_many(
    articles: Iterable[Article | dict[str, str] | str],
    *,
    workers: int = 1,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Result | Rejection]:
    """Stream one Result per article (Article records, field dicts or plain texts), in order.

    A bad article (empty text, a stage that fails on it) gives a ``Rejection`` with its
    origin (``<item N>``) and reason in its place, and the rest go on. ``pipeline`` replaces
    the cached default pipeline (one process only).

    >>> for item in eventwire.extract_many(["Texte …", ""]):          # doctest: +SKIP
    ...     print(item.line() if isinstance(item, eventwire.Rejection) else item.article.id)
    """
    from eventwire.ingest import make_article

    limit = (settings or Settings()).max_chars
    rejected: dict[int, Rejection] = {}

    def records() -> Iterator[Article]:
        for number, item in enumerate(articles, start=1):
            if isinstance(item, Article):
                yield item
                continue
            fields = {"text": item} if isinstance(item, str) else dict(item)
            try:
                article = make_article(fields, origin=f"<item {number}>", max_chars=limit)
            except InputError as err:
                rejected[number] = Rejection(err.origin, err.problem)
                continue
            yield article

    def in_order(results: Iterator[Result | Rejection]) -> Iterator[Result | Rejection]:
        # Input rejections are found while the pipeline pulls articles; put them back in place.
        number = 0
        for result in results:
            number += 1
            while number in rejected:
                yield rejected.pop(number)
                number += 1
            yield result
        yield from (rejected[n] for n in sorted(rejected))

    if workers > 1:
        from eventwire.batch.local import extract_parallel

        yield from in_order(
            extract_parallel(records(), settings=settings or Settings(), workers=workers)
        )
        return
    chosen = pipeline if pipeline is not None else _cached_pipeline(settings)
    yield from in_order(chosen.process(records()))
