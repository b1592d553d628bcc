"""The store round-trips results, is idempotent and replaces atomically (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from eventwire.errors import StoreError
from eventwire.records import Actor, Article, Attribution, Event, NonEvent, Place, Result, Span
from eventwire.store.repository import Store, database_url
from eventwire.store.tables import events

TEXT = "Selon Sahel Info, des hommes armés ont attaqué Ménaka mardi, tuant six soldats."


def _span(word: str) -> Span:
    start = TEXT.index(word)
    return Span(word, start, start + len(word))


def _result(article_id: str = "a1", *, sub_type: str = "Attack") -> Result:
    menaka = Place(_span("Ménaka"), 2453348, "Ménaka", 15.918, 2.402, "ML", "09", "PPLA", 0.9)
    gunmen = Actor(_span("hommes armés"), "Unidentified Armed Group (Mali)", "armed_group", "ML")
    soldiers = Actor(_span("soldats"), "Military Forces of Mali", "state_force", "ML")
    event = Event(
        event_type="Violence against civilians" if sub_type == "Attack" else "Battles",
        sub_event_type=sub_type,
        trigger=_span("attaqué"),
        sentence=Span(TEXT, 0, len(TEXT)),
        actor1=gunmen,
        actor2=soldiers,
        location=menaka,
        geo_precision=1,
        date="2024-03-05",
        date_precision="day",
        date_evidence=_span("mardi"),
        fatalities=6,
        fatalities_evidence=_span("six"),
        attribution=(Attribution("Sahel Info", _span("Sahel Info")),),
        modality="claimed",
    )
    article = Article(
        id=article_id, text=TEXT, title="Ménaka", language="fr", published="2024-03-06"
    )
    return Result(article, places=(menaka,), actors=(gunmen, soldiers), events=(event,))


def test_store_round_trips_a_result(db_url: str) -> None:
    original = _result()
    with Store.open(db_url) as store:
        assert store.save(original) == "stored"
        assert store.result("a1") == original


def test_store_save_twice_adds_no_rows(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_result())
        assert store.save(_result()) == "unchanged"
        assert store.counts()["events"] == 1
        assert store.counts()["attributions"] == 1


def test_store_reprocess_replaces_the_extraction(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_result())
        assert store.save(_result(sub_type="Armed clash"), reprocess=True) == "replaced"
        stored = store.result("a1")
        assert stored is not None and stored.events[0].sub_event_type == "Armed clash"
        assert store.counts() == {
            "articles": 1,
            "places": 1,
            "resolved_places": 1,
            "actors": 2,
            "events": 1,
            "attributions": 1,
        }


def test_store_failed_write_leaves_nothing_half_written(db_url: str) -> None:
    broken = _result("a2")
    with Store.open(db_url) as store:
        store.save(_result("a1"))
        from eventwire.store import rows

        original = rows.event_rows
        # Two rows with the same event id: the second insert fails inside the transaction.
        rows.event_rows = lambda result: original(result)[:1] * 2  # type: ignore[assignment]
        try:
            with pytest.raises(StoreError, match="write failed"):
                store.save(broken)
        finally:
            rows.event_rows = original  # type: ignore[assignment]
        assert not store.has("a2")
        with store.engine.connect() as connection:
            orphan = connection.execute(
                select(func.count()).select_from(events).where(events.c.article_id == "a2")
            ).scalar_one()
        assert orphan == 0
        assert store.result("a1") == _result("a1")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_store_database_url_accepts_urls(target: str, expected: str) -> None:
    assert database_url(target) == expected


def test_store_database_url_makes_paths_absolute(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert database_url(tmp_path / "e.db") == f"sqlite:///{tmp_path / 'e.db'}"


@pytest.mark.parametrize(
    ("field", "value", "found"),
    [
        ("text", "ATTAQU", True),
        ("text", "Attaque", False),
        ("actor", "HOMMES", True),
        ("actor", "Mali)", True),
        ("text", "%", False),
        ("actor", "_", False),
    ],
)
def test_store_text_filters_ignore_ascii_case_and_take_wildcards_literally(
    db_url: str, field: str, value: str, found: bool
) -> None:
    # Both databases: SQLite's LIKE and PostgreSQL's ILIKE (SQLite folds ASCII letters only).
    from eventwire.store.queries import EventFilter, list_events

    with Store.open(db_url) as store:
        store.save(_result())
        with store.engine.connect() as connection:
            rows = list_events(connection, EventFilter(**{field: value})).rows
    assert bool(rows) is found


def test_store_event_actors_keep_their_dictionary_id(db_url: str) -> None:
    # Issue 17: dedup of stored events matches actors by dictionary id, so the store keeps it.
    result = _result()
    gunmen = Actor(_span("hommes armés"), "Unidentified Armed Group (Mali)", "armed_group", "ML")
    coded = dataclasses.replace(gunmen, dictionary_id="unidentified_armed_group")
    event = dataclasses.replace(result.events[0], actor1=coded)
    original = dataclasses.replace(result, actors=(coded,), events=(event,))
    with Store.open(db_url) as store:
        store.save(original)
        back = store.result("a1")
    assert back is not None and back.events[0].actor1 is not None
    assert back.events[0].actor1.dictionary_id == "unidentified_armed_group"
    assert back.events[0].actor2 is not None and back.events[0].actor2.dictionary_id is None


def test_store_migration_0007_adds_the_actor_dictionary_columns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from eventwire.store import repository

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(repository._MIGRATIONS))
    with engine.begin() as connection:
        # A database made before 0007: the initial schema without the two columns, at 0006.
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        connection.exec_driver_sql("ALTER TABLE events DROP COLUMN actor1_dictionary_id")
        connection.exec_driver_sql("ALTER TABLE events DROP COLUMN actor2_dictionary_id")
    repository.migrate(engine)
    names = {c["name"] for c in inspect(engine).get_columns("events")}
    assert {"actor1_dictionary_id", "actor2_dictionary_id"} <= names
    engine.dispose()


def _undated_result() -> Result:
    """An article without publication date: its event's year inferred, one running toll kept."""
    original = _result("u1")
    event = dataclasses.replace(original.events[0], date_year_inferred=True)
    toll = NonEvent(_span("tuant"), Span(TEXT, 0, len(TEXT)), "Attack", "cumulative", None)
    article = dataclasses.replace(original.article, published=None, ingested="2024-12-01")
    return dataclasses.replace(original, article=article, events=(event,), non_events=(toll,))


def test_store_round_trips_the_ingestion_date_inferred_years_and_non_events(db_url: str) -> None:
    original = _undated_result()
    with Store.open(db_url) as store:
        store.save(original)
        back = store.result("u1")
    assert back == original
    assert back.article.ingested == "2024-12-01" and back.events[0].date_year_inferred
    assert [(n.trigger.text, n.reason) for n in back.non_events] == [("tuant", "cumulative")]


def test_store_as_stored_keeps_the_first_ingestion_date(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_undated_result())
        later = Article(id="u1", text=TEXT, language="fr", ingested="2030-12-01")
        assert store.as_stored(later).ingested == "2024-12-01"
        other = Article(id="new", text=TEXT, language="fr", ingested="2030-12-01")
        assert store.as_stored(other) is other


def test_store_migration_0011_adds_the_ingestion_year_and_non_event_columns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from eventwire.store import repository

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(repository._MIGRATIONS))
    with engine.begin() as connection:
        # A database made before 0011: the initial schema without the three columns, at 0010.
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
        connection.exec_driver_sql("ALTER TABLE articles DROP COLUMN ingested")
        connection.exec_driver_sql("ALTER TABLE articles DROP COLUMN non_events")
        connection.exec_driver_sql("ALTER TABLE events DROP COLUMN date_year_inferred")
    repository.migrate(engine)
    inspector = inspect(engine)
    assert {"ingested", "non_events"} <= {c["name"] for c in inspector.get_columns("articles")}
    assert "date_year_inferred" in {c["name"] for c in inspector.get_columns("events")}
    engine.dispose()
    with Store.open(tmp_path / "old.db") as store:
        store.save(_undated_result())
        assert store.result("u1") == _undated_result()
