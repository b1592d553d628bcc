"""Incremental dedup: put a newly stored article's events into existing clusters (issue 17).

``Store.save`` calls :func:`assign_article` in the article's own transaction, so every
entry point that stores articles (``eventwire run``, ``load``, ``watch``, ``POST
/api/extract``) keeps the clusters current without a separate ``eventwire dedup``. A new
event joins the stored cluster it scores best with (the pairwise rules of
``events/dedup.py``, under the same cannot-links: one article per cluster, a bounded date
span), or starts a cluster of its own whose id derives from its event id. An existing
cluster keeps its id when it gains a report, so ids never change once given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, insert, select

from eventwire.events.dedup import (
    DedupOptions,
    Member,
    cluster_id_of,
    pair_score,
    parse_day,
    summarize,
)
from eventwire.store import rows
from eventwire.store.dedup_tables import (
    cluster_row,
    event_cluster_members,
    event_clusters,
    member_rows,
)
from eventwire.store.tables import articles, events

__all__ = ["assign_article", "forget_article", "member_from_row", "refresh_clusters"]

_Groups = dict[str, list[Member]]


def _members(connection: Connection, where: ColumnElement[bool]) -> list[Member]:
    """Members rebuilt from stored event rows (events that did not happen left out)."""
    query = (
        select(events, articles.c.source.label("article_source"))
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(where)
        .order_by(events.c.id)
    )
    found = (member_from_row(row._mapping) for row in connection.execute(query))
    return [member for member in found if member is not None]


def member_from_row(row: Mapping[Any, Any]) -> Member | None:
    """The dedup member of one stored event row (with its ``article_source``); None for an
    event that did not happen."""
    event = rows.event_from_row(row, ())
    if not event.happened:
        return None
    return Member(row["id"], row["article_id"], row["article_source"], event, parse_day(event.date))


def _groups_near(connection: Connection, new: Sequence[Member], options: DedupOptions) -> _Groups:
    """The stored clusters a new member could join, each with all its members.

    Candidates are events dated within ``max_cluster_days`` of a new member; an event that
    has no cluster yet (stored before dedup ran) stands as a would-be cluster of one.
    """
    days = [m.day for m in new if m.day is not None]
    if not days:
        return {}
    reach = timedelta(days=options.max_cluster_days)
    near = _members(
        connection,
        (events.c.event_date >= (min(days) - reach).isoformat())
        & (events.c.event_date <= (max(days) + reach).isoformat() + "\uffff")
        & (events.c.article_id != new[0].article_id),
    )
    membership = _membership(connection, [m.event_id for m in near])
    groups: _Groups = {}
    if membership:
        of_cluster = _membership_of(connection, sorted(set(membership.values())))
        for member in _members(connection, events.c.id.in_(sorted(of_cluster))):
            groups.setdefault(of_cluster[member.event_id], []).append(member)
    for member in near:
        if member.event_id not in membership:
            groups[cluster_id_of([member.event_id])] = [member]
    return groups


def _membership(connection: Connection, event_ids: Sequence[str]) -> dict[str, str]:
    """Event id -> cluster id, for the given events that have a cluster."""
    column = event_cluster_members.c.event_id
    return _pairs(connection, column, event_ids)


def _membership_of(connection: Connection, cluster_ids: Sequence[str]) -> dict[str, str]:
    """Event id -> cluster id, for every member of the given clusters."""
    return _pairs(connection, event_cluster_members.c.cluster_id, cluster_ids)


def _pairs(connection: Connection, column: Any, values: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(values), 500):
        query = select(event_cluster_members.c.event_id, event_cluster_members.c.cluster_id).where(
            column.in_(values[start : start + 500])
        )
        out.update({str(e): str(c) for e, c in connection.execute(query)})
    return out


def _best_group(
    member: Member, groups: Mapping[str, Sequence[Member]], options: DedupOptions
) -> str | None:
    """The cluster ``member`` scores best with (ties: the smallest id), or None."""
    candidates: list[tuple[float, str]] = []
    for cid, group in groups.items():
        if any(g.article_id == member.article_id for g in group):
            continue  # the text keeps two events of one article apart
        days = [d for d in (member.day, *(g.day for g in group)) if d is not None]
        if days and (max(days) - min(days)).days > options.max_cluster_days:
            continue
        scores = [s for g in group if (s := pair_score(member, g, options=options)) is not None]
        if scores:
            candidates.append((-max(scores), cid))
    return min(candidates)[1] if candidates else None


def assign_article(
    connection: Connection, article_id: str, *, options: DedupOptions = DedupOptions()
) -> list[str]:
    """Cluster the stored events of one article; returns the ids of the clusters written."""
    new = _members(connection, events.c.article_id == article_id)
    if not new:
        return []
    groups = _groups_near(connection, new, options)
    touched: list[str] = []
    for member in new:
        cid = _best_group(member, groups, options) or cluster_id_of([member.event_id])
        groups.setdefault(cid, []).append(member)
        touched.append(cid)
    _write(connection, {cid: groups[cid] for cid in dict.fromkeys(touched)})
    return list(dict.fromkeys(touched))


def forget_article(connection: Connection, article_id: str) -> list[str]:
    """Take an article's events out of their clusters (before it is reprocessed)."""
    query = select(event_cluster_members.c.cluster_id).where(
        event_cluster_members.c.article_id == article_id
    )
    cluster_ids = sorted({str(c) for (c,) in connection.execute(query)})
    connection.execute(
        delete(event_cluster_members).where(event_cluster_members.c.article_id == article_id)
    )
    return cluster_ids


def refresh_clusters(connection: Connection, cluster_ids: Iterable[str]) -> None:
    """Rewrite the summaries of ``cluster_ids`` from their members; drop empty clusters."""
    wanted = sorted(set(cluster_ids))
    of_cluster = _membership_of(connection, wanted)
    groups: _Groups = {cid: [] for cid in wanted}
    for member in _members(connection, events.c.id.in_(sorted(of_cluster))):
        groups[of_cluster[member.event_id]].append(member)
    _write(connection, groups)


def _write(connection: Connection, groups: Mapping[str, Sequence[Member]]) -> None:
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    for cid, members in groups.items():
        connection.execute(
            delete(event_cluster_members).where(event_cluster_members.c.cluster_id == cid)
        )
        connection.execute(delete(event_clusters).where(event_clusters.c.id == cid))
        if not members:
            continue
        cluster = summarize(members, cluster_id=cid)
        row: dict[str, Any] = cluster_row(cluster, created_at=created_at)
        connection.execute(insert(event_clusters).values(**row))
        connection.execute(insert(event_cluster_members), member_rows(cluster))
