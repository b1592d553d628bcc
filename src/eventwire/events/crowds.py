"""ACLED's sides of protests and riots: the crowd first, the force that intervened second
(issue 15)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventwire.events import acled
from eventwire.events.actors import ActorDictionary
from eventwire.events.battle_sides import opponent
from eventwire.events.numbers import Cues
from eventwire.events.role_context import RoleContext
from eventwire.records import Actor, Span

CROWDS = frozenset({"protesters", "rioters"})


def crowd_sides(
    ctx: RoleContext,
    actor1: Actor | None,
    actor2: Actor | None,
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    cues: Cues,
) -> tuple[Actor | None, Actor | None]:
    """The crowd and the force of a protest or a riot, the force looked for further away when
    ACLED codes one and the sentence names none."""
    nlp_doc = ctx.doc.nlp
    first, last = nlp_doc[ctx.primary.start], nlp_doc[ctx.primary.end - 1]
    actor1, actor2 = _crowd_roles(
        actor1,
        actor2,
        mentions,
        dictionary,
        ctx.event_type,
        ctx.doc.article.text,
        (first.idx, last.idx + len(last)),
    )
    if actor2 is not None and actor2.kind == "civilians" and ctx.sub_type in _FACING_FORCE:
        actor2 = None  # see _FACING_FORCE
    if actor1 is not None and actor2 is None and ctx.sub_type in _INTERVENED:
        # "… la police a dispersé la foule" told in another sentence: the force that intervened
        force = opponent(ctx, actor1, cues)
        actor2 = force if force is not None and force.kind == "state_force" else None
    return actor1, actor2


# Crowd events ACLED codes with the force that intervened as the second side.
_INTERVENED = frozenset(
    {acled.PROTEST_WITH_INTERVENTION, acled.EXCESSIVE_FORCE, acled.VIOLENT_DEMONSTRATION}
)
# A crowd that meets a force: ACLED's second side is that force or no one, never civilians
# ("douze personnes ont été interpellées" names the crowd held, not a victim); civilians are
# the second side of mob violence only.
_FACING_FORCE = frozenset({acled.PROTEST_WITH_INTERVENTION, acled.VIOLENT_DEMONSTRATION})


def _crowd_roles(
    actor1: Actor | None,
    actor2: Actor | None,
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    event_type: str,
    text: str,
    trigger: tuple[int, int],
) -> tuple[Actor | None, Actor | None]:
    """ACLED codes the crowd as actor1 of protests and riots, the force that intervened as actor2.

    The crowd is "Protesters" in a protest and "Rioters" in a riot whatever the text calls it;
    the crowd mention (else the trigger: "thousands rallied") is its evidence.
    """
    crowd = next((m for m in mentions if m.dictionary_id in CROWDS), None)
    if crowd is None:
        crowd = next(
            (a for a in (actor1, actor2) if a is not None and a.kind in ("civilians", "other")),
            None,
        )
    force = next(
        (a for a in (actor1, actor2) if a is not None and a.kind in ("state_force", "armed_group")),
        None,
    )
    if force is None:
        force = next((m for m in mentions if m.kind == "state_force"), None)
    entry = dictionary.entries.get("rioters" if event_type == acled.RIOTS else "protesters")
    if entry is None:
        return crowd or actor1, force
    evidence = crowd.mention if crowd is not None else Span.of(text, *trigger)
    crowd = Actor(evidence, entry.name, entry.kind, None, entry.id)
    return crowd, force


def recrowd(event_type: str, actor: Actor | None) -> Actor | None:
    """The crowd renamed for a retyped event: protesters who loot are rioters (ACLED)."""
    if actor is None or actor.dictionary_id not in CROWDS:
        return actor
    old, new = ("Protesters", "Rioters") if event_type == acled.RIOTS else ("Rioters", "Protesters")
    return replace(actor, name=actor.name.replace(old, new), dictionary_id=new.lower())


def crowd_order(
    sub_type: str, actor1: Actor | None, actor2: Actor | None
) -> tuple[Actor | None, Actor | None]:
    """ACLED: a peaceful protest has no second side; force against protesters is the force's act."""
    if sub_type == acled.PEACEFUL_PROTEST:
        return actor1, None
    if sub_type in _FACING_FORCE and actor2 is not None and actor2.kind == "civilians":
        return actor1, None  # see _FACING_FORCE
    if sub_type == acled.EXCESSIVE_FORCE and actor1 is not None and actor1.dictionary_id in CROWDS:
        return actor2, actor1
    return actor1, actor2
