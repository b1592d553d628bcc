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
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventwire.calendar_words import MONTHS
from eventwire.events import acled
from eventwire.events.actors import ActorDictionary
from eventwire.events.location import (
    DIRECTION,
    IMPACT,
    OTHER,
    Location,
    article_focus,
    locate,
    precision_of,
)
from eventwire.events.numbers import Cues
from eventwire.events.roles import (
    Frames,
    RoleContext,
    assign_roles,
    crowd_order,
    parse_roles,
    recrowd,
)
from eventwire.events.taxonomy import Taxonomy
from eventwire.events.triggers import Lexicon, Trigger, classify, find_cues, find_triggers
from eventwire.records import Actor, Document, Event, NonEventReason, Place, Span

__all__ = ["Candidate", "find_candidates", "merge_mentions", "split_by_place"]

_DEFINITE = frozenset(
    {
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "le",
        "la",
        "l'",
        "l’",
        "les",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
    }
)
_MAX_GAP = 2  # sentences between two mentions of one event
_TERMINAL = tuple('.!?:;»"”)…')
_NAME_ENTS = frozenset({"ORG", "MISC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "FAC"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event mention with every place it names (``places``) and its sentence number."""

    event: Event
    places: tuple[Place, ...]
    rank: int
    sentence: int
    family: str = ""  # the primary trigger's family ("kill", "strike" ...)
    anaphoric: bool = False  # "the strike", "ces bombardements": names an event told before
    context: NonEventReason | None = (
        None  # "cumulative": a running total, kept as a non-event (issue 14)
    )


def find_candidates(
    doc: Document,
    lexicon: Lexicon,
    taxonomy: Taxonomy,
    dictionary: ActorDictionary,
    *,
    cues: Cues,
    frames: Frames,
    with_context: bool = False,
) -> list[Candidate]:
    """One candidate event per sentence that holds a confirmed trigger of an ACLED event.

    ``cues`` is the language's cue lexicon and ``frames`` the role frame table, which the
    actors' roles read. A sentence that sums up a period ("plus de 900 tués depuis janvier")
    is no event; with ``with_context`` it comes back as a candidate whose ``context`` is
    ``"cumulative"``.
    """
    speech = frozenset(w.lower() for w in cues.strings("attribution", "speech_lemmas"))
    tables = _RoleTables(frames, cues, speech)
    text = doc.article.text
    blocked = _blocked_spans(doc, dictionary)
    focus = article_focus(doc.places, doc.article.text)
    multiline = sum(1 for line in text.splitlines() if line.strip()) >= 3
    out = []
    for index, sent in enumerate(_segments(doc.nlp)):
        triggers = find_triggers(sent, lexicon, blocked=blocked)
        if multiline:
            triggers = [t for t in triggers if not _in_headline(doc.nlp[t.head].idx, text)]
        if not triggers:
            continue
        for part, found in _clauses(sent, triggers, lexicon):

            def make(f: list[Trigger], part: Any = part, index: int = index) -> Candidate | None:
                return _candidate(doc, part, index, f, lexicon, taxonomy, dictionary, focus, tables)

            out += _sentence_candidates(found, make, doc.nlp, with_context=with_context)
    return out


def _sentence_candidates(
    triggers: list[Trigger],
    make: Callable[[list[Trigger]], Candidate | None],
    nlp_doc: Any,
    *,
    with_context: bool,
) -> list[Candidate]:
    """The candidate of one sentence (or clause), and a second, new event beside an anaphor."""
    candidate = make(triggers)
    if candidate is None or (candidate.context is not None and not with_context):
        return []
    out = [candidate]
    if candidate.context is None and candidate.anaphoric:
        # "The raid came a day after rebels clashed with the army ...": a second, new event
        rest = _other_triggers(triggers, candidate, nlp_doc)
        other = make(rest) if rest else None
        if other is not None:
            out.append(other)
    return out


def _clauses(
    sent: Any, triggers: list[Trigger], lexicon: Lexicon
) -> list[tuple[Any, list[Trigger]]]:
    """The sentence cut before ", while" / ", tandis que" when the clause it opens has its own
    subject and both sides hold a trigger: "rebels attacked the post in Kobe, while a landmine
    killed three civilians near Gao" tells two events (each its own place, toll and type)."""
    doc = sent.doc
    for token in sent:
        if token.lower_ not in lexicon.contrast_marks or token.i == sent.start:
            continue
        if doc[token.i - 1].text != "," or not _own_subject(token):
            continue
        before = [t for t in triggers if t.head < token.i]
        after = [t for t in triggers if t.head > token.i]
        if before and after:
            return [(doc[sent.start : token.i - 1], before), (doc[token.i : sent.end], after)]
    return [(sent, triggers)]


def _own_subject(mark: Any) -> bool:
    """Whether the clause the mark opens has a subject of its own (a finite clause)."""
    verb = mark.head
    return verb.i > mark.i and any(c.dep_.startswith("nsubj") for c in verb.children)


def _blocked_spans(doc: Document, dictionary: ActorDictionary) -> list[tuple[int, int]]:
    """Character spans no trigger may come from: named actors of the dictionary and names of
    several words ("Opération Barkhane").

    A national force read from a demonym ("frappes israéliennes", "Russian shelling") is no
    name: its noun may be the act itself, which stays a trigger (issue 14/15).
    """
    blocked = [
        (a.mention.start, a.mention.end)
        for a in doc.actors
        if a.dictionary_id in dictionary.entries and not dictionary.is_generic(a)
    ]
    blocked += [
        (e.start_char, e.end_char) for e in doc.nlp.ents if e.label_ in _NAME_ENTS and len(e) > 1
    ]
    return blocked


def _other_triggers(
    triggers: Sequence[Trigger], candidate: Candidate, nlp_doc: Any
) -> list[Trigger]:
    """The triggers of an anaphoric candidate's sentence that may tell a second, new event."""
    return [
        t
        for t in triggers
        if t.family not in _TOLL
        and t.family != candidate.family
        and not _anaphoric(nlp_doc[t.head])
    ]


def merge_mentions(
    candidates: Sequence[Candidate], taxonomy: Taxonomy | None = None
) -> list[Candidate]:
    """Fold each candidate into an earlier one that reports the same event, keeping text order.

    Details of an incident told after it (the toll, looting, "the strike", arrests or tear gas
    at a protest) fold into it too; with ``taxonomy`` they may retype it (a protest met with
    force becomes a "Protest with intervention").
    """
    merged: list[Candidate] = []
    for cand in candidates:
        target, sub_type = None, None
        for i in range(len(merged) - 1, -1, -1):
            if _same_event(merged[i], cand):
                target, sub_type = i, merged[i].event.sub_event_type
                break
            # a detail belongs to the event told just before it
            sub_type = _detail_of(merged[i], cand) if i == len(merged) - 1 else None
            if sub_type is not None:
                target = i
                break
        if target is None:
            merged.append(cand)
            continue
        folded = _fold(merged[target], cand)
        if (
            taxonomy is not None
            and sub_type is not None
            and sub_type != folded.event.sub_event_type
        ):
            sub = taxonomy[sub_type]
            actor1, actor2 = recrowd(sub.event_type, folded.event.actor1), folded.event.actor2
            if (
                actor2 is None
                and cand.event.actor1 is not None
                and cand.event.actor1.kind == "state_force"
            ):
                actor2 = cand.event.actor1  # "police fired tear gas": the force that intervened
            actor1, actor2 = crowd_order(sub.name, actor1, actor2)
            event = replace(
                folded.event,
                sub_event_type=sub.name,
                event_type=sub.event_type,
                plover=sub.plover,
                cameo=sub.cameo,
                actor1=actor1,
                actor2=actor2,
            )
            folded = replace(folded, event=event)
        merged[target] = folded
    return merged


def split_by_place(candidate: Candidate, article_id: str, article_text: str = "") -> list[Event]:
    """One event per place; several places share a ``group_id`` and only the first keeps casualties.

    "Between A and B" ("entre A et B") names one place of one event: ACLED codes it at A.
    """
    event = candidate.event
    places = _between_first(candidate.places, article_text)
    if len(places) <= 1:
        return [event if not places else replace(event, location=places[0])]
    candidate = replace(candidate, places=places)
    key = f"{article_id}:{event.trigger.start}:{event.sub_event_type}"
    group = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    out = []
    for i, place in enumerate(candidate.places):
        split = replace(
            event, location=place, geo_precision=precision_of(place, candidate.rank), group_id=group
        )
        if i:
            split = replace(
                split,
                fatalities=None,
                fatalities_evidence=None,
                injured=None,
                injured_evidence=None,
            )
        out.append(split)
    return out


_BETWEEN = re.compile(
    r"(?:\bentre|\bbetween)\s+(?:les?\s+|l[’']|the\s+)?(?:\w+\s+(?:de\s+|of\s+)?)?$", re.IGNORECASE
)
_AND = re.compile(
    r"^\s*(?:et|and)\s+(?:celle\s+de\s+|the\s+)?(?:\w+\s+(?:de\s+|of\s+)?)?$", re.IGNORECASE
)


def _between_first(places: Sequence[Place], text: str) -> tuple[Place, ...]:
    """Drop B of "between A and B" (text offsets tell them apart; no text, no change)."""
    kept: list[Place] = []
    for place in places:
        prev = kept[-1] if kept else None
        if prev is not None and text and prev.mention.end <= place.mention.start:
            before = text[max(0, prev.mention.start - 40) : prev.mention.start]
            if _BETWEEN.search(before) and _AND.match(text[prev.mention.end : place.mention.start]):
                continue
        kept.append(place)
    return tuple(kept)


@dataclass(frozen=True, slots=True)
class _RoleTables:
    """What the actors' roles read besides the parse: the frame table and the cue lexicon."""

    frames: Frames
    cues: Cues
    speech: frozenset[str] = frozenset()  # reporting verbs: their subject's place is a seat


def _candidate(
    doc: Document,
    sent: Any,
    index: int,
    triggers: Sequence[Trigger],
    lexicon: Lexicon,
    taxonomy: Taxonomy,
    dictionary: ActorDictionary,
    focus: Place | None,
    tables: _RoleTables,
) -> Candidate | None:
    nlp_doc, text = doc.nlp, doc.article.text
    primary = min(triggers, key=lambda t: (_depth(nlp_doc[t.head]), t.start))
    actor1, actor2 = parse_roles(
        nlp_doc, primary, triggers, doc.actors, dictionary, frames=tables.frames, cues=tables.cues
    )
    cues = find_cues(sent, lexicon)
    # a toll or count over a period ("depuis le début de l'année"), not one event
    cumulative = "cumulative" in cues or _since_year(sent)
    sub_type = _classify(primary, triggers, cues, actor1, actor2, armed=_armed(doc, sent))
    if sub_type is None:
        return None
    sub = taxonomy[sub_type]
    location = locate(nlp_doc[primary.head], sent, text, doc.places, focus, speech=tables.speech)
    # Only a resolved place's country localises actors: a country an unresolved name borrowed
    # from a neighbour (geo/fallback.py) may lie across a border.
    resolved = [] if location is None else [p for p in location.places if p.geonameid]
    where = resolved[0].country_code if resolved else None
    context = RoleContext(
        doc,
        sent,
        primary,
        triggers,
        sub_type,
        sub.event_type,
        primary.domain,
        where or _main_country(doc.places),
    )
    actor1, actor2 = assign_roles(
        context, actor1, actor2, dictionary, frames=tables.frames, cues=tables.cues
    )
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
        confidence=_confidence(actor1, actor2, location),
        taxonomy_version=taxonomy.version,
    )
    return _located(
        Candidate(
            event,
            (),
            99,
            index,
            primary.family,
            _anaphoric(nlp_doc[primary.head]),
            "cumulative" if cumulative else None,
        ),
        location,
    )


def _armed(doc: Document, sent: Any) -> bool:
    """Whether the sentence names an armed group or a state force other than the police."""
    return any(
        sent.start_char <= m.mention.start < sent.end_char
        and (
            m.kind == "armed_group"
            or (m.kind == "state_force" and "police" not in (m.dictionary_id or ""))
        )
        for m in doc.actors
    )


def _classify(
    primary: Trigger,
    triggers: Sequence[Trigger],
    cues: frozenset[str],
    actor1: Actor | None,
    actor2: Actor | None,
    *,
    armed: bool,
) -> str | None:
    """The sub-type :func:`~eventwire.events.triggers.classify` gives the sentence's triggers."""
    return classify(
        primary,
        {f for t in triggers for f in t.families},
        cues,
        actor1_kind=None if actor1 is None else actor1.kind,
        actor2_kind=None if actor2 is None else actor2.kind,
        actor2_protesters=actor2 is not None and actor2.dictionary_id == "protesters",
        actor1_crowd=actor1 is not None and actor1.dictionary_id in ("protesters", "rioters"),
        armed=armed,
    )


def _located(candidate: Candidate, location: Location | None) -> Candidate:
    """``candidate`` at ``location``'s places, rank and precision (none: rank 99)."""
    if location is None:
        return candidate
    event = replace(candidate.event, location=location.places[0], geo_precision=location.precision)
    return replace(candidate, event=event, places=location.places, rank=location.rank)


def _since_year(sent: Any) -> bool:
    """ "since 2022", "depuis 2015", "since August": the sentence sums up a period."""
    for t in sent:
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if (
            t.lower_ in ("since", "depuis")
            and nxt is not None
            and ((nxt.like_num and len(nxt.text) == 4) or nxt.lower_ in MONTHS)
        ):
            return True
    return False


def _segments(nlp_doc: Any) -> list[Any]:
    """The parser's sentences, cut again at line breaks (a paragraph never continues a sentence)."""
    out = []
    for sent in nlp_doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    out.append(nlp_doc[start : token.i])
                start = token.i + 1
        if start < sent.end:
            out.append(nlp_doc[start : sent.end])
    return out


def _anaphoric(token: Any) -> bool:
    """A definite event noun ("the strike", "ces frappes", "l'attaque", "Wednesday's attack")
    refers back to a told event."""
    if token.pos_ != "NOUN":
        return False
    return any(
        c.dep_ in ("det", "poss", "nmod:poss")
        and (c.lower_ in _DEFINITE or (c.dep_ == "poss" and c.ent_type_ == "DATE"))
        for c in token.children
    )


def _main_country(places: Sequence[Place]) -> str | None:
    """The country most event places of the article lie in."""
    codes = Counter(p.country_code for p in places if p.role == "event" and p.country_code)
    return codes.most_common(1)[0][0] if codes else None


def _depth(token: Any) -> int:
    return sum(1 for _ in token.ancestors)


def _in_headline(offset: int, text: str) -> bool:
    """Whether ``offset`` lies on a title line: short, without final punctuation (the body
    repeats it)."""
    line_end = text.find("\n", offset)
    line = text[text.rfind("\n", 0, offset) + 1 : len(text) if line_end < 0 else line_end].strip()
    return len(line) < 200 and not line.endswith(_TERMINAL)


def _confidence(actor1: Actor | None, actor2: Actor | None, location: Location | None) -> float:
    score = 0.4 + 0.15 * (actor1 is not None) + 0.1 * (actor2 is not None)
    if location is not None:
        score += 0.25 if location.rank <= DIRECTION else 0.1
    return min(score, 1.0)


def _same_event(a: Candidate, b: Candidate) -> bool:
    """Two nearby mentions of one event: same sub-type, compatible actors, dates and landing
    places."""
    ea, eb = a.event, b.event
    if ea.sub_event_type != eb.sub_event_type or ea.sub_event_type == acled.OTHER:
        return False
    if not 0 < b.sentence - a.sentence <= _MAX_GAP:
        return False
    for x, y in ((ea.actor1, eb.actor1), (ea.actor2, eb.actor2)):
        if x is not None and y is not None and x.name != y.name:
            return False
    if (
        ea.date
        and eb.date
        and ea.date != eb.date
        and not (ea.date_from_publication or eb.date_from_publication)
    ):
        return False
    if a.rank == IMPACT and b.rank == IMPACT:
        return bool({_place_key(p) for p in a.places} & {_place_key(p) for p in b.places})
    return True


_FAMILY = {
    acled.BATTLES: "violence",
    acled.EXPLOSIONS: "violence",
    acled.VIOLENCE_AGAINST_CIVILIANS: "violence",
    acled.PROTESTS: "crowd",
    acled.RIOTS: "crowd",
    acled.STRATEGIC_DEVELOPMENTS: "strategic",
}
_TOLL = frozenset({"kill", "wound"})


def _detail_of(a: Candidate, b: Candidate) -> str | None:
    """The sub-type ``a`` takes when ``b`` only tells a detail of it; None when ``b`` is another
    event."""
    ea, eb = a.event, b.event
    if not 0 < b.sentence - a.sentence <= _MAX_GAP:
        return None
    fa, fb = _FAMILY[ea.event_type], _FAMILY[eb.event_type]
    if b.anaphoric and fa == fb:
        return ea.sub_event_type
    keys_a, keys_b = {_place_key(p) for p in a.places}, {_place_key(p) for p in b.places}
    if b.rank <= OTHER and keys_b and not keys_b & keys_a:
        return None  # it happened somewhere else
    if fa == "crowd" and (fb != "strategic" or eb.sub_event_type in (acled.ARRESTS, acled.LOOTING)):
        return _crowd_detail(a, b)
    toll = b.family in _TOLL or eb.sub_event_type == acled.LOOTING
    same_side = eb.actor1 is None or ea.actor1 is None or eb.actor1.name == ea.actor1.name
    if fa == "violence" and toll and same_side:
        return ea.sub_event_type
    return None


def _crowd_detail(a: Candidate, b: Candidate) -> str:
    """The sub-type a protest or riot ``a`` takes when ``b`` tells force, looting or arrests."""
    ea, eb = a.event, b.event
    if ea.event_type == acled.RIOTS or ea.sub_event_type == acled.EXCESSIVE_FORCE:
        return ea.sub_event_type
    if eb.sub_event_type == acled.LOOTING or eb.event_type == acled.RIOTS:
        return acled.VIOLENT_DEMONSTRATION
    lethal = b.family == "kill" or eb.sub_event_type == acled.EXCESSIVE_FORCE
    return acled.EXCESSIVE_FORCE if lethal else acled.PROTEST_WITH_INTERVENTION


def _place_key(place: Place) -> str:
    return str(place.geonameid) if place.geonameid is not None else place.mention.text.lower()


def _fold(a: Candidate, b: Candidate) -> Candidate:
    """Merge ``b`` into ``a``: a's trigger, the first known value of each field, the best places."""
    ea, eb = a.event, b.event
    changes: dict[str, Any] = {}
    for name in ("actor1", "actor2", "date", "fatalities", "injured"):
        if getattr(ea, name) is None and getattr(eb, name) is not None:
            changes[name] = getattr(eb, name)
            for extra in {
                "date": (
                    "date_precision",
                    "date_evidence",
                    "date_from_publication",
                    "date_year_inferred",
                ),
                "fatalities": ("fatalities_evidence",),
                "injured": ("injured_evidence",),
            }.get(name, ()):
                changes[extra] = getattr(eb, extra)
    if ea.date_from_publication and eb.date is not None and not eb.date_from_publication:
        changes.update(
            date=eb.date,
            date_precision=eb.date_precision,
            date_evidence=eb.date_evidence,
            date_from_publication=False,
            date_year_inferred=eb.date_year_inferred,
        )
    if not ea.attribution:  # a's chain stands; a detail's own source only fills a gap
        changes["attribution"] = eb.attribution
    changes["confidence"] = max(ea.confidence, eb.confidence)
    changes["mentions"] = (*ea.mentions, eb.trigger, *eb.mentions)
    places, rank = (b.places, b.rank) if b.rank < a.rank else (a.places, a.rank)
    if places:
        changes["location"] = places[0]
        changes["geo_precision"] = min(precision_of(p, rank) for p in places)
    return Candidate(replace(ea, **changes), places, rank, b.sentence)
