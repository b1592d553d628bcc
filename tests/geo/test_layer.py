"""Place layers (bundled regions, user places), the outlet registry and borrowed points."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.errors import InputError
from eventwire.geo.fallback import borrow_points, dominant_country
from eventwire.geo.layer import USER_ID_BASE, load_layers, read_places_file
from eventwire.geo.outlets import load_outlets
from eventwire.records import Place, Span


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Darfour", "Darfur"),
        ("Ghouta orientale", "Eastern Ghouta"),
        ("Donbass", "Donbas"),
        ("Moyen-Orient", "Middle East"),
        ("Sahel", "Sahel"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
    ],
)
def test_bundled_regions_layer_names_regions(name, expected):
    assert load_layers(user=False)[0].candidates(name)[0].name == expected


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Serêkaniyê", 165509),  # Kurdish name of Ras al-Ayn
        ("Efrîn", 174186),
        ("Qamishlo", 173377),
        ("Maarat al-Nouman", 167611),
        ("Bint Jbail", 276592),
    ],
)
def test_bundled_layer_names_towns_under_their_news_spellings(name, geonameid):
    (town,) = load_layers(user=False)[0].candidates(name)
    assert (town.geonameid, town.feature_code) == (geonameid, "PPL")
    assert town.population >= 5000  # a town for the size prior, not cities500's 0


@pytest.mark.slow
def test_town_named_by_its_kurdish_form_resolves_to_the_town(default_gazetteer, nlp_fr):
    from eventwire.geo.stage import GeoStage
    from eventwire.records import Article, Document

    text = "Des tirs d'artillerie ont visé jeudi la ville de Serêkaniyê, selon des habitants."
    doc = Document(article=Article(id="k", text=text, language="fr"), nlp=nlp_fr(text))
    (place,) = [
        p for p in GeoStage(default_gazetteer)(doc).places if p.mention.text == "Serêkaniyê"
    ]
    assert (place.geonameid, place.country_code) == (165509, "SY")


def test_bundled_layer_keeps_former_names_and_missing_towns():
    (district,) = load_layers(user=False)[0].candidates("Bolan")  # now Kachhi District
    assert (district.geonameid, district.feature_code, district.country_code) == (
        1175527,
        "ADM2",
        "PK",
    )
    (town,) = load_layers(user=False)[0].candidates("Pibor")
    assert (town.feature_code, town.country_code) == ("PPL", "SS")


def test_read_places_file_csv_and_yaml(tmp_path):
    csv_path = tmp_path / "camps.csv"
    csv_path.write_text(
        "name,lat,lon,feature_code,country_code,names\n"
        "Camp Invented,14.5,-1.25,CMP,BF,Invented Camp|Kamp Inventé\n"
    )
    yaml_path = tmp_path / "bases.yaml"
    yaml_path.write_text("- {name: Base Fictive, lat: 33.1, lon: 44.2, country_code: IQ}\n")
    camp = read_places_file(csv_path).candidates("Kamp Invente")[0]
    base = read_places_file(yaml_path).candidates("base fictive")[0]
    assert (camp.name, camp.lat, camp.country_code, camp.feature_code) == (
        "Camp Invented",
        14.5,
        "BF",
        "CMP",
    )
    assert base.geonameid >= USER_ID_BASE and base.feature_code == "PPL"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("name,lat\nX,1\n", "header with name, lat, lon"),
        ("name,lat,lon\nX,north,2\n", "row 1: 'X' needs numeric"),
        ("name,lat,lon\nX,95,2\n", "out of range"),
    ],
)
def test_read_places_file_names_the_bad_row(tmp_path, content, problem):
    path = tmp_path / "p.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=problem):
        read_places_file(path)


@pytest.mark.parametrize(
    ("source", "country"),
    [
        ("Radio Okapi", "CD"),
        ("radio okapi ", "CD"),
        ("Sumaria", "IQ"),
        ("Sahel Info", "ML"),
        ("Reuters", None),
        (None, None),
    ],
)
def test_outlet_registry(source, country):
    assert load_outlets().country(source) == country


TEXT = "Des combats à Kafr Invented, dans la région de Tombouctou, puis à Bourg Inconnu, au Mali."


def _p(name, gid=None, code=None, cc=None, lat=None):
    start = TEXT.index(name)
    return Place(
        Span(name, start, start + len(name)),
        geonameid=gid,
        feature_code=code,
        country_code=cc,
        lat=lat,
        lon=None if lat is None else 0.0,
        admin1="06",
    )


def test_borrow_points_from_the_tied_place_then_the_focus():
    places = [
        _p("Kafr Invented"),
        _p("Tombouctou", 1, "PPLA", "ML", 16.7),
        _p("Bourg Inconnu"),
        _p("Mali", 2, "PCLI", "ML", 17.0),
    ]
    out = borrow_points(places, TEXT)
    assert out[0].lat == 16.7 and out[0].geonameid is None and out[0].feature_code == "PPLA"
    assert out[2].lat == 16.7  # "au Mali" ties it to the country; the town focus is finer
    assert out[1] is places[1]


def test_borrow_points_keeps_an_article_without_resolved_places_unlocated():
    assert borrow_points([_p("Kafr Invented")], TEXT)[0].lat is None
    assert dominant_country([], prior=("CD",)) == "CD"


def test_borrow_points_from_a_resolved_sibling_earlier_in_the_list():
    text = "Des obus sur les localités de Kafr Alpha, de Tell Beta et de Hameau Gamma."
    spans = {n: text.index(n) for n in ("Kafr Alpha", "Tell Beta", "Hameau Gamma")}
    places = [
        Place(Span("Kafr Alpha", spans["Kafr Alpha"], spans["Kafr Alpha"] + 10)),
        Place(
            Span("Tell Beta", spans["Tell Beta"], spans["Tell Beta"] + 9),
            geonameid=7,
            lat=34.5,
            lon=40.9,
            country_code="SY",
            feature_code="PPL",
        ),
        Place(Span("Hameau Gamma", spans["Hameau Gamma"], spans["Hameau Gamma"] + 12)),
    ]
    out = borrow_points(places, text)
    assert [p.lat for p in out] == [34.5, 34.5, 34.5]
    assert out[2].geonameid is None


def _at(text, name, gid=None, code=None, cc="BF", lat=None):
    start = text.index(name)
    return Place(
        Span(name, start, start + len(name)),
        geonameid=gid,
        feature_code=code,
        country_code=None if gid is None else cc,
        lat=lat,
        lon=None if lat is None else 0.0,
    )


def test_borrow_points_from_the_paragraph_town_never_from_the_dateline():
    text = (
        "OUAGAVILLE, 3 mai (AFP) - Des hommes armés ont attaqué Kafr Invented mardi, selon une "
        "source locale. La ville de Bourg Connu a aussi été visée.\n"
        "Ailleurs, à Bourg Lointain, le calme régnait."
    )
    places = [
        _at(text, "OUAGAVILLE", 1, "PPLC", lat=12.4),
        _at(text, "Kafr Invented"),
        _at(text, "Bourg Connu", 2, "PPL", lat=14.1),
        _at(text, "Bourg Lointain", 3, "PPL", lat=11.0),
    ]
    out = borrow_points(places, text)
    assert out[1].lat == 14.1 and out[1].geonameid is None


def test_borrow_points_falls_back_to_a_focus_that_is_not_the_dateline():
    text = (
        "OUAGAVILLE, 3 mai (AFP) - Des hommes armés ont attaqué Kafr Invented mardi.\n"
        "Bourg Connu a été visé la veille."
    )
    places = [
        _at(text, "OUAGAVILLE", 1, "PPLC", lat=12.4),
        _at(text, "Kafr Invented"),
        _at(text, "Bourg Connu", 2, "PPL", lat=14.1),
    ]
    assert borrow_points(places, text)[1].lat == 14.1


def test_borrow_points_through_a_described_division():
    text = (
        "Bigtown mourned. Police in Bigtown said a bomb went off in Invented Valley, a district "
        "in the southwestern Baloland province."
    )
    start = text.index("Bigtown", 1)
    places = [
        _at(text, "Bigtown", 5, "PPL", "PK", 34.0),
        replace(
            _at(text, "Bigtown", 5, "PPL", "PK", 34.0), mention=Span("Bigtown", start, start + 7)
        ),
        _at(text, "Invented Valley"),
        _at(text, "Baloland", 4, "ADM1", "PK", 28.2),
    ]
    assert borrow_points(places, text)[2].lat == 28.2
