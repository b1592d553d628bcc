"""ACLED codebook typing rules as data (issue 14), on hand-made events of invented sentences."""

from __future__ import annotations

import pytest

from eventwire.events.codebook import load_codebook, retype
from eventwire.events.taxonomy import load_taxonomy
from eventwire.records import Actor, Event, Place, Span

TAXONOMY = load_taxonomy()
CODEBOOK = load_codebook(TAXONOMY)


def _attack(sentence: str, *, actor1: Actor | None = None, actor2: Actor | None = None) -> Event:
    return Event(
        "Violence against civilians",
        "Attack",
        trigger=Span(sentence[:5], 0, 5),
        sentence=Span(sentence, 0, len(sentence)),
        actor1=actor1,
        actor2=actor2,
    )


def _actor(name: str, kind: str) -> Actor:
    return Actor(Span(name, 0, len(name)), name, kind)  # type: ignore[arg-type]


ARMY = _actor("Military Forces of Niger", "state_force")
GUNMEN = _actor("Unidentified Armed Group (Niger)", "armed_group")
CIVILIANS = _actor("Civilians (Niger)", "civilians")


@pytest.mark.parametrize(
    ("sentence", "language", "actor1", "actor2", "expected"),
    [
        (
            "Des hommes armés ont attaqué un poste militaire près de Tillia.",
            "fr",
            GUNMEN,
            None,
            "Armed clash",
        ),
        (
            "Gunmen attacked an army patrol near Tillia, killing four soldiers.",
            "en",
            GUNMEN,
            None,
            "Armed clash",
        ),
        ("Gunmen attacked the army near Tillia.", "en", GUNMEN, ARMY, "Armed clash"),
        (
            "Des hommes armés ont attaqué des villageois près de Tillia.",
            "fr",
            GUNMEN,
            CIVILIANS,
            "Attack",
        ),
        # the victims are the security forces: a battle (ACLED), even without a named attacker
        (
            "Une attaque a fait douze morts parmi les forces de sécurité près de Tillia.",
            "fr",
            None,
            None,
            "Armed clash",
        ),
        # soldiers and civilians both named: the lead sentence alone cannot say, the trigger stays
        (
            "Gunmen attacked a market guarded by soldiers, killing ten civilians.",
            "en",
            GUNMEN,
            None,
            "Attack",
        ),
    ],
)
def test_an_attack_on_armed_forces_is_a_battle(sentence, language, actor1, actor2, expected):
    event = retype(_attack(sentence, actor1=actor1, actor2=actor2), CODEBOOK, TAXONOMY, language)
    assert event.sub_event_type == expected
    assert event.event_type == TAXONOMY[expected].event_type


def test_soldiers_found_as_the_attacker_of_a_battle_become_its_target_side():
    event = retype(
        _attack("Cinq soldats ont été tués dans une embuscade.", actor1=ARMY),
        CODEBOOK,
        TAXONOMY,
        "fr",
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == ("Armed clash", None, ARMY)


def test_every_rule_names_known_sub_types_and_term_lists():
    assert CODEBOOK.rules and all(rule.then in TAXONOMY.sub_types for rule in CODEBOOK.rules)
    assert set(CODEBOOK.terms) == {"fr", "en"}


def _clash(sentence: str, *, actor1: Actor | None, actor2: Actor | None) -> Event:
    return Event(
        "Battles",
        "Armed clash",
        trigger=Span(sentence[:5], 0, 5),
        sentence=Span(sentence, 0, len(sentence)),
        actor1=actor1,
        actor2=actor2,
    )


@pytest.mark.parametrize(
    ("sentence", "actor1", "expected"),
    [
        ("Des soldats ont ouvert le feu sur des villageois à Tillia.", ARMY, "Attack"),
        ("Gunmen fired on villagers near Tillia.", GUNMEN, "Attack"),
        # nobody named as acting: the sides are unknown, the trigger's type stays
        ("Fighting near Tillia left villagers dead.", None, "Armed clash"),
    ],
)
def test_a_clash_whose_target_is_civilians_is_an_attack(sentence, actor1, expected):
    event = retype(_clash(sentence, actor1=actor1, actor2=CIVILIANS), CODEBOOK, TAXONOMY, "en")
    assert (event.sub_event_type, event.event_type == "Violence against civilians") == (
        expected,
        expected == "Attack",
    )


def _remote(sub_type: str, sentence: str, actor2: Actor | None) -> Event:
    return Event(
        "Explosions/Remote violence",
        sub_type,
        trigger=Span(sentence[:5], 0, 5),
        sentence=Span(sentence, 0, len(sentence)),
        actor1=GUNMEN,
        actor2=actor2,
    )


@pytest.mark.parametrize(
    ("sub_type", "sentence", "language", "actor2", "expected"),
    [
        (
            "Remote explosive/landmine/IED",
            "Une mine a touché le convoi puis des hommes armés ont pris d'assaut le poste.",
            "fr",
            ARMY,
            "Armed clash",
        ),
        # artillery in support of fighting stays shelling
        (
            "Shelling/artillery/missile attack",
            "The army shelled rebel positions as fighting went on near Tillia.",
            "en",
            GUNMEN,
            None,
        ),
        (
            "Remote explosive/landmine/IED",
            "A roadside bomb hit the convoy and gunmen stormed the checkpoint near Tillia.",
            "en",
            ARMY,
            "Armed clash",
        ),
        (
            "Suicide bomb",
            "A suicide bomber struck the base before fighters opened fire on the guards.",
            "en",
            None,
            "Armed clash",
        ),
        # remote violence alone stays what it was
        ("Remote explosive/landmine/IED", "A roadside bomb hit an army truck.", "en", ARMY, None),
        # against civilians, an assault with a bomb is still not a battle
        (
            "Suicide bomb",
            "A suicide bomber and gunmen stormed a market near Tillia.",
            "en",
            CIVILIANS,
            None,
        ),
    ],
)
def test_remote_violence_inside_a_ground_assault_is_the_battle(
    sub_type, sentence, language, actor2, expected
):
    event = retype(_remote(sub_type, sentence, actor2), CODEBOOK, TAXONOMY, language)
    assert event.sub_event_type == (expected or sub_type)


def _taken(sub_type: str, actor1: Actor, actor2: Actor | None, country: str) -> Event:
    sentence = "The troops took the village of Tillia on Sunday."
    place = Place(Span("Tillia", 32, 38), country_code=country)
    return Event(
        "Battles",
        sub_type,
        trigger=Span("took", 11, 15),
        sentence=Span(sentence, 0, len(sentence)),
        actor1=actor1,
        actor2=actor2,
        location=place,
    )


def _state(name: str, country: str) -> Actor:
    return Actor(Span(name, 0, len(name)), name, "state_force", country_code=country)


NIGER_ARMY = _state("Military Forces of Niger", "NE")
MALI_ARMY = _state("Military Forces of Mali", "ML")


@pytest.mark.parametrize(
    ("sub_type", "actor1", "actor2", "country", "expected"),
    [
        # a foreign army takes ground from another state's army
        (
            "Government regains territory",
            NIGER_ARMY,
            MALI_ARMY,
            "ML",
            "Non-state actor overtakes territory",
        ),
        # a foreign army beside the government retakes a town from rebels: regains
        ("Government regains territory", NIGER_ARMY, GUNMEN, "ML", "Government regains territory"),
        # an army that takes a place in its own country regains it
        (
            "Non-state actor overtakes territory",
            NIGER_ARMY,
            GUNMEN,
            "NE",
            "Government regains territory",
        ),
        (
            "Non-state actor overtakes territory",
            NIGER_ARMY,
            None,
            "ML",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_territory_taken_is_typed_by_whose_country_it_is(
    sub_type, actor1, actor2, country, expected
):
    event = retype(_taken(sub_type, actor1, actor2, country), CODEBOOK, TAXONOMY, "en")
    assert event.sub_event_type == expected


def _destruction(sentence: str) -> Event:
    return Event(
        "Strategic developments",
        "Looting/property destruction",
        trigger=Span(sentence[:5], 0, 5),
        sentence=Span(sentence, 0, len(sentence)),
    )


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        (
            "Des jeunes ont lancé des pavés sur les gendarmes et incendié une mairie à Caen.",
            "fr",
            "Violent demonstration",
        ),
        (
            "Youths threw stones at police and set a bank on fire in Dundee.",
            "en",
            "Violent demonstration",
        ),
        # property destroyed with no crowd's weapon stays what it was
        ("Des inconnus ont incendié une école à Lisieux.", "fr", "Looting/property destruction"),
        ("Unknown men burnt down a school in Dundee.", "en", "Looting/property destruction"),
    ],
)
def test_property_burnt_by_a_crowd_throwing_stones_is_a_violent_demonstration(
    sentence, language, expected
):
    event = retype(_destruction(sentence), CODEBOOK, TAXONOMY, language)
    assert (event.event_type, event.sub_event_type) == (
        "Riots" if expected == "Violent demonstration" else "Strategic developments",
        expected,
    )
