"""The two armed sides of a battle, the one the sentence leaves unnamed looked for in context
(ACLED: battles are fought by two armed sides; issue 15)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventwire.calendar_words import MONTHS, WEEKDAYS
from eventwire.events import acled
from eventwire.events.attribution import find_sources
from eventwire.events.numbers import Cues
from eventwire.events.role_context import ARMED_GENERIC, UNNAMED, RoleContext, trigger_offset
from eventwire.records import Actor

_BATTLE_REACH = 1500  # characters around the trigger where the other side may be named


def battle_sides(
    ctx: RoleContext, actor1: Actor | None, actor2: Actor | None, cues: Cues
) -> tuple[Actor | None, Actor | None]:
    """ACLED's battles are fought by two armed sides: civilians are no side, and a side the
    sentence leaves unnamed ("troops were ambushed", "les rebelles ont pris la ville") is the
    opposing force the article names nearest the trigger: a state force against a group, a
    group (else a state force) against a state force; unidentified gunmen with no named
    opponent fought other unidentified gunmen."""
    actor1, actor2 = (
        None if a is not None and a.kind == "civilians" else a for a in (actor1, actor2)
    )
    if _same_side(actor1, actor2):
        actor2 = None  # "deux soldats camerounais abattus … l'armée": one side named twice
    known = actor1 or actor2
    if known is None or (actor1 is not None and actor2 is not None) or not _fighter(known):
        return actor1, actor2
    other = opponent(ctx, known, cues)
    if other is None and known.dictionary_id in ARMED_GENERIC and ctx.sub_type == acled.ARMED_CLASH:
        # "des affrontements entre hommes armés": ACLED codes two unidentified armed groups
        other = known
    return (actor1, other) if actor1 is not None else (other, actor2)


def _same_side(actor1: Actor | None, actor2: Actor | None) -> bool:
    """Whether two state forces are one country's (or one of them names no country)."""
    if actor1 is None or actor2 is None:
        return False
    if actor1.kind != "state_force" or actor2.kind != "state_force":
        return False
    codes = {actor1.country_code, actor2.country_code} - {None, ""}
    return len(codes) <= 1


def _fighter(actor: Actor) -> bool:
    return actor.kind in ("armed_group", "state_force") or actor.dictionary_id in UNNAMED


def opponent(ctx: RoleContext, known: Actor, cues: Cues) -> Actor | None:
    """The force nearest the trigger on the other side of ``known``; who reports ("police
    said", "selon la police") is not taken for who fought."""
    anchor = trigger_offset(ctx)
    near = _unreported(ctx.doc.nlp, _fighters_near(ctx, known, anchor), cues)
    near = [m for m in near if _same_incident(ctx, m)]
    pool = _opposing(near, known)
    return min(pool, key=lambda m: abs(m.mention.start - anchor), default=None)


def _fighters_near(ctx: RoleContext, known: Actor, anchor: int) -> list[Actor]:
    """The fighters the article names around the trigger, other than ``known``."""
    return [
        m
        for m in ctx.doc.actors
        if abs(m.mention.start - anchor) <= _BATTLE_REACH
        and m.name != known.name
        and m.mention.start != known.mention.start
        and _fighter(m)
    ]


def _unreported(nlp_doc: Any, near: Sequence[Actor], cues: Cues) -> list[Actor]:
    """``near`` without the mentions that name a source in their sentence."""
    sentences = {
        nlp_doc.char_span(m.mention.start, m.mention.end, alignment_mode="expand") for m in near
    }
    spans = [
        (s.start, s.end)
        for sent in {span.sent for span in sentences if span is not None}
        for s in find_sources(sent, cues)
    ]
    return [m for m in near if not any(a <= m.mention.start < b for a, b in spans)]


def _opposing(near: Sequence[Actor], known: Actor) -> list[Actor]:
    """The fighters of ``near`` on the other side: a state force against a group, a group (else
    any fighter) against a state force, another country's force when only states are named."""
    state = known.kind == "state_force"
    preferred = [m for m in near if (m.kind == "state_force") != state]
    if preferred:
        return preferred
    if not state:
        return list(near)
    if not known.country_code:
        return []
    # two states at war ("Russian forces took the village from Ukrainian troops")
    return [
        m
        for m in near
        if m.kind == "state_force" and m.country_code and m.country_code != known.country_code
    ]


def _same_incident(ctx: RoleContext, mention: Actor) -> bool:
    """Whether ``mention``'s sentence may tell the event's incident (issue 15).

    Not when it states another day than the event's sentence ("Les FDS ont arrêté dix suspects
    lundi. Onze soldats ont été tués mardi": the arrest's force did not fight), nor another
    place in another paragraph; a sentence that states neither is read as the same story, and
    within one paragraph a second place is read as the story going on.
    """
    span = ctx.doc.nlp.char_span(
        mention.mention.start, mention.mention.end, alignment_mode="expand"
    )
    if span is None or span.sent.start == ctx.sent.start:
        return True
    other = span.sent
    days, other_days = _days(ctx.sent), _days(other)
    if days and other_days and not days & other_days:
        return False
    if not _another_paragraph(ctx, other):
        return True
    places, other_places = _places(ctx, ctx.sent), _places(ctx, other)
    return not (places and other_places and not places & other_places)


def _another_paragraph(ctx: RoleContext, other: Any) -> bool:
    first, second = sorted((ctx.sent, other), key=lambda s: s.start_char)
    return "\n" in ctx.doc.article.text[first.end_char : second.start_char]


def _days(sentence: Any) -> frozenset[str]:
    """The weekdays and "12 mars" dates a sentence states, lower case."""
    out = set()
    for token in sentence:
        word = token.lower_
        if word in WEEKDAYS:
            out.add(word)
        elif word in MONTHS - {"may", "mars"} or (word == "mars" and token.i > sentence.start):
            before = token.nbor(-1) if token.i > sentence.start else None
            if before is not None and before.like_num:
                out.add(f"{before.text} {word}")
    return frozenset(out)


def _places(ctx: RoleContext, sentence: Any) -> frozenset[int]:
    """The resolved places an event may lie at, named in ``sentence`` (their GeoNames ids)."""
    return frozenset(
        p.geonameid
        for p in ctx.doc.places
        if p.geonameid is not None
        and p.role == "event"
        and sentence.start_char <= p.mention.start < sentence.end_char
    )
