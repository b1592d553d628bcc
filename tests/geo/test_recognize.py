"""Toponym recognition on real spaCy output: NER repairs, patterns, actors, demonyms."""

from __future__ import annotations

import pytest

from eventwire.geo.demonyms import load_demonyms
from eventwire.geo.recognize import (
    Mention,
    _clean,
    _compass_trimmed,
    _compound_adjective,
    _Entity,
    _person_words,
    _split_possessive,
    find_demonyms,
    recognize,
)
from eventwire.records import Span

KNOWN = {"Syrie", "Irak", "Damascus", "Aleppo", "Texas"}


def _run(nlp, text, language, actors=()):
    return recognize(
        nlp(text),
        language=language,
        actor_spans=actors,
        known=KNOWN.__contains__,
        demonyms=load_demonyms(),
    )


def _toponyms(mentions):
    return [m.span.text for m in mentions if m.kind == "toponym"]


def test_recognize_list_after_trigger_keeps_misread_person(nlp_fr):
    text = (
        "Les missiles se sont abattus sur les localités d'al-Marashidah, de Tell Mozan, "
        "d'al-Soussa et d'al-Baghouz."
    )
    mentions = _run(nlp_fr, text, "fr")
    assert _toponyms(mentions) == ["al-Marashidah", "Tell Mozan", "al-Soussa", "al-Baghouz"]
    assert {m.type_hint for m in mentions} == {"PPL"}


def test_recognize_drops_places_overlapping_actors(nlp_fr):
    text = "Quelque 20.000 combattants des Hachd al-Chaabi se trouvaient en Syrie."
    start = text.index("Hachd")
    mentions = _run(nlp_fr, text, "fr", actors=[(start, start + len("Hachd al-Chaabi"))])
    assert "Hachd al-Chaabi" not in _toponyms(mentions)
    assert "Syrie" in _toponyms(mentions)


def test_recognize_country_inside_an_actor_is_named_but_never_an_event_place(nlp_en):
    text = "Officials said the Damascus army shelled Aleppo on Monday."
    start = text.index("Damascus")
    mentions = _run(nlp_en, text, "en", actors=[(start, start + len("Damascus army"))])
    roles = {m.span.text: m.role for m in mentions if m.kind == "toponym"}
    assert roles == {"Damascus": "in_name", "Aleppo": "event"}


def test_demonym_inside_an_actor_stays_country_evidence(nlp_en):
    text = "Iraqi soldiers entered the town on Monday."
    mentions = _run(nlp_en, text, "en", actors=[(0, len("Iraqi soldiers"))])
    assert [m.countries for m in mentions if m.kind == "demonym"] == [("IQ",)]


def test_place_with_compass_word_or_group_name_tagged_person_lends_no_person_word():
    text = "Northern Texas and the Aleppo Liberation Front met Andrew Jackson."
    spans = ["Northern Texas", "Aleppo Liberation Front", "Andrew Jackson"]
    entities = [_Entity(text.index(n), text.index(n) + len(n), "PERSON") for n in spans]
    people = _person_words(text, entities, KNOWN.__contains__)
    assert people == frozenset({"Andrew", "Jackson"})


def test_recognize_province_pattern_is_typed_adm(nlp_fr):
    text = "Daech veut avancer dans la province d'al-Anbar et le gouvernorat de Hasaké."
    mentions = {m.span.text: m for m in _run(nlp_fr, text, "fr")}
    assert mentions["al-Anbar"].type_hint == "ADM"
    assert mentions["Hasaké"].type_hint == "ADM"


def test_recognize_adjectival_us_is_a_demonym_not_a_place(nlp_fr):
    text = "Une offensive commandée depuis la base US à Al-Tanf par les forces spéciales US."
    mentions = _run(nlp_fr, text, "fr")
    assert "US" not in _toponyms(mentions)
    assert [m.countries for m in mentions if m.kind == "demonym"] == [("US",), ("US",)]
    assert "Al-Tanf" in _toponyms(mentions)


def test_recognize_nested_toponym_is_context(nlp_en):
    text = "Students of Damascus University protested on Monday."
    mentions = _run(nlp_en, text, "en")
    nested = [m for m in mentions if m.span.text == "Damascus"]
    assert nested and nested[0].role == "in_name"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("les frontières syro-irakiennes", "fr", [("SY", "IQ")]),
        ("un expert syrien et une milice irakienne", "fr", [("SY",), ("IQ",)]),
        ("Iraqi and Turkish troops", "en", [("IQ",), ("TR",)]),
        ("the turkey was roasted", "en", []),
        ("la frontière jordano-syrienne", "fr", [("JO", "SY")]),
    ],
)
def test_find_demonyms_names_countries(text, language, expected):
    found = find_demonyms(text, language=language, lexicon=load_demonyms())
    assert [m.countries for m in found] == expected
    assert all(m.kind == "demonym" for m in found)


def _en(nlp, text, known, prominent=None):
    return _toponyms(
        recognize(
            nlp(text),
            language="en",
            known=known.__contains__,
            prominent=(prominent or known).__contains__,
            demonyms=load_demonyms(),
        )
    )


def test_nested_place_in_organisation_is_the_longest_prominent_name(nlp_en):
    text = "The New York Times and the Minnesota Department of Health said so on Tuesday."
    found = _en(nlp_en, text, {"New York", "York", "Minnesota"})
    assert "York" not in found and {"New York", "Minnesota"} <= set(found)


def test_common_words_calendar_words_and_acronyms_are_no_places(nlp_en):
    text = "In March, Police and the WHO said HIV cases rose in Syria on Monday."
    found = _en(
        nlp_en, text, {"March", "Police", "WHO", "HIV", "Monday", "Syria"}, prominent={"Syria"}
    )
    assert found == ["Syria"]


def test_surname_of_a_person_named_in_full_is_no_place(nlp_en):
    text = "Sheriff John Ford spoke in Fargo. Later, Ford said the roads were closed."
    found = _en(nlp_en, text, {"Ford", "Fargo"})
    assert "Ford" not in found and "Fargo" in found


def test_trigger_without_of_needs_a_known_place(nlp_en):
    text = "The city Council met on Tuesday; the city of Brainerd agreed."
    assert _en(nlp_en, text, {"Brainerd"}) == ["Brainerd"]


def test_ministry_portfolios_and_weekdays_are_no_places(nlp_fr, nlp_en):
    # spaCy tags "Information" a place; "Wednesday near Sake" fits the "X near Y" pattern.
    text = (
        "Un missile est tombé sur un camp de la province de Marib, selon le ministre yéménite "
        "de l'Information."
    )
    assert "Information" not in _toponyms(_run(nlp_fr, text, "fr"))
    text = "Rebels clashed with the army on Wednesday near Sake, west of Goma."
    assert "Wednesday" not in _toponyms(
        recognize(nlp_en(text), language="en", known={"Sake", "Goma"}.__contains__)
    )


@pytest.mark.parametrize(
    ("text", "name", "locative", "hint"),
    [
        ("Des hommes armés ont attaqué mardi à Damascus un poste.", "Damascus", True, None),
        ("Fighting broke out in Aleppo on Sunday.", "Aleppo", True, None),
        ("Des combats ont eu lieu dans la province de Damascus.", "Damascus", False, "ADM"),
        # the noun's hint is the village's; the preposition still says Aleppo is a town
        ("Fighting reached a village near Aleppo on Sunday.", "Aleppo", True, "PPL"),
    ],
)
def test_with_hint_marks_locative_prepositions(nlp_fr, nlp_en, text, name, locative, hint):
    nlp = nlp_en if text.startswith("Fighting") else nlp_fr
    mention = next(
        m for m in _run(nlp, text, "en" if nlp is nlp_en else "fr") if m.span.text == name
    )
    assert (mention.locative, mention.type_hint) == (locative, hint)


@pytest.mark.parametrize(
    "text",
    [
        "Damascus (Reuters) - Gunmen killed two soldiers on Monday.",
        "Damascus, May 3 - Gunmen killed two soldiers on Monday.",
    ],
)
def test_dateline_town_is_locative(nlp_en, text):
    mention = next(m for m in _run(nlp_en, text, "en") if m.span.text.lower() == "damascus")
    assert mention.locative


def test_recognize_keeps_the_n_prefix_and_joins_a_name_ner_cut(nlp_fr):
    text = "Des heurts ont eu lieu mardi à Fada N'Gourma puis jeudi à N’Djamena."
    names = {"Fada N'Gourma", "N’Djamena"}
    mentions = recognize(
        nlp_fr(text), language="fr", known=names.__contains__, demonyms=load_demonyms()
    )
    assert _toponyms(mentions) == ["Fada N'Gourma", "N’Djamena"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Fighting spread to Niger’s Tillaberi area.", ["Niger", "Tillaberi area"]),
        ("Fighting spread to Niger's Tillaberi.", ["Niger", "Tillaberi"]),
        ("Fighting spread to North Kivu's towns.", ["North Kivu's towns"]),  # no name after
    ],
)
def test_split_possessive_makes_two_places_of_one_entity(text, pieces):
    start = text.index(pieces[0].split()[0])
    end = text.rindex(".")
    found = _split_possessive(text, _Entity(start, end, "GPE"))
    assert [text[e.start : e.end] for e in found] == pieces


@pytest.mark.parametrize(
    ("text", "name", "hint"),
    [
        ("Gunmen raided Ghazni province on Friday.", "Ghazni", "ADM"),
        ("Gunmen raided Ogun State on Friday.", "Ogun", "ADM"),
        ("Gunmen raided Wardak District on Friday.", "Wardak", "ADM"),
        ("Gunmen raided Quezon City on Friday.", "Quezon City", None),
        ("Gunmen raided the county on Friday.", "county", None),  # a noun alone stays
    ],
)
def test_clean_leaves_a_trailing_division_noun_out_of_the_name(text, name, hint):
    start = text.index("raided") + len("raided ")
    if text[start:].startswith("the "):
        start += len("the ")
    end = text.index(" on Friday")
    s, e, found_hint = _clean(text, start, end)
    assert (text[s:e], found_hint) == (name, hint)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("the Ruritania-backed militia", "adjectival"),
        ("a Ruritania-based monitor", "adjectival"),
        ("fighting in Ruritania-Borduria border towns", "event"),
        ("fighting in Ruritania on Monday", "event"),
    ],
)
def test_compound_adjective_is_no_event_place(text, role):
    start = text.index("Ruritania")
    mention = Mention(Span.of(text, start, start + len("Ruritania")))
    found = _compound_adjective(text, mention)
    assert (found.role, found.in_actor) == (role, role == "adjectival")


def test_recognize_joins_a_known_name_with_a_lower_case_link(nlp_en):
    text = "Insurgents attacked Mocimboa da Praia on Monday, officials in Maputo said."
    found = _en(nlp_en, text, {"Mocimboa da Praia", "Praia", "Maputo"})
    assert "Mocimboa da Praia" in found and "Praia" not in found


@pytest.mark.parametrize(
    ("text", "entity", "name"),
    [
        ("Une embuscade a eu lieu au Niger mardi près de la frontière.", "Niger mardi", "Niger"),
        (
            "Des tirs ont visé Tillabéri Vendredi 4 dans la nuit.",
            "Tillabéri Vendredi 4",
            "Tillabéri",
        ),
        ("Troops entered Rutshuru Sunday after a week of fighting.", "Rutshuru Sunday", "Rutshuru"),
        ("Floods hit Mai-Ndombe last week.", "Mai-Ndombe", "Mai-Ndombe"),  # a month stays
    ],
)
def test_clean_leaves_a_trailing_weekday_out_of_the_name(text, entity, name):
    start = text.index(entity)
    s, e, _ = _clean(text, start, start + len(entity))
    assert text[s:e] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gunmen raided Northern Burkina Faso", "Burkina Faso"),
        ("Gunmen raided South-Eastern Chad", "Chad"),
        ("Gunmen raided Northern Ireland", "Northern Ireland"),  # the whole name is a place
        ("Gunmen raided Central Java", "Central Java"),
        ("Gunmen raided Western Sahelistan", "Western Sahelistan"),  # nothing known: kept
    ],
)
def test_compass_adjective_before_a_country_is_no_part_of_the_name(text, name):
    known = {"Burkina Faso", "Chad", "Northern Ireland", "Ireland", "Central Java", "Java"}
    start = text.index("raided ") + len("raided ")
    assert text[_compass_trimmed(text, start, len(text), known.__contains__) :] == name
