"""Generic statements are not events: "les enlèvements se multiplient", "attacks have increased".

A mention is generic when its trigger is a bare plural noun (no article that points at told
events, no number), and nothing anchors it to one incident: no day of its own (only the
publication day), no toll, and no place it struck (issue 14). It is kept as a non-event with
reason ``generic``. "Des frappes ont visé Khiam mardi" names a day and a struck place: an event.

So is a campaign noun as the trigger ("a sweeping offensive against the junta", "l'offensive
lancée fin octobre") that names no place it struck: ACLED codes the clashes and strikes of an
offensive, one per place and day, never the offensive itself; the nouns are data (``campaigns``
in ``genre.<lang>.v1.yaml``).

So is an ongoing exchange told in the perfect progressive ("Hezbollah and Israel have been
exchanging fire for months", "gunmen have been attacking convoys"): a habit, not one act
(GUIDE.md: habitual), unless its own sentence gives its day.
"""

from __future__ import annotations

from typing import Any

from eventwire.events.details import token_at
from eventwire.events.location import IMPACT
from eventwire.records import Event

__all__ = ["is_campaign", "is_generic", "is_ongoing"]

# French "les" is also the generic article ("les enlèvements se multiplient"): it points at nothing.
_POINTING = frozenset(
    {
        "the",
        "these",
        "those",
        "this",
        "that",
        "its",
        "their",
        "le",
        "la",
        "l'",
        "l’",
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


def is_generic(event: Event, rank: int, nlp_doc: Any) -> bool:
    """Whether ``event`` (found at location ``rank``) states a kind of violence, not one act."""
    if is_ongoing(event, nlp_doc):
        return True
    if nlp_doc is None or not event.happened or event.fatalities or event.injured or rank == IMPACT:
        return False
    if _dated_in_sentence(event):
        return False
    token = token_at(nlp_doc, event.trigger.start)
    if token is None or token.pos_ != "NOUN" or "Plur" not in token.morph.get("Number"):
        return False
    if _episodic(token):
        return False
    return not any(
        c.dep_ in ("det", "nummod", "poss", "nmod:poss", "det:poss")
        and (c.lower_ in _POINTING or c.like_num)
        for c in token.children
    )


def _dated_in_sentence(event: Event) -> bool:
    """Whether the event's own sentence names its day: a day lent by an earlier sentence does not
    make a bare plural one act ("they began launching attacks on the army" after a dated lead)."""
    evidence = event.date_evidence
    if event.date is None or event.date_from_publication or evidence is None:
        return False
    return event.sentence.start <= evidence.start < event.sentence.end


def _episodic(token: Any) -> bool:
    """Whether the plural noun is what a simple past did or underwent, or who did something to
    something: one occasion, not a kind ("supporters staged protests", "rallies were held",
    "protesters threw stones", "ils ont organisé des marches")."""
    head = token.head
    if token.dep_ == "dobj" and head.tag_ == "VBD":
        return True
    if token.dep_ == "nsubjpass":
        return any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in head.children)
    if token.dep_ == "nsubj" and head.tag_ in ("VBD", "VBP", "VBZ"):
        # "Protesters threw stones", "demonstrators light fires" (a caption): they did a thing
        return any(c.dep_ == "dobj" for c in head.children)
    # French: "des" (some, not "les", which is also generic) with a passé composé
    return (
        token.dep_ in ("obj", "nsubj")
        and "Part" in head.morph.get("VerbForm")
        and "Past" in head.morph.get("Tense")
        and any(c.dep_ == "aux:tense" for c in head.children)
        and any(c.dep_ == "det" and c.lower_ == "des" for c in token.children)
        and (token.dep_ == "obj" or any(c.dep_ == "obj" for c in head.children))
    )


def is_ongoing(event: Event, nlp_doc: Any) -> bool:
    """Whether the trigger is a verb in the perfect progressive ("have been shelling") and its own
    sentence names no day of it."""
    if nlp_doc is None or not event.happened:
        return False
    evidence = event.date_evidence
    if evidence is not None and event.sentence.start <= evidence.start < event.sentence.end:
        return False
    token = token_at(nlp_doc, event.trigger.start)
    if token is None or token.tag_ != "VBG":
        return False
    auxes = {c.lower_ for c in token.children if c.dep_ == "aux"}
    return "been" in auxes and bool(auxes & {"have", "has", "had", "'ve"})


def is_campaign(event: Event, struck: bool, nlp_doc: Any, campaigns: frozenset[str]) -> bool:
    """Whether the trigger is a noun naming a campaign over a period (one of ``campaigns``) and
    ``struck`` is false: "une offensive sur Alep" names the town it struck, an event there."""
    if struck or not event.happened:
        return False
    token = token_at(nlp_doc, event.trigger.start) if nlp_doc is not None else None
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return token.lemma_.casefold() in campaigns or token.lower_ in campaigns
