"""Read-side queries for the API and the map: filtered, sorted, cursor-paginated events.

Everything here is SQLAlchemy Core with bound parameters; user text never reaches SQL
as SQL. Pagination is keyset-based: the cursor holds the last row's (sort key, id), so
pages stay stable while new articles are stored and deep pages cost no OFFSET scan.

    page = list_events(connection, EventFilter(countries=("SY",)), sort="-date", limit=100)
    more = list_events(connection, same_filter, sort="-date", cursor=page.next_cursor)
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    func,
    literal_column,
    or_,
    select,
)

from eventwire.errors import InputError
from eventwire.records import UNREALIZED_MODALITIES
from eventwire.store import search
from eventwire.store.periods import fold_cells
from eventwire.store.tables import articles, attributions, events

Sort = Literal["date", "-date", "fatalities", "-fatalities"]
SORTS: tuple[str, ...] = get_args(Sort)
#: ``event``: one row per real-world event (a dedup cluster; a lone report is a cluster of one);
#: ``report``: one row per extracted event of one article, as before issue 17.
Unit = Literal["event", "report"]
UNITS: tuple[str, ...] = get_args(Unit)
MAX_LIMIT = 500
_UNSTORABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")

#: Flat columns every event summary carries (ACLED-like), in CSV column order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "id",
    "article_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1_name",
    "actor1_kind",
    "actor2_name",
    "actor2_kind",
    "location_name",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "geo_precision",
    "fatalities",
    "injured",
    "modality",
    "trigger_text",
    "sentence_text",
    "confidence",
    "according_to",
    "source",
    "published",
    "title",
)


@dataclass(frozen=True, slots=True)
class BBox:
    """A lon/lat box; ``BBox.parse("35,32,43,38")``."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """Parse ``minlon,minlat,maxlon,maxlat``; raise InputError when malformed."""
        parts = text.split(",")
        try:
            values = [float(p) for p in parts]
        except ValueError:
            values = []
        if len(values) != 4 or not all(math.isfinite(v) for v in values):
            raise InputError("bbox", f"expected minlon,minlat,maxlon,maxlat numbers, got {text!r}")
        box = cls(*values)
        if not (-180 <= box.min_lon <= 180 and -180 <= box.max_lon <= 180):
            raise InputError("bbox", f"longitudes must lie in [-180, 180], got {text!r}")
        if not (-90 <= box.min_lat <= box.max_lat <= 90):
            raise InputError("bbox", f"latitudes must lie in [-90, 90], min <= max, got {text!r}")
        return box


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to keep; empty tuples and None mean "no constraint"."""

    bbox: BBox | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor: str | None = None  # substring of actor1 or actor2 name or mention, case-insensitive
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()  # empty: events that happened (see include_unrealized)
    include_unrealized: bool = False
    min_fatalities: int | None = None
    text: str | None = None  # in trigger, sentence, location or actor names
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of event summaries and the cursor of the next one (None on the last)."""

    rows: tuple[dict[str, Any], ...]
    next_cursor: str | None


def _date_range(day: Any, date_from: str | None, date_to: str | None) -> list[Any]:
    """``date_from <= day <= date_to`` on the expression the date-key index holds.

    Written on ``coalesce(event_date, '')`` (``_sort_key``), one index both selects the
    month and orders it: on ``event_date`` itself SQLite chose the plain date index and sorted
    every event of the month (one month of 100,000 events: 660 ms p50, bench api). ``> ''``
    keeps undated events out, as the comparison with NULL did.
    """
    if not (date_from or date_to):
        return []
    key = func.coalesce(day, literal_column("''"))
    low = key >= date_from if date_from else key > literal_column("''")
    return [low] if not date_to else [low, key <= date_to]


def conditions(
    flt: EventFilter,
    *,
    event_table: Any = events,
    article_table: Any = articles,
    indexed: bool = True,
) -> list[ColumnElement[bool]]:
    """Translate a filter into WHERE clauses over ``events`` joined with ``articles``.

    ``event_table``/``article_table`` name aliases of the two tables when a query holds
    them twice (the reports of an event, ``unit_select``); ``indexed=False`` tests the text
    filters on each row instead of asking the text index (``store/search.py is_common``).
    """
    c = event_table.c
    out: list[ColumnElement[bool]] = []
    if flt.bbox is not None:
        b = flt.bbox
        out += [c.latitude.between(b.min_lat, b.max_lat)]
        if b.min_lon <= b.max_lon:
            out.append(c.longitude.between(b.min_lon, b.max_lon))
        else:  # the box crosses the antimeridian
            out.append(or_(c.longitude >= b.min_lon, c.longitude <= b.max_lon))
    out += _date_range(c.event_date, flt.date_from, flt.date_to)
    if flt.event_types:
        out.append(c.event_type.in_(flt.event_types))
    if flt.sub_event_types:
        out.append(c.sub_event_type.in_(flt.sub_event_types))
    if flt.actor:
        # The canonical name or the words of the article ("Hachd" finds the Popular Mobilization
        # Forces).
        out.append(
            search.contains_any(event_table, search.ACTOR_COLUMNS, flt.actor, indexed=indexed)
        )
    if flt.countries:
        out.append(c.country_code.in_([code.upper() for code in flt.countries]))
    if flt.sources:
        out.append(article_table.c.source.in_(flt.sources))
    if flt.modalities:
        out.append(c.modality.in_(flt.modalities))
    elif not flt.include_unrealized:
        out.append(c.modality.not_in(sorted(UNREALIZED_MODALITIES)))
    if flt.min_fatalities is not None:
        out.append(c.fatalities >= flt.min_fatalities)
    if flt.text:
        out.append(search.contains_any(event_table, search.TEXT_COLUMNS, flt.text, indexed=indexed))
    if flt.article_id:
        out.append(c.article_id == flt.article_id)
    return out


def summary_select() -> Select[Any]:
    columns = [events.c[name] for name in SUMMARY_COLUMNS if name in events.c]
    columns += [articles.c.source, articles.c.published, articles.c.title]
    first_source = (
        select(attributions.c.name)
        .where(attributions.c.event_id == events.c.id)
        .order_by(attributions.c.rank.asc())
        .limit(1)
        .scalar_subquery()
        .label("according_to")
    )
    return select(*columns, first_source).select_from(
        events.join(articles, articles.c.id == events.c.article_id)
    )


def _sort_key(sort: Sort) -> Any:
    # NULLs sort as "" / -1 so that keyset comparisons stay total on every database.
    # Inline constants, not bound parameters: only "coalesce(event_date, '')" written out
    # matches the expression index (ix_events_date_key); with "?" SQLite sorts every row.
    if sort.endswith("date"):
        return func.coalesce(events.c.event_date, literal_column("''"))
    return func.coalesce(events.c.fatalities, literal_column("-1"))


def encode_cursor(sort: Sort, key: Any, event_id: str) -> str:
    """An opaque cursor: base64url of ``[sort, key, id]``."""
    raw = json.dumps([sort, key, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: Sort) -> tuple[Any, str]:
    """Return ``(key, id)``; raise InputError for a cursor not made by this sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, key, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise InputError(
            "cursor", "malformed cursor; pass next_cursor from a previous page"
        ) from None
    if sort.endswith("date"):
        key_ok = isinstance(key, str) and len(key) <= 40
    else:  # a bounded int: SQLite cannot bind integers beyond 64 bits
        key_ok = type(key) is int and -1 <= key < 2**62
    if got_sort != sort or not key_ok or not isinstance(event_id, str):
        raise InputError("cursor", f"cursor does not belong to sort={sort}; start again without it")
    if any(_UNSTORABLE.search(value) for value in (event_id, key) if isinstance(value, str)):
        # PostgreSQL refuses NUL in a parameter, neither database encodes a lone surrogate.
        raise InputError(
            "cursor", "cursor holds control characters; pass next_cursor from a previous page"
        )
    return key, event_id


def check_page(sort: str, limit: int) -> None:
    if sort not in SORTS:
        raise InputError("sort", f"expected one of {', '.join(SORTS)}, got {sort!r}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError("limit", f"expected 1..{MAX_LIMIT}, got {limit}")


def keyset_page(
    connection: Connection,
    query: Select[Any],
    columns: tuple[Any, Any],
    *,
    sort: Sort,
    limit: int,
    cursor: str | None,
) -> Page:
    """Keyset pagination of ``query`` by ``columns`` (sort key, id) in the ``sort`` order."""
    key, row_id = columns
    descending = sort.startswith("-")
    query = query.add_columns(key.label("sort_key"))
    if cursor is not None:
        last_key, last_id = decode_cursor(cursor, sort)
        if descending:
            after = or_(key < last_key, and_(key == last_key, row_id < last_id))
        else:
            after = or_(key > last_key, and_(key == last_key, row_id > last_id))
        query = query.where(after)
    order = (key.desc(), row_id.desc()) if descending else (key.asc(), row_id.asc())
    found = [dict(r._mapping) for r in connection.execute(query.order_by(*order).limit(limit + 1))]
    next_cursor = None
    if len(found) > limit:
        found = found[:limit]
        next_cursor = encode_cursor(sort, found[-1]["sort_key"], found[-1]["id"])
    for row in found:
        row.pop("sort_key")
    return Page(rows=tuple(found), next_cursor=next_cursor)


def list_events(
    connection: Connection,
    flt: EventFilter,
    *,
    sort: Sort = "-date",
    limit: int = 100,
    cursor: str | None = None,
    unit: Unit = "report",
) -> Page:
    """One page of summaries matching ``flt``, ordered by ``sort`` then id.

    ``unit="event"`` gives one row per real-world event (``store/units.py``) with its
    reports listed; ``"report"`` one row per stored event.
    """
    check_page(sort, limit)
    if unit == "event":
        from eventwire.store import units  # units builds on this module

        return units.list_units(connection, flt, sort=sort, limit=limit, cursor=cursor)
    query = summary_select().where(*conditions(flt))
    return keyset_page(
        connection, query, (_sort_key(sort), events.c.id), sort=sort, limit=limit, cursor=cursor
    )


def event_row(connection: Connection, event_id: str) -> dict[str, Any] | None:
    """The summary of one event, or None."""
    found = connection.execute(summary_select().where(events.c.id == event_id)).first()
    return None if found is None else dict(found._mapping)


def article_event_rows(connection: Connection, article_id: str) -> list[dict[str, Any]]:
    """Summaries of every event of one article (planned ones included), in text order."""
    query = summary_select().where(events.c.article_id == article_id).order_by(events.c.idx)
    return [dict(r._mapping) for r in connection.execute(query)]


def _counts(connection: Connection, column: Any, flt: EventFilter) -> dict[str, int]:
    query = (
        select(column.label("k"), func.count().label("n"))
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(*conditions(flt), column.is_not(None))
        .group_by(column)
        .order_by(column)
    )
    return {str(r.k): int(r.n) for r in connection.execute(query)}


def grouped(connection: Connection, query: Select[Any]) -> dict[str, int]:
    return {str(k): int(n) for k, n in connection.execute(query) if k is not None}


def stats(connection: Connection, flt: EventFilter, *, unit: Unit = "report") -> dict[str, Any]:
    """Counts of matching events by type, country, month, day, source and week, and totals.

    With ``unit="event"`` every real-world event counts once, with its best fatality
    estimate; ``reports`` is then the number of matching reports, ``by_source`` the events
    each outlet reported. ``by_week``: events and fatalities per week (its Monday) and type,
    folded in SQL (``store/periods.py``).
    """
    if unit == "event":
        from eventwire.store import unit_counts  # it builds on this module

        return unit_counts.unit_stats(connection, flt)
    joined = events.join(articles, articles.c.id == events.c.article_id)
    totals = connection.execute(
        select(
            func.count(),
            func.count(func.distinct(events.c.article_id)),
            func.coalesce(func.sum(events.c.fatalities), 0),
        )
        .select_from(joined)
        .where(*conditions(flt))
    ).one()
    folded = fold_cells(connection, day_type_cells(flt))
    return {
        "unit": "report",
        "events": int(totals[0]),
        "reports": int(totals[0]),
        "articles": int(totals[1]),
        "fatalities": int(totals[2]),
        "by_type": folded.by_type,
        "by_country": _counts(connection, events.c.country_code, flt),
        "by_month": folded.by_month,
        "by_day": folded.by_day,
        "by_source": _counts(connection, articles.c.source, flt),
        "by_week": folded.by_week,
    }


def day_type_cells(flt: EventFilter, *, unit: Unit = "report") -> Select[Any]:
    """(day, type, events, fatalities) of the matching events, undated ones included."""
    if unit == "event":
        from eventwire.store import unit_counts

        return unit_counts.day_type_cells(flt)
    day, kind, killed_col = events.c.event_date, events.c.event_type, events.c.fatalities
    return (
        select(day, kind, func.count(), func.coalesce(func.sum(killed_col), 0))
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(*conditions(flt))
        .group_by(day, kind)
    )


def weekly(
    connection: Connection, flt: EventFilter, *, unit: Unit = "report"
) -> dict[str, dict[str, dict[str, int]]]:
    """Events and fatalities per week (its Monday) and type: ``{week: {type: {events, ...}}}``."""
    return fold_cells(connection, day_type_cells(flt, unit=unit)).by_week


def distinct_values(connection: Connection, column: Any) -> list[str]:
    """The distinct non-NULL values of an indexed column, sorted, read by skipping through
    its index: one lookup per value (a loose index scan written as a recursive query).

    ``SELECT DISTINCT`` read every entry of the index: the four menus of the map took 35 ms
    of each ``/api/stats`` over 100,000 events; the skips take well under a millisecond.
    """
    first = select(column).where(column.is_not(None)).order_by(column).limit(1)
    walk = select(first.scalar_subquery().label("v")).cte("walk", recursive=True)
    after = select(column).where(column > walk.c.v).order_by(column).limit(1)
    walk = walk.union_all(select(after.scalar_subquery()).where(walk.c.v.is_not(None)))
    found = connection.execute(select(walk.c.v).where(walk.c.v.is_not(None)))
    return sorted(str(v) for (v,) in found)


def facets(connection: Connection) -> dict[str, list[str]]:
    """The distinct values the map's filter menus offer (each column has its index)."""
    return {
        "event_types": distinct_values(connection, events.c.event_type),
        "countries": distinct_values(connection, events.c.country_code),
        "sources": distinct_values(connection, articles.c.source),
        "modalities": distinct_values(connection, events.c.modality),
    }


def table_counts(
    connection: Connection, tables: Sequence[Any] = (articles, events)
) -> Mapping[str, int]:
    """Row counts per table (the SQL-injection tests check nothing changed)."""
    return {
        t.name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
        for t in tables
    }


__all__ = [
    "MAX_LIMIT",
    "SORTS",
    "SUMMARY_COLUMNS",
    "UNITS",
    "BBox",
    "EventFilter",
    "Page",
    "Sort",
    "Unit",
    "article_event_rows",
    "check_page",
    "conditions",
    "day_type_cells",
    "decode_cursor",
    "distinct_values",
    "encode_cursor",
    "event_row",
    "facets",
    "grouped",
    "keyset_page",
    "list_events",
    "stats",
    "summary_select",
    "table_counts",
    "weekly",
]
