"""Initial schema: articles, places, actors, events, event_attributions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

from eventwire.store.tables import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first revision creates the schema as tables.py defined it at version 0001; later
    # changes to tables.py come with their own op.* revisions.
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
