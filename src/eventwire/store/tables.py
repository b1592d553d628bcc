"""Table definitions (SQLAlchemy Core); Alembic migrations in ``migrations/`` create them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _span(prefix: str) -> list[Column[object]]:
    """Evidence columns: ``<prefix>_text``, ``<prefix>_start``, ``<prefix>_end``."""
    return [
        Column(f"{prefix}_text", Text),
        Column(f"{prefix}_start", Integer),
        Column(f"{prefix}_end", Integer),
    ]


def place_columns() -> list[Column[object]]:
    """Where an event is: the resolved place's id, name, point, country and first-level division.

    The same block on ``events`` and on ``event_clusters`` (store/dedup_tables.py).
    """
    return [
        Column("location_geonameid", Integer),
        Column("location_name", Text),
        Column("latitude", Float),
        Column("longitude", Float),
        Column("country_code", String(2)),
        Column("admin1", String(20)),
    ]


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("language", String(8)),
    Column("published", String(40)),
    Column("source", Text),
    Column("url", Text),
    Column("origin", Text),
    Column("warnings", Text),  # JSON list
    Column("pipeline_version", String(64)),
    Column("provenance", Text),  # JSON: Provenance.to_dict() (revision 0005)
    Column("ingested", String(10)),  # ISO date the article was first ingested (revision 0011)
    Column("non_events", Text),  # JSON list of NonEvent.to_dict() (revision 0011)
    Column("processed_at", String(40), nullable=False),
    Index("ix_articles_source", "source"),
    Index("ix_articles_published", "published"),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("geonameid", Integer),
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2)),
    Column("admin1", String(20)),
    Column("feature_code", String(10)),
    Column("confidence", Float),
    Column("role", String(10)),
    Index("ix_places_article", "article_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country_code", String(2)),
    Column("dictionary_id", Text),
    Index("ix_actors_article", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(80), primary_key=True),  # "<article_id>:<idx>"
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60), nullable=False),
    Column("plover", String(30)),
    Column("cameo", String(10)),
    *_span("trigger"),
    *_span("sentence"),
    Column("actor1_name", Text),
    Column("actor1_kind", String(20)),
    Column("actor1_country", String(2)),
    Column("actor1_dictionary_id", Text),  # revision 0007
    *_span("actor1"),
    Column("actor2_name", Text),
    Column("actor2_kind", String(20)),
    Column("actor2_country", String(2)),
    Column("actor2_dictionary_id", Text),  # revision 0007
    *_span("actor2"),
    *_span("location"),
    *place_columns(),
    Column("feature_code", String(10)),
    Column("location_confidence", Float),
    Column("geo_precision", Integer),
    Column("event_date", String(10)),
    Column("date_precision", String(8)),
    Column("date_from_publication", Integer),
    Column("date_year_inferred", Integer),  # revision 0011
    *_span("date"),
    Column("fatalities", Integer),
    *_span("fatalities"),
    Column("injured", Integer),
    *_span("injured"),
    Column("casualty_note", Text),
    Column("modality", String(15), nullable=False),
    *_span("modality"),
    Column("confidence", Float),
    Column("group_id", String(80)),
    Column("taxonomy_version", String(20)),
    Index("ix_events_article", "article_id"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_type", "event_type", "sub_event_type"),
    Index("ix_events_country", "country_code"),
    Index("ix_events_latlon", "latitude", "longitude"),
    Index("ix_events_modality", "modality"),
)

attributions = Table(
    "event_attributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(80), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("rank", Integer, nullable=False),  # 0 = nearest source
    Column("name", Text, nullable=False),
    *_span("span"),
    Index("ix_attributions_event", "event_id"),
    Index("ix_attributions_article", "article_id"),
)
