"""Roles from meaning (issue 15): who acts and who is the target, on invented sentences."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy
import yaml
from spacy.tokens import Doc

import eventwire
from eventwire.errors import InputError
from eventwire.events.actors import load_actor_dictionary
from eventwire.events.roles import agent_and_target, crowd_order, is_passive, load_frames
from eventwire.records import Actor, ActorKind, Span


def _roles(text: str, language: str) -> list[tuple[str | None, str | None]]:
    result = eventwire.extract(
        text, published="2024-03-06", source="Invented Wire", language=language
    )
    return [(e.actor1 and e.actor1.name, e.actor2 and e.actor2.name) for e in result.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "actor1", "actor2"),
    [
        (
            "fr",
            "Des drones ont frappé des positions de Daech près de Raqqa, en Syrie.",
            None,
            "Islamic State (Syria)",
        ),
        (
            "fr",
            "Un poste de l'armée a été la cible d'une attaque de terroristes à Tessit, au Mali.",
            "Unidentified Armed Group (Mali)",
            "Military Forces of Mali",
        ),
        (
            "fr",
            "Un enseignant a été tué par des hommes armés à Djibo, au Burkina Faso.",
            "Unidentified Armed Group (Burkina Faso)",
            "Civilians (Burkina Faso)",
        ),
        (
            "fr",
            "Des tirs d'artillerie turcs ont frappé le village de Tall Tamr, en Syrie.",
            "Military Forces of Turkey",
            None,
        ),
        (
            "fr",
            "La police a tiré à balles réelles sur les manifestants à Nairobi, au Kenya.",
            "Police Forces of Kenya",
            "Protesters (Kenya)",
        ),
        # roles.v2: the contracted genitive of an event noun names who acted
        (
            "fr",
            "Trois bergers ont été blessés lors d'un raid des rebelles près de Tillia, au Niger.",
            "Unidentified Armed Group (Niger)",
            "Civilians (Niger)",
        ),
        # victims named by their nationality alone are civilians of that country
        (
            "fr",
            "Deux Maliens ont été enlevés par des hommes armés près de Kayes, au Mali.",
            "Unidentified Armed Group (Mali)",
            "Civilians (Mali)",
        ),
        (
            "en",
            "Gunmen kidnapped three Syrians near Sabha, Libya.",
            "Unidentified Armed Group (Libya)",
            "Civilians (Syria)",
        ),
        (
            "en",
            "Gunmen killed a bus driver near Kaduna, Nigeria.",
            "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)",
        ),
    ],
)
def test_roles_from_meaning(
    language: str, text: str, actor1: str | None, actor2: str | None
) -> None:
    assert (actor1, actor2) in _roles(text, language)


@pytest.mark.slow
def test_soldiers_killed_in_an_attack_are_its_target() -> None:
    roles = _roles(
        "Onze soldats maliens ont été tués dans une attaque contre leur base à Boni, au Mali.", "fr"
    )
    assert roles and all(a1 != "Military Forces of Mali" for a1, _ in roles)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "sides"),
    [
        # the sentence names one side; the article named the other just before
        (
            "en",
            (
                "Separatist fighters have been active near Mamfe, Cameroon, for months. "
                "On Monday troops were ambushed near Mamfe, Cameroon."
            ),
            {"Ambazonian Separatists", "Military Forces of Cameroon"},
        ),
        # people killed in a clash are no side of it
        (
            "fr",
            (
                "L'armée malienne a affronté des jihadistes de l'EIGS près de Ménaka, au Mali. "
                "Les combats ont fait dix morts parmi les habitants de Ménaka, au Mali."
            ),
            {"Military Forces of Mali", "Islamic State (Sahel)"},
        ),
    ],
)
def test_battles_have_two_armed_sides(language: str, text: str, sides: set[str]) -> None:
    roles = _roles(text, language)
    assert roles and all({a1, a2} == sides for a1, a2 in roles)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            (
                "Les FDS ont arrêté dix suspects à Hassaké lundi. Onze soldats syriens ont été "
                "tués mardi dans une attaque contre leur base près de Deir ez-Zor."
            ),
        ),
        (
            "en",
            (
                "Jihadists of the Islamic State stormed a prison near Menaka on Monday.\n\n"
                "Five Malian soldiers were killed in clashes near Kidal on Wednesday."
            ),
        ),
    ],
)
def test_a_battle_side_is_not_taken_from_another_day_or_place(language: str, text: str) -> None:
    # the force of the first sentence acted on another day, elsewhere: it fought no one here
    battles = [r for r in _roles(text, language) if "Military Forces" in f"{r[0]} {r[1]}"]
    assert battles
    assert all("Syrian Democratic" not in str(r) and "Islamic" not in str(r) for r in battles)


@pytest.mark.slow
def test_two_forces_of_one_country_are_one_side_of_a_battle() -> None:
    text = (
        "Des affrontements ont éclaté entre séparatistes et gendarmes près de Kumba. Bilan selon "
        "une source sécuritaire : une dizaine de morts et deux soldats camerounais abattus mardi, "
        "alors que l'armée menait un assaut contre deux camps à Ndop."
    )
    sides = {"Military Forces of Cameroon", "Ambazonian Separatists"}
    assert any({a1, a2} == sides for a1, a2 in _roles(text, "fr"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "actor1", "actor2"),
    [
        # roles.v4: the speaker's possessive is the perpetrator, never the target
        (
            "en",
            "The Israeli army said its strikes targeted Hezbollah positions in southern Lebanon.",
            "Military Forces of Israel",
            "Hezbollah",
        ),
        (
            "en",
            "Russia said on Thursday its forces had taken control of Krasne in eastern Ukraine.",
            "Military Forces of Russia",
            None,
        ),
        (
            "fr",
            (
                "La Russie a affirmé jeudi que ses forces avaient pris le contrôle du village de "
                "Krasne, dans l'est de l'Ukraine."
            ),
            "Military Forces of Russia",
            None,
        ),
    ],
)
def test_a_possessive_agent_acts_for_its_owner(
    language: str, text: str, actor1: str, actor2: str | None
) -> None:
    assert _roles(text, language) == [(actor1, actor2)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Des affrontements entre hommes armés ont fait six morts à Zaouïa, en Libye."),
        ("en", "Clashes between gunmen killed six people in Zawiya, Libya."),
        # roles.v1/actors.v2.3: a UN mission that reports fights no one outside its own country
        ("en", "Fighting between gunmen erupted in Zawiya, Libya, the UN mission said."),
    ],
)
def test_a_clash_among_unidentified_gunmen_has_two_unidentified_sides(
    language: str, text: str
) -> None:
    side = "Unidentified Armed Group (Libya)"
    assert (side, side) in _roles(text, language)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            (
                "Des frappes aériennes attribuées à une coalition américano-britannique ont tué "
                "trois pêcheurs près de Hodeida, au Yémen."
            ),
        ),
        (
            "fr",
            "Des frappes américano-britanniques ont tué trois pêcheurs près de Hodeida, au Yémen.",
        ),
        ("en", "US-British strikes killed three fishermen near Hodeidah, Yemen."),
    ],
)
def test_a_joint_strike_is_coded_to_the_leading_state(language: str, text: str) -> None:
    actor1s = [a1 for a1, _ in _roles(text, language)]
    assert "Military Forces of the United States" in actor1s


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia said on Monday it had captured the village of Krasne in eastern Ukraine."),
        (
            "en",
            "Russia said its troops had taken control of the village of Krasne in eastern Ukraine.",
        ),
        (
            "fr",
            (
                "La Russie a annoncé que ses soldats avaient pris le contrôle "
                "du village de Krasne, dans l'est de l'Ukraine."
            ),
        ),
    ],
)
def test_a_country_that_says_it_acted_acts_through_its_military(language: str, text: str) -> None:
    roles = _roles(text, language)
    assert roles and all(a1 == "Military Forces of Russia" for a1, _ in roles)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text", "force", "crowd"),
    [
        (
            "en",
            (
                "Riot police were deployed in Cali, Colombia, on Tuesday. "
                "A student was killed during protests in Cali, Colombia, on Tuesday."
            ),
            "Police Forces of Colombia",
            "Protesters (Colombia)",
        ),
        (
            "fr",
            (
                "La police était déployée à Dakar, au Sénégal, vendredi. "
                "Un manifestant a été tué lors des manifestations à Dakar, au Sénégal, vendredi."
            ),
            "Police Forces of Senegal",
            "Protesters (Senegal)",
        ),
    ],
)
def test_the_force_told_in_another_sentence_used_force_against_protesters(
    language: str, text: str, force: str, crowd: str
) -> None:
    assert (force, crowd) in _roles(text, language)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            (
                "Des hommes armés ont attaqué dimanche un village près de Gao, faisant neuf morts, "
                "a indiqué la police."
            ),
        ),
        (
            "fr",
            (
                "Des hommes armés ont attaqué dimanche un village près de Gao, faisant neuf morts, "
                "a déclaré la gendarmerie."
            ),
        ),
    ],
)
def test_the_speaker_of_a_closing_reporting_clause_is_no_side(language: str, text: str) -> None:
    # the police report the attack: they are neither its target nor a side of a battle
    roles = _roles(text, language)
    assert roles
    assert all("Police" not in f"{a1} {a2}" for a1, a2 in roles)


@pytest.mark.slow
def test_a_source_is_not_the_perpetrator() -> None:
    roles = _roles(
        "Selon la police, des hommes armés ont tué trois villageois à Zaria, au Nigeria.", "fr"
    )
    assert ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)") in roles


def test_frame_table_is_data() -> None:
    frames = load_frames()
    assert frames.version == "roles.v4"
    assert {"par", "by"} <= frames.agent_prepositions
    assert {"cible", "target"} <= frames.target_frames and "positions" in frames.target_holdings


def test_crowd_order_excessive_force_puts_the_force_first() -> None:
    from eventwire.records import Actor, Span

    crowd = Actor(Span("manifestants", 0, 12), "Protesters (Kenya)", "other", "KE", "protesters")
    police = Actor(Span("police", 20, 26), "Police Forces of Kenya", "state_force", "KE", None)
    assert crowd_order("Excessive force against protesters", crowd, police) == (police, crowd)
    assert crowd_order("Peaceful protest", crowd, police) == (crowd, None)


@pytest.mark.parametrize(
    ("sub_type", "kept"),
    [
        ("Protest with intervention", False),
        ("Violent demonstration", False),
        ("Mob violence", True),
    ],
)
def test_crowd_order_faces_a_crowd_with_a_force_not_civilians(sub_type: str, kept: bool) -> None:
    from eventwire.records import Actor, Span

    crowd = Actor(Span("manifestants", 0, 12), "Rioters (France)", "other", "FR", "rioters")
    held = Actor(Span("personnes", 20, 29), "Civilians (France)", "civilians", "FR", "civilians")
    assert crowd_order(sub_type, crowd, held) == (crowd, held if kept else None)


@pytest.mark.slow
def test_people_held_at_a_protest_are_not_its_second_side() -> None:
    text = (
        "Quelques centaines de manifestants se sont rassemblés dimanche à Lyon, en France, "
        "contre la réforme. Douze personnes ont été interpellées."
    )
    roles = _roles(text, "fr")
    assert roles and all(a2 != "Civilians (France)" for _, a2 in roles)


def test_load_frames_rejects_a_table_missing_a_list(tmp_path) -> None:
    path = tmp_path / "roles.yaml"
    packaged = (resources.files("eventwire") / "data" / "roles.v1.yaml").read_text("utf-8")
    raw = yaml.safe_load(packaged)
    del raw["anaphors"]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="roles.yaml: the frame list 'anaphors' is missing"):
        load_frames(path)


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A French sentence with the parse given, so a parser's known mistakes can be replayed."""
    return Doc(
        spacy.blank("fr").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=[w.lower() for w in words],
    )


def _mention(doc: Doc, index: int, name: str, kind: ActorKind) -> Actor:
    token = doc[index]
    return Actor(Span(token.text, token.idx, token.idx + len(token)), name, kind)


def test_a_subject_the_parser_calls_passive_acts_when_the_verb_has_an_object() -> None:
    # "Les rebelles ont arrêté dix suspects", with the subject mislabelled nsubj:pass
    doc = _parsed(
        ["Les", "rebelles", "ont", "arrêté", "dix", "suspects", "."],
        [1, 3, 3, 3, 5, 3, 3],
        ["det", "nsubj:pass", "aux:tense", "ROOT", "nummod", "obj", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "NUM", "NOUN", "PUNCT"],
    )
    rebels = _mention(doc, 1, "Rebels", "armed_group")
    actor1, actor2 = agent_and_target(
        doc[3], [rebels], load_actor_dictionary(), frames=load_frames()
    )
    assert (actor1, actor2) == (rebels, None)
    assert not is_passive(doc[3])


def test_a_true_passive_keeps_its_subject_as_the_target() -> None:
    # "Les rebelles ont été attaqués": a passive auxiliary, no object
    doc = _parsed(
        ["Les", "rebelles", "ont", "été", "attaqués", "."],
        [1, 4, 4, 4, 4, 4],
        ["det", "nsubj:pass", "aux:tense", "aux:pass", "ROOT", "punct"],
        ["DET", "NOUN", "AUX", "AUX", "VERB", "PUNCT"],
    )
    rebels = _mention(doc, 1, "Rebels", "armed_group")
    assert is_passive(doc[4])
    assert agent_and_target(doc[4], [rebels], load_actor_dictionary(), frames=load_frames()) == (
        None,
        rebels,
    )


def test_a_partitive_object_parsed_as_an_oblique_is_the_target() -> None:
    # "Des avions ont bombardé des dépôts des rebelles", "des dépôts" parsed as obl:arg + case
    doc = _parsed(
        ["Des", "avions", "ont", "bombardé", "des", "dépôts", "des", "rebelles", "."],
        [1, 3, 3, 3, 5, 3, 7, 5, 3],
        ["det", "nsubj", "aux:tense", "ROOT", "case", "obl:arg", "case", "nmod", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "ADP", "NOUN", "PUNCT"],
    )
    rebels = _mention(doc, 7, "Rebels", "armed_group")
    assert agent_and_target(doc[3], [rebels], load_actor_dictionary(), frames=load_frames()) == (
        None,
        rebels,
    )
