"""``event_units``: one narrow row per real-world event, for the counts of the map (issue 17).

``/api/stats`` counted the real-world events from ``events`` joined with the dedup
clusters: 1.25 s over 100,000 events on an idle core, the map's first paint 3-4 s. This
table holds one row per event (a cluster, or a report without one): its representative
report, that report's article, outlet, type, date, place and modality, the best fatality
estimate and the number of reports (``store/unit_table.py``, which keeps it current).
This revision creates it and fills it from the stored events and clusters.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: store/unit_table.py unit_rows at this revision (a migration never imports what may change).
_FILL = """
INSERT INTO event_units (event_id, unit_id, article_id, source, event_type, sub_event_type,
    event_date, country_code, latitude, longitude, modality, fatalities, reports)
SELECT e.id, coalesce(c.id, e.id), e.article_id, a.source, e.event_type, e.sub_event_type,
    e.event_date, e.country_code, e.latitude, e.longitude, e.modality,
    coalesce(c.fatalities_best, c.fatalities_min, e.fatalities), coalesce(c.n_events, 1)
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT OUTER JOIN event_cluster_members m ON m.event_id = e.id
LEFT OUTER JOIN event_clusters c ON c.id = m.cluster_id
WHERE m.cluster_id IS NULL OR c.representative_id = e.id
"""
_COUNTED = [
    "event_date",
    "event_type",
    "country_code",
    "modality",
    "fatalities",
    "reports",
    "sub_event_type",
    "latitude",
    "longitude",
]
_INDEXES = {
    "ix_event_units_counts": _COUNTED,
    "ix_event_units_country": ["country_code", *(c for c in _COUNTED if c != "country_code")],
    "ix_event_units_source": ["source", "article_id", *_COUNTED],
    "ix_event_units_unit": ["unit_id"],
    "ix_event_units_article": ["article_id"],
}


def upgrade() -> None:
    op.create_table(
        "event_units",
        sa.Column(
            "event_id",
            sa.String(80),
            sa.ForeignKey("events.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("unit_id", sa.String(80), nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("sub_event_type", sa.String(60), nullable=False),
        sa.Column("event_date", sa.String(10)),
        sa.Column("country_code", sa.String(2)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("modality", sa.String(15), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("reports", sa.Integer, nullable=False),
    )
    op.execute(_FILL)
    for name, columns in _INDEXES.items():
        op.create_index(name, "event_units", columns)


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="event_units")
    op.drop_table("event_units")
