"""Real-world events as the unit of lists, stats and downloads (issue 17).

An *event* is a dedup cluster (``store/dedup_tables.py``; a report stored without a cluster
is an event of one report). Its row is the representative report's summary (the most
precisely located report, ``events/dedup.py summarize``) with ``fatalities`` the cluster's
best estimate (the lower median of the reports' figures, never their sum), its ``reports``
count, fatality range, first and last dates, and every report's ids and outlets.

    page = list_units(connection, EventFilter(countries=("LB",)), sort="-date", limit=100)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    and_,
    func,
    literal_column,
    or_,
    select,
    union_all,
)

from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.queries import (
    SUMMARY_COLUMNS,
    EventFilter,
    Page,
    Sort,
    check_page,
    conditions,
    encode_cursor,
    event_row,
    keyset_page,
    summary_select,
)
from eventwire.store.search import ACTOR_COLUMNS, TEXT_COLUMNS, is_common
from eventwire.store.tables import articles, attributions, events
from eventwire.store.unit_table import event_units

__all__ = [
    "CLUSTER_COLUMNS",
    "event_reports",
    "list_units",
    "matched_units",
    "unit_select",
    "with_reports",
]

#: What an event row (``unit=event``) adds to the columns of its representative report.
#: ``fatalities`` there is the cluster's best estimate (the lower median of the reports).
CLUSTER_COLUMNS: tuple[str, ...] = (
    "cluster_id",
    "reports",
    "fatalities_min",
    "fatalities_max",
    "date_first",
    "date_last",
    "event_ids",
    "article_ids",
    "sources",
)


def _unit_sort_key(sort: Sort) -> Any:
    if sort.endswith("date"):  # the expression ix_events_date_key indexes (see _sort_key)
        return func.coalesce(events.c.event_date, literal_column("''"))
    return func.coalesce(_BEST, literal_column("-1"))


#: Which events a query reads: all, those of one report, or those of a dedup cluster.
Part = Literal["all", "lone", "clustered"]
_OWN = event_cluster_members.alias("own")
_CLUSTER = event_clusters
#: An event row's fatalities: the cluster's best estimate (``fatalities_min`` for clusters
#: stored before revision 0006), a lone report's own figure.
_BEST = func.coalesce(_CLUSTER.c.fatalities_best, _CLUSTER.c.fatalities_min, events.c.fatalities)
_UNIT_ID = func.coalesce(_CLUSTER.c.id, events.c.id)


def report_level(flt: EventFilter) -> EventFilter | None:
    """The part of ``flt`` any report of an event may satisfy, or None when it sets none."""
    if not (flt.actor or flt.sources or flt.text or flt.article_id):
        return None
    return EventFilter(
        actor=flt.actor,
        sources=flt.sources,
        text=flt.text,
        article_id=flt.article_id,
        include_unrealized=True,
    )


def _reports() -> tuple[Any, Any, Any]:
    """Aliases of events, articles and cluster members for the reports of an event."""
    return (
        events.alias("rpt"),
        articles.alias("rpt_art"),
        event_cluster_members.alias("rpt_own"),
    )


def matched_units(flt: EventFilter) -> Select[Any]:
    """Units (cluster id, or a lone report's id) with a report matching ``flt``."""
    rep, art, own = _reports()
    return (
        select(func.coalesce(own.c.cluster_id, rep.c.id))
        .select_from(
            rep.join(art, art.c.id == rep.c.article_id).outerjoin(own, own.c.event_id == rep.c.id)
        )
        .where(*conditions(flt, event_table=rep, article_table=art))
    )


def matched_rows(flt: EventFilter) -> CompoundSelect[Any]:
    """The ids of the rows of the units with a report matching ``flt``: the matching reports
    themselves (a lone report is its own row; other ids match no row) and the representatives
    of the clusters they belong to.

    The row query tests its own id against these, where a test on the unit id of each row
    joined every row first: a free-text filter took a second at 100,000 events (bench api).
    """
    rep, art, own = _reports()
    cluster = event_clusters.alias("rpt_cluster")
    source = rep.join(art, art.c.id == rep.c.article_id) if flt.sources else rep
    reports = (
        select(rep.c.id)
        .select_from(source)
        .where(*conditions(flt, event_table=rep, article_table=art))
    )
    representatives = (
        select(cluster.c.representative_id)
        .select_from(own.join(cluster, cluster.c.id == own.c.cluster_id))
        .where(own.c.event_id.in_(reports))
    )
    return union_all(reports, representatives)


def _unit_columns() -> list[Any]:
    first_source = (
        select(attributions.c.name)
        .where(attributions.c.event_id == events.c.id)
        .order_by(attributions.c.rank.asc())
        .limit(1)
        .scalar_subquery()
        .label("according_to")
    )
    cl = _CLUSTER.c
    return [
        *(events.c[n] for n in SUMMARY_COLUMNS if n in events.c and n != "fatalities"),
        articles.c.source,
        articles.c.published,
        articles.c.title,
        first_source,
        _BEST.label("fatalities"),
        cl.id.label("cluster_id"),
        func.coalesce(cl.n_events, 1).label("reports"),
        func.coalesce(cl.fatalities_min, events.c.fatalities).label("fatalities_min"),
        func.coalesce(cl.fatalities_max, events.c.fatalities).label("fatalities_max"),
        func.coalesce(cl.date_first, events.c.event_date).label("date_first"),
        func.coalesce(cl.date_last, events.c.event_date).label("date_last"),
        _UNIT_ID.label("unit_id"),
    ]


def unit_select(
    flt: EventFilter,
    *,
    part: Part = "all",
    columns: Sequence[Any] | None = None,
    scan: bool = False,
) -> Select[Any]:
    """One row per real-world event matching ``flt`` (issue 17).

    The row is the representative report's summary (the most precisely located report, see
    ``events/dedup.py summarize``) with ``fatalities`` the cluster's best estimate, plus its
    ``reports`` count, fatality range and first and last dates. An event stored without a
    cluster (a database filled before dedup ran) is an event of one report.

    The filters on what the row shows (box, dates, types, country, modality, and killed: on
    the best estimate) apply to the row; those on words and outlets (actor, text, source)
    keep an event when any of its reports matches. ``part`` keeps only the events of one
    report (``"lone"``) or those of a cluster (``"clustered"``, read from the clusters);
    ``columns`` replaces the row's columns (counts need a few: :func:`counted_select`);
    ``scan=True`` tests the words on each row and its cluster's reports, where a common word
    is found sooner than by looking all its matches up (:func:`list_units`).
    """
    row_filter = replace(
        flt, actor=None, sources=(), text=None, article_id=None, min_fatalities=None
    )
    # The article is joined for the row's outlet, date and title; counts need none of them.
    joined: Any = events if columns else events.join(articles, articles.c.id == events.c.article_id)
    if part == "clustered":
        joined = joined.join(_OWN, _OWN.c.event_id == events.c.id).join(
            _CLUSTER, _CLUSTER.c.representative_id == events.c.id
        )
        row = _CLUSTER.c.id == _OWN.c.cluster_id
    else:
        joined = joined.outerjoin(_OWN, _OWN.c.event_id == events.c.id).outerjoin(
            _CLUSTER, _CLUSTER.c.id == _OWN.c.cluster_id
        )
        lone = _OWN.c.cluster_id.is_(None)
        row = lone if part == "lone" else or_(lone, _CLUSTER.c.representative_id == events.c.id)
    shown = _unit_columns() if columns is None else columns
    query = select(*shown).select_from(joined).where(row, *conditions(row_filter))
    if flt.min_fatalities is not None:
        query = query.where(_BEST >= flt.min_fatalities)
    words = report_level(flt)
    if words is not None and scan:
        query = query.where(_any_report(words))
    elif words is not None:
        # coalesce(): not the primary key but the sort order's index drives the query, which
        # then stops after one page (a filter matching 11,000 of 100,000 events: 300 -> 160 ms).
        query = query.where(func.coalesce(events.c.id, "").in_(matched_rows(words)))
    return query


def _any_report(words: EventFilter) -> ColumnElement[bool]:
    """The row's report, or one of its cluster's reports, matches ``words`` (tested per row)."""
    rep, art, own = _reports()
    in_cluster = (
        select(own.c.event_id)
        .select_from(
            own.join(rep, rep.c.id == own.c.event_id).join(art, art.c.id == rep.c.article_id)
        )
        .where(
            own.c.cluster_id == _OWN.c.cluster_id,
            *conditions(words, event_table=rep, article_table=art, indexed=False),
        )
    )
    return or_(
        and_(_OWN.c.cluster_id.is_(None), *conditions(words, indexed=False)),
        and_(_OWN.c.cluster_id.is_not(None), in_cluster.exists()),
    )


def _common_words(connection: Connection, flt: EventFilter) -> bool:
    """Whether a text filter of ``flt`` matches so many events that rows are best scanned."""
    return (flt.actor is not None and is_common(connection, ACTOR_COLUMNS, flt.actor)) or (
        flt.text is not None and is_common(connection, TEXT_COLUMNS, flt.text)
    )


def with_reports(
    connection: Connection, found: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Event rows with the ids, articles and outlets of their reports (one query per page)."""
    cluster_ids = [r["cluster_id"] for r in found if r.get("cluster_id")]
    members: dict[str, list[tuple[str, str, str | None]]] = {}
    if cluster_ids:
        query = (
            select(event_cluster_members.c.cluster_id, events.c.id, events.c.article_id)
            .add_columns(articles.c.source)
            .select_from(
                event_cluster_members.join(
                    events, events.c.id == event_cluster_members.c.event_id
                ).join(articles, articles.c.id == events.c.article_id)
            )
            .where(event_cluster_members.c.cluster_id.in_(cluster_ids))
            .order_by(events.c.id)
        )
        for cid, event_id, article_id, source in connection.execute(query):
            members.setdefault(cid, []).append((event_id, article_id, source))
    out = []
    for row in found:
        reports = members.get(row.get("cluster_id") or "") or [
            (row["id"], row["article_id"], row.get("source"))
        ]
        out.append(
            {
                **row,
                "event_ids": [r[0] for r in reports],
                "article_ids": sorted({r[1] for r in reports}),
                "sources": sorted({r[2] for r in reports if r[2]}),
            }
        )
    return out


def list_units(
    connection: Connection,
    flt: EventFilter,
    *,
    sort: Sort = "-date",
    limit: int = 100,
    cursor: str | None = None,
) -> Page:
    """One page of real-world events matching ``flt`` (:func:`unit_select`), reports listed."""
    check_page(sort, limit)
    if report_level(flt) is None:
        page = _row_page(connection, flt, sort=sort, limit=limit, cursor=cursor)
    elif sort.endswith("fatalities"):
        scan = _common_words(connection, flt)
        page = _by_fatalities(connection, flt, sort=sort, limit=limit, cursor=cursor, scan=scan)
    else:
        page = keyset_page(
            connection,
            unit_select(flt, scan=_common_words(connection, flt)),
            (_unit_sort_key(sort), events.c.id),
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    found = with_reports(connection, page.rows)
    for row in found:
        row.pop("unit_id")
    return Page(rows=tuple(found), next_cursor=page.next_cursor)


def _row_page(
    connection: Connection, flt: EventFilter, *, sort: Sort, limit: int, cursor: str | None
) -> Page:
    """A page of events filtered on their rows only: ids from ``event_units``, then rows.

    The narrow table holds what the row filters test and the best estimate the fatality
    order reads, with indexes in both orders (revision 0012): the page's ids come from one
    index walk, and its rows are then looked up by key. From the events joined with the
    clusters under an ``OR``, PostgreSQL guessed 29 matches where 5,975 were, and sorted
    every match (country=SY: 198 ms in-process); SQLite merged two orders by fatalities.
    """
    u = event_units.c
    if sort.endswith("date"):  # the expressions ix_event_units_date_key... index
        key = func.coalesce(u.event_date, literal_column("''"))
    else:
        key = func.coalesce(u.fatalities, literal_column("-1"))
    ids = keyset_page(
        connection,
        select(u.event_id.label("id")).where(*conditions(flt, event_table=event_units)),
        (key, u.event_id),
        sort=sort,
        limit=limit,
        cursor=cursor,
    )
    wanted = [str(row["id"]) for row in ids.rows]
    found: dict[str, dict[str, Any]] = {}
    if wanted:
        joined = (
            events.join(articles, articles.c.id == events.c.article_id)
            .outerjoin(_OWN, _OWN.c.event_id == events.c.id)
            .outerjoin(_CLUSTER, _CLUSTER.c.id == _OWN.c.cluster_id)
        )
        query = select(*_unit_columns()).select_from(joined).where(events.c.id.in_(wanted))
        found = {str(r.id): dict(r._mapping) for r in connection.execute(query)}
    rows = tuple(found[i] for i in wanted if i in found)
    return Page(rows=rows, next_cursor=ids.next_cursor)


def _by_fatalities(
    connection: Connection,
    flt: EventFilter,
    *,
    sort: Sort,
    limit: int,
    cursor: str | None,
    scan: bool,
) -> Page:
    """A page by fatalities: lone reports and clusters read apart, then merged.

    A lone report's figure is its own, which the index ``ix_events_fatalities_key`` keeps in
    order; a cluster's is its best estimate. Sorted together on one expression, no index
    served and every event was read (deadliest of 100,000: 435 ms p50, bench api); each part
    read in its own order stops after one page.
    """
    lone = keyset_page(
        connection,
        unit_select(flt, part="lone", scan=scan),
        (func.coalesce(events.c.fatalities, literal_column("-1")), events.c.id),
        sort=sort,
        limit=limit,
        cursor=cursor,
    )
    merged = keyset_page(
        connection,
        unit_select(flt, part="clustered", scan=scan),
        (_unit_sort_key(sort), events.c.id),
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    def key(row: Mapping[str, Any]) -> tuple[int, str]:
        killed = row["fatalities"]
        return (-1 if killed is None else int(killed), str(row["id"]))

    rows = sorted([*lone.rows, *merged.rows], key=key, reverse=sort.startswith("-"))
    more = len(rows) > limit or lone.next_cursor is not None or merged.next_cursor is not None
    rows = rows[:limit]
    next_cursor = encode_cursor(sort, *key(rows[-1])) if more and rows else None
    return Page(rows=tuple(rows), next_cursor=next_cursor)


def event_reports(
    connection: Connection, event_id: str
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The real-world event of one report: the cluster's figures and every report's summary.

    None when no such event; a report stored without a cluster is an event of one report.
    """
    found = connection.execute(
        select(event_clusters)
        .join(event_cluster_members, event_cluster_members.c.cluster_id == event_clusters.c.id)
        .where(event_cluster_members.c.event_id == event_id)
    ).first()
    if found is None:
        alone = event_row(connection, event_id)
        if alone is None:
            return None
        killed = alone["fatalities"]
        cluster = {
            "id": None,
            "reports_count": 1,
            "representative_id": event_id,
            "fatalities_min": killed,
            "fatalities_max": killed,
            "fatalities_best": killed,
            "date_first": alone["event_date"],
            "date_last": alone["event_date"],
        }
        return cluster, [alone]
    row = found._mapping
    members = select(event_cluster_members.c.event_id).where(
        event_cluster_members.c.cluster_id == row["id"]
    )
    query = summary_select().where(events.c.id.in_(members))
    reports = [
        dict(r._mapping)
        for r in connection.execute(query.order_by(events.c.event_date, events.c.id))
    ]
    keys = ("id", "representative_id", "fatalities_min", "fatalities_max", "fatalities_best")
    cluster = {k: row[k] for k in (*keys, "date_first", "date_last")}
    return {**cluster, "reports_count": len(reports)}, reports
