"""Who did what to whom: actor1 (who acts) and actor2 (the target) of an event (issue 15).

Roles come from meaning, not word order: the parse of the trigger read through a table of frames
(``data/roles.v1.yaml``): the subject of an active verb and the agent of a passive one ("par",
"by") act; the object, the passive subject, "contre/against/on X", "X a été la cible d'une
attaque", "les positions de X" are the target. Two steps, because the event's type depends on
its actors and its actors' fallbacks on its type:

* :func:`parse_roles` — what the trigger's sentence says, before the event is typed;
* :func:`assign_roles` — the one place that completes and names them once the type and the
  place are known: nearest plausible actors when the parse names none (never a victim as the
  perpetrator, never a source or an outlet as an actor), ACLED's crowd order for protests and
  riots, unnamed fighters resolved, national names ("Civilians (Mali)").

The parts live by concern: ``role_frames`` (the frame table), ``role_agents`` (agent and target
from the parse), ``battle_sides``, ``crowds`` (ACLED's crowd sides), ``role_names`` (ACLED's
name of an actor) and ``role_context`` (what step 2 reads). This module wires them and
re-exports what callers import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eventwire.events import acled
from eventwire.events.actors import ActorDictionary, fold
from eventwire.events.attribution import Source, find_sources
from eventwire.events.battle_sides import battle_sides
from eventwire.events.crowds import CROWDS, crowd_order, crowd_sides, recrowd
from eventwire.events.numbers import Cues
from eventwire.events.role_agents import (
    agent_and_target,
    fallback_actor,
    is_passive,
    noun_phrase,
)
from eventwire.events.role_context import ARMED_GENERIC, RoleContext, trigger_offset
from eventwire.events.role_frames import Frames, load_frames
from eventwire.events.role_names import acled_name
from eventwire.events.triggers import Trigger
from eventwire.records import Actor, Span

__all__ = [
    "CROWDS",
    "Frames",
    "RoleContext",
    "agent_and_target",
    "assign_roles",
    "crowd_order",
    "fallback_actor",
    "is_passive",
    "load_frames",
    "parse_roles",
    "recrowd",
]


_REPEL = frozenset({"clash", "attack"})  # passive "X a été repoussé/attaqué": X is the target
_UNSEEN = frozenset({"explosion", "kill", "wound"})
_NOT_ACTORS = frozenset({"media"})  # an outlet reports events; it never takes part in one


def parse_roles(
    nlp_doc: Any,
    primary: Trigger,
    triggers: Sequence[Trigger],
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    *,
    frames: Frames,
    cues: Cues,
) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 the sentence gives the primary trigger, completed from its other triggers.

    A victim of the sentence ("onze soldats ont été tués") is never actor1. ``cues`` (the
    language's cue lexicon) tells the sources, which are not actors.
    """
    sent = nlp_doc[primary.head].sent
    usable = actor_mentions(sent, mentions, cues)
    victims = _victims(nlp_doc, triggers, usable, frames)
    actor1, actor2 = agent_and_target(
        nlp_doc[primary.head], usable, dictionary, frames=frames, antecedents=mentions
    )
    for other in triggers:
        if actor1 is not None and actor2 is not None:
            break
        if other is primary:
            continue
        a1, a2 = agent_and_target(
            nlp_doc[other.head], usable, dictionary, frames=frames, antecedents=mentions
        )
        actor1 = actor1 or (a1 if a1 is None or actor2 is None or a1.name != actor2.name else None)
        actor2 = actor2 or (a2 if a2 is None or actor1 is None or a2.name != actor1.name else None)
    if actor1 is not None and _in(actor1, victims):
        actor1, actor2 = None, actor2 or actor1
    if actor2 is None:
        actor2 = _nationals(nlp_doc, triggers, dictionary, frames)
    return actor1, actor2


def _nationals(
    nlp_doc: Any, triggers: Sequence[Trigger], dictionary: ActorDictionary, frames: Frames
) -> Actor | None:
    """Victims named by their nationality alone are civilians of that country.

    "Huit Palestiniens ont été tués", "two Malians were kidnapped": ACLED codes victims whose
    affiliation the report does not give as civilians; the noun is a capitalised demonym.
    """
    entry = dictionary.entries.get("civilians")
    if entry is None:
        return None
    for child in _victim_tokens(nlp_doc, triggers, frames):
        if child.pos_ not in ("NOUN", "PROPN") or not child.text[:1].isupper():
            continue
        word = fold(child.text)
        code = dictionary.demonyms.get(word) or dictionary.demonyms.get(word.removesuffix("s"))
        if code is not None:
            span = Span(child.text, child.idx, child.idx + len(child))
            found = Actor(span, entry.name, entry.kind, None, entry.id)
            return dictionary.localize(found, code)
    return None


def _victim_tokens(nlp_doc: Any, triggers: Sequence[Trigger], frames: Frames) -> Iterator[Any]:
    """The heads naming who was killed, wounded or abducted, in trigger order: the subjects of
    passive victim triggers and the objects of active ones."""
    for trigger in triggers:
        if trigger.family not in frames.victim_families:
            continue
        token = nlp_doc[trigger.head]
        passive = is_passive(token)
        for child in token.children:
            if child.dep_ in ("obj", "dobj") or (
                child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and passive
            ):
                yield child


def _victims(
    nlp_doc: Any, triggers: Sequence[Trigger], mentions: Sequence[Actor], frames: Frames
) -> list[Actor]:
    """Mentions killed, wounded or abducted in the sentence.

    The subjects of passives and the objects of actives.
    """
    out: list[Actor] = []
    for child in _victim_tokens(nlp_doc, triggers, frames):
        starts = {t.idx for t in noun_phrase(child)}
        out += [m for m in mentions if any(m.mention.start <= s < m.mention.end for s in starts)]
    return out


def actor_mentions(sent: Any, mentions: Sequence[Actor], cues: Cues) -> list[Actor]:
    """The mentions that may take part in an event of ``sent``: not an outlet, not a source.

    "according to police", "selon l'armée", "cité par Reuters": who reports is not who acts, nor
    the speaker of a closing clause ("…, a indiqué la police"). The subject of a speech verb
    that opens the sentence stays: "the army said it killed ..." reports the army's own act.
    """
    spans = [
        (s.start, s.end)
        for s in find_sources(sent, cues)
        if s.kind != "verb" or _closing_speaker(sent, s)
    ]
    return [
        m
        for m in mentions
        if m.kind not in _NOT_ACTORS and not any(a <= m.mention.start < b for a, b in spans)
    ]


def _closing_speaker(sent: Any, source: Source) -> bool:
    """Whether a speech verb's speaker closes the sentence after what it reports: "…, a indiqué
    la police", "…, police said" report the event; they take no part in it (issue 15)."""
    if source.start > source.cue_start:
        return True  # inverted: the speaker after its verb
    verb = next((t for t in sent if t.idx == source.cue_start), None)
    if verb is None:
        return False
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children) or (
        verb.dep_ in ("parataxis", "dep") and verb.head.i < verb.i
    )


def _in(actor: Actor, mentions: Sequence[Actor]) -> bool:
    return any(m.mention.start == actor.mention.start for m in mentions)


def assign_roles(
    ctx: RoleContext,
    actor1: Actor | None,
    actor2: Actor | None,
    dictionary: ActorDictionary,
    *,
    frames: Frames,
    cues: Cues,
) -> tuple[Actor | None, Actor | None]:
    """The event's actor1 and actor2 under ACLED's names, from the parse's ``actor1``/``actor2``.

    >>> # assign_roles(RoleContext(doc, sent, trigger, [trigger], "Attack",
    >>> #              "Violence against civilians", "violence", "ML"), None, None,
    >>> #              load_actor_dictionary(),
    >>> #              frames=load_frames(), cues=load_cues("fr"))
    """
    doc, primary = ctx.doc, ctx.primary
    nlp_doc = doc.nlp
    mentions = actor_mentions(
        ctx.sent,
        [a for a in doc.actors if ctx.sent.start_char <= a.mention.start < ctx.sent.end_char],
        cues,
    )
    victims = _victims(nlp_doc, ctx.triggers, mentions, frames)
    anchor = nlp_doc[primary.head].idx
    if actor2 is None and actor1 is None and _repelled(ctx):
        # "une tentative de Daech a été repoussée": the nearest group is the one repelled
        actor2 = fallback_actor(anchor, mentions)
    if actor1 is None:
        perpetrators = [m for m in mentions if not _in(m, victims)]
        actor1 = _perpetrator(ctx, actor2, perpetrators, victims)
    if actor2 is None and (ctx.domain == "violence" or ctx.sub_type == acled.ARRESTS):
        actor2 = _victim(ctx, actor1, mentions)
    if ctx.event_type in (acled.PROTESTS, acled.RIOTS):
        actor1, actor2 = crowd_sides(ctx, actor1, actor2, mentions, dictionary, cues)
    if ctx.event_type == acled.BATTLES:
        actor1, actor2 = battle_sides(ctx, actor1, actor2, cues)
    actor1, actor2 = (acled_name(a, doc, dictionary, ctx.country) for a in (actor1, actor2))
    if _named_twice(actor1, actor2):
        actor2 = None  # "l'armée ... les VDP": one side named twice
    return crowd_order(ctx.sub_type, actor1, actor2)


def _named_twice(actor1: Actor | None, actor2: Actor | None) -> bool:
    """Both sides carry one name; two unidentified groups ("clashes between gunmen") are two."""
    if actor1 is None or actor2 is None or actor1.name != actor2.name:
        return False
    return not (actor1.dictionary_id in ARMED_GENERIC and actor2.dictionary_id in ARMED_GENERIC)


def _repelled(ctx: RoleContext) -> bool:
    """ "X a été repoussé/attaqué": a passive clash or attack, its subject the target."""
    return ctx.primary.family in _REPEL and is_passive(ctx.doc.nlp[ctx.primary.head])


def _perpetrator(
    ctx: RoleContext,
    actor2: Actor | None,
    perpetrators: Sequence[Actor],
    victims: Sequence[Actor],
) -> Actor | None:
    """actor1 when the parse names none: the nearest plausible perpetrator, never a victim."""
    anchor = trigger_offset(ctx)
    if ctx.sub_type == acled.AIR_STRIKE:
        flier = _air_force(ctx, perpetrators, victims)
        if flier is not None and (actor2 is None or flier.name != actor2.name):
            return flier
    if ctx.domain != "strategic":
        exclude = () if actor2 is None else (actor2.name,)
        # an IED or a killing without a named perpetrator: the forces named are its victims
        unseen = ctx.primary.family in _UNSEEN or ctx.sub_type == acled.REMOTE_EXPLOSIVE
        armed: tuple[str, ...] = (
            ("armed_group", "other") if unseen else ("armed_group", "state_force", "other")
        )
        return fallback_actor(anchor, perpetrators, exclude=exclude, kinds=armed)
    if ctx.sub_type == acled.ARRESTS:
        return fallback_actor(anchor, perpetrators, kinds=("state_force", "government"))
    return None


def _air_force(
    ctx: RoleContext, perpetrators: Sequence[Actor], victims: Sequence[Actor]
) -> Actor | None:
    """Air strikes are flown by states: the force named here, else the one the article named
    last."""
    anchor = trigger_offset(ctx)
    here = fallback_actor(anchor, perpetrators, kinds=("state_force",))
    if here is not None:
        return here
    earlier = [
        m
        for m in ctx.doc.actors
        if m.mention.start < anchor and m.kind == "state_force" and not _in(m, victims)
    ]
    return earlier[-1] if earlier else None


def _victim(ctx: RoleContext, actor1: Actor | None, mentions: Sequence[Actor]) -> Actor | None:
    """actor2 of violence or an arrest when the parse names none: named forces or groups when a
    perpetrator is known, else only civilians."""
    only = actor1 is None or ctx.sub_type == acled.ARRESTS
    kinds: tuple[str, ...] = ("civilians",) if only else ("armed_group", "state_force", "civilians")
    exclude = () if actor1 is None else (actor1.name,)
    return fallback_actor(trigger_offset(ctx), mentions, exclude=exclude, kinds=kinds)
