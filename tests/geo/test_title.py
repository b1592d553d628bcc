"""Countries a title names: focus evidence for the text's places (issue 16)."""

from __future__ import annotations

import pytest

from eventwire.geo.demonyms import load_demonyms
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.stage import GeoStage
from eventwire.geo.title import title_countries
from eventwire.records import Article, Document

_COUNTRIES = {"liban": "LB", "lebanon": "LB", "central african republic": "CF", "mali": "ML"}


def _candidates(name: str) -> list[Candidate]:
    code = _COUNTRIES.get(name.lower())
    if code is None:
        return []
    return [Candidate(1, name, 0.0, 0.0, "A", "PCLI", code, None, None, 1, "exact", 1.0, name)]


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        ("LEBANON", "en", ["LB"]),
        ("Liban : deux morts dans des affrontements", "fr", ["LB"]),
        ("Clashes in the Central African Republic", "en", ["CF"]),
        ("Des soldats maliens tués dans une embuscade", "fr", ["ML"]),
        ("Clashes kill two", "en", []),
        (None, "en", []),
    ],
)
def test_title_countries_names_and_demonyms(title, language, expected):
    found = title_countries(title, _candidates, load_demonyms(), language=language)
    assert found == expected


@pytest.mark.slow
def test_title_country_gives_the_focus_to_the_text(default_gazetteer, nlp_fr):
    # No country in the text: Tripoli, Libya is the bigger namesake; the title says Lebanon.
    text = "Des affrontements ont fait deux morts lundi à Tripoli, selon une source de sécurité."
    article = Article(id="t", text=text, language="fr", title="Liban : deux morts dans le nord")
    doc = Document(article=article, nlp=nlp_fr(text))
    (place,) = [p for p in GeoStage(default_gazetteer)(doc).places if p.mention.text == "Tripoli"]
    assert place.country_code == "LB"
