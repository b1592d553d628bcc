"""The map's markers: one compact row per real-world event, read in one query (issue 17).

The map asked for its markers as GeoJSON pages of 500 full event rows, one page after the
other, each row with its reports and first source: five round trips before the first paint
(1.7-2.8 s over 100,000 events). The markers need a point, a type, a size and what the
tooltip and the table show; ``event_units`` (``store/unit_table.py``) holds most of it,
and the events table, read by primary key, the rest. The rows keep the event list's
default order (newest first, undated last), so a capped set holds the latest events.

    found = marker_rows(connection, EventFilter(countries=("SY",)), limit=2500)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, literal_column, select

from eventwire.store.queries import EventFilter
from eventwire.store.tables import events
from eventwire.store.unit_counts import unit_conditions
from eventwire.store.unit_table import event_units

__all__ = ["MARKER_COLUMNS", "MAX_MARKERS", "Markers", "marker_rows"]

#: Most markers one answer holds (the map asks for 2,500; a browser clusters 10,000 slowly).
MAX_MARKERS = 10_000

#: A marker row, in order: its event's id and point, what it looks like, what the tooltip
#: and the table view show. ``fatalities`` is the event's best estimate (store/units.py).
MARKER_COLUMNS: tuple[str, ...] = (
    "id",
    "longitude",
    "latitude",
    "event_type",
    "sub_event_type",
    "event_date",
    "fatalities",
    "injured",
    "location_name",
    "country_code",
    "actor1_name",
    "actor2_name",
    "source",
    "reports",
)
_U = event_units.c
_SOURCES: dict[str, Any] = {
    "id": _U.event_id,
    "injured": events.c.injured,
    "location_name": events.c.location_name,
    "actor1_name": events.c.actor1_name,
    "actor2_name": events.c.actor2_name,
}


@dataclass(frozen=True, slots=True)
class Markers:
    """Marker rows (values in :data:`MARKER_COLUMNS` order) and whether more matched."""

    rows: tuple[tuple[Any, ...], ...]
    truncated: bool


def marker_rows(connection: Connection, flt: EventFilter, *, limit: int = 2500) -> Markers:
    """The markers of the real-world events matching ``flt``, newest first, at most ``limit``.

    The same events as ``/api/events`` (each real-world event once, ``unit_select``'s
    filters: those on words and outlets keep an event when any of its report matches).
    """
    columns = [(_SOURCES[n] if n in _SOURCES else _U[n]).label(n) for n in MARKER_COLUMNS]
    # Newest first, undated last, then by id, on both databases, each on its index: SQLite
    # puts NULL last when descending, and walks event_units' date index; PostgreSQL puts NULL
    # first, and sorted every event to put the undated last (250 ms), so it reads the
    # date-key expression that the events index holds (store/queries.py _sort_key).
    order = (_U.event_date.desc(), _U.event_id.desc())
    if connection.dialect.name != "sqlite":
        day = func.coalesce(events.c.event_date, literal_column("''"))
        order = (day.desc(), events.c.id.desc())
    query = (
        select(*columns)
        .select_from(event_units.join(events, events.c.id == _U.event_id))
        .where(*unit_conditions(flt))
        .order_by(*order)
        .limit(limit + 1)
    )
    rows = [tuple(r) for r in connection.execute(query)]
    return Markers(rows=tuple(rows[:limit]), truncated=len(rows) > limit)
