"""Event triggers: find trigger words in a parsed sentence and type them with ACLED sub-types.

Lexicons (``eventwire/data/lexicons/triggers.<lang>.v1.yaml``) list trigger lemmas by family
(``shell``, ``abduct`` …) and cue words (``missile``, ``suicide`` …). :func:`find_triggers`
matches lemma sequences and keeps a match only where the parse makes it an event mention;
:func:`classify` turns the families and cues of a sentence into one ACLED sub-event type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import InputError
from eventwire.events import acled
from eventwire.events.trigger_parse import (
    WEAPON_CUES,
    by_means,
    is_date_name,
    is_demanded,
    is_event_word,
    is_realized,
    modifies_vehicle,
    object_ok,
    token_keys,
)
from eventwire.nlp.memo import per_doc

__all__ = [
    "CUE_NAMES",
    "Lexicon",
    "Trigger",
    "classify",
    "find_cues",
    "find_triggers",
    "load_lexicons",
]

VIOLENT = frozenset({"clash", "attack", "fire", "shell", "strike", "explosion", "kill", "wound"})
_DOMAINS = {
    **{f: "violence" for f in (*VIOLENT, "sexual", "abduct")},
    **{f: "protest" for f in ("protest", "riot", "mob")},
}
# Which family speaks for a sentence when several fire: the more specific first.
_SPECIFICITY = (
    "sexual",
    "abduct",
    "mob",
    "riot",
    "protest",
    "explosion",
    "shell",
    "strike",
    "clash",
    "seize",
    "retake",
    "defuse",
    "arrest",
    "attack",
    "fire",
    "kill",
    "withdraw",
    "agreement",
    "loot",
    "establish",
    "change",
    "change_obj",
    "wound",
    "impact",  # never kept: replaced by the weapon's family or dropped (trigger_parse.by_means)
)
#: The cue names (lists under ``cues:`` of ``triggers.<lang>.v1.yaml``) the code reads:
#: :func:`load_lexicons` rejects a lexicon lacking one, so that a renamed list fails at load
#: time instead of a rule that silently never fires (issue 19). "cumulative" is read by
#: events/extract.py.
CUE_NAMES = (
    "air",
    "base",
    "bomb",
    "chemical",
    "civilian_target",
    "crime",
    "crowd_weapon",
    "crude_weapon",
    "cumulative",
    "disaster",
    "explosive",
    "firearm",
    "grenade",
    "grievance",
    "habitual",
    "harm",
    "intervention",
    "lethal",
    "missile",
    "peace",
    "peaceful",
    "protester",
    "suicide",
    "unopposed",
    "violent_crowd",
)
_MILITARY_CUES = frozenset(
    {"missile", "suicide", "grenade", "chemical", "bomb"}
)  # never an accident's words
#: Families a weapon may stand for when it is the agent of "destroy" ("an airstrike destroyed").
_MEANS = {"air": "strike", "missile": "shell", "explosive": "explosion", "grenade": "explosion"}
_DESTROY = frozenset({"loot", "defuse"})
#: "hit", "toucher": an event only when a weapon hit ("a missile hit the warship"), typed by it
_IMPACT = frozenset({"impact"})
_REFLEXIVE = frozenset({"se", "s'", "s’", "me", "te", "nous", "vous", "m'", "t'"})
_ELISIONS = {"s'": "se", "d'": "de", "l'": "le", "qu'": "que", "n'": "ne", "j'": "je"}


@dataclass(frozen=True)
class Lexicon:
    """One language's trigger and cue tables (read by :func:`load_lexicons`)."""

    language: str
    version: str
    triggers: Mapping[tuple[str, ...], frozenset[str]]  # lemma sequence -> families
    cues: Mapping[tuple[str, ...], frozenset[str]]  # lemma sequence -> cue names
    trigger_index: Mapping[str, tuple[tuple[str, ...], ...]]  # first word -> sequences
    cue_index: Mapping[str, tuple[tuple[str, ...], ...]]
    habitual: frozenset[str]
    requires_object: Mapping[str, frozenset[str]]
    blocked_objects: Mapping[str, frozenset[str]]
    vehicle_heads: frozenset[str]
    purpose_heads: frozenset[str] = frozenset()
    attempt_heads: frozenset[str] = frozenset()  # "tried to capture", "tentative de reprendre"
    purpose_marks: frozenset[str] = frozenset()  # "to", "pour": an aim, not a deed
    # "tandis que", "whereas": the clause after tells another event ("…, while a bomb killed …")
    contrast_marks: frozenset[str] = frozenset()
    # phrases whose words are neither triggers nor cues ("riot police", "passenger plane")
    neutral: Mapping[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    neutral_index: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    means: Mapping[str, str] = field(default_factory=dict)  # weapon lemma -> family


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger match: tokens ``start:end`` of the spaCy doc, ``head`` its syntactic token."""

    start: int
    end: int
    head: int
    families: frozenset[str]

    @property
    def family(self) -> str:
        """The most specific family of the match."""
        return min(self.families, key=_SPECIFICITY.index)

    @property
    def domain(self) -> str:
        return _DOMAINS.get(self.family, "strategic")


def load_lexicons(language: str, path: Path | None = None) -> Lexicon:
    """Read the trigger lexicon for ``language`` ("fr" or "en"), the packaged one unless ``path``.

    A missing section, a family the rules rank (``_SPECIFICITY``) or a cue name the rules read
    (:data:`CUE_NAMES`) missing, is an error here.

    >>> load_lexicons("fr").version
    'triggers.fr.v6'
    """
    name = f"triggers.{language}.v1.yaml"
    if path is None:
        source = resources.files("eventwire") / "data" / "lexicons" / name
        if not source.is_file():
            raise InputError(
                f"eventwire/data/lexicons/{name}", f"no trigger lexicon for language {language!r}"
            )
        origin, text = f"eventwire/data/lexicons/{name}", source.read_text(encoding="utf-8")
    else:
        origin, text = str(path), Path(path).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    _check_sections(raw, origin)
    triggers, cues = _table(raw["triggers"]), _table(raw["cues"])
    neutral = _table({"neutral": raw.get("neutral") or ()})
    return Lexicon(
        language=language,
        version=str(raw["version"]),
        triggers=triggers,
        cues=cues,
        trigger_index=_index(triggers),
        cue_index=_index(cues),
        habitual=frozenset(_lemmas(raw["cues"]["habitual"] or ())),
        requires_object={k: frozenset(_lemmas(v)) for k, v in raw["requires_object"].items()},
        blocked_objects={k: frozenset(_lemmas(v)) for k, v in raw["blocked_objects"].items()},
        vehicle_heads=frozenset(_lemmas(raw["vehicle_heads"] or ())),
        purpose_heads=frozenset(_lemmas(raw["purpose_heads"] or ())),
        attempt_heads=frozenset(_lemmas(raw.get("attempt_heads") or ())),
        purpose_marks=frozenset(_lemmas(raw.get("purpose_marks") or ())),
        contrast_marks=frozenset(_lemmas(raw.get("contrast_marks") or ())),
        means=_means(cues),
        neutral=neutral,
        neutral_index=_index(neutral),
    )


def _means(cues: Mapping[tuple[str, ...], frozenset[str]]) -> dict[str, str]:
    """One-word weapon cues and the family each stands for as an agent ("missile" -> shell)."""
    return {
        seq[0]: _MEANS[name]
        for seq, names in cues.items()
        if len(seq) == 1
        for name in sorted(names)
        if name in _MEANS
    }


_SECTIONS = ("triggers", "cues", "requires_object", "blocked_objects")
_LISTS = ("vehicle_heads", "purpose_heads")


def _check_sections(raw: Any, origin: str) -> None:
    """Every section is there, and the trigger families are the ones the rules rank."""
    if not isinstance(raw, dict) or "version" not in raw:
        raise InputError(origin, "expected a mapping with a 'version'")
    missing = [k for k in _SECTIONS if not isinstance(raw.get(k), dict)]
    missing += [k for k in _LISTS if k not in raw]
    missing += [f"cues.{name}" for name in CUE_NAMES if name not in (raw.get("cues") or {})]
    if missing:
        raise InputError(origin, f"missing section(s) {', '.join(missing)}")
    families = set(raw["triggers"]) | set(raw["requires_object"])
    unknown = sorted(families - set(_SPECIFICITY))
    absent = [f for f in _SPECIFICITY if f not in raw["triggers"]]
    if unknown or absent:
        raise InputError(
            origin,
            f"trigger families: unknown {', '.join(unknown) or 'none'}, "
            f"missing {', '.join(absent) or 'none'}; expected exactly {', '.join(_SPECIFICITY)}",
        )


def find_triggers(
    sent: Any, lexicon: Lexicon, *, blocked: Sequence[tuple[int, int]] = ()
) -> list[Trigger]:
    """Trigger mentions of a spaCy sentence that the parse confirms as event mentions.

    ``blocked`` holds character ranges (actor names, titles) in which a trigger word is part of
    a name ("Mouvement du 23 mars") rather than an event.
    """
    found = []
    neutral = _neutral_tokens(sent, lexicon)
    for start, end, head, families in _matches(sent, lexicon.triggers, lexicon.trigger_index):
        token = sent.doc[head]
        if any(s <= token.idx < e for s, e in blocked) or head in neutral:
            continue
        if not is_event_word(token, lexicon):
            continue
        if end - start > 1 and modifies_vehicle(sent.doc[end - 1], lexicon):
            continue  # "air raid sirens": the last word of the phrase says what it names
        families = frozenset(
            f
            for f in families
            if object_ok(token, f, lexicon, end) and is_realized(token, f, lexicon)
        )
        if families and families <= _DESTROY | _IMPACT:
            families = by_means(token, families, lexicon) - _IMPACT
        if families:
            found.append(Trigger(start, end, head, families))
    return found


def find_cues(sent: Any, lexicon: Lexicon) -> frozenset[str]:
    """Names of the cue lists (``missile``, ``suicide``, ``disaster`` …) present in ``sent``.

    A month in a date ("on 16 March") is no cue, whatever the word also means.
    """
    neutral = _neutral_tokens(sent, lexicon)
    return frozenset(
        name
        for start, end, _, names in _matches(sent, lexicon.cues, lexicon.cue_index)
        if start not in neutral and not _unasserted_cue(sent.doc[start:end], names, lexicon)
        for name in names
    )


def _unasserted_cue(span: Any, names: frozenset[str], lexicon: Lexicon) -> bool:
    """A month ("on 16 March" is no march), or a word only denounced ("to decry the violence")."""
    if any(is_date_name(t) or _in_name(t) for t in span):
        return True
    return "grievance" not in names and len(span) == 1 and is_demanded(span[0], lexicon)


_NAMES = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART"})


def _in_name(token: Any) -> bool:
    """A capitalised word of a name: "Storm" in "Storm Corps" is no storm."""
    return token.ent_type_ in _NAMES and not token.is_lower


def _neutral_tokens(sent: Any, lexicon: Lexicon) -> set[int]:
    """Token indices inside a neutral phrase of the lexicon ("riot police", "passenger plane")."""
    return {
        i
        for start, end, _, _ in _matches(sent, lexicon.neutral, lexicon.neutral_index)
        for i in range(start, end)
    }


def classify(
    primary: Trigger,
    families: Iterable[str],
    cues: frozenset[str],
    *,
    actor1_kind: str | None = None,
    actor2_kind: str | None = None,
    actor2_protesters: bool = False,
    actor1_crowd: bool = False,
    armed: bool = False,
) -> str | None:
    """The ACLED sub-event type of a sentence's event, or None when it is not an ACLED event.

    ``families`` are all trigger families of the sentence, ``cues`` its cue names, ``armed``
    whether an armed group or military force is named in it.

    >>> t = Trigger(0, 1, 0, frozenset({"fire"}))
    >>> classify(t, {"fire"}, frozenset({"missile"}))
    'Shelling/artillery/missile attack'
    """
    fams = set(families) | set(primary.families)
    if fams & {"seize", "retake"} and primary.domain != "protest":
        return _territory(primary, fams, cues, actor1_kind, armed)
    # tear gas, water cannon and rubber bullets are fired at crowds (ACLED: an intervention)
    protesting = (
        bool(fams & _CROWD) or actor2_protesters or bool(cues & {"protester", "crowd_weapon"})
    ) and not _armed_attack(primary, actor1_kind, actor2_kind, actor1_crowd=actor1_crowd)
    domain = _domain(primary, fams, protesting=protesting)
    if domain == "protest" or (domain == "violence" and protesting):
        return _protest(fams, cues, actor1_kind)
    if cues & {"disaster", "crime"} and not armed and not cues & _MILITARY_CUES:
        return None  # an accident, a disaster or a crime: not an ACLED event
    if domain == "violence":
        return _violence(fams, cues, (actor1_kind, actor2_kind), armed=armed)
    return _strategic(primary.family, fams, cues, actor1_kind, armed)


_CROWD = frozenset({"protest", "riot", "mob"})


def _territory(
    primary: Trigger, fams: set[str], cues: frozenset[str], actor1_kind: str | None, armed: bool
) -> str | None:
    """A place seized or retaken. ACLED: a battle in which territory changes hands is coded as
    the territorial change; taken without a fight, a non-violent transfer."""
    if "unopposed" in cues and not fams & {"clash", "kill", "attack", "fire", "shell"}:
        return acled.NON_VIOLENT_TRANSFER
    if primary.family in ("seize", "retake"):
        family = primary.family
    else:
        family = "seize" if "seize" in fams else "retake"
    return _strategic(family, fams, cues, actor1_kind, armed)


def _domain(primary: Trigger, fams: set[str], *, protesting: bool) -> str:
    """The trigger's domain, except for destruction: ACLED: a crowd that burns or wrecks riots;
    what a strike or a bomb destroys is the strike or the bomb (Looting/property destruction is
    for the unopposed actor alone)."""
    if primary.family == "loot" and (protesting or fams & {"strike", "shell", "explosion"}):
        return "protest" if protesting else "violence"
    return str(primary.domain)


def _armed_attack(
    primary: Trigger, actor1_kind: str | None, actor2_kind: str | None, *, actor1_crowd: bool
) -> bool:
    """An armed group's violence, or violence on a state force by an actor that is no crowd: no
    crowd event, whatever protests its sentence names (ACLED; "gunmen attacked soldiers in a
    region shaken by protests", issue 14)."""
    if primary.domain != "violence":
        return False
    if actor1_kind == "armed_group":
        return True
    return (
        actor2_kind == "state_force"
        and actor1_kind not in (None, "state_force", "civilians")
        and not actor1_crowd
    )


def _protest(fams: set[str], cues: frozenset[str], actor1_kind: str | None) -> str:
    """A crowd's event. ACLED: demonstrators who turn violent riot, even when they are met with
    lethal force; peaceful protesters met with lethal force or serious injury suffer excessive
    force; an intervention short of that (tear gas, arrests) is a protest with intervention."""
    if "mob" in fams:
        return acled.MOB_VIOLENCE
    violent = bool("riot" in fams or "violent_crowd" in cues or "loot" in fams)
    lethal = bool(
        fams & {"kill", "shell"}
        or "lethal" in cues
        or ("fire" in fams and "intervention" not in cues)
    )
    if (
        lethal
        and "grievance" in cues
        and "intervention" not in cues
        and actor1_kind != "state_force"
    ):
        lethal = False  # "protests over the death of a student": the death is the grievance
    harmed = bool("attack" in fams or "harm" in cues)  # beaten, attacked: not merely "injured"
    if (
        (lethal or harmed)
        and actor1_kind in (None, "state_force")
        and (not violent or "peaceful" in cues)
    ):
        return acled.EXCESSIVE_FORCE
    if violent:
        return acled.VIOLENT_DEMONSTRATION
    if "intervention" in cues or "arrest" in fams:
        return acled.PROTEST_WITH_INTERVENTION
    return acled.PEACEFUL_PROTEST


def _violence(
    fams: set[str],
    cues: frozenset[str],
    kinds: tuple[str | None, str | None],
    *,
    armed: bool = False,
) -> str:
    """A violent event's sub-type: the first of the rule groups below that decides, in order."""
    return (
        _distinct_form(fams, cues)
        or _clash(fams, cues, kinds, armed=armed)
        or _remote_means(fams, cues)
        or _direct(fams, cues, kinds)
    )


def _distinct_form(fams: set[str], cues: frozenset[str]) -> str | None:
    """Sexual violence or abduction without killing or bombing, a chemical weapon, a suicide
    attack: sub-types that override the battle or the means."""
    for family, sub_type in (
        ("sexual", acled.SEXUAL_VIOLENCE),
        ("abduct", acled.ABDUCTION),
    ):
        if family in fams and not fams & {"kill", "shell", "strike", "explosion"}:
            return sub_type
    if "chemical" in cues:
        return acled.CHEMICAL_WEAPON
    if "suicide" in cues and fams & {"explosion", "attack", "kill", "wound", "strike"}:
        return acled.SUICIDE_BOMB
    return None


def _clash(
    fams: set[str],
    cues: frozenset[str],
    kinds: tuple[str | None, str | None],
    *,
    armed: bool,
) -> str | None:
    """A clash: a brawl with sticks, or a battle when both sides are armed or no weapon types it."""
    if "clash" not in fams:
        return None
    if _unarmed_brawl(kinds, cues, armed=armed):
        return acled.MOB_VIOLENCE  # ACLED: villagers or supporters fighting with sticks riot
    if _both_armed(kinds) or not cues & WEAPON_CUES:
        return acled.ARMED_CLASH  # ACLED: remote violence inside an ongoing battle is one battle
    return None


def _remote_means(fams: set[str], cues: frozenset[str]) -> str | None:
    """Remote violence typed by its means: a mine, an air or drone strike, shelling, a grenade."""
    if "explosive" in cues and not cues & {"air", "missile"} and not fams & {"shell", "clash"}:
        # "a mine hit the truck", "un engin explosif a touché le véhicule"
        return acled.REMOTE_EXPLOSIVE
    if "air" in cues or ("strike" in fams and "missile" not in cues):
        return acled.AIR_STRIKE
    if "missile" in cues or "shell" in fams:
        return acled.SHELLING
    if "grenade" in cues:
        return acled.GRENADE
    if "explosion" in fams or "explosive" in cues:
        return acled.REMOTE_EXPLOSIVE
    return None


def _direct(fams: set[str], cues: frozenset[str], kinds: tuple[str | None, str | None]) -> str:
    """Direct violence: an abduction, else typed by who was hit and who hit."""
    actor1_kind, actor2_kind = kinds
    if "abduct" in fams:
        return acled.ABDUCTION
    if actor2_kind == "civilians" or (
        "civilian_target" in cues and actor2_kind not in _FIGHTER_KINDS
    ):
        return acled.ATTACK  # ACLED: violence against civilians needs unarmed victims
    if actor1_kind in _ARMED_KINDS or actor2_kind in _FIGHTER_KINDS:
        return acled.ARMED_CLASH
    return acled.ATTACK


_ARMED_KINDS = ("armed_group", "state_force")
#: who may be hit in a fight: unnamed fighters ("26 insurgents", "des jihadistes", kind "other")
#: are no civilians, whatever village they were killed in (ACLED: Armed clash)
_FIGHTER_KINDS = (*_ARMED_KINDS, "other")


def _both_armed(kinds: tuple[str | None, str | None]) -> bool:
    return all(kind in _ARMED_KINDS for kind in kinds)


def _unarmed_brawl(
    kinds: tuple[str | None, str | None], cues: frozenset[str], *, armed: bool
) -> bool:
    """Civilians on one side fighting with sticks or stones, no armed force, group or firearm."""
    return (
        "civilians" in kinds
        and "crude_weapon" in cues
        and not armed
        and not set(kinds) & {"armed_group", "state_force"}
        and not cues & (WEAPON_CUES | {"firearm"})
    )


def _strategic(
    family: str, fams: set[str], cues: frozenset[str], actor1_kind: str | None, armed: bool
) -> str | None:
    if family in ("seize", "retake"):
        if actor1_kind in ("state_force", "government"):
            return acled.GOVERNMENT_REGAINS
        if actor1_kind in ("armed_group", "other"):
            return acled.NON_STATE_OVERTAKES
        return acled.GOVERNMENT_REGAINS if family == "retake" else acled.NON_STATE_OVERTAKES
    if family == "agreement" and not ("peace" in cues or armed):
        return None
    if family == "establish":
        return acled.HEADQUARTERS_ESTABLISHED if "base" in cues else acled.OTHER
    return {
        "defuse": acled.DISRUPTED_WEAPONS_USE,
        "arrest": acled.ARRESTS,
        "withdraw": acled.NON_VIOLENT_TRANSFER,
        "agreement": acled.AGREEMENT,
        "loot": acled.LOOTING,
        "change": acled.CHANGE_TO_GROUP,
        "change_obj": acled.CHANGE_TO_GROUP,
    }.get(family)


def _lemmas(words: Iterable[str]) -> list[str]:
    return [str(w).lower() for w in words]


def _split(phrase: str) -> tuple[str, ...]:
    """``"prise d'otage"`` -> ``("prise", "de", "otage")``; elisions become their lemma."""
    parts = re.findall(r"\w+['’]|\w[\w\-]*|[^\w\s]", str(phrase).lower())
    return tuple(_ELISIONS.get(p.replace("’", "'"), p) for p in parts)


def _table(sections: Mapping[str, Iterable[str]]) -> dict[tuple[str, ...], frozenset[str]]:
    """Lemma sequence -> names; "sit-in" also as ("sit", "-", "in"), as English spaCy splits it."""
    table: dict[tuple[str, ...], set[str]] = {}
    for name, words in sections.items():
        for word in words or ():
            table.setdefault(_split(word), set()).add(str(name))
            if "-" in str(word):
                table.setdefault(_split(str(word).replace("-", " - ")), set()).add(str(name))
    return {k: frozenset(v) for k, v in table.items()}


def _index(
    table: Mapping[tuple[str, ...], frozenset[str]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Sequences by their first word (the verb for reflexive ``se X`` entries)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for seq in table:
        words = seq[1:] if seq[0] == "se" and len(seq) > 1 else seq
        by_first.setdefault(words[0], []).append(seq)
    return {k: tuple(v) for k, v in by_first.items()}


def _matches(
    sent: Any,
    table: Mapping[tuple[str, ...], frozenset[str]],
    by_first: Mapping[str, Sequence[tuple[str, ...]]],
) -> list[tuple[int, int, int, frozenset[str]]]:
    """Longest lemma-sequence matches ``(start, end, head, values)``; ``se X`` means reflexive X."""
    doc, out, i = sent.doc, [], sent.start
    # Every sentence is matched against three tables: each token's keys are read once per doc.
    keys = per_doc(doc, "token_keys", None, lambda: [token_keys(t) for t in doc])
    while i < sent.end:
        best: tuple[int, tuple[str, ...]] | None = None
        for key in keys[i]:
            for seq in by_first.get(key, ()):
                words = seq[1:] if seq[0] == "se" and len(seq) > 1 else seq
                if words is not seq and not any(c.lower_ in _REFLEXIVE for c in doc[i].children):
                    continue
                end = i + len(words)
                fits = end <= sent.end and all(w in keys[i + k] for k, w in enumerate(words))
                if fits and (best is None or len(seq) > len(best[1])):
                    best = (end, seq)
        if best is None:
            i += 1
            continue
        out.append((i, best[0], i, table[best[1]]))
        i = best[0]
    return out
