"""Denied, planned and hypothetical events never enter totals, the map's default view or stats
(issue 14 deliverable 5), on both databases: an invented article with one asserted strike
and one denied strike, both with deaths, at the same place on the same day."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.records import Article, Event, Modality, Place, Result, Span
from eventwire.serve import render
from eventwire.store import queries
from eventwire.store.markers import MARKER_COLUMNS, marker_rows
from eventwire.store.queries import EventFilter, Unit
from eventwire.store.repository import Store

TEXT = (
    "Une frappe a tué trois civils à Gao le 11 novembre 2024. "
    "L'armée dément qu'une frappe ait tué quarante civils à Gao ce jour-là."
)


def _strike(sentence: int, killed: int, modality: Modality) -> Event:
    start = [0, TEXT.index("L'armée")][sentence]
    end = TEXT.index(".", start) + 1
    at = TEXT.index("frappe", start)
    gao = TEXT.index("Gao", start)
    place = Place(
        Span.of(TEXT, gao, gao + 3),
        geonameid=2457163,
        name="Gao",
        lat=16.27,
        lon=-0.04,
        country_code="ML",
        feature_code="PPLA",
        confidence=0.9,
    )
    return Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span.of(TEXT, at, at + 6),
        sentence=Span.of(TEXT, start, end),
        location=place,
        geo_precision=1,
        date="2024-11-11",
        date_precision="day",
        fatalities=killed,
        modality=modality,
    )


def _stored(db_url: str) -> Store:
    store = Store.open(db_url)
    article = Article(id="d1", text=TEXT, language="fr", source="Radio Gao")
    store.save(Result(article, events=(_strike(0, 3, "asserted"), _strike(1, 40, "denied"))))
    return store


@pytest.mark.parametrize("unit", ["event", "report"])
def test_unrealized_events_enter_no_stats_nor_weekly_totals(db_url: str, unit: Unit) -> None:
    with _stored(db_url) as store, store.engine.connect() as connection:
        got = queries.stats(connection, EventFilter(), unit=unit)
        weekly = queries.weekly(connection, EventFilter(), unit=unit)
    assert (got["events"], got["fatalities"], got["by_day"]) == (1, 3, {"2024-11-11": 1})
    week = {"Explosions/Remote violence": {"events": 1, "fatalities": 3}}
    assert got["by_week"] == weekly == {"2024-11-11": week}


@pytest.mark.parametrize("unit", ["event", "report"])
def test_unrealized_events_are_not_on_the_default_map(db_url: str, unit: Unit) -> None:
    with _stored(db_url) as store, store.engine.connect() as connection:
        shown = queries.list_events(connection, EventFilter(), unit=unit)
        everything = EventFilter(include_unrealized=True)
        asked = queries.list_events(connection, everything, unit=unit)
    features = render.geojson(shown.rows, shown.next_cursor)["features"]
    assert [(f["properties"]["modality"], f["properties"]["fatalities"]) for f in features] == [
        ("asserted", 3)
    ]
    assert sorted(r["modality"] for r in asked.rows) == ["asserted", "denied"]


def test_unrealized_events_are_not_among_the_map_markers(db_url: str) -> None:
    with _stored(db_url) as store, store.engine.connect() as connection:
        shown = marker_rows(connection, EventFilter())
        asked = marker_rows(connection, EventFilter(include_unrealized=True))
    killed = MARKER_COLUMNS.index("fatalities")
    assert [row[killed] for row in shown.rows] == [3]
    assert sorted(row[killed] for row in asked.rows) == [3, 40]


def test_summary_counts_only_the_events_that_happened(tmp_path: Path) -> None:
    from eventwire.cli.main import build_app

    db = str(tmp_path / "e.db")
    _stored(db).close()
    done = CliRunner().invoke(build_app(), ["summary", "--db", db], env={"COLUMNS": "200"})
    assert done.exit_code == 0, done.output
    assert " · 1 events (and 1 denied, planned or hypothetical)\n" in done.output
