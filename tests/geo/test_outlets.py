"""News outlets are never places (issue 16): "a déclaré à Xinhua", "told Reuters"."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.geo.outlets import load_outlets
from eventwire.geo.stage import GeoStage
from eventwire.records import Article, Document


@pytest.mark.parametrize(
    ("surface", "outlet"),
    [
        ("Xinhua", True),
        ("xinhua", True),
        ("Radio Okapi", True),
        ("SANA", True),  # the Syrian agency's acronym
        ("Sana", False),  # a spelling of Yemen's capital, not the acronym
        ("Kinshasa", False),
    ],
)
def test_is_outlet(surface, outlet):
    assert load_outlets().is_outlet(surface) is outlet


def test_international_outlet_has_no_country():
    assert load_outlets().country("Xinhua") is None
    assert load_outlets().extended([("Radio Zorba", "td")]).is_outlet("radio zorba")


def test_outlet_line_without_country_is_rejected(monkeypatch):
    from eventwire.geo import outlets as module

    class _Files:
        def joinpath(self, _name):
            return self

        def read_text(self, encoding):
            return "# header\nRadio Zorba\n"

    monkeypatch.setattr(module.resources, "files", lambda _pkg: _Files())
    with pytest.raises(InputError, match="outlets.v1.tsv:2"):
        module.load_outlets()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "outlet"),
    [
        (
            "fr",
            "Le gouverneur de la province du Lac a déclaré à Xinhua que Bol était calme.",
            "Xinhua",
        ),
        ("en", "A police officer in Kano told Xinhua that the market had reopened.", "Xinhua"),
    ],
)
def test_outlet_after_a_preposition_is_no_place(
    default_gazetteer, nlp_fr, nlp_en, language, text, outlet
):
    nlp = nlp_fr if language == "fr" else nlp_en
    doc = Document(article=Article(id="o", text=text, language=language), nlp=nlp(text))
    places = GeoStage(default_gazetteer)(doc).places
    assert outlet not in {p.mention.text for p in places}
    assert all(p.country_code != "CN" for p in places)
    assert any(p.resolved for p in places)  # the real place is still read
