"""Exported rows per real-world event: one ACLED row per dedup cluster (issue 17).

The row is its representative report's (``events/dedup.py summarize``: the most precisely
located report) with ``fatalities`` the cluster's best estimate (the lower median of the
reported figures, never their sum), ``source`` every outlet that reported it joined with
"; " as ACLED lists sources, and the cluster columns (``store/units.py CLUSTER_COLUMNS``).
A report stored without a cluster is an event of one report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from eventwire.export.columns import EVENT_COLUMNS
from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.tables import articles

__all__ = ["EVENT_COLUMNS", "clusters_by_event", "unit_cells"]


def clusters_by_event(
    connection: Connection, ids: Sequence[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Event id -> its cluster's figures and reports (event ids, article ids, outlets).

    ``ids``: only the clusters these events belong to.
    """
    query = select(event_clusters)
    if ids is not None:
        query = query.where(
            event_clusters.c.id.in_(
                select(event_cluster_members.c.cluster_id).where(
                    event_cluster_members.c.event_id.in_(list(ids))
                )
            )
        )
    clusters = {row.id: {**row._mapping, "members": []} for row in connection.execute(query)}
    members = (
        select(event_cluster_members, articles.c.source)
        .join(articles, articles.c.id == event_cluster_members.c.article_id)
        .where(event_cluster_members.c.cluster_id.in_(list(clusters)))
        .order_by(event_cluster_members.c.event_id)
    )
    for row in connection.execute(members):
        clusters[row.cluster_id]["members"].append(row._mapping)
    return {m["event_id"]: c for c in clusters.values() for m in c["members"]}


def _representative(cluster: Mapping[str, Any]) -> str:
    return str(cluster["representative_id"] or cluster["members"][0]["event_id"])


def unit_cells(
    report: Mapping[str, Any], cluster: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """The cells of the real-world event whose row ``report`` (an events row) is, or None
    when another report of its cluster represents it.

    ``outlets`` (the reports' outlets) and ``stored_at`` (when the cluster was stored) are
    read by ``to_acled`` for ``source``, ``source_scale`` and ``timestamp``.
    """
    if cluster is None:
        killed, day = report["fatalities"], report["event_date"]
        return {
            "cluster_id": None,
            "reports": 1,
            "fatalities_min": killed,
            "fatalities_max": killed,
            "date_first": day,
            "date_last": day,
            "event_ids": report["id"],
            "article_ids": report["article_id"],
            "sources": report.get("article_source"),
            "outlets": [],
            "stored_at": None,
        }
    if _representative(cluster) != report["id"]:
        return None
    members = cluster["members"]
    outlets = sorted({m["source"] for m in members if m["source"]})
    best = cluster["fatalities_best"]
    return {
        "fatalities": best if best is not None else cluster["fatalities_min"],
        "cluster_id": cluster["id"],
        "reports": len(members),
        "fatalities_min": cluster["fatalities_min"],
        "fatalities_max": cluster["fatalities_max"],
        "date_first": cluster["date_first"],
        "date_last": cluster["date_last"],
        "event_ids": "; ".join(m["event_id"] for m in members),
        "article_ids": "; ".join(sorted({m["article_id"] for m in members})),
        "sources": "; ".join(outlets),
        "outlets": outlets,
        "stored_at": cluster["created_at"],
    }
