"""ISO 3166-2 first-level names (iso3166-2 package) in the default gazetteer (issue 16)."""

from __future__ import annotations

import pytest

from eventwire.geo.features import haversine_km
from eventwire.geo.iso_subdivisions import (
    ISO_ID_BASE,
    IsoUnit,
    iso_names,
    iso_unit_id,
    parse_other_names,
)
from eventwire.geo.stage import GeoStage
from eventwire.records import Article, Document


def test_parse_other_names_reads_language_tags():
    text = "زورلاند (ara), Zorland Province (eng), Zorlande (fra)"
    assert parse_other_names(text) == [
        ("زورلاند", "ara"),
        ("Zorland Province", "eng"),
        ("Zorlande", "fra"),
    ]
    assert parse_other_names(None) == []


@pytest.mark.parametrize(
    ("other", "kept"),
    [
        (("North Zorland", "eng"), True),
        (("Zorlande-Nord", "fra"), True),
        (("زورلاند", "ara"), True),
        (("Home of Peace", "eng"), False),  # a nickname, not a place name
        (("The Big Heart", "eng"), False),
        (("East", "eng"), False),  # a bare compass word
        (("Зорланд", "rus"), False),  # not a news language
    ],
)
def test_iso_names_keep_translations_and_drop_nicknames(other, kept):
    unit = IsoUnit("ZZ-01", "ZZ", "Zōrland (Nord)", (other,), "Province", (1.0, 2.0))
    names = iso_names(unit)
    assert names[:2] == ["Zōrland (Nord)", "Zōrland"]
    assert (other[0] in names) is kept


def test_iso_unit_id_is_stable_and_below_user_ids():
    assert iso_unit_id("ZZ-01") == iso_unit_id("ZZ-01") != iso_unit_id("ZZ-02")
    assert ISO_ID_BASE <= iso_unit_id("ZZ-01") < 2_000_000_000


def _place(gazetteer, nlp, text, language, surface):
    doc = Document(article=Article(id="t", text=text, language=language), nlp=nlp(text))
    (place,) = [p for p in GeoStage(gazetteer)(doc).places if p.mention.text == surface]
    return place


@pytest.mark.slow
def test_french_governorate_name_resolves_to_the_unit(default_gazetteer, nlp_fr):
    # Mount Lebanon governorate (ISO LB-JL, GeoNames 273607), by its French name.
    text = "Des heurts ont opposé lundi manifestants et policiers dans le gouvernorat du Mont-Liban"
    place = _place(default_gazetteer, nlp_fr, text, "fr", "Mont-Liban")
    assert (place.geonameid, place.country_code, place.feature_code) == (273607, "LB", "ADM1")


@pytest.mark.slow
def test_english_province_name_resolves_to_the_unit(default_gazetteer, nlp_en):
    # Haut-Uélé (ISO CD-HU, GeoNames 216140), by its English name.
    text = "Rebels attacked two villages in Upper Uele province on Tuesday, residents said."
    place = _place(default_gazetteer, nlp_en, text, "en", "Upper Uele")
    assert (place.geonameid, place.country_code, place.feature_code) == (216140, "CD", "ADM1")


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("النبطية", 444191),  # Nabatieh governorate, LB-NA
        ("محافظة الشمال", 278297),  # North governorate, LB-AS
    ],
)
def test_arabic_admin1_name_finds_the_unit(default_gazetteer, name, geonameid):
    (top, *_) = default_gazetteer.candidates(name)
    assert (top.geonameid, top.country_code, top.feature_code) == (geonameid, "LB", "ADM1")


def test_unit_without_geonames_row_is_added_at_its_iso_point(default_gazetteer):
    # Iraq's Kurdistan Region (IQ-KR, ISO point 36.4239, 44.3284) has no GeoNames ADM1 row.
    unit = default_gazetteer.get(iso_unit_id("IQ-KR"))
    assert unit is not None
    assert (unit.country_code, unit.feature_code) == ("IQ", "ADMD")
    assert haversine_km(unit.lat, unit.lon, 36.4239, 44.3284) < 1.0
    assert unit.geonameid in {c.geonameid for c in default_gazetteer.candidates("Kurdistan Region")}
