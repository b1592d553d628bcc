"""Clusters as the unit of the map and exports: a best fatality estimate, a representative.

``event_clusters.fatalities_best`` is the lower median of the reports' figures (never their
sum) and ``representative_id`` the event whose type, date and place stand for the cluster
(issue 17). NULL for clusters stored before this revision until ``eventwire dedup`` reruns.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_clusters", sa.Column("fatalities_best", sa.Integer(), nullable=True))
    op.add_column("event_clusters", sa.Column("representative_id", sa.String(80), nullable=True))
    op.create_index("ix_event_clusters_representative", "event_clusters", ["representative_id"])


def downgrade() -> None:
    op.drop_index("ix_event_clusters_representative", table_name="event_clusters")
    op.drop_column("event_clusters", "representative_id")
    op.drop_column("event_clusters", "fatalities_best")
