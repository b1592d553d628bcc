from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.build_default import read_exonyms
from eventwire.geo.features import haversine_km
from eventwire.geo.gazetteer import Candidate, Gazetteer

# GeoNames ids of the places these names mean (www.geonames.org).
DONE_WHEN = [
    ("Deir ez-Zor", None, 170794),
    ("Hassaké", None, 173811),
    ("Hasaké", None, 173811),
    ("al-Soussa", "SY", 172415),
    ("Al-Rukban", None, 11428685),
    ("Syrie", None, 163843),
    ("Irak", None, 99237),
    ("Jordanie", None, 248816),
    ("Mossoul", None, 99072),
    ("Alep", None, 170063),
    ("Falloujah", None, 99454),
    ("Tombouctou", None, 2449067),
    ("Ménaka", None, 2453514),
    ("Goma", None, 216281),
    ("Damas", None, 170654),
    ("Raqqa", None, 172955),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "country", "geonameid"), DONE_WHEN)
def test_candidates_rank_the_right_place_first(
    default_gazetteer: Gazetteer, name: str, country: str | None, geonameid: int
) -> None:
    found = default_gazetteer.candidates(name, countries=[country] if country else None)
    assert found and found[0].geonameid == geonameid


@pytest.mark.slow
@pytest.mark.parametrize("nonsense", ["xqzvbnmpl", "Blorfingham Vzzt", "qqqqqq", "zzkrrptw"])
def test_candidates_abstain_on_nonsense(default_gazetteer: Gazetteer, nonsense: str) -> None:
    found = default_gazetteer.candidates(nonsense)
    assert all(c.score < 0.5 for c in found)


@pytest.mark.slow
def test_candidates_fuzzy_finds_misspelling(default_gazetteer: Gazetteer) -> None:
    found = default_gazetteer.candidates("Tombouctoux")
    assert found[0].geonameid == 2449067
    assert found[0].match == "fuzzy" and 0 < found[0].score < 0.85


@pytest.mark.slow
def test_fuzzy_names_with_a_generic_head_must_agree_on_the_rest(
    default_gazetteer: Gazetteer,
) -> None:
    # "Tell Mozan" is not in cities500; "Tel Mond" (Israel) shares only the "Tell" head.
    assert 293354 not in {c.geonameid for c in default_gazetteer.candidates("Tell Mozan")}
    found = default_gazetteer.candidates("Tell Abyed")  # a misspelling that agrees on the rest
    assert (found[0].geonameid, found[0].match) == (163750, "fuzzy")  # Tall Abyaḑ, SY


@pytest.mark.slow
def test_candidates_respect_countries_and_limit(default_gazetteer: Gazetteer) -> None:
    found = default_gazetteer.candidates("Paris", countries=["US"], limit=3)
    assert 0 < len(found) <= 3
    assert {c.country_code for c in found} == {"US"}
    assert default_gazetteer.candidates("Paris", fuzzy=False)[0].country_code == "FR"


@pytest.mark.slow
def test_get_country_and_admin1(default_gazetteer: Gazetteer) -> None:
    mosul = default_gazetteer.get(99072)
    assert isinstance(mosul, Candidate) and mosul.country_code == "IQ"
    assert 36.0 < mosul.lat < 36.7 and 42.8 < mosul.lon < 43.4
    syria = default_gazetteer.country("sy")
    assert syria is not None and syria.geonameid == 163843 and syria.feature_code == "PCLI"
    assert 32.0 < syria.lat < 37.5 and 35.5 < syria.lon < 42.5  # centroid inside Syria's box
    assert default_gazetteer.admin1_name("SY", "07") == "Dayr az Zawr"
    assert default_gazetteer.get(1) is None


@pytest.mark.slow
def test_admin_units_are_searchable(default_gazetteer: Gazetteer) -> None:
    found = default_gazetteer.candidates("Texas", countries=["US"])
    assert found[0].feature_code == "ADM1" and found[0].geonameid == 4736286


@pytest.mark.slow
@pytest.mark.parametrize(("geonameid", "name", "lang", "note"), read_exonyms())
def test_exonyms_point_at_places_of_the_build(
    default_gazetteer: Gazetteer, geonameid: int, name: str, lang: str, note: str
) -> None:
    assert default_gazetteer.get(geonameid) is not None
    assert geonameid in {c.geonameid for c in default_gazetteer.candidates(name, fuzzy=False)}


@pytest.mark.slow
def test_info_reports_licence_and_counts(default_gazetteer: Gazetteer) -> None:
    info = default_gazetteer.info()
    assert "CC BY 4.0" in str(info["licence"])
    assert int(str(info["places_rows"])) > 200_000 and int(str(info["countries_rows"])) > 240


@pytest.mark.slow
def test_gazetteer_pickles_by_path(default_gazetteer: Gazetteer) -> None:
    clone = pickle.loads(pickle.dumps(default_gazetteer))
    try:
        assert clone.candidates("Alep")[0].geonameid == 170063
    finally:
        clone.close()


def test_open_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="missing.sqlite: gazetteer file not found"):
        Gazetteer.open(tmp_path / "missing.sqlite")


def test_open_corrupt_file_names_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="bad.sqlite: not a readable gazetteer"):
        Gazetteer.open(bad)


@pytest.mark.slow
def test_lebanese_spellings_resolve_after_import(lb_gazetteer: Gazetteer) -> None:
    expected = {
        "Saïda": 268064,
        "Tyr": 267008,
        "Baalbek": 277130,
        "Trablous": 266826,
        "Beyrouth": 276781,
        "Liban": 272103,
    }
    got = {name: lb_gazetteer.candidates(name)[0].geonameid for name in expected}
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("US", 6252001),
        ("U.S.", 6252001),
        ("U.K.", 2635167),
        ("UAE", 290557),
        ("Britain", 2635167),
        ("Burma", 1327865),
        ("W.Va.", 4826850),
        ("Ga.", 4197000),
    ],
)
def test_abbreviations_and_aliases_name_their_unit(
    default_gazetteer: Gazetteer, name: str, geonameid: int
) -> None:
    assert default_gazetteer.candidates(name, fuzzy=False)[0].geonameid == geonameid


@pytest.mark.slow
@pytest.mark.parametrize(
    ("geonameid", "lat", "lon", "km"),
    [
        (6252001, 39.8, -98.6, 161),  # United States: geographic centre of the lower 48
        (2017370, 61.5, 105.0, 400),  # Russia: not pulled west to Moscow
        (4736286, 31.2, -99.9, 161),  # Texas: middle of its towns' box, not Houston-Dallas
        (6255146, 7.19, 21.09, 10),  # Africa: a continent, at its GeoNames point
    ],
)
def test_units_sit_near_their_middle(
    default_gazetteer: Gazetteer, geonameid: int, lat: float, lon: float, km: float
) -> None:
    unit = default_gazetteer.get(geonameid)
    assert unit is not None and haversine_km(unit.lat, unit.lon, lat, lon) < km
