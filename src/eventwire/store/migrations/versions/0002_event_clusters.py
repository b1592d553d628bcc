"""Event clusters: event_clusters and event_cluster_members (cross-article dedup, issue 9).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Columns are spelled out here (not taken from dedup_tables.py) so that this revision keeps
    # creating the schema of version 0002 whatever later revisions change.
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("sub_event_type", sa.String(60), nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("fatalities_min", sa.Integer),
        sa.Column("fatalities_max", sa.Integer),
        sa.Column("injured_min", sa.Integer),
        sa.Column("injured_max", sa.Integer),
        sa.Column("event_date", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_first", sa.String(10)),
        sa.Column("date_last", sa.String(10)),
        sa.Column("location_geonameid", sa.Integer),
        sa.Column("location_name", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.String(20)),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("location_event_id", sa.String(80)),
        sa.Column("date_event_id", sa.String(80)),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_event_clusters_date", "event_clusters", ["event_date"])
    op.create_index("ix_event_clusters_country", "event_clusters", ["country_code"])
    op.create_table(
        "event_cluster_members",
        sa.Column(
            "cluster_id",
            sa.String(40),
            sa.ForeignKey("event_clusters.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "event_id",
            sa.String(80),
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("article_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_event_cluster_members_event", "event_cluster_members", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_cluster_members_event", table_name="event_cluster_members")
    op.drop_table("event_cluster_members")
    op.drop_index("ix_event_clusters_country", table_name="event_clusters")
    op.drop_index("ix_event_clusters_date", table_name="event_clusters")
    op.drop_table("event_clusters")
