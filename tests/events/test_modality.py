"""Modality from the trigger's governors: denied, planned, hypothetical, claimed, asserted."""

from __future__ import annotations

import pytest

from eventwire.events.modality import modality
from eventwire.events.numbers import load_cues

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}


def _read(nlp, text: str, trigger: str, language: str, attributed: tuple[int, int] | None = None):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return modality(token, CUES[language], attributed=attributed)


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "evidence"),
    [
        (
            "Depuis Al-Tanf, les États-Unis entendent créer une vaste entité.",
            "créer",
            "planned",
            "entendent",
        ),
        ("L'armée prévoit de bombarder la ville.", "bombarder", "planned", "prévoit"),
        ("Les rebelles pourraient attaquer la base.", "attaquer", "hypothetical", "pourraient"),
        ("L'armée a démenti avoir bombardé le marché.", "bombardé", "denied", "démenti"),
        ("Le marché n'a pas été bombardé.", "bombardé", "denied", "pas"),
        ("Des obus ont frappé Alep.", "frappé", "asserted", None),
        ("Il faut attaquer les causes du conflit.", "attaquer", "hypothetical", "faut"),
        (
            "Les élus ont appelé l'armée à bombarder les camps.",
            "bombarder",
            "planned",
            "appelé",
        ),
    ],
)
def test_modality_french(
    nlp_fr, text: str, trigger: str, expected: str, evidence: str | None
) -> None:
    reading = _read(nlp_fr, text, trigger, "fr")
    assert reading.modality == expected
    got = None if reading.evidence is None else text[reading.evidence[0] : reading.evidence[1]]
    assert got == evidence


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The group plans to attack the base.", "attack", "planned"),
        ("Rebels will attack the town tomorrow.", "attack", "planned"),
        ("The army denied that it shelled the village.", "shelled", "denied"),
        ("Troops did not fire on the crowd.", "fire", "denied"),
        ("If talks fail, the militia could storm the city.", "storm", "hypothetical"),
        ("Gunmen attacked a checkpoint in Kirkuk.", "attacked", "asserted"),
        ("The government should establish a base in the north.", "establish", "hypothetical"),
        ("The council urged both sides to stop fighting.", "fighting", "planned"),
        ("Residents fear raids by the militia on the town.", "raids", "hypothetical"),
    ],
)
def test_modality_english(nlp_en, text: str, trigger: str, expected: str) -> None:
    assert _read(nlp_en, text, trigger, "en").modality == expected


def test_any_attribution_makes_an_event_claimed(nlp_fr) -> None:
    text = "Selon l'armée, des obus ont frappé Alep."
    reading = _read(nlp_fr, text, "frappé", "fr", attributed=(0, 5))
    assert reading.modality == "claimed" and reading.evidence == (0, 5)


def test_planning_beats_attribution(nlp_en) -> None:
    text = "Officials said the group plans to attack the base."
    assert _read(nlp_en, text, "attack", "en", attributed=(10, 14)).modality == "planned"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a speech verb reports a fact, it does not plan it
        (
            "Mercredi, le gouvernement a annoncé l'arrestation de 40 personnes.",
            "arrestation",
            "asserted",
        ),
        # the event is the subject of an attack verb
        ("Un raid a visé mardi la localité de Kasindi.", "raid", "asserted"),
        # a negative determiner on the event
        ("Aucune frappe n'a eu lieu dans ce secteur.", "frappe", "denied"),
    ],
)
def test_modality_french_second_round(nlp_fr, text: str, trigger: str, expected: str) -> None:
    assert _read(nlp_fr, text, trigger, "fr").modality == expected


def test_setting_fire_is_not_a_plan(nlp_en) -> None:
    assert (
        _read(nlp_en, "Rioters set fire to the police station.", "fire", "en").modality
        == "asserted"
    )


@pytest.mark.parametrize(
    ("language", "text", "trigger", "expected"),
    [
        ("en", "A local teacher was reported shot dead in Tillaberi on Sunday.", "shot", "claimed"),
        (
            "fr",
            "Des tirs ont été signalés dans le quartier de Tillabéri dimanche.",
            "tirs",
            "claimed",
        ),
        ("en", "A local teacher was shot dead in Tillaberi on Sunday.", "shot", "asserted"),
    ],
)
def test_a_passive_report_makes_the_event_claimed(
    nlp_fr, nlp_en, language: str, text: str, trigger: str, expected: str
) -> None:
    nlp = nlp_fr if language == "fr" else nlp_en
    assert _read(nlp, text, trigger, language).modality == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "expected", "source"),
    [
        # cues v14 toll_participles: the source right after the toll clause gives the toll only
        (
            "en",
            (
                "Troops fired on a crowd in Kassala on Sunday, killing four people and wounding "
                "ten, according to a medical group."
            ),
            "asserted",
            "medical group",
        ),
        (
            "fr",
            (
                "Des soldats ont tiré dimanche sur la foule à Kassala, faisant quatre morts, selon "
                "un collectif de médecins."
            ),
            "claimed",  # French reads it as the attack's source (cues.fr v14: no participles)
            "collectif",
        ),
        # "the same source" goes on with an earlier speaker's account of the shooting
        (
            "en",
            (
                "Troops fired on a crowd in Kassala on Sunday, killing four people, according to "
                "the same source."
            ),
            "claimed",
            "same source",
        ),
        # a speech verb that reports the whole sentence still makes it claimed
        (
            "en",
            "Troops fired on a crowd in Kassala on Sunday, killing four people, the group said.",
            "claimed",
            "group",
        ),
        # the source opens the sentence: it reports the shooting itself
        (
            "en",
            (
                "According to a medical group, troops fired on a crowd in Kassala on Sunday, "
                "killing four people."
            ),
            "claimed",
            "medical group",
        ),
    ],
)
def test_the_source_of_a_toll_clause_leaves_the_event_asserted(
    language: str, text: str, expected: str, source: str
) -> None:
    import eventwire

    result = eventwire.extract(text, published="2024-03-06", source="Invented Wire")
    events = [e for e in result.events if e.trigger.text in ("fired", "tiré")]
    assert [e.modality for e in events] == [expected]
    assert [a.name for a in events[0].attribution] == [source]
