"""The actor dictionary, actor mentions of an article, and agent/target roles."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.events.actors import fold, load_actor_dictionary, ner_actors
from eventwire.events.roles import agent_and_target, load_frames
from eventwire.events.stage import ActorStage, find_actors
from eventwire.records import Article, Document


@pytest.fixture(scope="module")
def actors():
    return load_actor_dictionary()


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("les combattants des Hachd al-Chaabi", "Popular Mobilization Forces", "armed_group"),
        ("fighters of the Hashd al-Shaabi", "Popular Mobilization Forces", "armed_group"),
        ("the PMF said", "Popular Mobilization Forces", "armed_group"),
        ("des positions de Daech", "Islamic State", "armed_group"),
        ("l'organisation Etat islamique", "Islamic State", "armed_group"),
        ("le groupe EI a revendiqué", "Islamic State", "armed_group"),
        ("ISIL fighters", "Islamic State", "armed_group"),
        ("le M23 a pris Goma", "M23: March 23 Movement", "armed_group"),
        ("les Houthis ont tiré", "Ansar Allah (Houthis)", "armed_group"),
        ("l'armée syrienne a bombardé", "Military Forces of Syria", "state_force"),
        ("les soldats maliens", "Military Forces of Mali", "state_force"),
        ("l'armée du Mali", "Military Forces of Mali", "state_force"),
        ("Nigerian troops killed", "Military Forces of Nigeria", "state_force"),
        ("Kenyan police officers", "Police Forces of Kenya", "state_force"),
        ("the Iraqi government said", "Government of Iraq", "government"),
        ("des hommes armés non identifiés", "Unidentified Armed Group", "armed_group"),
        ("trois civils", "Civilians", "civilians"),
        ("les soldats américains", "Military Forces of the United States", "state_force"),
        ("Houthi authorities", "Ansar Allah (Houthis)", "armed_group"),
    ],
)
def test_dictionary_finds_alias(actors, text: str, name: str, kind: str) -> None:
    found = actors.find(text)
    assert [(a.name, a.kind) for a in found] == [(name, kind)]
    assert text[found[0].mention.start : found[0].mention.end] == found[0].mention.text


@pytest.mark.parametrize(
    "text", ["la Syrie", "en Irak", "Israël", "this is it", "the United States"]
)
def test_dictionary_country_names_are_not_actors(actors, text: str) -> None:
    assert actors.find(text) == []


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("trois civils", "ML", "Civilians (Mali)"),
        ("des hommes armés", "NE", "Unidentified Armed Group (Niger)"),
        ("the soldiers", "CD", "Military Forces of the Democratic Republic of Congo"),
        ("des manifestants", "LB", "Protesters (Lebanon)"),
        (
            "les FDS ont riposté",
            "NE",
            "Military Forces of Niger",
        ),  # Forces de défense et de sécurité
        ("les FDS ont riposté", "SY", "Syrian Democratic Forces"),
        (
            "Forces démocratiques syriennes",
            "NE",
            "Syrian Democratic Forces",
        ),  # only the acronym is ambiguous
        ("l'État islamique", "BF", "Islamic State (Sahel)"),
        ("l'État islamique", "IQ", "Islamic State (Iraq)"),
        ("trois civils", None, "Civilians"),
        # actors.v2.3: "the UN mission" is the mission of the country, a fighter only where one is
        (
            "the UN mission",
            "CD",
            (
                "MONUSCO: United Nations Organization Stabilization Mission in the "
                "Democratic Republic of Congo"
            ),
        ),
        ("the UN mission", "LY", "United Nations"),
    ],
)
def test_localize_gives_acled_national_and_regional_names(actors, text, country, name) -> None:
    (actor,) = actors.find(text)
    assert actors.localize(actor, country).name == name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("des civils maliens", "ML"),
        ("Nigerien soldiers", None),
        ("Malian civilians", "ML"),
        ("les FDS nigériennes", "NE"),
        ("des civils", None),
        ("les civils de Gao", None),
    ],
)
def test_adjacent_country_reads_demonym_next_to_mention(actors, text, code) -> None:
    (actor,) = actors.find(text)
    assert actors.adjacent_country(text, actor.mention) == code


def test_dictionary_acronyms_are_case_sensitive(actors) -> None:
    assert actors.find("ei, is and pmf") == []


def test_fold_keeps_offsets() -> None:
    text = "L’État islamique — Daëch"
    assert len(fold(text)) == len(text)
    assert fold(text) == "l'etat islamique - daech"


@pytest.mark.parametrize(
    ("text", "lower", "expected"),
    [
        ("Rock`n Roll", True, "rock'n roll"),  # ASCII: only the backtick is a quote
        ("Rock`n Roll", False, "Rock'n Roll"),
        ("İSTANBUL Kılıç", True, "istanbul kılıc"),  # dotted capital I folds to one "i"
        ("Ça — Œuvre", False, "Ca - Œuvre"),  # no ASCII base letter: kept
    ],
)
def test_fold_ascii_and_non_ascii(text: str, lower: bool, expected: str) -> None:
    assert fold(text, lower=lower) == expected


def test_user_dictionary_merges_and_replaces(tmp_path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "version: mine.v1\ngroups:\n"
        "  - {id: codeco, name: CODECO militia, kind: armed_group, aliases: [Codeco]}\n"
        "  - {id: zz, name: Zouzou Brigade, kind: armed_group, aliases: [Brigade Zouzou]}\n"
    )
    actors = load_actor_dictionary([path])
    assert [a.name for a in actors.find("la Brigade Zouzou et la CODECO")] == [
        "Zouzou Brigade",
        "CODECO militia",
    ]
    assert actors.version == "actors.v2.3+mine.v1"


def test_user_dictionary_with_bad_kind_names_file_and_field(tmp_path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("groups:\n  - {id: x, name: X, kind: gang, aliases: [X]}\n")
    with pytest.raises(InputError, match=r"bad.yaml: groups\[0\]: kind 'gang' is not one of"):
        load_actor_dictionary([path])


def test_actor_stage_on_sample_lists_groups_not_countries(actors, nlp_fr, sample_path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    doc = ActorStage(actors)(Document(Article("s", text, language="fr"), nlp=nlp_fr(text)))
    texts = {a.mention.text: a.name for a in doc.actors}
    assert texts["Hachd al-Chaabi"] == "Popular Mobilization Forces"
    assert texts["Hachd"] == "Popular Mobilization Forces"
    assert texts["Daech"] == "Islamic State"
    assert texts["Ghassem Mosleh"] == "Ghassem Mosleh"  # NER fallback: a person
    assert not {"Syrie", "Irak", "États-Unis", "Tell Mozan", "militaires"} & set(texts)
    assert all(text[a.mention.start : a.mention.end] == a.mention.text for a in doc.actors)


@pytest.mark.parametrize(
    ("lang", "text", "trigger", "actor1", "actor2"),
    [
        (
            "fr",
            "Les Houthis ont attaqué l'armée saoudienne.",
            "attaqué",
            "Ansar Allah (Houthis)",
            "Military Forces of Saudi Arabia",
        ),
        (
            "fr",
            "Deux civils ont été tués par des hommes armés.",
            "tués",
            "Unidentified Armed Group",
            "Civilians",
        ),
        (
            "en",
            "Boko Haram fighters attacked Nigerian troops.",
            "attacked",
            "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
            "Military Forces of Nigeria",
        ),
        (
            "en",
            "Three civilians were abducted by al-Shabaab.",
            "abducted",
            "Al Shabaab",
            "Civilians",
        ),
        ("en", "The Islamic State attack on Kurdish fighters", "attack", "Islamic State", None),
    ],
)
def test_roles_agent_and_target(
    actors, nlp_fr, nlp_en, lang, text, trigger, actor1, actor2
) -> None:
    nlp_doc = (nlp_fr if lang == "fr" else nlp_en)(text)
    doc = Document(Article("t", text, language=lang), nlp=nlp_doc)
    token = next(t for t in nlp_doc if t.text == trigger)
    a1, a2 = agent_and_target(token, find_actors(doc, actors), actors, frames=load_frames())
    assert (a1 and a1.name, a2 and a2.name) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # issue 15: adjectival perpetrators are the country's forces, unnamed victims civilians
        ("des tirs d'artillerie turcs", "Military Forces of Turkey"),
        ("des frappes israéliennes", "Military Forces of Israel"),
        ("Ukrainian drones", "Military Forces of Ukraine"),
        ("un enseignant", "Civilians"),
        ("a bus driver", "Civilians"),
        ("des bandits", "Unidentified Armed Group"),
        ("unidentified men", "Unidentified Armed Group"),
        ("les combattants de l'Armée d'Arakan", "Arakan Army"),
        ("la coalition Viv Ansanm", "Viv Ansanm"),
        ("le cartel Jalisco Nouvelle Génération", "Jalisco New Generation Cartel"),
    ],
)
def test_dictionary_v2_names_acled_style(actors, text: str, name: str) -> None:
    assert [a.name for a in actors.find(text)] == [name]


@pytest.mark.parametrize(
    "country",
    [
        "ML",
        "BF",
        "NE",
        "NG",
        "SO",
        "SD",
        "CD",
        "SY",
        "IQ",
        "YE",
        "LB",
        "LY",
        "AF",
        "UA",
        "MM",
        "CO",
        "MX",
        "HT",
    ],
)
def test_dictionary_v2_has_groups_of_every_realnews_country(actors, country: str) -> None:
    assert any(e.country_code == country and not e.generic for e in actors.entries.values())
    assert actors.version.startswith("actors.v2")


@pytest.mark.parametrize(
    ("country", "name"),
    [("CM", "Ambazonian Separatists"), ("ML", "Unidentified Armed Group (Mali)")],
)
def test_unnamed_separatists_take_the_group_acled_names_in_their_country(
    country: str, name: str
) -> None:
    actors = load_actor_dictionary()
    (found,) = actors.find("des séparatistes ont attaqué")
    assert actors.localize(found, country).name == name


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("les paramilitaires ont pris la ville", "SD", "Rapid Support Forces"),
        ("the paramilitaries shelled the camp", "SD", "Rapid Support Forces"),
        ("des paramilitaires ont tiré", "CO", "Unidentified Armed Group (Colombia)"),
        # the regional rule is for the paramilitaries only: gunmen in Sudan stay unidentified
        ("des hommes armés ont tiré", "SD", "Unidentified Armed Group (Sudan)"),
    ],
)
def test_unnamed_paramilitaries_are_the_rsf_in_sudan_only(
    actors, text: str, country: str, name: str
) -> None:
    (found,) = actors.find(text)
    assert actors.localize(found, country).name == name


def test_a_dateline_is_no_actor(nlp_en) -> None:
    # the small English model reads both capitalised names as organisations
    text = "YAOUNDE, March 4 (Wire) — Troops repelled an attack in Bamenda."
    doc = nlp_en(text)
    assert "YAOUNDE" in [e.text for e in doc.ents if e.label_ == "ORG"]
    assert "YAOUNDE" not in [a.name for a in ner_actors(doc, [], text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a drone killed a man near the border", "Civilians (Ukraine)"),
        ("une fillette a été blessée", "Civilians (Ukraine)"),
        ("a gunman opened fire", "Unidentified Armed Group (Ukraine)"),
        ("un homme armé a tiré", "Unidentified Armed Group (Ukraine)"),
    ],
)
def test_unnamed_victims_and_attackers_in_the_singular(actors, text: str, name: str) -> None:
    found = [a for a in actors.find(text) if a.dictionary_id != "military_unspecified"]
    assert [actors.localize(a, "UA").name for a in found] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # actors.v2.3: a compound demonym names the leading state first
        ("des frappes américano-britanniques", "Military Forces of the United States"),
        ("la coalition franco-malienne", "Military Forces of France"),
        ("les raids russo-syriens", "Military Forces of Russia"),
        ("US-British strikes", "Military Forces of the United States"),
    ],
)
def test_compound_demonym_names_the_leading_state(actors, text: str, name: str) -> None:
    assert [a.name for a in actors.find(text)] == [name]


@pytest.mark.parametrize(
    "text", ["US-backed forces", "Iranian-backed forces", "Turkish-led forces"]
)
def test_a_sponsor_named_before_a_hyphen_is_not_the_force(actors, text: str) -> None:
    assert [a.name for a in actors.find(text) if a.kind == "state_force"] == []


@pytest.mark.parametrize(
    "text", ["personne n'a revendiqué l'attaque", "l'Observatoire des droits de l'homme"]
)
def test_words_that_name_no_victim(actors, text: str) -> None:
    assert [a.name for a in actors.find(text) if a.kind == "civilians"] == []
