"""Document focus against population (issue 16): a namesake abroad of a town missing from
the focus country is abstained on; a capital abroad that the article names is kept."""

from __future__ import annotations

import pytest

from eventwire.geo.stage import GeoStage
from eventwire.records import Article, Document


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
