"""ACLED geography columns from the bundled gazetteer (names, not codes)."""

from __future__ import annotations

from eventwire.export.acled import COLUMNS, to_acled
from eventwire.geo.geography import Geography


def _event(**geo):
    base = dict.fromkeys(
        [
            "id",
            "event_date",
            "date_precision",
            "event_type",
            "sub_event_type",
            "actor1_name",
            "actor2_name",
            "country_code",
            "admin1",
            "location_name",
            "location_text",
            "latitude",
            "longitude",
            "geo_precision",
            "article_source",
            "sentence_text",
            "fatalities",
            "injured",
            "modality",
            "plover",
            "cameo",
            "location_geonameid",
            "article_id",
            "trigger_text",
            "trigger_start",
            "trigger_end",
            "location_start",
            "location_end",
            "date_text",
            "date_start",
            "date_end",
            "date_from_publication",
            "fatalities_start",
            "fatalities_end",
            "injured_start",
            "injured_end",
            "group_id",
        ]
    )
    return {**base, **geo}


def test_acled_row_names_country_and_admin1_like_acled(default_gazetteer):
    aleppo = default_gazetteer.candidates("Aleppo")[0]
    row = to_acled(
        _event(country_code="SY", admin1=aleppo.admin1, location_geonameid=aleppo.geonameid),
        [],
        Geography(default_gazetteer),
    )
    assert (row["country"], row["iso"]) == ("Syria", 760)
    assert row["admin1"] and row["admin1"] != aleppo.admin1
    assert row["country_code"] == "SY" and row["admin1_code"] == aleppo.admin1
    assert set(row) <= set(COLUMNS)


def test_acled_row_without_a_place_has_empty_geography(default_gazetteer):
    row = to_acled(_event(), [], Geography(default_gazetteer))
    assert [row[k] for k in ("iso", "country", "admin1", "admin2", "admin3")] == [None] * 5
