"""The map's markers (issue 17): one row per real-world event, on both databases.

Invented one-sentence reports: two outlets report one strike on Aleppo (13 and 11 killed:
one event, best estimate the lower median 11), one report each of Homs and Gao on other
days, and a planned strike that never happened.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from eventwire.records import Modality, Result
from eventwire.store.markers import MARKER_COLUMNS, marker_rows
from eventwire.store.queries import SUMMARY_COLUMNS, EventFilter
from eventwire.store.repository import Store
from eventwire.store.tables import events
from eventwire.store.units import CLUSTER_COLUMNS
from tests.store.test_unit_counts import ALEPPO, GAO, HOMS, _report


def _dated(article: str, source: str, where: Any, killed: int, day: str, **kw: Modality) -> Result:
    """``_report`` of one event, moved to ``day``."""
    result = _report(article, source, (where, killed), **kw)
    return replace(result, events=(replace(result.events[0], date=day),))


def _store(db_url: str) -> Store:
    store = Store.open(db_url)
    store.save(_dated("a1", "Agence A", ALEPPO, 13, "2019-04-02"))
    store.save(_dated("a2", "Journal B", ALEPPO, 11, "2019-04-02"))
    store.save(_dated("h1", "Radio C", HOMS, 3, "2019-05-20"))
    store.save(_dated("g1", "Radio C", GAO, 4, "2019-03-01"))
    store.save(_dated("p1", "Radio C", GAO, 50, "2019-06-01", modality="planned"))
    return store


def _markers(store: Store, limit: int = 100, **filters: Any) -> tuple[list[dict[str, Any]], bool]:
    with store.engine.connect() as connection:
        found = marker_rows(connection, EventFilter(**filters), limit=limit)
    return [dict(zip(MARKER_COLUMNS, row, strict=True)) for row in found.rows], found.truncated


def test_markers_columns_are_event_row_columns() -> None:
    assert set(MARKER_COLUMNS) <= {*SUMMARY_COLUMNS, *CLUSTER_COLUMNS}


def test_markers_one_per_event_newest_first_best_estimate(db_url: str) -> None:
    with _store(db_url) as store:
        rows, truncated = _markers(store)
    # Homs (20 May), Aleppo (2 April, two reports), Gao (1 March); the planned strike: none.
    assert [(r["location_name"], r["fatalities"], r["reports"]) for r in rows] == [
        ("Homs", 3, 1),
        ("Alep", 11, 2),
        ("Gao", 4, 1),
    ]
    assert not truncated
    assert (rows[1]["longitude"], rows[1]["latitude"], rows[1]["country_code"]) == (
        37.16,
        36.2,
        "SY",
    )


def test_markers_are_the_event_rows_of_the_same_filter(db_url: str) -> None:
    with _store(db_url) as store:
        # Words in either Aleppo report find the one event (its representative's row).
        by_outlet, _ = _markers(store, sources=("Agence A",))
        by_other, _ = _markers(store, sources=("Journal B",))
        assert (
            [r["location_name"] for r in by_outlet]
            == ["Alep"]
            == [r["location_name"] for r in by_other]
        )
        assert by_outlet[0]["id"] == by_other[0]["id"]
        syria, _ = _markers(store, countries=("SY",))
        assert [r["location_name"] for r in syria] == ["Homs", "Alep"]
        every, _ = _markers(store, include_unrealized=True)
        assert [r["fatalities"] for r in every] == [50, 3, 11, 4]
        with store.engine.connect() as connection:
            ids = {r.id for r in connection.execute(select(events.c.id))}
        assert {r["id"] for r in every} <= ids


def test_markers_limit_keeps_the_newest_and_says_so(db_url: str) -> None:
    with _store(db_url) as store:
        rows, truncated = _markers(store, limit=2)
    assert [r["location_name"] for r in rows] == ["Homs", "Alep"]
    assert truncated


def test_markers_put_undated_events_last_on_both_databases(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_dated("u1", "Radio C", GAO, 4, None))
        store.save(_dated("d1", "Radio C", HOMS, 3, "2019-05-20"))
        rows, _ = _markers(store)
    assert [(r["location_name"], r["event_date"]) for r in rows] == [
        ("Homs", "2019-05-20"),
        ("Gao", None),
    ]
