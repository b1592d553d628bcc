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

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, literal, select

from eventwire.store.dedup_tables import event_cluster_members
from eventwire.store.queries import EventFilter, conditions
from eventwire.store.tables import articles
from eventwire.store.unit_table import event_units
from eventwire.store.units import matched_rows

__all__ = ["day_type_counts", "unit_conditions", "unit_stats"]

_U = event_units


def unit_conditions(flt: EventFilter) -> list[ColumnElement[bool]]:
    """WHERE clauses over ``event_units`` keeping the real-world events matching ``flt``."""
    row_filter = replace(flt, actor=None, sources=(), text=None, article_id=None)
    out = conditions(row_filter, event_table=_U)
    if flt.actor or flt.sources or flt.text or flt.article_id:
        words = EventFilter(
            actor=flt.actor,
            sources=flt.sources,
            text=flt.text,
            article_id=flt.article_id,
            include_unrealized=True,
        )
        out.append(_U.c.event_id.in_(matched_rows(words)))
    return out


def day_type_counts(connection: Connection, flt: EventFilter) -> list[Any]:
    """(day, type, events, fatalities) of the real-world events matching ``flt``."""
    keys = (_U.c.event_date, _U.c.event_type)
    query = select(*keys, func.count(), func.coalesce(func.sum(_U.c.fatalities), 0))
    return list(connection.execute(query.where(*unit_conditions(flt)).group_by(*keys)))


def _fold(days: Sequence[Any], countries: Sequence[Any]) -> dict[str, Any]:
    """Totals and counts by type, month, day from (day, type, n, killed), and by country."""
    out: dict[str, Any] = {"events": 0, "fatalities": 0}
    by: dict[str, dict[str, int]] = {k: {} for k in ("by_type", "by_month", "by_day")}
    for day, event_type, count, killed in days:
        out["events"] += int(count)
        out["fatalities"] += int(killed)
        keys = {"by_type": event_type, "by_day": day}
        keys["by_month"] = None if day is None else str(day)[:7]
        for name, key in keys.items():
            if key is not None:
                by[name][str(key)] = by[name].get(str(key), 0) + int(count)
    by["by_country"] = {str(k): int(n) for k, n in countries if k is not None}
    return {**out, **{name: dict(sorted(counts.items())) for name, counts in by.items()}}


def _several(where: Sequence[ColumnElement[bool]]) -> Any:
    """(outlet, article, event) of each report of the events of several reports ``where``."""
    members = event_cluster_members
    return (
        select(articles.c.source, members.c.article_id, _U.c.unit_id)
        .select_from(
            _U.join(members, members.c.cluster_id == _U.c.unit_id).join(
                articles, articles.c.id == members.c.article_id
            )
        )
        .where(*where, _U.c.reports > 1)
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


def unit_stats(
    connection: Connection, flt: EventFilter, *, cells: Sequence[Any] | None = None
) -> dict[str, Any]:
    """Counts of the real-world events matching ``flt``, each once with its best estimate.

    ``reports`` is the number of their reports, ``by_source`` the events each outlet
    reported; an article has one outlet, so its distinct articles per outlet add up to the
    distinct articles. ``cells``: :func:`day_type_counts` of ``flt`` when the caller has them.
    """
    where = unit_conditions(flt)
    countries = select(_U.c.country_code, func.count()).where(*where).group_by(_U.c.country_code)
    if cells is None:
        cells = day_type_counts(connection, flt)
    folded = _fold(cells, list(connection.execute(countries)))
    by_source = _per_source(connection, where)
    return {
        "unit": "event",
        "events": folded["events"],
        "reports": sum(int(n) for _, n, _, _ in by_source),
        "articles": sum(int(n) for _, _, n, _ in by_source),
        "fatalities": folded["fatalities"],
        "by_type": folded["by_type"],
        "by_country": folded["by_country"],
        "by_month": folded["by_month"],
        "by_day": folded["by_day"],
        "by_source": {str(k): int(n) for k, _, _, n in by_source if k is not None},
    }
