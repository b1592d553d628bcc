"""ACLED's derived export columns (export/codebook.py), by the public codebook's definitions."""

from __future__ import annotations

import pytest

from eventwire.export import codebook
from eventwire.export.acled import _outlet_country
from eventwire.export.lookups import load_regions
from eventwire.geo.outlets import load_outlets

#: The region names of ACLED's codebook.
ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "Middle East",
    "Caucasus and Central Asia",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Europe",
    "North America",
    "Central America",
    "South America",
    "Caribbean",
    "Oceania",
    "Antarctica",
}


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "disorder"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
        ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
        ("Protests", "Protest with intervention", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Arrests", "Strategic developments"),
    ],
)
def test_disorder_type_follows_the_codebook(
    event_type: str, sub_event_type: str, disorder: str
) -> None:
    assert codebook.disorder_type(event_type, sub_event_type) == disorder


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "inter2", "targeted"),
    [
        ("Violence against civilians", "Attack", 7, True),
        ("Violence against civilians", "Abduction/forced disappearance", 0, True),
        ("Explosions/Remote violence", "Air/drone strike", 7, True),
        ("Explosions/Remote violence", "Air/drone strike", 1, False),
        ("Riots", "Mob violence", 7, True),
        ("Riots", "Violent demonstration", 7, False),
        ("Battles", "Armed clash", 2, False),
        ("Protests", "Excessive force against protesters", 6, False),  # protesters: not civilians
        ("Strategic developments", "Arrests", 7, False),
    ],
)
def test_civilian_targeting_when_civilians_are_the_target(
    event_type: str, sub_event_type: str, inter2: int, targeted: bool
) -> None:
    expected = "Civilian targeting" if targeted else None
    assert codebook.civilian_targeting(event_type, sub_event_type, inter2) == expected


@pytest.mark.parametrize(
    ("outlets", "event_country", "scale"),
    [
        (["CD"], "CD", "National"),
        (["ML"], "BF", "Regional"),  # both Western Africa
        (["IQ"], "ML", "International"),
        (["CD", "IQ"], "CD", "National-International"),
        (["CD", None], "CD", None),  # one outlet unknown: the row's scale is unknown
        ([None], "CD", None),
        (["CD"], None, None),
    ],
)
def test_source_scale_from_the_outlets_country(
    outlets: list[str | None], event_country: str | None, scale: str | None
) -> None:
    assert codebook.source_scale(outlets, event_country, load_regions()) == scale


def test_every_region_row_names_an_acled_region() -> None:
    regions = load_regions()
    assert set(regions.values()) == ACLED_REGIONS
    # ACLED's placements that differ from the UN geoscheme.
    assert (regions["SD"], regions["MX"], regions["TR"], regions["AF"], regions["UA"]) == (
        "Northern Africa",
        "Central America",
        "Middle East",
        "South Asia",
        "Europe",
    )


@pytest.mark.parametrize(
    ("precision", "code"), [("day", 1), ("week", 2), ("month", 3), ("year", 3), (None, None)]
)
def test_time_precision_keeps_acleds_codes(precision: str | None, code: int | None) -> None:
    assert codebook.time_precision(precision) == code


def test_tags_say_what_fatalities_and_time_precision_cannot() -> None:
    assert codebook.tags(fatalities_known=True, year_inferred=False) is None
    assert codebook.tags(fatalities_known=False, year_inferred=False) == "fatalities=no report"
    assert codebook.tags(fatalities_known=True, year_inferred=True) == "year inferred"


def test_event_id_cnty_is_stable_and_starts_with_the_iso3_code() -> None:
    first = codebook.event_id_cnty("SY", "abc:1")
    assert first == codebook.event_id_cnty("SY", "abc:1") != codebook.event_id_cnty("SY", "abc:2")
    assert first is not None and first.startswith("SYR") and first[3:].isdigit()
    assert (codebook.event_id_cnty("XK", "abc:1") or "").startswith("XXX")


def test_timestamp_is_unix_seconds_of_the_storage_time() -> None:
    # 2024-01-01T00:00:00Z is 19,723 days after 1970-01-01: 19,723 * 86,400 seconds.
    assert codebook.timestamp("2024-01-01T00:00:00+00:00") == 19_723 * 86_400
    assert codebook.timestamp("2024-01-01T01:00:00+01:00") == 19_723 * 86_400


@pytest.mark.parametrize(
    ("outlets", "scale"),
    [
        (["Radio Okapi"], "National"),  # registry: CD
        (["Reuters"], "International"),  # an international wire, listed with "-"
        (["Reuters", "Radio Okapi"], "National-International"),
        (["Radio Okapi", "Le Petit Journal de Nulle Part"], None),  # one outlet unknown
    ],
)
def test_source_scale_of_listed_outlets_for_an_event_in_congo(
    outlets: list[str], scale: str | None
) -> None:
    registry = load_outlets()
    countries = [_outlet_country(registry, o) for o in outlets]
    assert codebook.source_scale(countries, "CD", load_regions()) == scale
