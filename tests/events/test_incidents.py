"""One real incident, one event (issue 14): invented articles through the whole pipeline."""

from __future__ import annotations

import pytest

from eventwire.pipeline import load_pipeline
from eventwire.records import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extract():
    pipeline = load_pipeline()

    def run(text: str, language: str, published: str = "2024-05-08", title: str | None = None):
        return pipeline.extract(
            Article(
                "t-" + str(abs(hash(text))),
                text,
                title=title,
                language=language,
                published=published,
            )
        )

    return run


def _happened(result):
    return [e for e in result.events if e.happened and e.modality != "denied"]


def test_headline_lead_and_recap_of_one_ambush_are_one_event(extract):
    text = (
        "Mali : cinq soldats tués dans une embuscade près de Douentza\n\n"
        "Cinq soldats maliens ont été tués mardi dans une embuscade tendue par des hommes armés "
        "près de Douentza, dans le centre du Mali, a indiqué l'armée.\n"
        "L'attaque n'a pas été revendiquée. Lors de l'embuscade, deux véhicules ont été incendiés, "
        "selon un élu local."
    )
    events = _happened(extract(text, "fr"))
    assert len(events) == 1
    (event,) = events
    assert event.event_type == "Battles" and event.fatalities == 5
    assert event.date == "2024-05-07"
    assert event.mentions  # the recap's trigger is kept as evidence


def test_an_old_event_told_as_background_is_a_non_event(extract):
    text = (
        "Des hommes armés ont attaqué lundi un poste de police à Gao, tuant deux policiers, "
        "selon une source sécuritaire.\n"
        "En 2013, la ville avait été reprise aux groupes jihadistes par l'armée française."
    )
    result = extract(text, "fr")
    assert all(not (e.date or "").startswith("2013") for e in result.events)
    assert [n.reason for n in result.non_events if (n.date or "").startswith("2013")] == [
        "background"
    ]
    assert len(_happened(result)) == 1


def test_attacks_on_two_villages_on_two_days_stay_two_events(extract):
    text = (
        "Lundi, des hommes armés ont attaqué le village de Tessit, tuant trois civils.\n"
        "Mercredi, des hommes armés ont attaqué la ville de Ménaka, tuant quatre civils."
    )
    events = _happened(extract(text, "fr", published="2024-05-09"))
    assert len(events) == 2
    assert sorted(e.date for e in events) == ["2024-05-06", "2024-05-08"]


def test_an_air_strike_in_retaliation_is_its_own_event(extract):
    text = (
        "Militants attacked an army post in Dori on Monday, killing three soldiers, the army said. "
        "In response, Burkina Faso's air force struck militant positions near Dori on Monday."
    )
    events = _happened(extract(text, "en", published="2024-05-07"))
    assert {e.sub_event_type for e in events} == {"Armed clash", "Air/drone strike"}


def test_an_event_dated_by_a_year_alone_is_background_even_without_a_publication_date(extract):
    text = "En 2017, des jihadistes ont attaqué un camp militaire à Tombouctou, tuant dix soldats."
    result = extract(text, "fr", published=None)
    assert _happened(result) == []
    assert [n.reason for n in result.non_events] == ["background"]


def test_a_sports_report_full_of_war_words_yields_no_event(extract):
    text = (
        "Ligue 1 : Lens écrase Metz\n\n"
        "L'attaquant lensois a fusillé le gardien d'une frappe du gauche à la 12e minute, avant "
        "qu'un tir dévié ne tue tout espoir messin. L'entraîneur a salué l'attaque de son équipe, "
        "qui a bombardé le but adverse pendant tout le match. Le club reste en tête du championnat."
    )
    result = extract(text, "fr")
    assert _happened(result) == []
    assert {n.reason for n in result.non_events} <= {"non_conflict"}


def test_a_sports_headline_counts_for_the_genre_gate(extract):
    body = (
        "The winger fired home from close range after ten minutes, and the visitors' attack "
        "tore the defence apart. A thunderous strike from 25 yards killed off the game. Their "
        "captain was injured and will miss a month."
    )
    title = "Rovers thrash United in the cup final"
    result = extract(body, "en", published="2024-05-06", title=title)
    assert _happened(result) == []
    assert {n.reason for n in result.non_events} <= {"non_conflict"}


def test_a_sports_sentence_in_a_conflict_article_tells_no_event(extract):
    text = (
        "Gunmen killed three soldiers at a checkpoint near Gao on Tuesday, the army said. "
        "In the evening, the striker of the local club fired home twice in a cup match, a "
        "witness said."
    )
    events = _happened(extract(text, "en", published="2024-05-08"))
    assert len(events) == 1 and events[0].event_type == "Battles"


def test_a_bomb_at_a_stadium_is_still_an_event(extract):
    text = (
        "A bomb exploded outside the stadium in Maiduguri on Sunday during a football match, "
        "killing four fans, police said. The league suspended the season and the club's coach "
        "said players were safe."
    )
    events = _happened(extract(text, "en", published="2024-05-06"))
    assert len(events) == 1 and events[0].event_type == "Explosions/Remote violence"


def test_between_two_places_is_coded_at_the_first_and_burnt_vehicles_are_a_detail(extract):
    text = (
        "Des jihadistes ont tendu mardi une embuscade à une patrouille de l'armée entre Douentza "
        "et "
        "Boni, tuant quatre soldats, selon une source sécuritaire. Les assaillants ont ensuite "
        "incendié deux véhicules militaires et détruit du matériel."
    )
    events = _happened(extract(text, "fr"))
    assert [(e.event_type, e.location.mention.text) for e in events] == [("Battles", "Douentza")]


def test_a_running_toll_is_a_cumulative_non_event(extract):
    text = (
        "Des miliciens ont attaqué lundi le village de Djugu, tuant six civils, selon des sources "
        "locales.\n"
        "Plus de 900 personnes ont été tuées depuis janvier dans la province de l'Ituri, selon "
        "l'ONU."
    )
    result = extract(text, "fr")
    assert [e.fatalities for e in _happened(result)] == [6]
    assert "cumulative" in {n.reason for n in result.non_events}


def test_an_undated_article_says_when_the_year_of_a_weekday_date_was_inferred(extract):
    text = (
        "Dimanche 11 novembre, des hommes armés ont attaqué un poste de police à Gao, tuant deux "
        "policiers."
    )
    (event,) = _happened(extract(text, "fr", published=None))
    assert event.date == "2018-11-11" and event.date_year_inferred
    dated = _happened(
        extract(text.replace("Dimanche 11 novembre", "Le 11 novembre 2018"), "fr", published=None)
    )
    assert [e.date_year_inferred for e in dated] == [False]


def test_the_seed_keeps_its_claimed_missile_strike_per_locality_beside_the_repelled_infiltration(
    extract, sample_path
):
    result = extract(sample_path.read_text(encoding="utf-8"), "fr", published=None)
    missiles = [e for e in result.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert [e.location.mention.text for e in missiles] == [
        "al-Marashidah",
        "Tell Mozan",
        "al-Soussa",
        "al-Baghouz",
    ]
    assert (missiles[0].fatalities, missiles[0].injured) == (13, 7)
    assert {e.modality for e in missiles} == {"claimed"}
    assert [a.name for a in missiles[0].attribution] == ["Ghassem Mosleh", "Sumaria News"]
    assert not [e for e in result.events if e.trigger.text == "créer" and e.happened]


def test_a_generic_statement_is_a_non_event_but_a_dated_strike_on_a_place_is_not(extract):
    text = (
        "Dans la région, les enlèvements se multiplient et les attaques contre les convois sont "
        "fréquentes.\n"
        "Mardi, des frappes aériennes ont visé Kidal, selon des sources locales."
    )
    result = extract(text, "fr")
    assert "generic" in {n.reason for n in result.non_events}
    assert [e.sub_event_type for e in _happened(result)] == ["Air/drone strike"]


def test_a_dateline_is_never_the_event_location():
    from eventwire.events.incidents import is_dateline
    from eventwire.records import Place, Span

    def place(text: str, name: str) -> Place:
        i = text.index(name)
        return Place(Span(name, i, i + len(name)))

    for text, name, expected in [
        (
            "NIAMEY, Niger (AP) — Gunmen killed three soldiers near Tillia on Thursday.",
            "NIAMEY",
            True,
        ),
        (
            "Niamey, 3 mai (AFP) - Des hommes armés ont tué trois soldats près de Tillia.",
            "Niamey",
            True,
        ),
        ("Outlet | Niamey - Des hommes armés ont tué trois soldats.", "Niamey", True),
        ("Des hommes armés ont attaqué Niamey - selon la police.", "Niamey", False),
        ("In Niamey, gunmen attacked a police post.", "Niamey", False),
    ]:
        assert is_dateline(place(text, name), text) is expected, text


def test_a_lead_dated_by_the_day_its_source_spoke_is_one_event_with_the_told_attack(extract):
    text = (
        "Gunmen killed 12 villagers in an attack in central Mali, officials said on Wednesday.\n"
        "The assailants stormed the town of Bankass on Monday night, killing 12 people, a local "
        "official said."
    )
    events = _happened(extract(text, "en", published="2024-05-09"))
    assert [(e.date, e.fatalities) for e in events] == [("2024-05-06", 12)]


def test_the_places_that_situate_the_struck_town_add_no_event(extract):
    text = (
        "Boko Haram a tué mardi des soldats dans une attaque à Baga, dans l'État de Borno au "
        "Nigeria, selon une source militaire."
    )
    events = _happened(extract(text, "fr", published="2024-05-09"))
    assert [e.location.mention.text for e in events] == ["Baga"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Depuis fin 2021, les rebelles se sont emparés de plusieurs villages de la province.",
            "fr",
        ),
        (
            "Fighting in the region has intensified since the army launched its offensive.",
            "en",
        ),
    ],
)
def test_an_event_counted_from_a_starting_point_is_a_cumulative_non_event(extract, text, language):
    result = extract(text, language)
    assert _happened(result) == []
    assert [n.reason for n in result.non_events] == ["cumulative"]


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        (
            "The militia held the hill on Monday after weeks of fighting with the army.",
            "en",
            "fighting",
        ),
        (
            "Les rebelles ont pris la colline lundi après des mois de combats avec l'armée.",
            "fr",
            "combats",
        ),
    ],
)
def test_violence_filling_plural_periods_is_cumulative(extract, text, language, word):
    """ "after weeks of fighting": a sum over a period, no incident of its own (issue 14)."""
    result = extract(text, language)
    assert word not in [e.trigger.text for e in _happened(result)]
    assert ("cumulative", word) in [(n.reason, n.trigger.text) for n in result.non_events]


def test_a_day_of_fighting_may_be_one_incident(extract):
    text = "A day of fighting between the militia and the army left six soldiers dead near Gao."
    assert "fighting" in [e.trigger.text for e in _happened(extract(text, "en"))]


def test_depuis_a_place_starts_no_period(extract):
    text = (
        "Des roquettes tirées depuis le Liban ont frappé la ville de Kiryat Shmona, selon l'armée."
    )
    assert len(_happened(extract(text, "fr"))) == 1


def test_arrests_at_a_protest_told_paragraphs_later_belong_to_it(extract):
    text = (
        "Des milliers de manifestants ont défilé samedi à Rennes contre la réforme des retraites.\n"
        "Les syndicats ont salué une mobilisation massive.\n"
        "Le cortège est parti de la place de la République en début d'après-midi.\n"
        "La préfecture a recensé 20 000 personnes.\n"
        "Douze personnes ont été interpellées samedi soir à Rennes, selon la préfecture."
    )
    events = _happened(extract(text, "fr", published="2024-05-12"))
    assert [e.event_type for e in events] == ["Protests"]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # the province situates the village, even one the gazetteer put in another country
        ("Des assaillants ont attaqué Kouri, dans la province du Lac au Tchad.", ["Kouri"]),
        # two struck places
        ("Des assaillants ont attaqué Kouri et la province du Lac au Tchad.", ["Kouri", "Lac"]),
        ("Strikes hit Kouri, Lac and the capital.", ["Kouri", "Lac"]),
        # a province of the second level situates it too
        ("Des assaillants ont attaqué Kouri, dans la province du Mayo.", ["Kouri"]),
        ("Des assaillants ont attaqué Kouri et la province du Mayo.", ["Kouri", "Mayo"]),
        # "X village in Y": the district situates the village
        ("Soldiers killed ten rebels in Kouri village in Mayo on Friday.", ["Kouri"]),
    ],
)
def test_situate_keeps_the_struck_place_not_the_regions_that_situate_it(sentence, kept):
    from eventwire.events.extract import Candidate
    from eventwire.events.incidents import situate
    from eventwire.records import Event, Place, Span

    def place(name: str, **codes) -> Place:
        i = sentence.index(name)
        return Place(Span(name, i, i + len(name)), **codes)

    region = ("Lac", 2, "ADM1") if "Lac" in sentence else ("Mayo", 4, "ADM2")
    places = (
        place("Kouri", geonameid=1, country_code="NE", admin1="05", feature_code="PPL"),
        place(
            region[0], geonameid=region[1], country_code="TD", admin1="07", feature_code=region[2]
        ),
    )
    if "Tchad" in sentence:
        places += (place("Tchad", geonameid=3, country_code="TD", feature_code="PCLI"),)
    trigger = Span("attaqué", 0, 1)
    event = Event("Battles", "Armed clash", trigger, Span(sentence, 0, len(sentence)))
    got = situate(Candidate(event, places, 2, 0))
    assert [p.mention.text for p in got.places] == kept


@pytest.mark.parametrize(
    "text",
    [
        "Rebels and the army have been exchanging fire across the river, residents said.",
        "Militants have been attacking convoys on the northern road, officials said.",
    ],
)
def test_an_exchange_told_in_the_perfect_progressive_is_a_habit_not_an_event(extract, text):
    result = extract(text, "en")
    assert _happened(result) == []
    assert [n.reason for n in result.non_events] == ["generic"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "In a sweeping offensive against the junta, rebel militias dealt blows to the army.",
            "en",
        ),
        (
            "En cause, l'offensive lancée par les rebelles contre l'armée, selon des analystes.",
            "fr",
        ),
    ],
)
def test_an_offensive_naming_no_struck_place_is_context(extract, text, language):
    result = extract(text, language)
    assert _happened(result) == []
    assert "generic" in {n.reason for n in result.non_events}


def test_an_offensive_on_a_town_is_an_event(extract):
    text = "Mardi, des rebelles ont lancé une offensive sur Douentza, selon des sources locales."
    events = _happened(extract(text, "fr"))
    assert [e.location.mention.text for e in events if e.location is not None] == ["Douentza"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a toll in the thousands, and a war as the killer
        ("Les attaques jihadistes ont tué plus de 12 000 civils et soldats dans le pays.", "fr"),
        ("The war has killed thousands of civilians in the region, a UN agency said.", "en"),
    ],
)
def test_a_war_toll_is_a_running_total_not_an_event(extract, text, language):
    result = extract(text, language)
    assert _happened(result) == []
    assert "cumulative" in {n.reason for n in result.non_events}


def test_the_attack_that_names_an_offensive_again_is_context_too(extract):
    text = (
        "In a sweeping offensive against the junta, rebel militias dealt blows to the army.\n"
        "Surprised by the attack, the army has lost dozens of outposts, analysts say."
    )
    result = extract(text, "en")
    assert _happened(result) == []
    assert [n.reason for n in result.non_events] == ["generic", "generic"]


def test_the_attack_after_a_background_recapture_is_still_the_news(extract):
    text = (
        "Des hommes armés ont attaqué lundi un poste de l'armée à Douentza, tuant deux soldats.\n"
        "La ville avait été reprise aux jihadistes en 2013 par l'armée.\n"
        "L'attaque de lundi a choqué les habitants, selon un élu local."
    )
    result = extract(text, "fr")
    assert len(_happened(result)) == 1
    assert [n.reason for n in result.non_events] == ["background"]


def test_two_mentions_situated_only_by_countries_are_one_incident(extract):
    # each side's version of one fight, located only by a border country and the country
    text = (
        "At least 20 Nigerien soldiers were killed on Monday in an attack by insurgents near the "
        "country's border with Mali, the defence ministry said.\n"
        "The army in Niger said its troops had killed a dozen assailants and wounded many others, "
        "the statement added."
    )
    events = _happened(extract(text, "en", published="2024-05-07"))
    assert len(events) == 1
    assert events[0].fatalities == 20


def test_arrests_on_the_day_of_a_protest_belong_to_it_wherever_counted(extract):
    text = (
        "Plusieurs milliers de manifestants ont défilé samedi à Rennes contre la réforme.\n"
        "Le cortège s'est dispersé dans le calme en fin d'après-midi, selon les organisateurs.\n"
        "La veille, le préfet avait appelé au calme.\n"
        "Douze personnes ont été interpellées samedi à Brest, selon la préfecture."
    )
    events = _happened(extract(text, "fr", published="2024-05-12"))
    assert [e.event_type for e in events] == ["Protests"]


def test_arrests_in_another_province_on_a_protest_day_are_their_own_event(extract):
    text = (
        "Plusieurs milliers de manifestants ont défilé samedi à Rennes contre la réforme.\n"
        "Le cortège s'est dispersé dans le calme en fin d'après-midi, selon les organisateurs.\n"
        "La veille, le préfet avait appelé au calme.\n"
        "La police a arrêté samedi deux opposants à Marseille, a indiqué la préfecture."
    )
    events = _happened(extract(text, "fr", published="2024-05-12"))
    assert sorted(e.event_type for e in events) == ["Protests", "Strategic developments"]


def test_a_folded_recap_keeps_the_chain_of_the_main_mention_not_its_own_source(extract):
    text = (
        "Des hommes armés ont attaqué mardi un camp militaire à Douentza, tuant trois soldats, "
        "a indiqué l'armée.\n"
        "Le même jour, des manifestants ont défilé à Bamako contre la vie chère.\n"
        "Lors de l'attaque de Douentza, deux véhicules ont été incendiés, selon un élu local."
    )
    (event, _) = _happened(extract(text, "fr"))
    assert [a.name for a in event.attribution] == ["armée"]


def test_a_situating_district_named_again_adds_no_place():
    from eventwire.events.extract import Candidate
    from eventwire.events.incidents import situate
    from eventwire.records import Event, Place, Span

    sentence = "Soldiers killed ten rebels in Kouri village in Mayo, a resident of Mayo said."
    second = sentence.rindex("Mayo")
    codes = {"country_code": "TD", "admin1": "07"}
    places = (
        Place(Span("Kouri", 30, 35), geonameid=1, feature_code="PPL", **codes),
        Place(Span("Mayo", 47, 51), geonameid=4, feature_code="ADM2", **codes),
        Place(Span("Mayo", second, second + 4), geonameid=4, feature_code="ADM2", **codes),
    )
    event = Event("Battles", "Armed clash", Span("killed", 9, 15), Span(sentence, 0, len(sentence)))
    got = situate(Candidate(event, places, 0, 0))
    assert [p.mention.start for p in got.places] == [30]


def test_a_retreat_from_the_place_taken_that_day_is_the_taking(extract):
    text = (
        "Rebels seized the village of Kibumba on Monday after heavy fighting, the army said. "
        "One official said the army had retreated from the village to protect civilians."
    )
    events = _happened(extract(text, "en", published="2022-10-25"))
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]


def test_a_retreat_elsewhere_another_day_stays_its_own_event(extract):
    text = (
        "Rebels seized the village of Kibumba on Monday. "
        "On Tuesday the army withdrew from the town of Rutshuru."
    )
    events = _happened(extract(text, "en", published="2022-10-25"))
    assert len(events) == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            (
                "Les soldats ont tué 13 terroristes lundi près de Gao, tandis que sept autres ont "
                "été blessés."
            ),
            "fr",
        ),
        ("Troops killed 13 militants near Gao on Monday, while seven others were wounded.", "en"),
    ],
)
def test_a_while_clause_telling_the_same_toll_stays_one_event(extract, text, language):
    events = _happened(extract(text, language, published="2023-05-10"))
    assert [(e.fatalities, e.injured) for e in events] == [(13, 7)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            (
                "Des jihadistes ont attaqué lundi un poste de l'armée à Kobé, tandis qu'une mine a "
                "tué trois civils près de Gao."
            ),
            "fr",
        ),
        (
            (
                "Gunmen attacked an army post in Kobe on Monday, while a landmine killed three "
                "civilians near Gao."
            ),
            "en",
        ),
    ],
)
def test_a_while_clause_with_its_own_subject_tells_another_event(extract, text, language):
    events = _happened(extract(text, language, published="2023-05-10"))
    by_place = {e.location.mention.text: e for e in events}
    assert set(by_place) == {"Kobé" if language == "fr" else "Kobe", "Gao"}
    assert by_place["Gao"].sub_event_type == "Remote explosive/landmine/IED"
    assert by_place["Gao"].fatalities == 3
    assert next(e for p, e in by_place.items() if p != "Gao").fatalities is None
