"""ACLED's name of an event's actor: unnamed fighters resolved to the group told before, national
forces and civilians given their country (issue 15)."""

from __future__ import annotations

import re

from eventwire.events.actors import ActorDictionary
from eventwire.events.role_agents import speaking_country
from eventwire.events.role_context import ARMED_GENERIC, UNNAMED
from eventwire.records import Actor, Document


def acled_name(
    actor: Actor | None, doc: Document, dictionary: ActorDictionary, country: str | None
) -> Actor | None:
    """ACLED's name for an event's actor: unnamed fighters resolved, national groups given their
    country.

    "Les jihadistes" after a named group are that group (news names a group, then refers back
    to it); "l'armée" after "l'armée israélienne" is that army; the country is a demonym next to
    the mention, else the event's (or article's).
    """
    if actor is None:
        return None
    if actor.dictionary_id in UNNAMED or actor.dictionary_id in ARMED_GENERIC:
        source = _referent(actor, doc, dictionary)
        if source is not None:
            actor = Actor(
                actor.mention, source.name, source.kind, source.country_code, source.dictionary_id
            )
    home = (
        dictionary.adjacent_country(doc.article.text, actor.mention)
        or _possessor_country(actor, doc, dictionary)
        or _told_before(actor, doc)
        or country
    )
    return dictionary.localize(actor, home)


def _referent(actor: Actor, doc: Document, dictionary: ActorDictionary) -> Actor | None:
    """The named armed group an unnamed or generic fighter mention stands for, if any."""
    named = [
        m
        for m in doc.actors
        if m.kind == "armed_group" and m.dictionary_id is not None and not dictionary.is_generic(m)
    ]
    text, end = doc.article.text, actor.mention.end
    # "hommes armés présumés de l'EIGS", "gunmen from the Islamic State group"
    after = [
        m
        for m in named
        if 0 <= m.mention.start - end <= 40 and not set(".;!?\n") & set(text[end : m.mention.start])
    ]
    if after:
        return after[0]
    before = [m for m in named if m.mention.start < actor.mention.start]
    if before and (actor.dictionary_id in UNNAMED or _definite(text, actor)):
        return before[-1]
    return None


_POSSESSIVE = re.compile(r"(?:^|\W)(?:its|their|ses|leurs|son|sa)\s+$", re.IGNORECASE)


def _possessor_country(actor: Actor, doc: Document, dictionary: ActorDictionary) -> str | None:
    """ "Russia said its forces took the village": the forces of the country the sentence named."""
    if actor.dictionary_id not in ("military_unspecified", "police_unspecified"):
        return None
    before = doc.article.text[max(0, actor.mention.start - 8) : actor.mention.start]
    if not _POSSESSIVE.search(before):
        return None
    span = doc.nlp.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand")
    if span is None:
        return None
    speaker = speaking_country(span.root, dictionary)
    return None if speaker is None else speaker.country_code


def _told_before(actor: Actor, doc: Document) -> str | None:
    """The country of the national force a bare "l'armée"/"the army" refers back to.

    "L'armée israélienne a frappé … L'armée a dit …": the second is Israel's, wherever it struck.
    """
    if actor.dictionary_id not in ("military_unspecified", "police_unspecified"):
        return None
    if not re.search(
        r"(?:^|\W)(?:the|l['’]|la|les|le)\s*$",
        doc.article.text[max(0, actor.mention.start - 6) : actor.mention.start].lower(),
    ):
        return None
    police = actor.dictionary_id == "police_unspecified"
    earlier = [
        m
        for m in doc.actors
        if m.mention.start < actor.mention.start
        and m.kind == "state_force"
        and m.country_code
        and ("police" in (m.dictionary_id or "") or "Police" in m.name) == police
    ]
    return earlier[-1].country_code if earlier else None


def _definite(text: str, actor: Actor) -> bool:
    """ "the attackers", "les assaillants": a group already told about."""
    before = text[max(0, actor.mention.start - 6) : actor.mention.start].lower()
    return bool(re.search(r"(?:^|\W)(?:the|les|ces|those|these)\s+$", before))
