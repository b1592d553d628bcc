"""Trigger detection on real parses, and typing of families and cues into ACLED sub-types."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from eventwire.errors import InputError
from eventwire.events.triggers import (
    CUE_NAMES,
    Trigger,
    classify,
    find_cues,
    find_triggers,
    load_lexicons,
)


@pytest.fixture(scope="module")
def lexicons():
    return {"fr": load_lexicons("fr"), "en": load_lexicons("en")}


def _families(nlp, lexicon, text: str) -> dict[str, set[str]]:
    doc = nlp(text)
    return {
        doc[t.start : t.end].text: set(t.families)
        for s in doc.sents
        for t in find_triggers(s, lexicon)
    }


@pytest.mark.parametrize(
    ("text", "word", "family"),
    [
        ("Les rebelles ont attaqué le camp militaire.", "attaqué", "attack"),
        ("L'armée a pilonné les positions rebelles.", "pilonné", "shell"),
        ("Des hommes armés ont enlevé trois enseignants.", "enlevé", "abduct"),
        ("Les missiles se sont abattus sur la ville.", "abattus", "shell"),
        ("Des milliers de personnes ont manifesté à Bamako.", "manifesté", "protest"),
        ("Les soldats ont ouvert le feu sur la foule.", "ouvert le feu", "fire"),
        ("La police a arrêté cinq suspects.", "arrêté", "arrest"),
        # a claimed attack is told, not demanded
        ("Le groupe a revendiqué mardi une attaque contre le camp de Gao.", "attaque", "attack"),
    ],
)
def test_find_triggers_french(nlp_fr, lexicons, text: str, word: str, family: str) -> None:
    assert family in _families(nlp_fr, lexicons["fr"], text)[word]


@pytest.mark.parametrize(
    ("text", "word", "family"),
    [
        ("Militants fired rockets at the base.", "fired", "fire"),
        ("Two soldiers were killed in the ambush.", "ambush", "attack"),
        ("Gunmen kidnapped a priest.", "kidnapped", "abduct"),
        ("Soldiers opened fire on the crowd.", "opened fire", "fire"),
        ("Troops recaptured the town.", "recaptured", "retake"),
        ("Police defused a bomb near the market.", "defused", "defuse"),
    ],
)
def test_find_triggers_english(nlp_en, lexicons, text: str, word: str, family: str) -> None:
    assert family in _families(nlp_en, lexicons["en"], text)[word]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "An attack helicopter flew over the city."),
        ("en", "The company fired its chief executive."),
        ("en", "A fire broke out in the kitchen."),
        ("fr", "Le groupe a su tirer profit de la situation."),
        ("fr", "Un hélicoptère d'attaque survolait la ville."),
        ("fr", "C'est de là qu'ils lancent régulièrement des attaques."),
        ("fr", "Les Américains se servent des réfugiés comme des otages."),
        ("en", "The rebels took control of the cabinet agenda."),
        # feared or prevented, not told
        ("en", "Villagers now travel by boat for fear of abductions on the roads."),
        ("fr", "Les habitants voyagent en pirogue par crainte des enlèvements sur les routes."),
        ("fr", "Les habitants restent chez eux pour éviter les attaques contre les convois."),
        # a participle before its noun describes people told of already
        ("en", "The attacked soldiers belonged to a special unit trained abroad."),
        ("en", "The kidnapped students were members of a church choir."),
        # a task or a skill named after its kind (issue 14)
        ("en", "The drone was flying a combat mission over the valley."),
        ("en", "The recruits received combat training abroad."),
    ],
)
def test_find_triggers_drops_non_events(nlp_fr, nlp_en, lexicons, lang: str, text: str) -> None:
    assert _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text) == {}


def test_find_triggers_skips_names(nlp_fr, lexicons) -> None:
    text = "Le Mouvement du 23 mars a tenu une réunion."
    doc = nlp_fr(text)
    blocked = [(text.index("Mouvement"), text.index(" a tenu"))]
    assert find_triggers(next(doc.sents), lexicons["fr"], blocked=blocked) == []


def test_find_cues_multiword(nlp_fr, lexicons) -> None:
    doc = nlp_fr("Un engin explosif improvisé a visé un convoi, selon des témoins.")
    assert "explosive" in find_cues(next(doc.sents), lexicons["fr"])


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        # an aim is no change of control: ACLED codes the failed attempt as a battle
        ("en", "The rebels launched an attack to capture the military base.", "capture"),
        ("en", "The militants tried to seize the town of Baraka.", "seize"),
        ("fr", "Les rebelles ont lancé une offensive pour reprendre la ville.", "reprendre"),
        ("fr", "L'armée a tenté de reprendre le contrôle de la localité.", "reprendre le contrôle"),
        # a state, not an event
        ("en", "Troops shelled the occupied areas south of the river.", "occupied"),
        # what was seized is weapons, whatever place follows
        ("en", "Police captured rifles and pistols in the town of Baraka.", "captured"),
    ],
)
def test_territorial_triggers_need_a_change_of_control(
    nlp_fr, nlp_en, lexicons, lang: str, text: str, word: str
) -> None:
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert not found.get(word, set()) & {"seize", "retake"}


@pytest.mark.parametrize(
    ("text", "word", "family"),
    [
        ("Government troops recaptured the port of Baraka on Sunday.", "recaptured", "retake"),
        ("The rebels have set up two new bases near the border.", "set up", "establish"),
        ("Police captured rifles and pistols in the town of Baraka.", "captured", "defuse"),
        ("A roadside mine went off near the convoy.", "went off", "explosion"),
        ("Two drones were detected and destroyed over the border.", "destroyed", "defuse"),
    ],
)
def test_territory_bases_and_weapons_as_objects(nlp_en, lexicons, text, word, family) -> None:
    assert family in _families(nlp_en, lexicons["en"], text)[word]


@pytest.mark.parametrize(
    ("lang", "text", "word", "families"),
    [
        # the weapon that destroyed is the means (ACLED: remote violence by its means)
        ("en", "An airstrike destroyed a clinic in the town.", "destroyed", {"strike"}),
        ("en", "Warplanes destroyed a fuel depot near the airport.", "destroyed", {"strike"}),
        ("en", "The army fired rockets and destroyed two trucks.", "destroyed", {"shell"}),
        ("fr", "Une roquette a détruit une maison du quartier.", "détruit", {"shell"}),
        # the weapon destroyed is the object: a disrupted weapon, no strike
        ("en", "Soldiers destroyed a drone near the base.", "destroyed", {"defuse", "loot"}),
    ],
)
def test_destroying_weapon_is_the_means(nlp_fr, nlp_en, lexicons, lang, text, word, families):
    assert _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)[word] == families


def test_month_names_are_no_protest_cue(nlp_en, lexicons) -> None:
    doc = nlp_en("Two soldiers were killed by a roadside bomb on 16 March near the border.")
    assert "protester" not in find_cues(next(doc.sents), lexicons["en"])


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Riot police chased the students across the square."),
        ("fr", "La police anti-émeute a poursuivi les étudiants sur la place."),
    ],
)
def test_riot_police_is_no_riot(nlp_fr, nlp_en, lexicons, lang: str, text: str) -> None:
    nlp = nlp_fr if lang == "fr" else nlp_en
    doc = nlp(text)
    sent = next(doc.sents)
    assert "riot" not in {f for t in find_triggers(sent, lexicons[lang]) for f in t.families}
    assert "violent_crowd" not in find_cues(sent, lexicons[lang])


@pytest.mark.parametrize(
    ("lang", "text", "cue"),
    [
        ("en", "Thousands marched through the capital to denounce the violence.", "violent_crowd"),
        (
            "fr",
            "Des milliers de personnes ont défilé pour dénoncer les violences.",
            "violent_crowd",
        ),
        ("en", "Gunmen fired on a passenger plane as it landed.", "air"),
    ],
)
def test_denounced_words_and_targets_are_no_cues(nlp_fr, nlp_en, lexicons, lang, text, cue):
    doc = (nlp_fr if lang == "fr" else nlp_en)(text)
    assert cue not in find_cues(next(doc.sents), lexicons[lang])


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "The rebels entered the town without fighting.", "fighting"),
        ("fr", "Les rebelles sont entrés dans la ville sans combat.", "combat"),
    ],
)
def test_without_a_fight_is_no_fight(nlp_fr, nlp_en, lexicons, lang, text, word) -> None:
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert "clash" not in found.get(word, set())


def test_inflected_forms_the_model_mislemmatises(nlp_en, lexicons) -> None:
    found = _families(nlp_en, lexicons["en"], "Soldiers raped two women in the village.")
    assert "sexual" in found["raped"]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("A missile hit the warship off the coast.", "shell"),
        ("The warship was hit by a missile off the coast.", "shell"),
        ("A roadside bomb targeted the convoy near the bridge.", "explosion"),
    ],
)
def test_a_weapon_that_hit_is_the_event(nlp_en, lexicons, text: str, family: str) -> None:
    found = _families(nlp_en, lexicons["en"], text)
    assert {family} in found.values()


def test_hit_without_a_weapon_is_no_event(nlp_en, lexicons) -> None:
    assert (
        _families(nlp_en, lexicons["en"], "The ball hit the goalkeeper in the second half.") == {}
    )


def test_words_of_a_name_are_no_cues(nlp_en, lexicons) -> None:
    doc = nlp_en("A member of the Storm Corps was killed in a blast near the border.")
    assert "disaster" not in find_cues(next(doc.sents), lexicons["en"])


def test_an_announced_intention_is_no_deployment(nlp_fr, lexicons) -> None:
    text = "L'armée a annoncé son intention de déployer un bataillon à Goma."
    assert "change_obj" not in _families(nlp_fr, lexicons["fr"], text).get("déployer", set())


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("fr", "Le ministre a envoyé une lettre de condoléances aux familles de Gao.", "envoyé"),
        ("en", "The president sent a message of support for Mosul.", "sent"),
    ],
)
def test_a_place_in_the_object_is_no_target_outside_territory(
    nlp_fr, nlp_en, lexicons, lang: str, text: str, word: str
) -> None:
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert "change_obj" not in found.get(word, set())


def test_dealing_a_blow_is_no_deal(nlp_en, lexicons) -> None:
    found = _families(nlp_en, lexicons["en"], "Government forces dealt a heavy blow to the rebels.")
    assert "agreement" not in found.get("dealt", set())


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        (
            "en",
            "The bombing demonstrates that the group can still reach the capital.",
            "demonstrates",
        ),
        ("en", "The raid demonstrated the weakness of the local garrison.", "demonstrated"),
        ("fr", "Le ministre a manifesté sa volonté de rouvrir les écoles.", "manifesté"),
    ],
)
def test_demonstrate_with_a_clause_or_object_shows_no_protest(
    nlp_fr, nlp_en, lexicons, lang: str, text: str, word: str
) -> None:
    """ "demonstrate that …", "manifester sa volonté": showing something, no protest (issue 14)."""
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert "protest" not in found.get(word, set())


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "Hundreds of teachers demonstrated outside the ministry on Monday.", "demonstrated"),
        ("fr", "Des centaines d'enseignants ont manifesté devant le ministère lundi.", "manifesté"),
    ],
)
def test_demonstrating_in_the_street_stays_a_protest(
    nlp_fr, nlp_en, lexicons, lang: str, text: str, word: str
) -> None:
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert "protest" in found.get(word, set())


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "A late header killed off the game.", "killed"),
        ("en", "The veto killed any hope of a deal.", "killed"),
        ("fr", "Ce second but a tué le match.", "tué"),
    ],
)
def test_killing_off_a_game_or_a_hope_is_no_death(
    nlp_fr, nlp_en, lexicons, lang: str, text: str, word: str
) -> None:
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert "kill" not in found.get(word, set())


def test_load_lexicons_unknown_language() -> None:
    with pytest.raises(InputError, match="no trigger lexicon for language 'de'"):
        load_lexicons("de")


def _t(*families: str) -> Trigger:
    return Trigger(0, 1, 0, frozenset(families))


@pytest.mark.parametrize(
    ("families", "cues", "kinds", "expected"),
    [
        (
            ("fire",),
            {"missile"},
            ("armed_group", "armed_group"),
            "Shelling/artillery/missile attack",
        ),
        (("strike",), {"air"}, ("state_force", None), "Air/drone strike"),
        (("explosion",), {"suicide"}, (None, None), "Suicide bomb"),
        (("explosion",), {"explosive"}, (None, "state_force"), "Remote explosive/landmine/IED"),
        (("attack",), {"grenade"}, (None, None), "Grenade"),
        (("attack",), {"chemical"}, ("state_force", None), "Chemical weapon"),
        (("clash", "shell"), {"missile"}, ("state_force", "armed_group"), "Armed clash"),
        (("kill",), {"civilian_target"}, ("armed_group", "civilians"), "Attack"),
        (("attack",), set(), ("armed_group", "state_force"), "Armed clash"),
        (("abduct",), set(), ("armed_group", "civilians"), "Abduction/forced disappearance"),
        (("protest",), set(), (None, None), "Peaceful protest"),
        (("protest",), {"intervention"}, (None, None), "Protest with intervention"),
        (("protest", "kill"), set(), ("state_force", None), "Excessive force against protesters"),
        (("riot",), set(), (None, None), "Violent demonstration"),
        (("mob",), set(), (None, None), "Mob violence"),
        (("retake",), set(), ("state_force", None), "Government regains territory"),
        (("seize",), set(), ("armed_group", None), "Non-state actor overtakes territory"),
        (("arrest",), set(), ("state_force", None), "Arrests"),
        (("defuse",), {"explosive"}, ("state_force", None), "Disrupted weapons use"),
        (("establish",), {"base"}, ("armed_group", None), "Headquarters or base established"),
        (("establish",), set(), ("government", None), "Other"),
        (("withdraw",), set(), ("state_force", None), "Non-violent transfer of territory"),
        (("agreement",), {"peace"}, (None, None), "Agreement"),
        (("loot",), set(), (None, None), "Looting/property destruction"),
        (("change",), set(), (None, None), "Change to group/activity"),
        (("sexual",), set(), ("armed_group", "civilians"), "Sexual violence"),
        # a crowd that burns riots (ACLED), a mob that burns is mob violence
        (("loot", "riot"), set(), ("other", None), "Violent demonstration"),
        (("loot", "mob"), set(), (None, "civilians"), "Mob violence"),
        # what an air strike destroys is the air strike
        (("loot", "strike"), {"air"}, ("state_force", None), "Air/drone strike"),
        # demonstrators who turn violent riot, even when met with lethal force ...
        (("protest", "kill"), {"violent_crowd"}, ("state_force", None), "Violent demonstration"),
        # ... but peaceful ones met with lethal force or beaten suffer excessive force
        (
            ("protest", "kill"),
            {"violent_crowd", "peaceful"},
            ("state_force", None),
            "Excessive force against protesters",
        ),
        (("protest",), {"harm"}, ("state_force", None), "Excessive force against protesters"),
        (("protest", "attack"), set(), (None, None), "Excessive force against protesters"),
        # tear gas that hurts some is still an intervention short of excessive force
        (("protest", "wound"), {"intervention"}, (None, None), "Protest with intervention"),
        # villagers fighting with sticks riot; with rifles, or against soldiers, they battle
        (("clash",), {"crude_weapon"}, ("civilians", None), "Mob violence"),
        (("clash",), {"crude_weapon", "firearm"}, ("civilians", None), "Armed clash"),
        (("clash",), {"crude_weapon"}, ("civilians", "state_force"), "Armed clash"),
        # tear gas is fired at crowds: an intervention, no battle
        (
            ("fire",),
            {"crowd_weapon", "intervention"},
            ("state_force", None),
            "Protest with intervention",
        ),
        # taken without a fight
        (("seize",), {"unopposed"}, ("armed_group", None), "Non-violent transfer of territory"),
        (
            ("seize", "clash"),
            {"unopposed"},
            ("armed_group", None),
            "Non-state actor overtakes territory",
        ),
        (("kill",), {"suicide"}, ("armed_group", "civilians"), "Suicide bomb"),
        # unnamed fighters killed in a village are fighters, not civilians
        (("kill",), {"civilian_target"}, ("state_force", "other"), "Armed clash"),
        (("kill",), {"civilian_target"}, ("state_force", None), "Attack"),
    ],
)
def test_classify(families, cues, kinds, expected) -> None:
    primary = _t(*families)
    got = classify(
        primary,
        families,
        frozenset(cues),
        actor1_kind=kinds[0],
        actor2_kind=kinds[1],
        armed="armed_group" in kinds or "state_force" in kinds,
    )
    assert got == expected


@pytest.mark.parametrize(
    ("actor1", "actor2", "crowd", "expected"),
    [
        # "gunmen attacked a patrol in a region shaken by protests": the armed group's attack
        ("armed_group", "state_force", False, "Armed clash"),
        # "terrorists attacked the troops …": an actor that is no crowd, on a state force
        ("other", "state_force", False, "Armed clash"),
        # "police attacked the protesters": force against a crowd
        ("state_force", None, False, "Excessive force against protesters"),
        # "protesters attacked the police": the crowd's own violence, a crowd event
        ("other", "state_force", True, "crowd"),
    ],
)
def test_an_armed_attack_is_no_crowd_event(
    actor1: str, actor2: str | None, crowd: bool, expected: str
) -> None:
    got = classify(
        _t("attack"),
        {"attack", "protest"},
        frozenset({"protester"}),
        actor1_kind=actor1,
        actor2_kind=actor2,
        actor1_crowd=crowd,
        armed=True,
    )
    crowd_types = {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
        "Mob violence",
    }
    assert got in crowd_types if expected == "crowd" else got == expected


@pytest.mark.parametrize(
    ("families", "cues"),
    [(("kill",), {"disaster"}), (("kill",), {"crime"}), (("agreement",), set())],
)
def test_classify_non_acled_topics_yield_nothing(families, cues) -> None:
    assert classify(_t(*families), families, frozenset(cues)) is None


def _packaged_triggers(language: str) -> dict:
    path = resources.files("eventwire") / "data" / "lexicons" / f"triggers.{language}.v1.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(tmp_path, raw: dict):
    path = tmp_path / "triggers.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_load_lexicons_rejects_a_missing_section(tmp_path) -> None:
    raw = _packaged_triggers("fr")
    del raw["blocked_objects"]
    with pytest.raises(InputError, match="triggers.yaml: missing section\\(s\\) blocked_objects"):
        load_lexicons("fr", _write(tmp_path, raw))


def test_load_lexicons_rejects_a_missing_or_misspelt_family(tmp_path) -> None:
    raw = _packaged_triggers("en")
    raw["triggers"]["lot"] = raw["triggers"].pop("loot")
    with pytest.raises(InputError, match="trigger families: unknown lot, missing loot;"):
        load_lexicons("en", _write(tmp_path, raw))


@pytest.mark.parametrize(("lang", "cue"), [("fr", "crude_weapon"), ("en", "unopposed")])
def test_load_lexicons_rejects_a_missing_cue_name(tmp_path, lang, cue) -> None:
    raw = _packaged_triggers(lang)
    raw["cues"]["misspelt"] = raw["cues"].pop(cue)
    with pytest.raises(InputError, match=f"triggers.yaml: missing section\\(s\\) cues.{cue}$"):
        load_lexicons(lang, _write(tmp_path, raw))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_load_lexicons_packaged_lexicon_has_every_cue_name(lang) -> None:
    assert set(CUE_NAMES) <= set(_packaged_triggers(lang)["cues"])
    assert load_lexicons(lang).language == lang


@pytest.mark.parametrize(
    ("lang", "text", "word", "family"),
    [
        # hostages set free are no territory retaken, even when the parser loses the passive's
        # subject; a town is
        (
            "fr",
            (
                "Selon le ministre, plusieurs rebelles ont été tués et une dizaine d’otages ont "
                "été libérés à Kidal"
            ),
            "libérés",
            None,
        ),
        ("fr", "L'armée a libéré la ville de Kidal.", "libéré", "retake"),
    ],
)
def test_freed_people_are_no_territory(nlp_fr, lexicons, lang, text, word, family) -> None:
    found = _families(nlp_fr, lexicons[lang], text).get(word, set())
    assert (family in found) if family else not found


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("fr", "Trois otages ont été libérés mardi près de Kaya.", "libérés"),
        ("fr", "Une vingtaine d’otages ont été libérés à Kaya, selon le ministre.", "libérés"),
        ("fr", "Les cinq derniers étrangers enlevés en mars ont été libérés jeudi.", "libérés"),
        ("en", "Soldiers freed twelve hostages near the border on Monday.", "freed"),
    ],
)
def test_freed_hostages_are_no_territory_retaken(nlp_fr, nlp_en, lexicons, lang, text, word):
    found = _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)
    assert "retake" not in found.get(word, set())


def test_a_freed_town_is_still_territory_retaken(nlp_fr, lexicons) -> None:
    found = _families(nlp_fr, lexicons["fr"], "L'armée a libéré la ville de Kaya mardi.")
    assert "retake" in found.get("libéré", set())


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le rapport note aussi que 80 personnes ont été enlevées sur la même période."),
        ("en", "Over the same period, 80 people were abducted in the province, the report says."),
        ("en", "In the past few weeks, the rebels have launched a number of raids on the town."),
    ],
)
def test_a_count_over_a_period_is_cumulative(nlp_fr, nlp_en, lexicons, lang, text) -> None:
    doc = (nlp_fr if lang == "fr" else nlp_en)(text)
    assert "cumulative" in find_cues(next(doc.sents), lexicons[lang])


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("en", "The army is dealing with a growing insurgency in the north.", "dealing"),
        ("en", "The president is demanding that the rebels withdraw from the town.", "withdraw"),
        ("en", "The council urged the army to withdraw from the district.", "withdraw"),
        ("en", "The governor used the crisis to form alliances with local militias.", "form"),
        ("fr", "Le gouvernement exige que les rebelles se retirent de la ville.", "retirent"),
        (
            "fr",
            "Le préfet a profité de la crise pour former des alliances avec les milices.",
            "former",
        ),
    ],
)
def test_aims_demands_and_dealing_with_are_no_events(
    nlp_fr, nlp_en, lexicons, lang: str, text: str, word: str
) -> None:
    assert word not in _families(nlp_fr if lang == "fr" else nlp_en, lexicons[lang], text)


@pytest.mark.parametrize(
    ("text", "word", "family"),
    [
        ("The rebels signed a deal with the government on Monday.", "deal", "agreement"),
        ("About 200 fighters surrendered to the army on Monday.", "surrendered", "agreement"),
        ("The rebels managed to form a new coalition in the east.", "form", "change_obj"),
    ],
)
def test_deeds_beside_those_aims_stay_events(nlp_en, lexicons, text, word, family) -> None:
    assert family in _families(nlp_en, lexicons["en"], text).get(word, set())


def test_air_raid_sirens_are_no_strike(nlp_en, lexicons) -> None:
    text = "Air raid sirens sounded across the north of the country."
    assert _families(nlp_en, lexicons["en"], text) == {}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The chemical weapons watchdog said the attack killed ten people."),
        ("fr", "Des inspecteurs ont visité un site d'armes chimiques près de la ville."),
    ],
)
def test_chemical_weapons_context_is_no_chemical_cue(nlp_fr, nlp_en, lexicons, lang, text) -> None:
    doc = (nlp_fr if lang == "fr" else nlp_en)(text)
    assert "chemical" not in find_cues(next(doc.sents), lexicons[lang])
