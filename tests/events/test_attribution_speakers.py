"""Speakers the reporting clause names in more than one word or more than one phrase (issue 15)."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.events.attribution import attribution_chain, find_sources
from eventwire.events.numbers import load_cues

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}


def _names(nlp, text: str, language: str) -> list[str]:
    doc = nlp(text)
    return [s.name for sent in doc.sents for s in find_sources(sent, CUES[language])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # cues.fr.v12: a reporting cue of two words, its second word a dependent of the verb
        ("Les autorités locales font état de plus de 30 frappes de drones.", ["autorités locales"]),
        ("Les habitants font état ce mardi matin de deux morts.", ["habitants"]),
        ("Le ministère a fait savoir que trois soldats avaient été tués.", ["ministère"]),
        (
            "Trois soldats ont été tués lundi, a fait savoir le ministère de la Défense.",
            ["ministère de la Défense"],
        ),
        # "faire" alone reports nothing
        ("Le commandant a fait venir des renforts.", []),
    ],
)
def test_a_reporting_cue_of_several_words(nlp_fr, text: str, names: list[str]) -> None:
    assert _names(nlp_fr, text, "fr") == names


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        (
            "en",
            "The army and local residents said rebels attacked the village.",
            ["army", "local residents"],
        ),
        (
            "fr",
            "L'armée et des habitants ont affirmé que les rebelles avaient attaqué le village.",
            ["armée", "habitants"],
        ),
        (
            "fr",
            "Trois soldats ont été tués, ont indiqué l'armée et des sources locales.",
            ["armée", "sources locales"],
        ),
        # one speaker whose complement the parser coordinated
        (
            "fr",
            "Le ministre de la Santé et de la Population a dit que dix civils ont été tués.",
            ["ministre de la Santé et de la Population"],
        ),
    ],
)
def test_coordinated_speakers_are_two_sources(
    nlp_fr, nlp_en, language: str, text: str, names: list[str]
) -> None:
    nlp = nlp_fr if language == "fr" else nlp_en
    assert _names(nlp, text, language) == names


def test_the_chain_lists_coordinated_speakers_in_order(nlp_en) -> None:
    text = (
        "Rebels killed at least 12 soldiers in a raid on an army post near Gao, "
        "the armed group and Malian officials said on Monday."
    )
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "killed")
    chain = attribution_chain(list(doc.sents), trigger, CUES["en"])
    assert [s.name for s in chain] == ["armed group", "Malian officials"]


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        (
            "fr",
            "Des civils ont été tués, a déploré le Comité international de secours (CIS).",
            ["Comité international de secours (CIS)"],
        ),
        (
            "fr",
            "Le groupe djihadiste Etat islamique (EI) a revendiqué le double attentat de Gao.",
            ["Etat islamique (EI)"],
        ),
        (
            "fr",
            "Selon l'Observatoire syrien des droits de l'homme (OSDH), la ville est tombée.",
            ["Observatoire syrien des droits de l'homme (OSDH)"],
        ),
        (
            "en",
            "The Union of Relief Workers (URW) said two clinics were shelled.",
            ["Union of Relief Workers (URW)"],
        ),
        # an acronym French writes as a capitalised word
        (
            "fr",
            "Selon la Mission de l'ONU (Monusco), dix civils ont été tués.",
            ["Mission de l'ONU (Monusco)"],
        ),
    ],
)
def test_a_source_name_keeps_the_acronym_that_glosses_it(
    nlp_fr, nlp_en, language: str, text: str, names: list[str]
) -> None:
    nlp = nlp_fr if language == "fr" else nlp_en
    assert _names(nlp, text, language) == names


def test_a_quoted_clause_before_an_inverted_verb_is_not_the_speaker(nlp_fr) -> None:
    text = (
        'Dans la nuit de samedi à dimanche, "les habitants de la commune de Kaya ont été la cible '
        "d'une attaque lâche perpétrée par des hommes armés\", indique un communiqué du "
        "gouverneur de la région du Centre-Nord, Jean Paul Ouédraogo."
    )
    assert _names(nlp_fr, text, "fr") == ["Jean Paul Ouédraogo"]


def test_a_speaker_closing_a_clause_the_parser_made_its_subject(nlp_en) -> None:
    text = (
        "Jihadist fighters killed at least 12 soldiers in an attack on a military post near "
        "Gao, the militant group and Malian officials said on Friday."
    )
    assert _names(nlp_en, text, "en") == ["militant group", "Malian officials"]


def test_a_closing_clause_ignores_what_the_parser_hung_on_it_from_the_next_line(nlp_fr) -> None:
    text = (
        "Deux villages ont été incendiés, indique un communiqué de la préfecture.\n"
        "Le préfet a ajouté que les secours poursuivent leurs recherches."
    )
    assert "préfecture" in _names(nlp_fr, text, "fr")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        (
            "fr",
            (
                "Le ministre de la Santé, Ali Salem, a indiqué vendredi que le bilan des heurts "
                "de la journée à Tripoli s'était alourdi à plus de 20 morts."
            ),
            "Ali Salem",
        ),
        (
            "en",
            "The toll from Monday's attack on the market in Gao rose to 12, officials said.",
            "officials",
        ),
    ],
)
def test_the_speaker_of_a_toll_leaves_its_event_asserted(
    language: str, text: str, speaker: str
) -> None:
    # GUIDE.md section 6: asserted even if the toll is attributed (cues v12 toll_nouns)
    result = eventwire.extract(
        text, published="2024-03-06", source="Invented Wire", language=language
    )
    (event,) = result.events
    assert event.modality == "asserted"
    assert [a.name for a in event.attribution] == [speaker]


@pytest.mark.parametrize(
    ("language", "text", "trigger", "names"),
    [
        (
            "en",
            "According to residents, gunmen stormed the village on Monday. They burnt the market.",
            "burnt",
            ["residents"],
        ),
        (
            "fr",
            "Selon des témoins, des hommes armés ont attaqué Gao. Ils ont incendié des stands.",
            "incendié",
            ["témoins"],
        ),
        # a source the sentence before names by its verb is that sentence's own
        (
            "en",
            "Residents said gunmen stormed the village on Monday. They burnt the market.",
            "burnt",
            [],
        ),
    ],
)
def test_a_paragraph_opening_on_according_to_sources_the_claims_after_it(
    nlp_fr, nlp_en, language: str, text: str, trigger: str, names: list[str]
) -> None:
    doc = (nlp_fr if language == "fr" else nlp_en)(text)
    first, second = list(doc.sents)
    token = next(t for t in doc if t.text == trigger)
    chain = attribution_chain([second], token, CUES[language], preceding=[first])
    assert [s.name for s in chain] == names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "modality", "names"),
    [
        # GUIDE.md section 6: a claim for an event told as known is no source of it
        (
            "fr",
            "Le groupe Etat islamique a revendiqué l'attentat suicide qui a frappé lundi Kaboul.",
            "asserted",
            [],
        ),
        (
            "en",
            "Islamic State claimed the suicide bombing that killed 20 people in Kabul on Monday.",
            "asserted",
            [],
        ),
        # the claim itself introduces the occurrence: the group is its source
        (
            "fr",
            "Le groupe Etat islamique a revendiqué une attaque contre la police à Kaboul.",
            "claimed",
            ["groupe Etat islamique"],
        ),
    ],
)
def test_a_claim_of_responsibility_sources_only_the_occurrence_it_introduces(
    language: str, text: str, modality: str, names: list[str]
) -> None:
    result = eventwire.extract(
        text, published="2024-03-06", source="Invented Wire", language=language
    )
    (event,) = result.events
    assert (event.modality, [a.name for a in event.attribution]) == (modality, names)


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # cues v14 anonymous_nouns: an unnamed source keeps its type, as the guide writes it
        (
            "fr",
            "Une source de sécurité a indiqué que le camp avait été attaqué.",
            ["source de sécurité"],
        ),
        (
            "fr",
            "Le camp a été attaqué, a-t-on appris de source hospitalière.",
            ["source hospitalière"],
        ),
        (
            "fr",
            "Selon des sources de sécurité locales, le camp a été attaqué.",
            ["sources de sécurité locales"],
        ),
        (
            "fr",
            "Selon une source proche de la gendarmerie, le camp a été attaqué.",
            ["source proche de la gendarmerie"],
        ),
        (
            "en",
            "A source close to the rebels said the camp was attacked.",
            ["source close to the rebels"],
        ),
        ("en", "Security sources said the camp was attacked.", ["Security sources"]),
        (
            "fr",
            "Le camp a été attaqué, selon des sources proches de la gendarmerie.",
            ["sources proches de la gendarmerie"],
        ),
        # a closing reporting clause whose speaker carries an adjective with its complement
        (
            "en",
            "Two guards were killed near the depot on Friday, a source close to the police said.",
            ["source close to the police"],
        ),
        ("en", "The depot was attacked, an official familiar with the inquiry said.", ["official"]),
        # a determiner makes "de la mairie" the source's origin, not its type: the noun alone
        ("fr", "Selon une source de la mairie, le camp a été attaqué.", ["source"]),
    ],
)
def test_an_anonymous_source_keeps_its_type(
    nlp_fr, nlp_en, language: str, text: str, names: list[str]
) -> None:
    nlp = nlp_fr if language == "fr" else nlp_en
    assert _names(nlp, text, language) == names


def test_two_closing_speakers_the_parser_split_are_both_sources(nlp_en) -> None:
    # the parser hangs "said" on "source" as a relative clause with "military" as its subject
    text = (
        "An Israeli strike killed two fighters in Tyre on Friday, a source close to the group "
        "and Israel's military said."
    )
    assert _names(nlp_en, text, "en") == ["source close to the group", "military"]
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "killed")
    chain = attribution_chain(list(doc.sents), trigger, CUES["en"])
    assert [s.name for s in chain] == ["source close to the group", "military"]
