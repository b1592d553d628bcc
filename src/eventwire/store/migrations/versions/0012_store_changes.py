"""``store_changes``: a counter every write to what the map counts raises (issue 17).

``/api/stats`` over 100,000 events costs about 110 ms of CPU, and the map asks the same
counts again and again (first paint, every client, back to the same filters). The server
keeps the answers per filter and per value of this counter (``serve/answer_cache.py``): a
write to ``articles``, ``events``, ``event_units`` or the dedup clusters, by any process and
whatever its code path, raises it in the same transaction, so no answer outlives the rows
it counted.

SQLite: one trigger per table and operation, per row (SQLite has no statement triggers).
PostgreSQL: statement triggers calling one function, so a bulk insert raises it once.

It also gives ``event_units`` the indexes of the event pages' orders (``store/units.py
_row_page``): by date, by best fatality estimate, and by country then date, on the
expressions the keyset pages sort by.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: The tables whose rows the counts, the menus and the markers read.
_TABLES = ("articles", "events", "event_units", "event_clusters", "event_cluster_members")
_BUMP = "UPDATE store_changes SET n = n + 1 WHERE id = 1"
_OPERATIONS = ("insert", "update", "delete")
#: store/unit_table.py's page indexes at this revision.
_INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ix_event_units_date_key", ("coalesce(event_date, '')", "event_id")),
    ("ix_event_units_fatalities_key", ("coalesce(fatalities, -1)", "event_id")),
    ("ix_event_units_country_date_key", ("country_code", "coalesce(event_date, '')", "event_id")),
)


def _sqlite_up() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_changes_{op_name} AFTER {op_name.upper()} ON {table} "
        f"BEGIN {_BUMP}; END"
        for table in _TABLES
        for op_name in _OPERATIONS
    ]


def _postgresql_up() -> list[str]:
    function = (
        "CREATE FUNCTION store_changes_bump() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {_BUMP}; RETURN NULL; END $$"
    )
    return [function] + [
        f"CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION store_changes_bump()"
        for table in _TABLES
    ]


def upgrade() -> None:
    op.execute("CREATE TABLE store_changes (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)")
    op.execute("INSERT INTO store_changes (id, n) VALUES (1, 0)")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _sqlite_up() if sqlite else _postgresql_up():
        op.execute(statement)
    for name, columns in _INDEXES:
        op.create_index(name, "event_units", [sa.text(c) if "(" in c else c for c in columns])


def downgrade() -> None:
    for name, _ in reversed(_INDEXES):
        op.drop_index(name, table_name="event_units")
    if op.get_bind().dialect.name == "sqlite":
        for table in _TABLES:
            for op_name in _OPERATIONS:
                op.execute(f"DROP TRIGGER {table}_changes_{op_name}")
    else:
        for table in _TABLES:
            op.execute(f"DROP TRIGGER {table}_changes ON {table}")
        op.execute("DROP FUNCTION store_changes_bump()")
    op.execute("DROP TABLE store_changes")
