"""Event clusters from cross-article deduplication: tables and their one writer (issue 9).

``event_clusters`` holds one row per real event; ``event_cluster_members`` ties each stored
event to its cluster. Alembic revision 0002 creates them, 0006 adds ``fatalities_best`` and
``representative_id`` (issue 17). They sit in their own ``MetaData``
so that revision 0001 (``tables.metadata.create_all``) never creates them early.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from eventwire.events.dedup import DedupOptions, EventCluster, cluster_events, cluster_id_of
from eventwire.store.tables import place_columns

if TYPE_CHECKING:
    from eventwire.store.repository import Store

metadata = MetaData()

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", String(40), primary_key=True),  # "c" + hash of the member event ids
    Column("version", String(20), nullable=False),  # dedup.v1
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60), nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("sources", Text, nullable=False),  # JSON list of normalized outlet names
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("injured_min", Integer),
    Column("injured_max", Integer),
    Column("event_date", String(10)),
    Column("date_precision", String(8)),
    Column("date_first", String(10)),
    Column("date_last", String(10)),
    *place_columns(),
    Column("geo_precision", Integer),
    Column("location_event_id", String(80)),
    Column("date_event_id", String(80)),
    Column("created_at", String(40), nullable=False),
    Column("fatalities_best", Integer),  # dedup.best_estimate: lower median of the reports
    Column("representative_id", String(80)),  # the event whose fields a marker shows
    Index("ix_event_clusters_date", "event_date"),
    Index("ix_event_clusters_country", "country_code"),
)

event_cluster_members = Table(
    "event_cluster_members",
    metadata,
    Column("cluster_id", String(40), primary_key=True),
    Column("event_id", String(80), primary_key=True),  # events.id; the FK is in revision 0002
    Column("article_id", String(64), nullable=False),
    Index("ix_event_cluster_members_event", "event_id"),
)


def cluster_row(cluster: EventCluster, *, created_at: str) -> dict[str, Any]:
    """The ``event_clusters`` row of one cluster (pure)."""
    place = cluster.location
    return {
        "id": cluster.id,
        "version": cluster.version,
        "event_type": cluster.event_type,
        "sub_event_type": cluster.sub_event_type,
        "n_events": cluster.n_events,
        "n_articles": len(cluster.article_ids),
        "n_sources": cluster.n_sources,
        "sources": json.dumps(list(cluster.sources), ensure_ascii=False),
        "fatalities_min": cluster.fatalities_min,
        "fatalities_max": cluster.fatalities_max,
        "injured_min": cluster.injured_min,
        "injured_max": cluster.injured_max,
        "event_date": cluster.date,
        "date_precision": cluster.date_precision,
        "date_first": cluster.date_first,
        "date_last": cluster.date_last,
        "location_geonameid": place.geonameid if place else None,
        "location_name": (place.name or place.mention.text) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "geo_precision": cluster.geo_precision,
        "location_event_id": cluster.location_event_id,
        "date_event_id": cluster.date_event_id,
        "created_at": created_at,
        "fatalities_best": cluster.fatalities_best,
        "representative_id": cluster.representative_id,
    }


def member_rows(cluster: EventCluster) -> list[dict[str, Any]]:
    """The ``event_cluster_members`` rows of one cluster (pure)."""
    return [
        {"cluster_id": cluster.id, "event_id": event_id, "article_id": event_id.rsplit(":", 1)[0]}
        for event_id in cluster.event_ids
    ]


def keep_ids(clusters: Iterable[EventCluster], previous: Mapping[str, str]) -> list[EventCluster]:
    """Give each cluster the stored id most of its events already had (issue 17: stable ids).

    ``previous`` maps event id -> stored cluster id. Larger clusters choose first; an id is
    used once; a cluster with no free previous id gets the id of its earliest member event
    that is not taken (:func:`~eventwire.events.dedup.cluster_id_of`).
    """
    used: set[str] = set()
    out: list[EventCluster] = []
    for cluster in sorted(clusters, key=lambda c: (-c.n_events, c.event_ids)):
        votes = Counter(previous[e] for e in cluster.event_ids if e in previous)
        ranked = [cid for cid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        derived = [cluster_id_of([e]) for e in cluster.event_ids]
        pick = next(cid for cid in [*ranked, *derived, cluster.id + "x"] if cid not in used)
        used.add(pick)
        out.append(replace(cluster, id=pick))
    return out


def stored_membership(connection: Connection) -> dict[str, str]:
    """Every stored event id -> its cluster id."""
    query = select(event_cluster_members.c.event_id, event_cluster_members.c.cluster_id)
    return {str(e): str(c) for e, c in connection.execute(query)}


def replace_clusters(engine: Engine, clusters: Iterable[EventCluster]) -> int:
    """Replace every stored cluster with ``clusters`` in one transaction; returns their number.

    Dedup always reclusters the whole database; each cluster keeps the id its events had
    (:func:`keep_ids`), so a rerun gives the same rows and ids (idempotent, stable).
    """
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    count = 0
    with engine.begin() as connection:
        clusters = keep_ids(clusters, stored_membership(connection))
        connection.execute(delete(event_cluster_members))
        connection.execute(delete(event_clusters))
        for batch in _batches(clusters, 500):
            connection.execute(
                insert(event_clusters), [cluster_row(c, created_at=created_at) for c in batch]
            )
            members = [row for c in batch for row in member_rows(c)]
            connection.execute(insert(event_cluster_members), members)
            count += len(batch)
        from eventwire.store.unit_table import rebuild_units  # it builds on these tables

        rebuild_units(connection)
    return count


def read_clusters(connection: Connection) -> Iterator[dict[str, Any]]:
    """Stored clusters as plain rows, each with its ``event_ids``, largest first."""
    members: dict[str, list[str]] = {}
    for row in connection.execute(
        select(event_cluster_members).order_by(event_cluster_members.c.event_id)
    ):
        members.setdefault(row.cluster_id, []).append(row.event_id)
    query = select(event_clusters).order_by(event_clusters.c.n_events.desc(), event_clusters.c.id)
    for row in connection.execute(query):
        yield {**row._mapping, "event_ids": members.get(row.id, [])}


def _batches(items: Iterable[EventCluster], size: int) -> Iterator[list[EventCluster]]:
    batch: list[EventCluster] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class DedupSummary:
    """What a dedup run stored."""

    events: int
    clusters: int
    merged: int  # clusters with more than one event

    def line(self) -> str:
        return (
            f"{self.events} events in {self.clusters} clusters ({self.merged} with several reports)"
        )


def dedup_store(store: Store, *, options: DedupOptions = DedupOptions()) -> DedupSummary:
    """Recluster every stored event and replace the stored clusters (one transaction)."""
    clusters = cluster_events(store.results(), options=options)
    replace_clusters(store.engine, clusters)
    return DedupSummary(
        events=sum(c.n_events for c in clusters),
        clusters=len(clusters),
        merged=sum(1 for c in clusters if c.n_events > 1),
    )
