"""Killed and injured figures tied to casualty cues, read conservatively."""

from __future__ import annotations

import pytest

from eventwire.events.casualties import find_casualties, sentence_casualties
from eventwire.events.numbers import load_cues

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}


@pytest.mark.parametrize(
    ("sentence", "language", "killed", "injured"),
    [
        (
            "provoquant la mort de 13 terroristes tandis que sept autres étaient blessés",
            "fr",
            13,
            7,
        ),
        ("At least 12 people were killed and 30 wounded.", "en", 12, 30),
        ("Two soldiers and three civilians were killed.", "en", 5, None),
        ("Une dizaine de morts ont été recensés.", "fr", 10, None),
        ("Un soldat a été tué et deux autres blessés.", "fr", 1, 2),
        ("A roadside bomb killed a policeman and wounded 4 others.", "en", 1, 4),
        ("Between 10 and 15 people died.", "en", 10, None),
        ("Gunmen killed 3 soldiers on 11 November 2018.", "en", 3, None),
        ("Le bilan s'élève à 1 200 morts et 3.500 blessés.", "fr", 1200, 3500),
        ("The attack caused no casualties.", "en", 0, 0),
        ("L'explosion n'a fait aucune victime.", "fr", 0, 0),
        ("Quelque 20.000 combattants se trouvaient positionnés.", "fr", None, None),
        ("Since 2014, 5,000 people have been killed.", "en", None, None),
        ("Depuis le début du conflit, 1 200 personnes ont été tuées.", "fr", None, None),
        ("Killing 5 people, including 3 children.", "en", 5, None),
        ("The blast killed a 13-year-old boy.", "en", 1, None),
        ("Ils ont tiré 40 missiles.", "fr", None, None),
        # a dateline's day is no count (issue 14)
        ("NIAMEY, Oct 21, 2023 (AFP) - More than a dozen soldiers were killed.", "en", 12, None),
        # a subset told after its number is not the toll (issue 14)
        ("Two officers were among those killed in the raid.", "en", None, None),
        ("Trois gendarmes figuraient parmi les tués, selon la police.", "fr", None, None),
        ("Nine people including two officers were killed.", "en", 9, None),
    ],
)
def test_sentence_casualties(
    sentence: str, language: str, killed: int | None, injured: int | None
) -> None:
    found = sentence_casualties(sentence, CUES[language])
    assert (None if found.killed is None else found.killed.value) == killed
    assert (None if found.injured is None else found.injured.value) == injured


def test_evidence_spans_number_and_cue() -> None:
    sentence = "provoquant la mort de 13 terroristes tandis que sept autres étaient blessés"
    found = sentence_casualties(sentence, CUES["fr"])
    assert found.killed is not None and found.injured is not None
    assert sentence[found.killed.start : found.killed.end] == "mort de 13"
    assert sentence[found.injured.start : found.injured.end] == "sept autres étaient blessés"


def test_sum_and_approximation_are_noted() -> None:
    assert "two + three" in (
        sentence_casualties("two soldiers and three civilians were killed", CUES["en"]).note or ""
    )
    assert "dizaine" in (sentence_casualties("une dizaine de morts", CUES["fr"]).note or "")


def test_windows_are_read_in_order_with_offsets_into_the_text() -> None:
    text = "Des missiles ont frappé Alep. Ils ont tué 4 personnes. Plus tard, 9 morts à Homs."
    first = (text.index("Des"), text.index(".") + 1)
    second = (text.index("Ils"), text.index("Plus") - 1)
    third = (text.index("Plus"), len(text))
    found = find_casualties(text, CUES["fr"], windows=[first, second, third])
    assert found.killed is not None and found.killed.value == 4
    assert text[found.killed.start : found.killed.end] == "tué 4"


def test_no_figure_is_none_not_zero() -> None:
    found = find_casualties("Des missiles ont frappé Alep.", CUES["fr"], windows=[(0, 29)])
    assert found.killed is None and found.injured is None


@pytest.mark.parametrize(
    ("sentence", "language", "killed", "injured"),
    [
        # a figure followed by its breakdown is counted once
        ("Five people, two soldiers and three civilians, were killed on Saturday.", "en", 5, None),
        # an article closes a coordination, across an acronym in brackets
        (
            "killing two members of the Syrian Democratic Forces (SDF) and a civilian driver",
            "en",
            3,
            None,
        ),
        # "d'une" is no count, and "un" does not agree with "tués"
        ("À Sarmin, six membres d'une même famille ont été tués.", "fr", 6, None),
        # an age between the count and the cue
        ("Un enfant de neuf ans a été tué et deux autres blessés.", "fr", 1, 2),
        # quotes around the figure or the cue
        ('The troops killed "about twenty" of them near Dori.', "en", 20, None),
        ("L'armée a annoncé avoir « neutralisé » sept terroristes.", "fr", 7, None),
        ("« plus de 400 terroristes » avaient été neutralisés par des frappes.", "fr", 400, None),
        # zero statements win over the number inside them
        ("No one was killed in the blast.", "en", 0, None),
        ("Israel's military said no soldiers were hurt.", "en", 0, 0),
        ("Aucun soldat n'a été blessé.", "fr", None, 0),
    ],
)
def test_sentence_casualties_second_round(
    sentence: str, language: str, killed: int | None, injured: int | None
) -> None:
    found = sentence_casualties(sentence, CUES[language])
    assert (None if found.killed is None else found.killed.value) == killed
    assert (None if found.injured is None else found.injured.value) == injured


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        ("Gunmen killed the driver of a lorry near Katsina on Monday.", "en", 1),
        ("The army killed the commander of the militia.", "en", 1),
        ("Le chauffeur du camion a été tué par des hommes armés.", "fr", 1),
        ("Des hommes armés ont abattu le maire de la commune.", "fr", 1),
        ("Gunmen killed the driver and two passengers.", "en", None),  # a figure follows: not 1
        ("Les chauffeurs ont été tués.", "fr", None),  # plural
        ("The driver was injured.", "en", None),  # injured never fills fatalities
    ],
)
def test_one_named_victim_counts_one(sentence: str, language: str, killed: int | None) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert (found.value if found else None) == killed


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        ("Three traders were fatally shot near the market of Tillia.", "en", 3),
        ("Gunmen shot to death four farmers near Tillia.", "en", 4),
        ("Two teachers were gunned down on the road to Tillia.", "en", 2),
        ("Cinq villageois ont été égorgés près de Tillia.", "fr", 5),
        ("Deux chefs coutumiers ont été assassinés à Tillia.", "fr", 2),
        # the wounded stay wounded
        ("Three traders were wounded near Tillia.", "en", None),
    ],
)
def test_killing_verbs_give_the_toll(sentence: str, language: str, killed: int | None) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert (found.value if found else None) == killed


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        ("Une frappe aérienne a tué mardi trois civils à Gaza.", "fr", 3),
        ("Des hommes armés ont tué le 3 mars trois civils près de Tillia.", "fr", 3),
        ("Des hommes armés ont tué dans la nuit de samedi à dimanche quatre villageois.", "fr", 4),
        ("Gunmen killed on Sunday night four villagers near Tillia.", "en", 4),
        ("The bombing killed on 12 May 2023 six people.", "en", 6),
        # a day of the month is still no count
        ("Trois soldats ont été tués mardi 3 mars.", "fr", 3),
        ("Six villageois ont été tués dans la nuit du dimanche 16 au lundi 17 juin.", "fr", 6),
        ("On Sunday 16 people were killed near Tillia.", "en", 16),
    ],
)
def test_a_date_between_verb_and_count_does_not_part_them(
    sentence: str, language: str, killed: int
) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert found is not None and found.value == killed


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        ("Cinq soldats sont morts en martyr lors de l'assaut.", "fr", 5),
        ("Cinq militaires ont été tués en martyrs près de Tillia.", "fr", 5),
        ("Five soldiers were martyred in the assault on the post.", "en", 5),
        ("Four guards fell as martyrs during the raid.", "en", 4),
        ("Six gendarmes sont tombés en héros lors de l'embuscade.", "fr", 6),
        ("Deux policiers sont tombés au champ d'honneur près de Tillia.", "fr", 2),
        ("Three rangers fell in battle near Tillia.", "en", 3),
    ],
)
def test_martyr_idioms_give_the_toll(sentence: str, language: str, killed: int) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert found is not None and found.value == killed


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        ('A "dozen soldiers" were killed near Tillia.', "en", 12),
        ("Une « dizaine de soldats » ont été tués près de Tillia.", "fr", 10),
    ],
)
def test_a_quote_inside_a_vague_figure_keeps_it(sentence: str, language: str, killed: int) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert found is not None and found.value == killed


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        # a plural of a magnitude is at least two of it (GUIDE.md: "des dizaines" = [20, 99])
        ("Dozens of herders were killed near Tillia.", "en", 24),
        ("Plusieurs dizaines de bergers ont été tués près de Tillia.", "fr", 20),
        # "several", "de nombreux" alone give no figure (GUIDE.md: null)
        ("Several herders were killed near Tillia.", "en", None),
        ("De nombreux bergers ont été tués près de Tillia.", "fr", None),
        ("Plusieurs bergers ont été tués près de Tillia.", "fr", None),
    ],
)
def test_vague_plurals_read_conservatively(
    sentence: str, language: str, killed: int | None
) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert (found.value if found else None) == killed


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        # a toll over several days or a period sums several events: cumulative (GUIDE.md)
        ("Three days of clashes between rival clans have left 12 people dead.", "en"),
        (
            "The army fought rebels in a third day of fighting in which six herders were killed.",
            "en",
        ),
        ("Nine herders were killed in the past 24 hours across the province.", "en"),
        ("Neuf bergers ont été tués en 24 heures dans la province.", "fr"),
        ("Neuf bergers ont été tués ces dernières 24 heures dans la province.", "fr"),
        ("Trois jours de combats entre clans rivaux ont fait 12 morts.", "fr"),
    ],
)
def test_a_toll_over_several_days_is_cumulative(sentence: str, language: str) -> None:
    assert sentence_casualties(sentence, CUES[language]).killed is None


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        # the article of the agent before an active killing verb is no toll
        ("Une frappe aérienne a tué des bergers près de Tillia.", "fr", None),
        ("An air strike has killed herders near Tillia.", "en", None),
        # the article of the victim still counts one
        ("Un berger a été tué près de Tillia.", "fr", 1),
        ("Un berger a péri près de Tillia.", "fr", 1),
    ],
)
def test_the_agent_of_a_killing_is_no_toll(
    sentence: str, language: str, killed: int | None
) -> None:
    found = sentence_casualties(sentence, CUES[language]).killed
    assert (found.value if found else None) == killed


@pytest.mark.parametrize(
    ("sentence", "language", "killed"),
    [
        ("A low drive from 25 yards killed off the contest late on.", "en", None),
        ("Une frappe à 20 mètres a tué le match dans les arrêts de jeu.", "fr", None),
        ("A 120 mm mortar round killed two farmers.", "en", 2),
        ("Un engin de 15 kg a tué trois bergers.", "fr", 3),
    ],
)
def test_a_distance_or_weight_is_no_toll(sentence: str, language: str, killed: int | None) -> None:
    """A number followed by a distance or a weight ("30 yards", "20 mètres") counts no victims
    (issue 14)."""
    found = sentence_casualties(sentence, CUES[language]).killed
    assert (None if found is None else found.value) == killed
