"""Trigger detection on real parses, and typing of families and cues into ACLED sub-types."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from eventwire.errors import InputError
from eventwire.events.triggers import Trigger, classify, find_cues, find_triggers, load_lexicons


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
