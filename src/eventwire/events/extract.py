"""From a parsed article to event records: one candidate per sentence, merged, split per place.

1. :func:`find_candidates` — per sentence, the trigger nearest the root speaks for the event;
   its actors come from the parse, its type from :func:`~eventwire.events.triggers.classify`,
   its places from :func:`~eventwire.events.location.locate`.
2. :func:`merge_mentions` — consecutive mentions of one event ("ont tiré des missiles … les
   missiles se sont abattus sur … provoquant la mort de 13") become one event.
3. :func:`split_by_place` — ACLED codes one event per location and day: an event naming several
   localities becomes one event per locality, sharing a ``group_id``, casualties on the first only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventwire.events.actors import ActorDictionary, agent_and_target, fallback_actor, is_passive
from eventwire.events.location import (
    DIRECTION,
    IMPACT,
    Location,
    article_focus,
    locate,
    precision_of,
)
from eventwire.events.taxonomy import Taxonomy
from eventwire.events.triggers import Lexicon, Trigger, classify, find_cues, find_triggers
from eventwire.records import Actor, Document, Event, Place, Span

__all__ = ["Candidate", "find_candidates", "merge_mentions", "split_by_place"]

_REPEL = frozenset({"clash", "attack"})  # passive "X a été repoussé/attaqué": X is the target
_UNSEEN = frozenset({"explosion", "kill", "wound"})
_CROWDS = frozenset({"protesters", "rioters"})
_MAX_GAP = 2  # sentences between two mentions of one event
_TERMINAL = tuple(".!?:;»\"”)…")
_NAME_ENTS = frozenset({"ORG", "MISC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "FAC"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event mention with every place it names (``places``) and its sentence number."""

    event: Event
    places: tuple[Place, ...]
    rank: int
    sentence: int


def find_candidates(
    doc: Document, lexicon: Lexicon, taxonomy: Taxonomy, dictionary: ActorDictionary
) -> list[Candidate]:
    """One candidate event per sentence that holds a confirmed trigger of an ACLED event."""
    nlp_doc, text = doc.nlp, doc.article.text
    blocked = [(a.mention.start, a.mention.end) for a in doc.actors
               if a.dictionary_id is not None and not dictionary.is_generic(a)]  # fmt: skip
    blocked += [(e.start_char, e.end_char) for e in nlp_doc.ents if e.label_ in _NAME_ENTS and len(e) > 1]
    focus = article_focus(doc.places)
    multiline = sum(1 for line in text.splitlines() if line.strip()) >= 3
    out = []
    for index, sent in enumerate(nlp_doc.sents):
        triggers = find_triggers(sent, lexicon, blocked=blocked)
        if multiline:
            triggers = [t for t in triggers if not _in_headline(nlp_doc[t.head].idx, text)]
        if triggers:
            candidate = _candidate(doc, sent, index, triggers, lexicon, taxonomy, dictionary, focus)
            if candidate is not None:
                out.append(candidate)
    return out


def merge_mentions(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Fold each candidate into an earlier one that reports the same event, keeping text order."""
    merged: list[Candidate] = []
    for cand in candidates:
        target = next((i for i in range(len(merged) - 1, -1, -1) if _same_event(merged[i], cand)), None)
        if target is None:
            merged.append(cand)
        else:
            merged[target] = _fold(merged[target], cand)
    return merged


def split_by_place(candidate: Candidate, article_id: str) -> list[Event]:
    """One event per place; several places share a ``group_id`` and only the first keeps casualties."""
    event = candidate.event
    if len(candidate.places) <= 1:
        return [event]
    key = f"{article_id}:{event.trigger.start}:{event.sub_event_type}"
    group = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    out = []
    for i, place in enumerate(candidate.places):
        split = replace(event, location=place, geo_precision=precision_of(place, candidate.rank), group_id=group)
        if i:
            split = replace(split, fatalities=None, fatalities_evidence=None, injured=None, injured_evidence=None)
        out.append(split)
    return out


def _candidate(
    doc: Document,
    sent: Any,
    index: int,
    triggers: Sequence[Trigger],
    lexicon: Lexicon,
    taxonomy: Taxonomy,
    dictionary: ActorDictionary,
    focus: Place | None,
) -> Candidate | None:
    nlp_doc, text = doc.nlp, doc.article.text
    primary = min(triggers, key=lambda t: (_depth(nlp_doc[t.head]), t.start))
    mentions = [a for a in doc.actors if sent.start_char <= a.mention.start < sent.end_char]
    actor1, actor2 = _roles(nlp_doc, primary, triggers, doc.actors, dictionary)
    cues = find_cues(sent, lexicon)
    armed = any(m.kind == "armed_group" or (m.kind == "state_force" and "police" not in (m.dictionary_id or ""))
                for m in mentions)  # fmt: skip
    sub_type = classify(
        primary,
        {f for t in triggers for f in t.families},
        cues,
        actor1_kind=None if actor1 is None else actor1.kind,
        actor2_kind=None if actor2 is None else actor2.kind,
        actor2_protesters=actor2 is not None and actor2.dictionary_id == "protesters",
        armed=armed,
    )
    if sub_type is None:
        return None
    if actor2 is None and actor1 is None and primary.family in _REPEL and is_passive(nlp_doc[primary.head]):
        # "une tentative de Daech a été repoussée": the nearest group is the one repelled
        actor2 = fallback_actor(nlp_doc[primary.head].idx, mentions)
    if actor1 is None and primary.domain != "strategic":
        exclude = () if actor2 is None else (actor2.name,)
        # an IED or a killing without a named perpetrator: the forces named are its victims
        kinds = ("armed_group", "other") if primary.family in _UNSEEN else ("armed_group", "state_force", "other")
        actor1 = fallback_actor(nlp_doc[primary.head].idx, mentions, exclude=exclude, kinds=kinds)
    if actor2 is None and primary.domain == "violence" and actor1 is not None:
        actor2 = fallback_actor(nlp_doc[primary.head].idx, mentions, exclude=(actor1.name,),
                                kinds=("armed_group", "state_force", "civilians"))  # fmt: skip
    sub = taxonomy[sub_type]
    if sub.event_type in ("Protests", "Riots"):
        actor1, actor2 = _crowd_roles(actor1, actor2, mentions)
    location = locate(nlp_doc[primary.head], sent, text, doc.places, focus)
    first = nlp_doc[primary.start : primary.end]
    event = Event(
        event_type=sub.event_type,
        sub_event_type=sub.name,
        trigger=Span.of(text, first.start_char, first.end_char),
        sentence=Span.of(text, sent.start_char, sent.end_char),
        plover=sub.plover,
        cameo=sub.cameo,
        actor1=actor1,
        actor2=actor2,
        location=None if location is None else location.places[0],
        geo_precision=None if location is None else location.precision,
        confidence=_confidence(actor1, actor2, location),
        taxonomy_version=taxonomy.version,
    )
    places = () if location is None else location.places
    return Candidate(event, places, 99 if location is None else location.rank, index)


def _roles(
    nlp_doc: Any, primary: Trigger, triggers: Sequence[Trigger], mentions: Sequence[Actor],
    dictionary: ActorDictionary,
) -> tuple[Actor | None, Actor | None]:  # fmt: skip
    """Roles of the primary trigger, completed from the sentence's other triggers."""
    actor1, actor2 = agent_and_target(nlp_doc[primary.head], mentions, dictionary)
    for other in triggers:
        if actor1 is not None and actor2 is not None:
            break
        if other is primary:
            continue
        a1, a2 = agent_and_target(nlp_doc[other.head], mentions, dictionary)
        actor1 = actor1 or (a1 if a1 is None or actor2 is None or a1.name != actor2.name else None)
        actor2 = actor2 or (a2 if a2 is None or actor1 is None or a2.name != actor1.name else None)
    return actor1, actor2


def _crowd_roles(
    actor1: Actor | None, actor2: Actor | None, mentions: Sequence[Actor]
) -> tuple[Actor | None, Actor | None]:
    """ACLED codes the crowd as actor1 of protests and riots, the force that intervened as actor2."""
    crowd = next((m for m in mentions if m.dictionary_id in _CROWDS), None)
    if crowd is None:
        crowd = next((a for a in (actor1, actor2) if a is not None and a.kind in ("civilians", "other")), None)
    if crowd is None:
        return actor1, actor2
    force = next((a for a in (actor1, actor2) if a is not None and a.kind in ("state_force", "armed_group")), None)
    if force is None:
        force = next((m for m in mentions if m.kind == "state_force"), None)
    return crowd, force


def _depth(token: Any) -> int:
    return sum(1 for _ in token.ancestors)


def _in_headline(offset: int, text: str) -> bool:
    """Whether ``offset`` lies on a title line: short, without final punctuation (the body repeats it)."""
    line_end = text.find("\n", offset)
    line = text[text.rfind("\n", 0, offset) + 1 : len(text) if line_end < 0 else line_end].strip()
    return len(line) < 200 and not line.endswith(_TERMINAL)


def _confidence(actor1: Actor | None, actor2: Actor | None, location: Location | None) -> float:
    score = 0.4 + 0.15 * (actor1 is not None) + 0.1 * (actor2 is not None)
    if location is not None:
        score += 0.25 if location.rank <= DIRECTION else 0.1
    return min(score, 1.0)


def _same_event(a: Candidate, b: Candidate) -> bool:
    """Two nearby mentions of one event: same sub-type, compatible actors, dates and landing places."""
    ea, eb = a.event, b.event
    if ea.sub_event_type != eb.sub_event_type or ea.sub_event_type == "Other":
        return False
    if not 0 < b.sentence - a.sentence <= _MAX_GAP:
        return False
    for x, y in ((ea.actor1, eb.actor1), (ea.actor2, eb.actor2)):
        if x is not None and y is not None and x.name != y.name:
            return False
    if ea.date and eb.date and ea.date != eb.date and not (ea.date_from_publication or eb.date_from_publication):
        return False
    if a.rank == IMPACT and b.rank == IMPACT:
        return bool({_place_key(p) for p in a.places} & {_place_key(p) for p in b.places})
    return True


def _place_key(place: Place) -> str:
    return str(place.geonameid) if place.geonameid is not None else place.mention.text.lower()


def _fold(a: Candidate, b: Candidate) -> Candidate:
    """Merge ``b`` into ``a``: a's trigger, the first known value of each field, the best places."""
    ea, eb = a.event, b.event
    changes: dict[str, Any] = {}
    for name in ("actor1", "actor2", "date", "fatalities", "injured"):
        if getattr(ea, name) is None and getattr(eb, name) is not None:
            changes[name] = getattr(eb, name)
            for extra in {"date": ("date_precision", "date_evidence", "date_from_publication"),
                          "fatalities": ("fatalities_evidence",), "injured": ("injured_evidence",)}.get(name, ()):
                changes[extra] = getattr(eb, extra)  # fmt: skip
    if ea.date_from_publication and eb.date is not None and not eb.date_from_publication:
        changes.update(date=eb.date, date_precision=eb.date_precision, date_evidence=eb.date_evidence,
                       date_from_publication=False)  # fmt: skip
    names = {s.name for s in ea.attribution}
    changes["attribution"] = ea.attribution + tuple(s for s in eb.attribution if s.name not in names)
    changes["confidence"] = max(ea.confidence, eb.confidence)
    places, rank = (b.places, b.rank) if b.rank < a.rank else (a.places, a.rank)
    if places:
        changes["location"] = places[0]
        changes["geo_precision"] = min(precision_of(p, rank) for p in places)
    return Candidate(replace(ea, **changes), places, rank, b.sentence)
