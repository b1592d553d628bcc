"""The columns of every export: ACLED's, in ACLED's order, then eventwire's (issues 15, 16).

``eventwire export`` and the API's download (``/api/export``) write exactly these columns,
built by one function (``export/acled.py to_acled``); ACLED's public codebook gives each
ACLED column its meaning, ``docs/export.md`` says how eventwire fills it.
"""

from __future__ import annotations

from eventwire.export.geography import ACLED_GEOGRAPHY
from eventwire.store.units import CLUSTER_COLUMNS

__all__ = ["ACLED_COLUMNS", "COLUMNS", "EVENTWIRE_COLUMNS", "EVENT_COLUMNS", "columns_of"]

#: ACLED's public column list, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    *ACLED_GEOGRAPHY[1:-3],  # country, admin1, admin2, admin3, location
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: eventwire's own columns, after ACLED's: the evidence behind each value.
EVENTWIRE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "country_code",
    "admin1_code",
    "injured",
    "attribution",
    "modality",
    "plover",
    "cameo",
    "geonameid",
    "article_id",
    "trigger",
    "trigger_start",
    "trigger_end",
    "location_start",
    "location_end",
    "date_evidence",
    "date_start",
    "date_end",
    "date_from_publication",
    "fatalities_start",
    "fatalities_end",
    "injured_start",
    "injured_end",
    "group_id",
    "pipeline_version",  # eventwire-VERSION+DIGEST of the data files behind it (provenance)
)

#: A row per report (``--unit report``).
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EVENTWIRE_COLUMNS
#: A row per real-world event (the default): a report's columns, then its cluster's.
EVENT_COLUMNS: tuple[str, ...] = COLUMNS + CLUSTER_COLUMNS


def columns_of(unit: str) -> tuple[str, ...]:
    """The columns of an export of ``unit`` ("event" or "report").

    >>> columns_of("report")[:3], columns_of("event")[-1]
    (('event_id_cnty', 'event_date', 'year'), 'sources')
    """
    return EVENT_COLUMNS if unit == "event" else COLUMNS
