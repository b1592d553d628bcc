"""Indexes for the API's sorted, filtered event pages (issue 10: p99 < 200 ms at 100k events).

``/api/events`` orders by ``coalesce(event_date, '')`` or ``coalesce(fatalities, -1)``
then ``id`` (store/queries.py, keyset pagination). Without an index on those very
expressions both SQLite and PostgreSQL sort every matching row before taking a page:
~400 ms at 100k events on the CI machine, against ~10 ms with them. The country index
covers the map's most common filter with the same order.

The databases use an expression index only when the query spells the expression the same
way, with the constant written in the SQL (not a bound parameter).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ix_events_date_key", ("coalesce(event_date, '')", "id")),
    ("ix_events_fatalities_key", ("coalesce(fatalities, -1)", "id")),
    ("ix_events_country_date_key", ("country_code", "coalesce(event_date, '')", "id")),
)


def upgrade() -> None:
    for name, columns in _INDEXES:
        op.create_index(name, "events", [sa.text(c) if "(" in c else c for c in columns])


def downgrade() -> None:
    for name, _ in reversed(_INDEXES):
        op.drop_index(name, table_name="events")
