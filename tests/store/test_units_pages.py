"""Pages of real-world events read through ``event_units`` (``store/units.py _row_page``).

Every page of every order is walked two events at a time and compared with the order worked
out in Python from the base tables (a brute force), on SQLite and PostgreSQL; a planned
strike is never listed, a cluster is listed once at its best estimate.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, select

from eventwire.records import UNREALIZED_MODALITIES
from eventwire.store import queries
from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.queries import BBox, EventFilter
from eventwire.store.repository import Store
from eventwire.store.tables import events
from tests.store.test_unit_counts import ALEPPO, GAO, HOMS, _report


def _brute_force(connection: Connection, sort: str, keep: Any) -> list[str]:
    """Event row ids in ``sort`` order: a lone report, or its cluster's representative."""
    members = select(event_cluster_members.c.event_id, event_cluster_members.c.cluster_id)
    cluster_of = {str(e): str(c) for e, c in connection.execute(members)}
    clusters = {r.id: r for r in connection.execute(select(event_clusters))}
    rows = []
    for e in connection.execute(select(events)):
        cluster = clusters.get(cluster_of.get(e.id))
        if cluster is not None and cluster.representative_id != e.id:
            continue
        best = e.fatalities if cluster is None else cluster.fatalities_best
        if e.modality in UNREALIZED_MODALITIES or not keep(e, best):
            continue
        key = (e.event_date or "") if sort.endswith("date") else (-1 if best is None else best)
        rows.append((key, e.id))
    return [i for _, i in sorted(rows, reverse=sort.startswith("-"))]


def _walk(connection: Connection, flt: EventFilter, sort: Any) -> list[str]:
    got, cursor = [], None
    while True:
        page = queries.list_events(connection, flt, sort=sort, limit=2, cursor=cursor, unit="event")
        got += [row["id"] for row in page.rows]
        if page.next_cursor is None:
            return got
        cursor = page.next_cursor


@pytest.mark.parametrize("sort", queries.SORTS)
@pytest.mark.parametrize(
    ("flt", "keep"),
    [
        (EventFilter(), lambda e, best: True),
        (EventFilter(countries=("SY",)), lambda e, best: e.country_code == "SY"),
        (EventFilter(min_fatalities=5), lambda e, best: best is not None and best >= 5),
        (EventFilter(bbox=BBox.parse("-1,15,1,17")), lambda e, best: e.country_code == "ML"),
    ],
)
def test_pages_of_events_match_a_brute_force_order(
    db_url: str, sort: str, flt: EventFilter, keep: Any
) -> None:
    # Aleppo: three reports, best estimate 11 (13, 11, 9); Gao: two, 4 (4, 7); Homs: one
    # with no figure; a planned strike on Homs, never listed.
    with Store.open(db_url) as store:
        store.save(_report("p1", "Agence A", (ALEPPO, 13), (GAO, 4)))
        store.save(_report("p2", "Journal B", (ALEPPO, 11), (HOMS, None)))
        store.save(_report("p3", "Radio C", (HOMS, 50), modality="planned"))
        store.save(_report("p4", "Radio C", (GAO, 7), (ALEPPO, 9)))
        with store.engine.connect() as connection:
            got = _walk(connection, flt, sort)
            assert got == _brute_force(connection, sort, keep)
            assert len(got) == len(set(got))
