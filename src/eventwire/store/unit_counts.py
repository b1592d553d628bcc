"""Counts of real-world events for ``/api/stats`` and the weekly chart, from ``event_units``.

Each real-world event counts once with its best fatality estimate (issue 17). The filters
on what an event row shows (box, dates, types, country, modality, killed) apply to its
``event_units`` row; those on words and outlets keep an event when any of its reports
matches (``store/units.py matched_rows``, the same rule as the event list). Reading the
narrow table instead of every wide event row joined with the clusters took the counts of
100,000 events from 1.6 s to well under a second (docs/reliability.md).

    unit_stats(connection, EventFilter(countries=("SY",)))["events"]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    MetaData,
    Select,
    String,
    Table,
    func,
    insert,
    literal,
    select,
)

from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.periods import fold_cells
from eventwire.store.queries import EventFilter, conditions
from eventwire.store.tables import articles
from eventwire.store.unit_table import event_units
from eventwire.store.units import matched_rows, report_level

__all__ = ["day_type_cells", "unit_conditions", "unit_stats"]

_U = event_units


#: The ids of the rows matched by the words of one count request (:func:`_matches`): a
#: temporary table, private to its connection and dropped when the request is done.
_MATCHES = Table(
    "stats_matches", MetaData(), Column("event_id", String(80)), prefixes=["TEMPORARY"]
)


def unit_conditions(flt: EventFilter, *, matched: Any = None) -> list[ColumnElement[bool]]:
    """WHERE clauses over ``event_units`` keeping the real-world events matching ``flt``.

    ``matched``: a select of the row ids the words of ``flt`` match, when the caller looked
    them up already (:func:`_matches`); by default each query looks them up itself.
    """
    row_filter = replace(flt, actor=None, sources=(), text=None, article_id=None)
    out = conditions(row_filter, event_table=_U)
    words = report_level(flt)
    if words is not None:
        out.append(_U.c.event_id.in_(matched_rows(words) if matched is None else matched))
    return out


@contextmanager
def _matches(connection: Connection, flt: EventFilter) -> Iterator[Any]:
    """A select of the row ids the words of ``flt`` match, looked up once (None: no words).

    The counts ask five queries of the same rows; each looked the words up in the text index
    again (a common word: 4.3 s for one ``/api/stats``). The ids go into a temporary table
    on the request's connection, dropped when the counts are done.
    """
    words = report_level(flt)
    if words is None:
        yield None
        return
    # Left by an earlier request when its drop was rolled back with the rest (pysqlite runs
    # DDL outside the transaction it opens for writes): the table is private to the connection.
    _MATCHES.drop(connection, checkfirst=True)
    _MATCHES.create(connection)
    connection.execute(insert(_MATCHES).from_select(["event_id"], matched_rows(words)))
    yield select(_MATCHES.c.event_id)
    _MATCHES.drop(connection)


def day_type_cells(flt: EventFilter, *, matched: Any = None) -> Select[Any]:
    """(day, type, events, fatalities) of the real-world events matching ``flt``."""
    keys = (_U.c.event_date, _U.c.event_type)
    query = select(*keys, func.count(), func.coalesce(func.sum(_U.c.fatalities), 0))
    return query.where(*unit_conditions(flt, matched=matched)).group_by(*keys)


def _several(where: Sequence[ColumnElement[bool]]) -> Any:
    """(outlet, article, event) of each report of the events of several reports ``where``.

    Driven by the clusters of several reports, whose rows are looked up by ``unit_id``: on
    ``reports > 1`` alone SQLite read every row of the table (15 ms of each count of
    100,000 events, most of them of one report).
    """
    members = event_cluster_members
    merged = select(event_clusters.c.id).where(event_clusters.c.n_events > 1)
    return (
        select(articles.c.source, members.c.article_id, _U.c.unit_id)
        .select_from(
            _U.join(members, members.c.cluster_id == _U.c.unit_id).join(
                articles, articles.c.id == members.c.article_id
            )
        )
        .where(*where, _U.c.reports > 1, _U.c.unit_id.in_(merged))
        .subquery("several")
    )


def _per_source(connection: Connection, where: Sequence[ColumnElement[bool]]) -> list[Any]:
    """(outlet, reports, distinct articles, events) of the events ``where``.

    An event of one report is its own row (its outlet and article are on it), counted from
    the table alone, in the order of ``ix_event_units_source``; only the events of several
    reports read their members. An article with events of both kinds counts once: the
    articles of an outlet are those of its lone reports, plus those of its merged reports,
    less those in both.
    """
    u = _U.c
    lone = [*where, u.reports == 1]
    several = _several(where)
    counts: dict[Any, list[int]] = {}
    queries = (
        select(u.source, func.count(), func.count(func.distinct(u.article_id)), func.count())
        .where(*lone)
        .group_by(u.source),
        select(
            several.c.source,
            func.count(),
            func.count(func.distinct(several.c.article_id)),
            func.count(func.distinct(several.c.unit_id)),
        ).group_by(several.c.source),
        select(u.source, literal(0), -func.count(func.distinct(u.article_id)), literal(0))
        .where(*lone, u.article_id.in_(select(several.c.article_id)))
        .group_by(u.source),
    )
    for query in queries:
        for source, reports, n_articles, n_events in connection.execute(query):
            cell = counts.setdefault(source, [0, 0, 0])
            cell[0] += int(reports)
            cell[1] += int(n_articles)
            cell[2] += int(n_events)
    return [(k, *counts[k]) for k in sorted(counts, key=lambda k: (k is None, k or ""))]


def unit_stats(connection: Connection, flt: EventFilter) -> dict[str, Any]:
    """Counts of the real-world events matching ``flt``, each once with its best estimate.

    ``reports`` is the number of their reports, ``by_source`` the events each outlet
    reported; an article has one outlet, so its distinct articles per outlet add up to the
    distinct articles. ``by_week``: events and fatalities per week (its Monday) and type.
    """
    with _matches(connection, flt) as matched:
        where = unit_conditions(flt, matched=matched)
        countries = select(_U.c.country_code, func.count()).where(*where)
        by_country = connection.execute(countries.group_by(_U.c.country_code)).all()
        folded = fold_cells(connection, day_type_cells(flt, matched=matched))
        by_source = _per_source(connection, where)
    return {
        "unit": "event",
        "events": folded.events,
        "reports": sum(int(n) for _, n, _, _ in by_source),
        "articles": sum(int(n) for _, _, n, _ in by_source),
        "fatalities": folded.fatalities,
        "by_type": folded.by_type,
        "by_country": {str(k): int(n) for k, n in by_country if k is not None},
        "by_month": folded.by_month,
        "by_day": folded.by_day,
        "by_source": {str(k): int(n) for k, _, _, n in by_source if k is not None},
        "by_week": folded.by_week,
    }
