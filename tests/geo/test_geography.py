"""ACLED geography columns from the bundled gazetteer (names, not codes)."""

from __future__ import annotations

from eventwire.export.acled import COLUMNS, to_acled
from eventwire.export.lookups import Lookups
from eventwire.geo.admin_polygons import load_admin_polygons
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
        Lookups(Geography(default_gazetteer)),
    )
    assert (row["country"], row["iso"]) == ("Syria", 760)
    assert row["admin1"] and row["admin1"] != aleppo.admin1
    assert row["country_code"] == "SY" and row["admin1_code"] == aleppo.admin1
    assert set(row) <= set(COLUMNS)


def test_acled_row_without_a_place_has_empty_geography(default_gazetteer):
    row = to_acled(_event(), [], Lookups(Geography(default_gazetteer)))
    assert [row[k] for k in ("iso", "country", "admin1", "admin2", "admin3")] == [None] * 5


def _located(gazetteer, country, lat, lon, precision=1):
    """An event at a place with coordinates but no admin code (a user place, say)."""
    event = _event(country_code=country, latitude=lat, longitude=lon, geo_precision=precision)
    return to_acled(event, [], Lookups(Geography(gazetteer, load_admin_polygons)))


def test_admin1_by_polygon_where_the_place_has_no_admin_code(default_gazetteer):
    # A point in Deir ez-Zor city: GeoNames' SY.07, named as the coded path names it.
    row = _located(default_gazetteer, "SY", 35.336, 40.141)
    assert row["admin1"] == default_gazetteer.admin1_name("SY", "07")
    assert row["admin1"] and "zawr" in row["admin1"].lower()
    assert row["admin1_code"] is None  # the stored code stays what the store holds


def test_a_natural_earth_unit_that_geonames_calls_adm2_fills_admin2_too(default_gazetteer):
    # Natural Earth's French units are departments: central Paris is the department Paris
    # (GeoNames ADM2) in the region Île-de-France (ADM1).
    row = _located(default_gazetteer, "FR", 48.857, 2.352)
    assert (row["admin1"], row["admin2"]) == ("Île-de-France", "Paris")


def test_no_polygon_admin1_for_a_country_point_or_across_a_border(default_gazetteer):
    assert _located(default_gazetteer, "SY", 35.336, 40.141, precision=3)["admin1"] is None
    assert _located(default_gazetteer, "IQ", 35.336, 40.141)["admin1"] is None
