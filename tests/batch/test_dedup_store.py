"""``eventwire dedup`` on a real SQLite database: migration 0002, stored clusters, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect, select
from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.records import Article, Event, Place, Result, Span
from eventwire.store.dedup_tables import event_cluster_members, event_clusters
from eventwire.store.repository import Store


def _report(article_id: str, source: str, killed: int, lat: float, day: str) -> Result:
    text = f"Une frappe a tué {killed} personnes à Alep le {day}."
    where = Place(
        Span.of(text, text.index("Alep"), text.index("Alep") + 4),
        geonameid=170063 if lat == 36.2 else 1,
        name="Alep",
        lat=lat,
        lon=37.16,
        country_code="SY",
        admin1="09",
        feature_code="PPLA",
    )
    event = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span.of(text, 4, 10),
        sentence=Span.of(text, 0, len(text)),
        location=where,
        geo_precision=1,
        date=day,
        date_precision="day",
        fatalities=killed,
    )
    return Result(article=Article(id=article_id, text=text, source=source), events=(event,))


def _store(db: Path) -> None:
    with Store.open(db) as store:
        store.save(_report("a1", "Agence A", 13, 36.2, "2018-11-11"))
        store.save(_report("a2", "Journal B", 11, 36.2, "2018-11-12"))
        store.save(_report("a3", "Radio C", 3, 40.0, "2018-11-11"))  # 420 km away


def test_dedup_command_stores_clusters(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    _store(db)
    result = CliRunner().invoke(build_app(), ["dedup", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 events in 2 clusters (1 with several reports)" in result.output
    with Store.open(db) as store, store.engine.connect() as connection:
        rows = connection.execute(
            select(event_clusters).order_by(event_clusters.c.n_events.desc())
        ).all()
        members = connection.execute(select(event_cluster_members.c.event_id)).scalars().all()
    merged = rows[0]._mapping
    assert (merged["n_sources"], merged["fatalities_min"], merged["fatalities_max"]) == (2, 11, 13)
    assert json.loads(merged["sources"]) == ["agence a", "journal b"]
    assert sorted(members) == ["a1:0", "a2:0", "a3:0"]


def test_dedup_command_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    _store(db)
    for _ in range(2):
        assert CliRunner().invoke(build_app(), ["dedup", "--db", str(db)]).exit_code == 0
    with Store.open(db) as store, store.engine.connect() as connection:
        assert len(connection.execute(select(event_clusters.c.id)).all()) == 2


def test_migration_0002_creates_cluster_tables(tmp_path: Path) -> None:
    with Store.open(tmp_path / "events.db") as store:
        names = set(inspect(store.engine).get_table_names())
        foreign = inspect(store.engine).get_foreign_keys("event_cluster_members")
    assert {"event_clusters", "event_cluster_members"} <= names
    assert {fk["referred_table"] for fk in foreign} == {"event_clusters", "events"}
