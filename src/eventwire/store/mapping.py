"""The one declared mapping from records to rows (issue 19): which columns hold each field.

Records (``records.py``) are written to rows by ``store/rows.py`` and ``store/repository.py``,
and those rows travel on to the Spark job (``batch/spark.py``), the API (``serve/schemas.py``)
and the exports (``export/acled.py``); dedup clusters go to ``store/dedup_tables.py``. Each of
those copies is checked against these tables by
``tests/store/test_mapping.py``: adding a record field, a column, an API field or an export
column means declaring it here first, and the test names what is missing where.

A value is the tuple of columns that hold the field; ``()`` means deliberately not stored,
with the reason in a comment.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACTOR_FIELDS",
    "API_ARTICLE_FIELDS",
    "API_EVENT_FIELDS",
    "ARTICLE_FIELDS",
    "ATTRIBUTION_FIELDS",
    "CLUSTER_FIELDS",
    "CLUSTER_MEMBER_COLUMNS",
    "CLUSTER_ROW_KEYS",
    "EVENT_ACTOR_UNSTORED",
    "EVENT_FIELDS",
    "EVENT_ROW_FIELDS",
    "EXPORT_COLUMNS",
    "PLACE_FIELDS",
    "RESULT_FIELDS",
    "ROW_KEYS",
    "span",
]


def span(prefix: str) -> tuple[str, str, str]:
    """The three columns of a Span stored under ``prefix``: text, start, end."""
    return (f"{prefix}_text", f"{prefix}_start", f"{prefix}_end")


#: Columns every child row carries besides its record's fields.
ROW_KEYS: Final = {
    "places": ("id", "article_id", "idx"),
    "actors": ("id", "article_id", "idx"),
    "events": ("id", "article_id", "idx"),
    "event_attributions": ("id", "event_id", "article_id", "rank"),
}

ARTICLE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "id": ("id",),
    "text": ("text", "content_hash"),  # content_hash: ingest.article_id of the text
    "title": ("title",),
    "language": ("language",),
    "published": ("published",),
    "source": ("source",),
    "url": ("url",),
    "origin": ("origin",),
    "ingested": ("ingested",),  # revision 0011
}

RESULT_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "article": (),  # ARTICLE_FIELDS
    "places": (),  # the places table
    "actors": (),  # the actors table
    "events": (),  # the events table
    "warnings": ("warnings",),  # JSON list
    "pipeline_version": ("pipeline_version",),
    "provenance": ("provenance",),  # JSON object (revision 0005)
    "processed_at": ("processed_at",),  # not a record field: set when stored
    "non_events": ("non_events",),  # JSON list of NonEvent.to_dict() (revision 0011)
}

PLACE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "mention": ("text", "start", "end"),
    "geonameid": ("geonameid",),
    "name": ("name",),
    "lat": ("lat",),
    "lon": ("lon",),
    "country_code": ("country_code",),
    "admin1": ("admin1",),
    "feature_code": ("feature_code",),
    "confidence": ("confidence",),
    "role": ("role",),
}

ACTOR_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "mention": ("text", "start", "end"),
    "name": ("name",),
    "kind": ("kind",),
    "country_code": ("country_code",),
    "dictionary_id": ("dictionary_id",),
}


def _actor(prefix: str) -> tuple[str, ...]:
    return (
        f"{prefix}_name",
        f"{prefix}_kind",
        f"{prefix}_country",
        f"{prefix}_dictionary_id",  # revision 0007
        *span(prefix),
    )


#: Actor fields that an event's ``actor1_*``/``actor2_*`` columns leave out: none since
#: revision 0007 stored ``dictionary_id`` on the event too (issue 17: events read back from the
#: store, by ``eventwire dedup`` or the Spark job, match actors by dictionary id as in memory).
EVENT_ACTOR_UNSTORED: Final[tuple[str, ...]] = ()


EVENT_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "trigger": span("trigger"),
    "sentence": span("sentence"),
    "plover": ("plover",),
    "cameo": ("cameo",),
    "actor1": _actor("actor1"),
    "actor2": _actor("actor2"),
    "location": (
        *span("location"),
        "location_geonameid",
        "location_name",
        "latitude",
        "longitude",
        "country_code",
        "admin1",
        "feature_code",
        "location_confidence",
    ),
    "geo_precision": ("geo_precision",),
    "date": ("event_date",),
    "date_precision": ("date_precision",),
    "date_evidence": span("date"),
    "date_from_publication": ("date_from_publication",),
    "fatalities": ("fatalities",),
    "fatalities_evidence": span("fatalities"),
    "injured": ("injured",),
    "injured_evidence": span("injured"),
    "casualty_note": ("casualty_note",),
    "attribution": (),  # the event_attributions table, one row per source in the chain
    "modality": ("modality",),
    "modality_evidence": span("modality"),
    "confidence": ("confidence",),
    "group_id": ("group_id",),
    "taxonomy_version": ("taxonomy_version",),
    "mentions": (),  # not stored: the other sentences naming the same event (to_dict only)
    "date_year_inferred": ("date_year_inferred",),  # revision 0011
}

ATTRIBUTION_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("name",),
    "span": span("span"),
}

#: ``GET /api/events`` rows (serve/schemas.py EventSummary): field -> its column, as
#: ``table.column``; the two derived fields say where they come from.
API_EVENT_FIELDS: Final[dict[str, str]] = {
    "id": "events.id",
    "article_id": "events.article_id",
    "event_date": "events.event_date",
    "event_type": "events.event_type",
    "sub_event_type": "events.sub_event_type",
    "actor1_name": "events.actor1_name",
    "actor2_name": "events.actor2_name",
    "location_name": "events.location_name",
    "latitude": "events.latitude",
    "longitude": "events.longitude",
    "country_code": "events.country_code",
    "fatalities": "events.fatalities",
    "injured": "events.injured",
    "modality": "events.modality",
    "trigger_text": "events.trigger_text",
    "sentence_text": "events.sentence_text",
    "according_to": "event_attributions.name",  # the chain's first (nearest) source
    "source": "articles.source",
}

#: What a row per real-world event (``unit=event``, issue 17) adds to a report's columns, in
#: the API (serve/schemas.py EventRow), its downloads and ``eventwire export`` (export/units.py):
#: field -> the column it is read from (store/units.py CLUSTER_COLUMNS, in order).
EVENT_ROW_FIELDS: Final[dict[str, str]] = {
    "cluster_id": "event_clusters.id",
    "reports": "event_clusters.n_events",
    "fatalities_min": "event_clusters.fatalities_min",
    "fatalities_max": "event_clusters.fatalities_max",
    "date_first": "event_clusters.date_first",
    "date_last": "event_clusters.date_last",
    "event_ids": "event_cluster_members.event_id",  # every report's event id
    "article_ids": "event_cluster_members.article_id",
    "sources": "articles.source",  # every outlet that reported it
}
# An event row's ``fatalities`` is event_clusters.fatalities_best (the lower median of the
# reports' figures) and its other fields those of event_clusters.representative_id.

#: ``ArticleOut`` (serve/schemas.py): each field is the articles column of the same name.
API_ARTICLE_FIELDS: Final = ("id", "title", "text", "language", "published", "source", "url")

#: Export columns (export/columns.py COLUMNS, in order: ACLED's, then eventwire's) -> the
#: column each is read from; ``None`` for values computed from other columns. The API's
#: download (``/api/export``) has the same columns, built by the same function.
EXPORT_COLUMNS: Final[dict[str, str | None]] = {
    "event_id_cnty": None,  # ISO 3166-1 alpha-3 of country_code + a number from events.id
    "event_date": "events.event_date",
    "year": None,  # from event_date
    "time_precision": None,  # from date_precision, ACLED's 1/2/3
    "disorder_type": None,  # from event_type and sub_event_type (export/codebook.py)
    "event_type": "events.event_type",
    "sub_event_type": "events.sub_event_type",
    "actor1": "events.actor1_name",
    "assoc_actor_1": None,  # eventwire codes no associated actors yet (issue 15)
    "inter1": None,  # ACLED's actor type, from actor1 name/kind/country (export/acled inter_code)
    "actor2": "events.actor2_name",
    "assoc_actor_2": None,
    "inter2": None,  # likewise for actor2
    "interaction": None,  # ACLED's interaction code from inter1 and inter2
    "civilian_targeting": None,  # from event_type, sub_event_type and inter2
    "iso": None,  # ISO 3166 numeric of country_code (export/geography.py, from the gazetteer)
    "region": None,  # ACLED's region of country_code (data/acled_regions.v1.tsv)
    "country": None,  # the country's name (the code without a gazetteer)
    "admin1": None,  # names, from the gazetteer's admin codes
    "admin2": None,
    "admin3": None,
    "location": "events.location_name",  # or location_text when unresolved
    "latitude": "events.latitude",
    "longitude": "events.longitude",
    "geo_precision": "events.geo_precision",
    "source": "articles.source",
    "source_scale": None,  # from the outlet registry (data/outlets.v1.tsv) and country_code
    "notes": "events.sentence_text",
    "fatalities": None,  # events.fatalities, 0 when none was reported (ACLED)
    "tags": None,  # "fatalities=no report", "year inferred" (export/codebook.py tags)
    "timestamp": None,  # Unix time of articles.processed_at (a cluster's: its created_at)
    "event_id": "events.id",
    "country_code": "events.country_code",
    "admin1_code": "events.admin1",
    "injured": "events.injured",
    "attribution": None,  # event_attributions.name, joined with " > "
    "modality": "events.modality",
    "plover": "events.plover",
    "cameo": "events.cameo",
    "geonameid": "events.location_geonameid",
    "article_id": "events.article_id",
    "trigger": "events.trigger_text",
    "trigger_start": "events.trigger_start",
    "trigger_end": "events.trigger_end",
    "location_start": "events.location_start",
    "location_end": "events.location_end",
    "date_evidence": "events.date_text",
    "date_start": "events.date_start",
    "date_end": "events.date_end",
    "date_from_publication": "events.date_from_publication",
    "fatalities_start": "events.fatalities_start",
    "fatalities_end": "events.fatalities_end",
    "injured_start": "events.injured_start",
    "injured_end": "events.injured_end",
    "group_id": "events.group_id",
    "pipeline_version": "articles.pipeline_version",
}

#: Dedup clusters: ``events/dedup.py`` EventCluster -> the ``event_clusters`` table
#: (``store/dedup_tables.py`` cluster_row, also written by the Spark dedup job).
CLUSTER_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "id": ("id",),
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "event_ids": ("n_events",),  # and one event_cluster_members row per event
    "article_ids": ("n_articles",),  # each member row carries its event's article_id
    "sources": ("sources", "n_sources"),  # JSON list of normalized outlet names
    "fatalities_min": ("fatalities_min",),
    "fatalities_max": ("fatalities_max",),
    "injured_min": ("injured_min",),
    "injured_max": ("injured_max",),
    "date": ("event_date",),
    "date_precision": ("date_precision",),
    "date_first": ("date_first",),
    "date_last": ("date_last",),
    "location": (
        "location_geonameid",
        "location_name",  # the place's name, else its mention
        "latitude",
        "longitude",
        "country_code",
        "admin1",
    ),
    "geo_precision": ("geo_precision",),
    "location_event_id": ("location_event_id",),
    "date_event_id": ("date_event_id",),
    "fatalities_best": ("fatalities_best",),  # the lower median of the reports (revision 0006)
    "representative_id": ("representative_id",),  # whose fields an event row shows (0006)
    "version": ("version",),
}
#: Columns of ``event_clusters`` that are no cluster field: when the row was written.
CLUSTER_ROW_KEYS: Final = ("created_at",)
#: The ``event_cluster_members`` table: one row per member event.
CLUSTER_MEMBER_COLUMNS: Final = ("cluster_id", "event_id", "article_id")

#: ``event_units`` (revision 0010, ``store/unit_table.py``): one row per real-world event for
#: the counts of the map. Each column copies the one named here, of the event's representative
#: report (a cluster's ``representative_id``) or of a report stored without a cluster.
EVENT_UNIT_COLUMNS: Final[dict[str, str]] = {
    "event_id": "events.id",
    "unit_id": "event_clusters.id",  # a lone report's events.id
    "article_id": "events.article_id",
    "source": "articles.source",
    "event_type": "events.event_type",
    "sub_event_type": "events.sub_event_type",
    "event_date": "events.event_date",
    "country_code": "events.country_code",
    "latitude": "events.latitude",
    "longitude": "events.longitude",
    "modality": "events.modality",
    "fatalities": "event_clusters.fatalities_best",  # a lone report's events.fatalities
    "reports": "event_clusters.n_events",  # 1 for a lone report
}
