"""Document focus against population (issue 16): a namesake abroad of a town missing from
the focus country is abstained on; a capital abroad that the article names is kept; the
actors' countries give a focus when no place names a country."""

from __future__ import annotations

from collections import Counter

import pytest

from eventwire.geo.resolve import _actor_focus
from eventwire.geo.stage import GeoStage
from eventwire.records import Actor, Article, Document, Span


def _place(gazetteer, nlp, text, surface):
    doc = Document(article=Article(id="f", text=text, language="fr"), nlp=nlp(text))
    (place,) = [p for p in GeoStage(gazetteer)(doc).places if p.mention.text == surface]
    return place


@pytest.mark.slow
def test_town_named_in_a_chad_article_is_not_its_namesake_abroad(default_gazetteer, nlp_fr):
    # No Lens in Chad: the French town (about 30,000 people, 4,000 km away) is no answer;
    # the mention keeps the article's country and no namesake's id.
    text = (
        "Les combattants ont attaqué lundi à Lens, a indiqué l'armée tchadienne, "
        "qui patrouille dans la province du Lac au Tchad."
    )
    place = _place(default_gazetteer, nlp_fr, text, "Lens")
    assert place.geonameid is None
    assert place.country_code == "TD"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        (
            (
                "Les négociations entre le gouvernement malien et les rebelles se tiendront"
                " à Alger, a indiqué le ministre malien, alors que les combats continuent"
                " près de Gao au Mali."
            ),
            "Alger",
            "DZ",
        ),
        (
            (
                "Les délégués maliens se sont rendus à Amsterdam, a dit un ministre malien, pendant"
                " que des combats opposaient l'armée aux rebelles près de Gao, au Mali."
            ),
            "Amsterdam",
            "NL",
        ),
    ],
)
def test_capital_abroad_named_in_a_focused_article_is_kept(
    default_gazetteer, nlp_fr, text, surface, country
):
    place = _place(default_gazetteer, nlp_fr, text, surface)
    assert place.resolved
    assert place.country_code == country


def _actor_doc(nlp, text, language, actors):
    spans = [
        Actor(Span.of(text, text.index(s), text.index(s) + len(s)), name, "state_force", code)
        for s, name, code in actors
    ]
    return Document(
        article=Article(id="a", text=text, language=language), nlp=nlp(text), actors=tuple(spans)
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "actor"),
    [
        (
            "en",
            "Gunmen opened fire on Lebanese troops in Tripoli on Sunday, wounding three.",
            "Lebanese troops",
        ),
        (
            "fr",
            "Des tireurs ont ouvert le feu dimanche à Tripoli sur des soldats libanais.",
            "soldats libanais",
        ),
    ],
)
def test_actor_country_gives_the_focus_when_no_place_names_one(
    default_gazetteer, nlp_en, nlp_fr, language, text, actor
):
    # Tripoli, Libya is the bigger namesake; the Lebanese army is the text's only country.
    nlp = nlp_en if language == "en" else nlp_fr
    doc = _actor_doc(nlp, text, language, [(actor, "Military Forces of Lebanon", "LB")])
    (place,) = [p for p in GeoStage(default_gazetteer)(doc).places if p.mention.text == "Tripoli"]
    assert place.country_code == "LB"


@pytest.mark.slow
def test_actor_country_yields_to_a_named_country(default_gazetteer, nlp_en):
    text = "Lebanese troops guarded the embassy in Tripoli, Libya, after a bomb exploded there."
    doc = _actor_doc(nlp_en, text, "en", [("Lebanese troops", "Military Forces of Lebanon", "LB")])
    (place,) = [p for p in GeoStage(default_gazetteer)(doc).places if p.mention.text == "Tripoli"]
    assert place.country_code == "LY"


@pytest.mark.parametrize(
    ("named", "actors", "expected"),
    [
        ({}, {"LB": 2}, "LB"),
        ({"LB": 1}, {"LB": 1}, "LB"),
        ({"LY": 1}, {"LB": 3}, None),  # a place names another country: it wins
        ({}, {"LB": 1, "SY": 1}, None),  # a tie names no focus
        ({}, {}, None),
    ],
)
def test_actor_focus_only_when_places_name_no_other_country(named, actors, expected):
    assert _actor_focus(Counter(named), Counter(actors)) == expected
