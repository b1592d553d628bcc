"""Exported rows per real-world event: one ACLED-like row per dedup cluster (issue 17).

The row is its representative report's (``events/dedup.py summarize``: the most precisely
located report) with ``fatalities`` the cluster's best estimate (the lower median of the
reported figures, never their sum), ``source`` every outlet that reported it joined with
"; " as ACLED lists sources, and the cluster columns (``store/units.py CLUSTER_COLUMNS``).
A report stored without a cluster is an event of one report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Engine, select

from eventwire.export.acled import COLUMNS
from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.tables import articles
from eventwire.store.units import CLUSTER_COLUMNS

__all__ = ["EVENT_COLUMNS", "event_unit_rows"]

#: Columns of an exported event row: ACLED's and eventwire's, then the cluster's.
EVENT_COLUMNS: tuple[str, ...] = COLUMNS + CLUSTER_COLUMNS


def _clusters_by_event(engine: Engine) -> dict[str, dict[str, Any]]:
    """Event id -> its cluster's figures and reports (event ids, article ids, outlets)."""
    clusters: dict[str, dict[str, Any]] = {}
    with engine.connect() as connection:
        for row in connection.execute(select(event_clusters)):
            clusters[row.id] = {**row._mapping, "members": []}
        query = (
            select(event_cluster_members, articles.c.source)
            .join(articles, articles.c.id == event_cluster_members.c.article_id)
            .order_by(event_cluster_members.c.event_id)
        )
        for row in connection.execute(query):
            if row.cluster_id in clusters:
                clusters[row.cluster_id]["members"].append(row._mapping)
    return {m["event_id"]: c for c in clusters.values() for m in c["members"]}


def _representative(cluster: dict[str, Any]) -> str:
    return str(cluster["representative_id"] or cluster["members"][0]["event_id"])


def _event_row(row: dict[str, Any], cluster: dict[str, Any] | None) -> dict[str, Any]:
    if cluster is None:
        killed, day = row["fatalities"], row["event_date"]
        return {
            **row,
            "cluster_id": None,
            "reports": 1,
            "fatalities_min": killed,
            "fatalities_max": killed,
            "date_first": day,
            "date_last": day,
            "event_ids": row["event_id"],
            "article_ids": row["article_id"],
            "sources": row["source"],
        }
    members = cluster["members"]
    outlets = "; ".join(sorted({m["source"] for m in members if m["source"]}))
    best = cluster["fatalities_best"]
    return {
        **row,
        "fatalities": best if best is not None else cluster["fatalities_min"],
        "source": outlets or row["source"],
        "cluster_id": cluster["id"],
        "reports": len(members),
        "fatalities_min": cluster["fatalities_min"],
        "fatalities_max": cluster["fatalities_max"],
        "date_first": cluster["date_first"],
        "date_last": cluster["date_last"],
        "event_ids": "; ".join(m["event_id"] for m in members),
        "article_ids": "; ".join(sorted({m["article_id"] for m in members})),
        "sources": outlets,
    }


def event_unit_rows(engine: Engine, reports: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Fold ACLED-like report rows (``acled_rows``) into one row per real-world event."""
    by_event = _clusters_by_event(engine)
    for row in reports:
        cluster = by_event.get(row["event_id"])
        if cluster is None or _representative(cluster) == row["event_id"]:
            yield _event_row(row, cluster)
