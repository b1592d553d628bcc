"""The watch tables on a fresh SQLite file: migration, seen items, retries, poll state."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from eventwire.store.repository import _MIGRATIONS, Store
from eventwire.watch.state import MAX_ATTEMPTS, mark_item, record_poll, source_states, unseen

WATCH_TABLES = {"watch_sources", "watch_items", "watch_stories", "watch_alerts"}


def test_state_migration_0004_creates_and_drops_the_watch_tables(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        assert WATCH_TABLES <= set(inspect(store.engine).get_table_names())
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
        assert not WATCH_TABLES & set(inspect(store.engine).get_table_names())
        assert "events" in inspect(store.engine).get_table_names()


def test_state_seen_items_are_not_unseen(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        with store.engine.begin() as connection:
            mark_item(
                connection, source="A", key="urn:1", url=None, article_id="a1", outcome="stored"
            )
        assert unseen(store.engine, "A", ["urn:1", "urn:2"]) == {"urn:2"}
        assert unseen(store.engine, "B", ["urn:1"]) == {"urn:1"}  # seen per source


def test_state_a_page_failing_is_retried_then_given_up(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            assert unseen(store.engine, "A", ["urn:1"]) == {"urn:1"}, attempt
            with store.engine.begin() as connection:
                mark_item(
                    connection, source="A", key="urn:1", url="u", article_id=None, outcome="retry"
                )
        assert unseen(store.engine, "A", ["urn:1"]) == set()


def test_state_poll_keeps_validators_and_counts_failures(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:

        def poll(ok: bool, etag: str | None, last_modified: str | None) -> None:
            record_poll(
                store.engine,
                name="A",
                url="http://a/feed",
                ok=ok,
                status="ok" if ok else "HTTP 500",
                etag=etag,
                last_modified=last_modified,
                stored=0,
            )

        poll(True, '"1"', "LM")
        poll(False, None, None)
        poll(False, None, None)
        state = source_states(store.engine)["A"]
        assert (state.etag, state.last_modified, state.failures) == ('"1"', "LM", 2)
        poll(True, None, None)  # an answer without validators (or a poll left incomplete)
        state = source_states(store.engine)["A"]
        assert (state.etag, state.failures) == ('"1"', 0)
