"""Type an incident by ACLED's codebook, from its participants: a table of rules as data (issue 14).

Triggers give a first sub-type ("embuscade" → Attack); the codebook then decides from who acted
against whom: violence against civilians needs civilian targets, so an attack whose target is an
armed force, or whose lead sentence names soldiers or a post and no civilians, is a battle. The
rules and their term lists are ``data/codebook.v1.yaml``; :func:`retype` applies the first that
holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

from eventwire.errors import InputError
from eventwire.events import acled
from eventwire.events.genre import term_pattern
from eventwire.events.taxonomy import Taxonomy
from eventwire.records import Event

__all__ = ["Codebook", "Rule", "load_codebook", "retype"]

_ORIGIN = "eventwire/data/codebook.v1.yaml"
_CONDITIONS = frozenset(
    {
        "sub_event_type",
        "actor1_kind",
        "actor1_abroad",
        "actor2_kind",
        "actor2_not_kind",
        "sentence_has",
        "sentence_lacks",
    }
)


@dataclass(frozen=True, slots=True)
class Rule:
    """If every condition holds, the incident becomes ``then``."""

    conditions: Mapping[str, Any]
    then: str
    why: str


@dataclass(frozen=True, slots=True)
class Codebook:
    """The rules in order and the compiled term lists per language."""

    version: str
    rules: tuple[Rule, ...]
    terms: Mapping[str, Mapping[str, re.Pattern[str]]]


def load_codebook(taxonomy: Taxonomy) -> Codebook:
    """Read and check the packaged table: unknown conditions, sub-types or term lists fail at load
    time."""
    raw = yaml.safe_load(
        (resources.files("eventwire") / "data" / "codebook.v1.yaml").read_text(encoding="utf-8")
    )
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("rules"), list)
        or not isinstance(raw.get("terms"), dict)
    ):
        raise InputError(_ORIGIN, "expected 'version', 'rules' and 'terms'")
    terms = {
        lang: {
            name: term_pattern(words, f"{_ORIGIN}: terms.{lang}.{name}")
            for name, words in lists.items()
        }
        for lang, lists in raw["terms"].items()
    }
    rules = []
    for i, item in enumerate(raw["rules"]):
        where = f"rules[{i}]"
        conditions = item.get("if") or {}
        unknown = set(conditions) - _CONDITIONS
        if unknown:
            raise InputError(_ORIGIN, f"{where}: unknown condition(s) {sorted(unknown)}")
        for name in (conditions.get("sub_event_type"), item.get("then")):
            if name is None or name not in taxonomy.sub_types:
                raise InputError(
                    _ORIGIN, f"{where}: {name!r} is not a sub-event type of {taxonomy.version}"
                )
        for key in ("sentence_has", "sentence_lacks"):
            if key in conditions and any(conditions[key] not in lists for lists in terms.values()):
                raise InputError(
                    _ORIGIN, f"{where}: no term list {conditions[key]!r} in every language"
                )
        rules.append(Rule(conditions, str(item["then"]), str(item.get("why") or "")))
    return Codebook(str(raw.get("version")), tuple(rules), terms)


def _holds(rule: Rule, event: Event, terms: Mapping[str, re.Pattern[str]] | None) -> bool:
    c = rule.conditions
    kind = None if event.actor2 is None else event.actor2.kind
    if "sub_event_type" in c and event.sub_event_type != c["sub_event_type"]:
        return False
    if "actor1_kind" in c and (event.actor1 is None or event.actor1.kind not in c["actor1_kind"]):
        return False
    if "actor1_abroad" in c and _abroad(event) is not c["actor1_abroad"]:
        return False
    if "actor2_kind" in c and kind not in c["actor2_kind"]:
        return False
    if "actor2_not_kind" in c and kind in c["actor2_not_kind"]:
        return False
    for key, wanted in (("sentence_has", True), ("sentence_lacks", False)):
        if key in c:
            if terms is None:
                return False
            if (terms[c[key]].search(event.sentence.text) is not None) is not wanted:
                return False
    return True


def _abroad(event: Event) -> bool | None:
    """Whether the actor's country differs from that of the event's place (None if either is
    unknown): a state force taking ground abroad is no government regaining its territory."""
    actor, place = event.actor1, event.location
    if actor is None or place is None or not actor.country_code or not place.country_code:
        return None
    return actor.country_code.upper() != place.country_code.upper()


def retype(event: Event, codebook: Codebook, taxonomy: Taxonomy, language: str) -> Event:
    """``event`` with the sub-type of the first rule that holds (unchanged when none does).

    A battle has no direction: a state force found as the "attacker" of soldiers was their side.
    """
    terms = codebook.terms.get(language)
    for rule in codebook.rules:
        if _holds(rule, event, terms):
            sub = taxonomy[rule.then]
            actor1, actor2 = event.actor1, event.actor2
            if (
                sub.event_type == acled.BATTLES
                and actor2 is None
                and actor1 is not None
                and actor1.kind == "state_force"
            ):
                actor1, actor2 = None, actor1  # the soldiers attacked, not the attackers
            return replace(
                event,
                event_type=sub.event_type,
                sub_event_type=sub.name,
                plover=sub.plover,
                cameo=sub.cameo,
                actor1=actor1,
                actor2=actor2,
            )
    return event
