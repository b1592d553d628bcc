"""The geo stage on the seed article, with the bundled gazetteer and with a fuller dump."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from eventwire.geo.features import haversine_km
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.geonames_dump import import_files
from eventwire.geo.stage import GeoStage
from eventwire.records import Actor, Article, Document, Span

FIXTURES = Path(__file__).parent / "fixtures"
GROUPS = ("Hachd al-Chaabi", "Hachd", "Daech")


def _doc(nlp_fr, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    actors, taken = [], []
    for name in GROUPS:  # what the actor stage finds: armed groups, longest first
        for m in re.finditer(re.escape(name), text):
            if not any(s <= m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                actors.append(Actor(Span.of(text, m.start(), m.end()), name, "armed_group"))
    article = Article(id="000", text=text, language="fr")
    return Document(article=article, nlp=nlp_fr(text), actors=tuple(actors))


@pytest.fixture(scope="module")
def sample_places(nlp_fr, sample_path, default_gazetteer):
    return GeoStage(default_gazetteer)(_doc(nlp_fr, sample_path)).places


def _by_text(places, text):
    found = [p for p in places if p.mention.text == text]
    assert found, f"{text!r} not recognised"
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Syrie", {163843}),
        ("Irak", {99237}),
        ("Jordanie", {248816}),
        ("al-Soussa", {172415}),
        ("Al-Rukban", {11428685}),
        ("Deir ez-Zor", {170794, 170792}),  # the city or its governorate
        ("Hasaké", {173811, 173813}),  # Al-Hasakah city or governorate
    ],
)
def test_sample_places_resolve(sample_places, text, ids):
    assert {p.geonameid for p in _by_text(sample_places, text)} <= ids


@pytest.mark.slow
def test_sample_golan_is_golan_heights_or_abstains(sample_places):
    for place in _by_text(sample_places, "Golan"):
        if place.resolved:
            assert haversine_km(place.lat, place.lon, 33.0, 35.8) < 80


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Al-Tanf", "al-Baghouz", "Tell Mozan"])
def test_sample_places_missing_from_gazetteer_abstain(sample_places, text):
    assert all(p.geonameid is None for p in _by_text(sample_places, text))


@pytest.mark.slow
def test_sample_groups_are_not_places(sample_places):
    texts = {p.mention.text for p in sample_places}
    assert not texts & set(GROUPS)
    events = {p.mention.text for p in sample_places if p.role == "event"}
    # Demonyms are adjectival places (issue 16), never event places.
    assert not {"Américains", "US", "syro-irakiennes"} & events


@pytest.mark.slow
def test_sample_places_match_schema(sample_places, schema):
    place_schema = {"$defs": schema["$defs"], **schema["$defs"]["place"]}
    for place in sample_places:
        jsonschema.validate(place.to_dict(), place_schema)
        assert place.mention.text == place.mention.text.strip()


@pytest.mark.slow
def test_sample_resolves_after_fuller_dump(tmp_path, nlp_fr, sample_path, default_gazetteer_path):
    path = tmp_path / "fuller.sqlite"
    shutil.copy(default_gazetteer_path, path)
    import_files([FIXTURES / "SY-extra.txt"], into=path)
    with Gazetteer.open(path) as gaz:
        places = GeoStage(gaz)(_doc(nlp_fr, sample_path)).places
    assert {p.geonameid for p in _by_text(places, "Al-Tanf")} == {8658486}
    assert {p.geonameid for p in _by_text(places, "al-Baghouz")} == {9990002}


def test_stage_contract():
    assert GeoStage.name == "geo"
    assert GeoStage.requires == ("nlp", "actors")
    assert GeoStage.assigns == ("places",)


def test_stage_without_nlp_assigns_no_places(lb_gazetteer):
    doc = Document(article=Article(id="x", text="Beyrouth", language="de"))
    assert GeoStage(lb_gazetteer)(doc).places == ()


@pytest.mark.slow
def test_cli_eval_geoparse_small_slice(default_gazetteer_path, shared_data):
    from typer.testing import CliRunner

    from eventwire.cli.main import build_app

    corpus = shared_data / "geoparsing" / "TR-News.xml"
    result = CliRunner().invoke(
        build_app(),
        [
            "eval",
            "geoparse",
            "--corpus",
            str(corpus),
            "--limit",
            "2",
            "--gazetteer",
            str(default_gazetteer_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "acc@161 all gold (e2e)" in result.output and "acc@161 gold spans" in result.output
    assert result.output.count("tr-news") == 1  # one row per corpus, every definition in it


def test_demonyms_are_adjectival_places_never_event_places(nlp_en, default_gazetteer):
    text = "Syrian troops and Turkish drones struck a village near Aleppo."
    doc = Document(article=Article(id="x", text=text, language="en"), nlp=nlp_en(text))
    places = {p.mention.text: p for p in GeoStage(default_gazetteer)(doc).places}
    assert (places["Syrian"].role, places["Syrian"].country_code) == ("adjectival", "SY")
    assert (places["Turkish"].role, places["Turkish"].country_code) == ("adjectival", "TR")
    assert places["Aleppo"].role == "event"


@pytest.mark.parametrize(("source", "country"), [("L'Orient-Le Jour", "LB"), (None, "LY")])
def test_outlet_country_is_evidence_for_every_mention(nlp_fr, default_gazetteer, source, country):
    text = "Des affrontements ont eu lieu mardi soir à Tripoli entre deux groupes armés."
    article = Article(id="x", text=text, language="fr", source=source)
    doc = Document(article=article, nlp=nlp_fr(text))
    (tripoli,) = [p for p in GeoStage(default_gazetteer)(doc).places if p.mention.text == "Tripoli"]
    assert tripoli.country_code == country
