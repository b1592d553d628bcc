"""Candidate events from short French and English sentences; merging and splitting per place."""

from __future__ import annotations

import pytest

from eventwire.events.actors import load_actor_dictionary
from eventwire.events.extract import Candidate, find_candidates, merge_mentions, split_by_place
from eventwire.events.numbers import load_cues
from eventwire.events.roles import load_frames
from eventwire.events.stage import find_actors
from eventwire.events.taxonomy import load_taxonomy
from eventwire.events.triggers import load_lexicons
from eventwire.records import Article, Document, Event, Place, Span


@pytest.fixture(scope="module")
def tables():
    return (
        {"fr": load_lexicons("fr"), "en": load_lexicons("en")},
        load_taxonomy(),
        load_actor_dictionary(),
    )


def _events(nlp, lang: str, text: str, tables, places: tuple[str, ...] = ()) -> list[Event]:
    lexicons, taxonomy, actors = tables
    doc = Document(Article("t", text, language=lang), nlp=nlp(text))
    doc = doc.evolve(actors=find_actors(doc, actors))
    spans = [
        Place(Span.of(text, text.index(p), text.index(p) + len(p)), i, p)
        for i, p in enumerate(places)
    ]
    doc = doc.evolve(places=tuple(spans))
    return [
        c.event
        for c in merge_mentions(
            find_candidates(
                doc,
                lexicons[lang],
                taxonomy,
                actors,
                cues=load_cues(lang),
                frames=load_frames(),
            ),
            taxonomy,
        )
    ]


CASES = [
    (
        "fr",
        "Des hommes armés ont attaqué le village de Solhan, tuant trente civils.",
        ("Solhan",),
        "Attack",
        "Unidentified Armed Group",
        "Civilians",
        "Solhan",
    ),
    (
        "fr",
        "L'armée malienne a repris le contrôle de la ville de Kidal.",
        ("Kidal",),
        "Government regains territory",
        "Military Forces of Mali",
        None,
        "Kidal",
    ),
    (
        "fr",
        "Un drone turc a frappé une position des FDS près de Kobané.",
        ("Kobané",),
        "Air/drone strike",
        "Military Forces of Turkey",
        "Syrian Democratic Forces",
        "Kobané",
    ),
    (
        "fr",
        "Un kamikaze s'est fait exploser dans une mosquée de Maiduguri.",
        ("Maiduguri",),
        "Suicide bomb",
        None,
        None,
        "Maiduguri",
    ),
    (
        "fr",
        "La police a dispersé les manifestants à coups de gaz lacrymogène à Dakar.",
        ("Dakar",),
        "Protest with intervention",
        "Protesters",
        "Police Forces",
        "Dakar",
    ),
    (
        "en",
        "Houthi rebels fired missiles at Saudi troops near Najran.",
        ("Najran",),
        "Shelling/artillery/missile attack",
        "Ansar Allah (Houthis)",
        "Military Forces of Saudi Arabia",
        "Najran",
    ),
    (
        "en",
        "Gunmen abducted 12 students from a school in Kaduna.",
        ("Kaduna",),
        "Abduction/forced disappearance",
        "Unidentified Armed Group",
        "Civilians",
        "Kaduna",
    ),
    (
        "en",
        "Thousands of protesters marched peacefully in Paris on Saturday.",
        ("Paris",),
        "Peaceful protest",
        "Protesters",
        None,
        "Paris",
    ),
    (
        "en",
        "Soldiers defused an improvised explosive device near Gao.",
        ("Gao",),
        "Disrupted weapons use",
        "Military Forces",
        None,
        "Gao",
    ),
]


@pytest.mark.parametrize(("lang", "text", "places", "sub_type", "actor1", "actor2", "where"), CASES)
def test_find_candidates_types_actors_and_place(
    nlp_fr, nlp_en, tables, lang, text, places, sub_type, actor1, actor2, where
) -> None:
    events = _events(nlp_fr if lang == "fr" else nlp_en, lang, text, tables, places)
    assert len(events) == 1
    event = events[0]
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == (sub_type, actor1)
    assert (event.actor2 and event.actor2.name, event.location.mention.text) == (actor2, where)
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.taxonomy_version == "acled.v1"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The earthquake killed 20 people in eastern Turkey."),
        ("en", "Police said the robbers killed a shopkeeper during the robbery."),
        ("en", "The two ministers signed a trade agreement in Geneva."),
        ("fr", "Les inondations ont tué douze personnes dans la région."),
        ("fr", "Le président a reçu son homologue à Paris."),
        ("en", "No shots were fired during the operation."),
        ("en", "Since the start of the year, militants have killed 40 soldiers in the region."),
        ("fr", "Depuis 2015, plus de 300 civils ont été tués dans la région."),
        ("en", "Residents demanded a ceasefire."),
    ],
)
def test_find_candidates_non_acled_topics_yield_no_event(
    nlp_fr, nlp_en, tables, lang, text
) -> None:
    assert _events(nlp_fr if lang == "fr" else nlp_en, lang, text, tables) == []


def test_find_candidates_keeps_planned_event_as_candidate(nlp_fr, tables) -> None:
    text = "Les États-Unis entendent créer une vaste base militaire près de Deir ez-Zor."
    (event,) = _events(nlp_fr, "fr", text, tables, ("Deir ez-Zor",))
    assert event.sub_event_type == "Headquarters or base established"
    assert event.actor1.name == "Government of the United States"


def test_find_candidates_skips_title_line(nlp_fr, tables) -> None:
    text = (
        "L'armée repousse une attaque\n\nDes rebelles ont attaqué un poste militaire à Gao. Le "
        "bilan est lourd.\n\nFin."
    )
    events = _events(nlp_fr, "fr", text, tables, ("Gao",))
    assert [e.trigger.text for e in events] == ["attaqué"]


def test_merge_mentions_follows_one_event_across_sentences(nlp_en, tables) -> None:
    text = (
        "Rebels fired rockets toward the airport of Goma. The rockets fell on Kanyaruchinya and "
        "Kibati. "
        "Officials later met in Kinshasa."
    )
    events = _events(nlp_en, "en", text, tables, ("Goma", "Kanyaruchinya", "Kibati", "Kinshasa"))
    assert len(events) == 1
    assert events[0].trigger.text == "fired"


@pytest.mark.parametrize(
    ("lang", "text", "sub_type", "actor1", "actor2"),
    [
        (
            "en",
            "Gunmen attacked the village of Solhan on Sunday. Dozens of homes were torched.",
            "Attack",
            "Unidentified Armed Group",
            None,
        ),
        (
            "en",
            (
                "Hundreds of protesters rallied in Dakar on Friday. "
                "Police fired tear gas to disperse them."
            ),
            "Protest with intervention",
            "Protesters",
            "Police Forces",
        ),
        (
            "fr",
            (
                "Des manifestants se sont rassemblés à Dakar. Les manifestants ont pillé des "
                "boutiques."
            ),
            "Violent demonstration",
            "Rioters",
            None,
        ),
    ],
)
def test_merge_mentions_folds_details_into_the_event(
    nlp_fr, nlp_en, tables, lang, text, sub_type, actor1, actor2
):
    places = tuple(p for p in ("Solhan", "Dakar") if p in text)
    (event,) = _events(nlp_fr if lang == "fr" else nlp_en, lang, text, tables, places)
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == (sub_type, actor1)
    assert (event.actor2 and event.actor2.name) == actor2


def test_find_candidates_names_suspected_group_for_unnamed_gunmen(nlp_fr, tables) -> None:
    text = "Des hommes armés présumés de l'EIGS ont attaqué un campement près de Ménaka."
    (event,) = _events(nlp_fr, "fr", text, tables, ("Ménaka",))
    assert event.actor1.name == "Islamic State (Sahel)"


def _candidate(places: int) -> Candidate:
    text = "x" * 50
    event = Event(
        "Battles",
        "Armed clash",
        Span.of(text, 0, 1),
        Span.of(text, 0, 50),
        fatalities=13,
        fatalities_evidence=Span.of(text, 2, 4),
        injured=7,
    )
    return Candidate(
        event, tuple(Place(Span.of(text, 10 + i, 11 + i), i) for i in range(places)), 0, 0
    )


def test_split_by_place_one_event_per_place_casualties_once() -> None:
    events = split_by_place(_candidate(3), "article")
    assert [e.location.geonameid for e in events] == [0, 1, 2]
    assert len({e.group_id for e in events}) == 1 and events[0].group_id is not None
    assert [(e.fatalities, e.injured) for e in events] == [(13, 7), (None, None), (None, None)]
    assert events[1].fatalities_evidence is None


def test_split_by_place_single_place_has_no_group() -> None:
    (event,) = split_by_place(_candidate(1), "article")
    assert event.group_id is None and event.fatalities == 13


@pytest.mark.parametrize(
    ("lang", "text", "sub_type"),
    [
        # A surrender is an agreement (ACLED), with no "agreement" noun to hold it.
        ("en", "Ten rebels have surrendered to the army in the north of the country.", "Agreement"),
        # A bomb hidden in a container is no container accident.
        (
            "en",
            "A bomb placed in a garbage container exploded near the market, wounding four people.",
            "Remote explosive/landmine/IED",
        ),
        (
            "en",
            "Dozens of people were treated after a poison gas attack by rebels on the town.",
            "Chemical weapon",
        ),
        # The death a protest is about is its grievance, not force used against it.
        (
            "en",
            (
                "Hundreds of students marched to demand justice for a classmate killed in a road "
                "accident."
            ),
            "Peaceful protest",
        ),
        (
            "fr",
            (
                "Des centaines d'étudiants ont manifesté pour réclamer justice "
                "pour un camarade tué dans un accident."
            ),
            "Peaceful protest",
        ),
        (
            "en",
            "The army has set up a new observation point near the border.",
            "Headquarters or base established",
        ),
    ],
)
def test_find_candidates_typing_rules(nlp_fr, nlp_en, tables, lang, text, sub_type) -> None:
    events = _events(nlp_fr if lang == "fr" else nlp_en, lang, text, tables)
    assert [e.sub_event_type for e in events] == [sub_type]


@pytest.mark.parametrize(
    ("lang", "text", "sub_type", "actor1"),
    [
        # The force's noun is the act: the national-force span must not swallow the trigger
        # (issue 14/15). Without it the French sentences have no event at all.
        (
            "fr",
            "Des frappes israéliennes ont visé le port de Hodeïda mardi.",
            "Air/drone strike",
            "Military Forces of Israel",
        ),
        (
            "fr",
            "Des raids aériens turcs ont visé un dépôt près de Qamichli.",
            "Air/drone strike",
            "Military Forces of Turkey",
        ),
        (
            "en",
            "Israeli strikes killed three people in Gaza on Monday.",
            "Air/drone strike",
            "Military Forces of Israel",
        ),
        (
            "en",
            "Turkish strikes targeted a depot near Qamishli on Sunday.",
            "Air/drone strike",
            "Military Forces of Turkey",
        ),
    ],
)
def test_find_candidates_sees_the_act_inside_a_national_force(
    nlp_fr, nlp_en, tables, lang, text, sub_type, actor1
) -> None:
    events = _events(nlp_fr if lang == "fr" else nlp_en, lang, text, tables)
    assert [(e.sub_event_type, e.actor1 and e.actor1.name) for e in events] == [(sub_type, actor1)]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("A military official said the rebels carried out Wednesday's attack.", "attack", True),
        ("The army said the attack was carried out by the rebels.", "attack", True),
        ("Rebels launched an attack on the town.", "attack", False),
    ],
)
def test_a_noun_pointing_back_is_anaphoric(nlp_en, text, word, expected) -> None:
    from eventwire.events.extract import _anaphoric

    doc = nlp_en(text)
    assert _anaphoric(next(t for t in doc if t.text == word)) is expected
