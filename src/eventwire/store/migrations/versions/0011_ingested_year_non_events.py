"""Store the rest of a result (issue 14): ``articles.ingested``, ``articles.non_events`` and
``events.date_year_inferred``.

An undated article's inferred year is the latest one not after the day it was ingested: that
day is now stored with the article, so reprocessing it does not move its dates. The events
say whether their year was inferred, and the article keeps its non-events (context mentions
with the reason they are no event) as a JSON list, so ``Store.result`` reads back the whole
Result. Rows stored before this revision have NULL there (no date known, no non-events, no
inferred year) until their article is processed again.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("articles", "ingested", sa.String(10)),
    ("articles", "non_events", sa.Text()),
    ("events", "date_year_inferred", sa.Integer()),
)


def upgrade() -> None:
    # Revision 0001 runs tables.metadata.create_all, which already has these columns on a new
    # database; only a database created before 0011 lacks them.
    inspector = sa.inspect(op.get_bind())
    for table, name, kind in _COLUMNS:
        if name not in {c["name"] for c in inspector.get_columns(table)}:
            op.add_column(table, sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for table, name, _ in reversed(_COLUMNS):
        op.drop_column(table, name)
