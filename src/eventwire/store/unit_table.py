"""``event_units``: one narrow row per real-world event, kept current by every writer (issue 17).

A real-world event is a dedup cluster, or a report stored without one (``store/units.py``).
Counting them from ``events`` joined with the clusters read every wide event row and joined
three tables: ``/api/stats`` over 100,000 events took 1.25 s on an idle core. This table
holds, per event, only what the counts and the row filters read: the representative
report's id, article, outlet, type, date, place and modality, the best fatality estimate
and the number of reports. Revision 0010 creates and fills it; ``Store.save`` (with the
incremental dedup), ``eventwire dedup`` and the synthetic bench corpus rewrite the rows
they change in their own transaction (:func:`sync_units`, :func:`rebuild_units`).

    sync_units(connection, article_ids=["a1b2"], cluster_ids=["c9f0"])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
)

from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.tables import articles, events

__all__ = ["UNIT_COLUMNS", "event_units", "rebuild_units", "sync_units", "unit_rows"]

#: Its own MetaData, as for the cluster tables: revision 0001 must not create it early.
metadata = MetaData()

#: What the counts read, first what they group by (``store/unit_counts.py``), then what
#: the other row filters test (sub-type, box): no count reads the table itself.
_COUNTED = (
    "event_date",
    "event_type",
    "country_code",
    "modality",
    "fatalities",
    "reports",
    "sub_event_type",
    "latitude",
    "longitude",
)

event_units = Table(
    "event_units",
    metadata,
    # The representative report (a cluster's ``representative_id``, or the lone report).
    Column(
        "event_id",
        String(80),
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("unit_id", String(80), nullable=False),  # the cluster id, or the lone report's id
    Column("article_id", String(64), nullable=False),  # the representative's article
    Column("source", Text),  # the representative's outlet
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60), nullable=False),
    Column("event_date", String(10)),
    Column("country_code", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("modality", String(15), nullable=False),
    Column("fatalities", Integer),  # the best estimate (store/units.py _BEST)
    Column("reports", Integer, nullable=False),
    # Covering indexes: the counts by day and type, by country, by outlet read no row.
    Index("ix_event_units_counts", *_COUNTED),
    Index("ix_event_units_country", "country_code", *(c for c in _COUNTED if c != "country_code")),
    Index("ix_event_units_source", "source", "article_id", *_COUNTED),
    Index("ix_event_units_unit", "unit_id"),
    Index("ix_event_units_article", "article_id"),
)

# The orders of the event pages (store/units.py _row_page), on the expressions the keyset
# pages sort by; revision 0012 creates them.
Index(
    "ix_event_units_date_key",
    func.coalesce(event_units.c.event_date, literal_column("''")),
    event_units.c.event_id,
)
Index(
    "ix_event_units_fatalities_key",
    func.coalesce(event_units.c.fatalities, literal_column("-1")),
    event_units.c.event_id,
)
Index(
    "ix_event_units_country_date_key",
    event_units.c.country_code,
    func.coalesce(event_units.c.event_date, literal_column("''")),
    event_units.c.event_id,
)

#: The columns of a row, in table order.
UNIT_COLUMNS: tuple[str, ...] = tuple(c.name for c in event_units.columns)


def unit_rows(*where: ColumnElement[bool]) -> Select[Any]:
    """The ``event_units`` rows, computed from events and clusters, of the events ``where``.

    A report is a row when it has no cluster or represents its cluster (the same rule as
    ``store/units.py unit_select``); its fatalities are the cluster's best estimate
    (``fatalities_min`` for clusters stored before revision 0006).
    """
    own = event_cluster_members
    cluster = event_clusters
    best = func.coalesce(cluster.c.fatalities_best, cluster.c.fatalities_min, events.c.fatalities)
    columns = {
        "event_id": events.c.id,
        "unit_id": func.coalesce(cluster.c.id, events.c.id),
        "article_id": events.c.article_id,
        "source": articles.c.source,
        "event_type": events.c.event_type,
        "sub_event_type": events.c.sub_event_type,
        "event_date": events.c.event_date,
        "country_code": events.c.country_code,
        "latitude": events.c.latitude,
        "longitude": events.c.longitude,
        "modality": events.c.modality,
        "fatalities": best,
        "reports": func.coalesce(cluster.c.n_events, 1),
    }
    joined = (
        events.join(articles, articles.c.id == events.c.article_id)
        .outerjoin(own, own.c.event_id == events.c.id)
        .outerjoin(cluster, cluster.c.id == own.c.cluster_id)
    )
    is_row = or_(own.c.cluster_id.is_(None), cluster.c.representative_id == events.c.id)
    return (
        select(*(columns[name].label(name) for name in UNIT_COLUMNS))
        .select_from(joined)
        .where(is_row, *where)
    )


def rebuild_units(connection: Connection) -> None:
    """Rewrite every row (``eventwire dedup`` replaces every cluster)."""
    connection.execute(delete(event_units))
    connection.execute(insert(event_units).from_select(list(UNIT_COLUMNS), unit_rows()))


def _chunks(values: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def sync_units(
    connection: Connection, *, article_ids: Sequence[str], cluster_ids: Sequence[str]
) -> None:
    """Rewrite the rows of the events of ``article_ids`` and of the clusters ``cluster_ids``.

    Call it after those articles were stored, replaced or deleted and those clusters
    written, refreshed or dropped, in the same transaction. The rows rewritten are every
    row of those articles or clusters, and every row of a member of those clusters (a
    report that stood alone until a new report joined it).
    """
    members: list[str] = []
    for chunk in _chunks(sorted(set(cluster_ids))):
        query = select(event_cluster_members.c.event_id).where(
            event_cluster_members.c.cluster_id.in_(chunk)
        )
        members += [str(e) for (e,) in connection.execute(query)]
    u = event_units.c
    articles_in = sorted(set(article_ids))
    deletes = [
        *(u.article_id.in_(chunk) for chunk in _chunks(articles_in)),
        *(u.unit_id.in_(chunk) for chunk in _chunks(sorted(set(cluster_ids)))),
        *(u.event_id.in_(chunk) for chunk in _chunks(sorted(set(members)))),
    ]
    for where in deletes:
        connection.execute(delete(event_units).where(where))
    fresh = [unit_rows(events.c.article_id.in_(chunk)) for chunk in _chunks(articles_in)]
    fresh += [
        unit_rows(events.c.id.in_(chunk), events.c.article_id.not_in(articles_in))
        for chunk in _chunks(sorted(set(members)))
    ]
    for query in fresh:
        connection.execute(insert(event_units).from_select(list(UNIT_COLUMNS), query))
