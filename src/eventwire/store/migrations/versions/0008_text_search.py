"""Indexes for the free-text filters ``q=`` and ``actor=`` (issue 17: p99 < 200 ms at 100k events).

SQLite: ``events_fts``, an FTS5 table with the trigram tokenizer (substring search, case
folded) over the searched columns of ``events`` (``store/search.py TEXT_COLUMNS``), filled
from the events stored so far; triggers keep it in step with every insert, delete and update
of ``events``, in the same transaction. Its ``event_id`` column is indexed too, so that a
delete finds the row by the event's id (rowids of ``events`` may change under VACUUM).

PostgreSQL: the pg_trgm extension and one GIN trigram index per searched column, which
``ILIKE '%…%'`` uses; PostgreSQL keeps them up to date itself.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: store/search.py TEXT_COLUMNS at this revision (a migration never imports what may change).
_COLUMNS = (
    "trigger_text",
    "sentence_text",
    "location_name",
    "location_text",
    "actor1_name",
    "actor2_name",
    "actor1_text",
    "actor2_text",
)
_FTS = "events_fts"
_LIST = ", ".join(_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in _COLUMNS)
_DELETE = (
    f"DELETE FROM {_FTS} WHERE {_FTS} MATCH 'event_id : \"' || replace(old.id, '\"', '\"\"') "
    f"|| '\"' AND event_id = old.id;"
)
_INSERT = f"INSERT INTO {_FTS} (event_id, {_LIST}) VALUES (new.id, {_NEW});"
_SQLITE_UP = (
    f"CREATE VIRTUAL TABLE {_FTS} USING fts5(event_id, {_LIST}, tokenize='trigram')",
    f"INSERT INTO {_FTS} (event_id, {_LIST}) SELECT id, {_LIST} FROM events",
    f"CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN {_INSERT} END",
    f"CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN {_DELETE} END",
    f"CREATE TRIGGER events_fts_update AFTER UPDATE ON events BEGIN {_DELETE} {_INSERT} END",
)
_SQLITE_DOWN = (
    "DROP TRIGGER events_fts_update",
    "DROP TRIGGER events_fts_delete",
    "DROP TRIGGER events_fts_insert",
    f"DROP TABLE {_FTS}",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in _COLUMNS:
        op.execute(
            f"CREATE INDEX ix_events_trgm_{column} ON events USING gin ({column} gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
        return
    for column in reversed(_COLUMNS):
        op.execute(f"DROP INDEX ix_events_trgm_{column}")
