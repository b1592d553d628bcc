"""Watch state (issue 18): watch_sources, watch_items, watch_stories, watch_alerts.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Columns are spelled out here (not taken from watch/state.py) so that this revision keeps
    # creating the schema of version 0004 whatever later revisions change.
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.String(64)),
        sa.Column("last_poll_at", sa.String(40)),
        sa.Column("last_ok_at", sa.String(40)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_status", sa.Text),
        sa.Column("items_stored", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(32), nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("article_id", sa.String(64)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
        sa.Column("alerted", sa.Integer, nullable=False, server_default="0"),
        sa.Column("seen_at", sa.String(40), nullable=False),
    )
    op.create_index("ux_watch_items_key", "watch_items", ["source", "key_hash"], unique=True)
    op.create_index("ix_watch_items_alerted", "watch_items", ["alerted"])
    op.create_table(
        "watch_stories",
        sa.Column("event_id", sa.String(80), primary_key=True),
        sa.Column("story_id", sa.String(80), nullable=False),
    )
    op.create_index("ix_watch_stories_story", "watch_stories", ["story_id"])
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("story_id", sa.String(80), nullable=False),
        sa.Column("event_id", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("delivered_at", sa.String(40)),
        sa.Column("error", sa.Text),
    )
    op.create_index(
        "ux_watch_alerts_state", "watch_alerts", ["rule", "story_id", "fingerprint"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ux_watch_alerts_state", table_name="watch_alerts")
    op.drop_table("watch_alerts")
    op.drop_index("ix_watch_stories_story", table_name="watch_stories")
    op.drop_table("watch_stories")
    op.drop_index("ix_watch_items_alerted", table_name="watch_items")
    op.drop_index("ux_watch_items_key", table_name="watch_items")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
