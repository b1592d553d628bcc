"""Provenance: ``articles.provenance``, the eventwire version and data files behind a Result.

A JSON object (``Provenance.to_dict()``, issue 19): the package version, and the declared
version and SHA-256 of every data file (lexicons, taxonomy, actors, weights, gazetteer build).
NULL for articles stored before this revision.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Revision 0001 runs tables.metadata.create_all, which already has this column on a new
    # database; only a database created before 0005 lacks it.
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("articles")}
    if "provenance" not in columns:
        op.add_column("articles", sa.Column("provenance", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "provenance")
