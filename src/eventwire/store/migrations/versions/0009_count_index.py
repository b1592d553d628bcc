"""A covering index for the counts of ``/api/stats`` and the map (issue 17: first paint <= 1 s).

The map's headline, menus, timeline and weekly chart count events by type, country and
day with their best fatality estimate (``store/units.py counted_select``). The events table
is wide (sentences, evidence spans): reading it whole for those counts took seconds at
100,000 events; this index holds every column the counts read, so that they never touch
the table itself, in the order they group by (day, then type); it holds each report's
article too, for the counts of reports, articles and outlets.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = [
    "event_date",
    "event_type",
    "country_code",
    "modality",
    "fatalities",
    "id",
    "article_id",
]


def upgrade() -> None:
    op.create_index("ix_events_counts", "events", _COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_events_counts", table_name="events")
