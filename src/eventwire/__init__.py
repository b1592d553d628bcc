"""eventwire: news articles to geolocated, dated, attributed event records.

>>> import eventwire
>>> result = eventwire.extract("Des hommes armés ont attaqué Ménaka hier.", published="2024-03-05")
>>> [e.sub_event_type for e in result.events]          # doctest: +SKIP

``extract`` and ``extract_many`` build the default pipeline on first use and keep it on a
cache keyed by settings (models load once per process); ``load_pipeline`` gives you your own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.records import Actor, Article, Attribution, Event, Place, Result, Span

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "Event",
    "EventwireError",
    "InputError",
    "Place",
    "Result",
    "Settings",
    "Span",
    "__version__",
    "extract",
    "extract_many",
    "load_pipeline",
]

__version__ = "0.1.0"


def load_pipeline(settings: Settings | None = None):  # type: ignore[no-untyped-def]
    """Build a full pipeline (loads spaCy models and the gazetteer)."""
    from eventwire.pipeline import load_pipeline as _load

    return _load(settings)


@lru_cache(maxsize=4)
def _cached_pipeline(settings: Settings | None):  # type: ignore[no-untyped-def]
    # A cache, not state: the same settings always give an equivalent pipeline.
    return load_pipeline(settings)


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
        {"text": text, "published": published, "language": language, "source": source, "title": title},
        origin="<text>",
        max_chars=(settings or Settings()).max_chars,
    )
    return _cached_pipeline(settings).extract(article)  # type: ignore[no-any-return]


def extract_many(
    articles: Iterable[Article | dict[str, str] | str],
    *,
    workers: int = 1,
    settings: Settings | None = None,
) -> Iterator[Result]:
    """Stream one Result per article (Article records, field dicts or plain texts), in order."""
    from eventwire.ingest import make_article

    limit = (settings or Settings()).max_chars

    def records() -> Iterator[Article]:
        for number, item in enumerate(articles, start=1):
            if isinstance(item, Article):
                yield item
            else:
                fields = {"text": item} if isinstance(item, str) else dict(item)
                yield make_article(fields, origin=f"<item {number}>", max_chars=limit)

    if workers > 1:
        from eventwire.batch.local import extract_parallel

        yield from extract_parallel(records(), settings=settings or Settings(), workers=workers)
    else:
        yield from _cached_pipeline(settings).extract_many(records())
