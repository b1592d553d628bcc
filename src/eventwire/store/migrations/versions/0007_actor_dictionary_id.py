"""Event actors keep their dictionary id: ``events.actor1_dictionary_id``, ``actor2_dictionary_id``.

Before this revision only the actors table held an actor's dictionary id; an event read back
from the store (``eventwire dedup``, the Spark job, the API) had None there, so dedup of
stored events could not match two reports by their actors' dictionary ids (issue 17).
NULL for events stored before this revision until their article is processed again.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = ("actor1_dictionary_id", "actor2_dictionary_id")


def upgrade() -> None:
    # Revision 0001 runs tables.metadata.create_all, which already has these columns on a new
    # database; only a database created before 0007 lacks them.
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("events")}
    for name in _COLUMNS:
        if name not in have:
            op.add_column("events", sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        op.drop_column("events", name)
