"""Compass names ("Northwest", "Nord-Ouest") stand only for a division of the article's country."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.geo.compass import (
    compass_candidates,
    compass_regions,
    in_countries,
    is_compass_name,
    split_compound,
)
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.stage import GeoStage
from eventwire.records import Article, Document


def _cand(gid, code, cls, cc):
    return Candidate(gid, f"p{gid}", 0.0, 0.0, cls, code, cc, "01", None, 0, "exact", 1.0, "x")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nord-Ouest", True),
        ("Sud", True),
        ("North West", True),
        ("Southeast", True),
        ("North Kivu", False),
        ("Centre-Nord", False),
        ("Westminster", False),
    ],
)
def test_is_compass_name(name, expected):
    assert is_compass_name(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Northwest", "North-West"), ("SOUTHEAST", "South-East"), ("North", None), ("Nord", None)],
)
def test_split_compound_hyphenates_joined_points(name, expected):
    assert split_compound(name) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Rebels hold parts of the northwest and southwest regions.", ["northwest", "southwest"]),
        ("Troops were sent to the North West region on Sunday.", ["North West"]),
        ("Le gouverneur de la région du nord-ouest a parlé.", ["nord-ouest"]),
        ("Les régions du Nord-Ouest et du Sud-Ouest sont touchées.", ["Nord-Ouest", "Sud-Ouest"]),
        ("Des pluies dans la région de l'Est ont coupé la route.", ["Est"]),
        ("Les autorités de la région du sud de l'Ukraine ont compté 19 morts.", []),
        ("Troops moved north on Sunday.", []),
    ],
)
def test_compass_regions_finds_lower_case_region_names(text, names):
    assert [text[s:e] for s, e in compass_regions(text)] == names


def test_in_countries_keeps_divisions_and_regions_of_those_countries():
    cands = [
        _cand(1, "ADM1", "A", "CM"),  # kept
        _cand(2, "PPL", "P", "CM"),  # a village called North: no
        _cand(3, "ADM1", "A", "HT"),  # another country's division: no
        _cand(4, "RGN", "L", "CM"),  # kept
        _cand(5, "PCLI", "A", "CM"),  # a country: no
    ]
    assert [c.geonameid for c in in_countries(cands, {"CM"})] == [1, 4]


def test_compass_candidates_look_up_the_hyphenated_form_first():
    hyphenated = _cand(1, "ADM1", "A", "CM")
    fuzzy = replace(hyphenated, match="fuzzy", score=0.5)
    joined = {"Northwest": [_cand(9, "PPL", "P", "US"), fuzzy]}
    table = {"North-West": [hyphenated], **joined}
    found = compass_candidates("Northwest", lambda n: table.get(n, []), {"CM"})
    assert found == (hyphenated,)


def _places(stage, nlp, text, language):
    doc = Document(article=Article(id="c", text=text, language=language), nlp=nlp(text))
    return {p.mention.text: p for p in stage(doc).places}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "country", "admin_name"),
    [
        (
            "Gunmen burned a school in the Northwest region, Cameroonian troops said on Friday.",
            "Northwest",
            "CM",
            "North-West",
        ),
        (
            "Two soldiers died in an ambush in Cameroon's Southwest on Tuesday.",
            "Southwest",
            "CM",
            "South-West",
        ),
    ],
)
def test_compass_region_is_the_division_of_the_article_country(
    default_gazetteer, nlp_en, text, surface, country, admin_name
):
    place = _places(GeoStage(default_gazetteer), nlp_en, text, "en")[surface]
    assert (place.country_code, place.feature_code, place.name) == (country, "ADM1", admin_name)


@pytest.mark.slow
def test_lower_case_compass_region_is_recognised_and_resolved(default_gazetteer, nlp_fr):
    text = "Le gouverneur de la région du nord-ouest du Cameroun a fait état de six morts."
    place = _places(GeoStage(default_gazetteer), nlp_fr, text, "fr")["nord-ouest"]
    assert (place.country_code, place.feature_code, place.name) == ("CM", "ADM1", "North-West")


@pytest.mark.slow
def test_compass_region_without_such_division_stays_unresolved(default_gazetteer, nlp_fr):
    # Burkina Faso has a Sud-Ouest but no Nord-Ouest: Haiti's must not stand in for it.
    text = "Des hommes armés ont attaqué un village du Nord-Ouest du Burkina Faso, mardi."
    places = _places(GeoStage(default_gazetteer), nlp_fr, text, "fr")
    assert places["Nord-Ouest"].geonameid is None
    sud = _places(GeoStage(default_gazetteer), nlp_fr, text.replace("Nord-", "Sud-"), "fr")
    assert (sud["Sud-Ouest"].country_code, sud["Sud-Ouest"].feature_code) == ("BF", "ADM1")
