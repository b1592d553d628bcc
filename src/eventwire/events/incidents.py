"""One real incident, one event: fold the article's mentions that tell the same incident (issue 14).

:func:`~eventwire.events.extract.merge_mentions` folds neighbouring sentences; this step reads
the whole article. The headline's lead, a recap paragraph ("lors de l'accrochage …"), the army's
version and a second source are one incident when

* their types are of one family (armed violence, crowds; a strategic development only with its
  own sub-type),
* their days agree within one day (or one of them only has the publication day), and
* their places agree: the same place, one a country or province holding the other (or an
  unresolved name inside it), or one of them names no place. When both name the place they
  struck ("frappes sur X", "tués à Y"), only the same place agrees.

ACLED codes one event per location and day, so two different named places are never folded; an
air or artillery strike by one side is its own event beside the attack it answers.

The folded event keeps the first mention's trigger and sentence (the lead), the most precise
place, the sub-type of the most specific mention (:data:`SPECIFICITY`), the first toll reported,
the first chain of sources (the nearest speaker and its relays), and the other mentions'
triggers as ``mentions``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from eventwire.events import acled
from eventwire.events.extract import Candidate
from eventwire.events.location import IMPACT, OTHER, precision_of
from eventwire.events.roles import crowd_order
from eventwire.records import Actor, Attribution, Event, NonEventReason, Place, Span

__all__ = [
    "SPECIFICITY",
    "consolidate",
    "is_dateline",
    "names_struck_place",
    "refers_to_context",
    "same_incident",
    "situate",
]

_FAMILY = {
    acled.BATTLES: "violence",
    acled.EXPLOSIONS: "violence",
    acled.VIOLENCE_AGAINST_CIVILIANS: "violence",
    acled.PROTESTS: "crowd",
    acled.RIOTS: "crowd",
}
#: When mentions of one incident disagree, the earlier sub-type here wins: the means (a suicide
#: bomb, a drone) say more than "attack", and a fight with armed forces is a battle (ACLED).
SPECIFICITY: tuple[str, ...] = (
    acled.SUICIDE_BOMB,
    acled.CHEMICAL_WEAPON,
    acled.AIR_STRIKE,
    acled.SHELLING,
    acled.REMOTE_EXPLOSIVE,
    acled.GRENADE,
    acled.NON_STATE_OVERTAKES,
    acled.GOVERNMENT_REGAINS,
    acled.ARMED_CLASH,
    acled.SEXUAL_VIOLENCE,
    acled.ABDUCTION,
    acled.ATTACK,
    acled.EXCESSIVE_FORCE,
    acled.MOB_VIOLENCE,
    acled.VIOLENT_DEMONSTRATION,
    acled.PROTEST_WITH_INTERVENTION,
    acled.PEACEFUL_PROTEST,
    acled.LOOTING,  # a detail of the incident it is folded into
)
_REMOTE = frozenset({acled.AIR_STRIKE, acled.SHELLING})
#: a change of territory is no act that "the attack" or "les combats" names again
_TERRITORY = frozenset({acled.NON_STATE_OVERTAKES, acled.GOVERNMENT_REGAINS})
_DETAIL = acled.LOOTING
_REGION_CODES = frozenset(
    {"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR", "ADM1", "ADM1H", "RGN"}
)
#: What may situate a place told right before it ("à X, dans la province du Soum"): a region, or
#: a second- or third-level division (a province, a district, a county).
_SITUATING_CODES = _REGION_CODES | frozenset({"ADM2", "ADM2H", "ADM3", "ADM3H", "ADMD"})
_MAX_DAYS_APART = 1
# What may follow a dateline's place before its dash: ", Mali", ", Aug 19, 2019", "(AP)", "(AFP)".
_DATELINE_TAIL = re.compile(r"^(?:\s*,\s*[\w.' -]{1,30}?){0,3}\s*(?:\([^()\n]{1,30}\))?\s*[-—–|:]")


def is_dateline(place: Place, text: str) -> bool:
    """Whether ``place`` is the dateline ("BAMAKO, Mali (AP) —", "Gao, 3 mai (AFP) -"): where the
    report was filed, never where the event happened (``../shared/ANNOTATION.md``)."""
    prefix = text[: place.mention.start].strip()
    if not text or (prefix and not (len(prefix) <= 30 and prefix[-1] in "|-—–:")):
        return False  # a dateline opens the text (after at most a short "Outlet |")
    return _DATELINE_TAIL.match(text[place.mention.end : place.mention.end + 60]) is not None


def _family(event: Event) -> str:
    return _FAMILY.get(event.event_type) or f"strategic:{event.sub_event_type}"


def _day(event: Event) -> date | None:
    if event.date is None or event.date_from_publication:
        return None
    try:
        return date.fromisoformat(event.date[:10])
    except ValueError:
        return None


def _is_region(place: Place) -> bool:
    return (place.feature_code or "") in _REGION_CODES


def _key(place: Place) -> str:
    return str(place.geonameid) if place.geonameid is not None else place.mention.text.casefold()


def _places_agree(a: Sequence[Place], b: Sequence[Place]) -> bool:
    if not a or not b or {_key(p) for p in a} & {_key(q) for q in b}:
        return True
    for p in a:
        for q in b:
            if p.contains(q) or q.contains(p):
                return True
            # an unresolved village "in Mali": a region cannot rule it out
            if (_is_region(p) and not q.resolved) or (_is_region(q) and not p.resolved):
                return True
    return False


def names_struck_place(candidate: Candidate) -> bool:
    """Whether the mention names a place it struck ("sur Alep"), not only a country or region
    ("an offensive against Myanmar's government")."""
    return candidate.rank == IMPACT and any(not _is_region(p) for p in candidate.places)


def _same_province(a: Sequence[Place], b: Sequence[Place]) -> bool:
    """Whether a place of each lies in one first-level division of one country."""
    return any(
        p.country_code is not None
        and p.admin1 is not None
        and (p.country_code, p.admin1) == (q.country_code, q.admin1)
        for p in a
        for q in b
    )


def _nested(a: Sequence[Place], b: Sequence[Place]) -> bool:
    """The same place, or a country or province holding the other's place."""
    if {_key(p) for p in a} & {_key(q) for q in b}:
        return True
    return any(p.contains(q) or q.contains(p) for p in a for q in b)


def _retaliation(a: Candidate, b: Candidate) -> bool:
    """An air or artillery strike beside an act of another kind is its own event (ACLED) when
    another side struck, or when the strike names the places it hit ("a riposté … sur X et Y");
    a country or region ("une frappe en Birmanie") situates it, it names no struck place."""
    for x, y in ((a, b), (b, a)):
        ex, ey = x.event, y.event
        if ex.sub_event_type in _REMOTE and ey.event_type != ex.event_type:
            if ex.actor1 is not None and ey.actor1 is not None and ex.actor1.name != ey.actor1.name:
                return True
            if x.rank == IMPACT and any(not _is_region(p) for p in x.places):
                return True
    return False


#: Details that belong to an incident of a family (GUIDE.md: "looting during the attack, houses
#: burnt in a raid, arrests during a protest belong to it"); ACLED codes the incident.
_DETAILS: dict[str, frozenset[str]] = {
    # a side that withdrew from where it was fought or overrun that day lost that battle: one
    # change of control (ACLED codes "the army retreated from the village" beside its capture
    # as the capture)
    "violence": frozenset({f"strategic:{_DETAIL}", f"strategic:{acled.NON_VIOLENT_TRANSFER}"}),
    "crowd": frozenset({f"strategic:{_DETAIL}", f"strategic:{acled.ARRESTS}"}),
}


#: Arrests on the day of a protest or riot, in its province, are its detail (GUIDE.md), also
#: when the text names the suburb of the police station rather than the square; arrests in
#: another province that day are their own event.
_ARRESTS_AT_A_CROWD = frozenset({"crowd", f"strategic:{acled.ARRESTS}"})


def _families_agree(a: Event, b: Event) -> bool:
    """Same family, or one is a detail of the other's incident (:data:`_DETAILS`)."""
    fa, fb = _family(a), _family(b)
    if fa == fb:
        return True
    return fb in _DETAILS.get(fa, frozenset()) or fa in _DETAILS.get(fb, frozenset())


def same_incident(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates of one article tell the same incident (see the module docstring)."""
    ea, eb = a.event, b.event
    if not _may_fold(ea, eb) or not _days_agree(ea, eb) or _retaliation(a, b):
        return False
    day_a, day_b = _day(ea), _day(eb)
    if {_family(ea), _family(eb)} == _ARRESTS_AT_A_CROWD and day_a is not None and day_a == day_b:
        # arrests of the protest's day in its province belong to it, wherever they were counted
        return _same_province(a.places, b.places)
    if a.rank == IMPACT and b.rank == IMPACT and a.places and b.places:
        return _struck_places_agree(a, b)
    return (_situated_only(a) and _situated_only(b)) or _places_agree(a.places, b.places)


def _may_fold(ea: Event, eb: Event) -> bool:
    """Two events that happened, of agreeing families, neither denied nor of type Other."""
    if not _families_agree(ea, eb) or ea.happened != eb.happened or not ea.happened:
        return False
    return not (
        ea.sub_event_type == acled.OTHER or ea.modality == "denied" or eb.modality == "denied"
    )


def _days_agree(ea: Event, eb: Event) -> bool:
    """Days within :data:`_MAX_DAYS_APART`, or unknown; a detail (arrests, looting) belongs to
    the incident of its own day only."""
    day_a, day_b = _day(ea), _day(eb)
    apart = _MAX_DAYS_APART if _family(ea) == _family(eb) else 0
    return day_a is None or day_b is None or abs((day_a - day_b).days) <= apart


def _struck_places_agree(a: Candidate, b: Candidate) -> bool:
    """Each names the place it struck: different places are different events (ACLED), but an
    attack "in Northwest region" and one "in the village of X" of it tell one when they agree on
    the sub-type or on the toll."""
    ea, eb = a.event, b.event
    if ea.sub_event_type == eb.sub_event_type or (
        ea.fatalities is not None and ea.fatalities == eb.fatalities
    ):
        return _nested(a.places, b.places)
    return bool({_key(p) for p in a.places} & {_key(q) for q in b.places})


def _situated_only(candidate: Candidate) -> bool:
    """A mention tied to no place of its own (rank OTHER or worse) and naming only countries or
    regions ("near the border with Mali") says little about where it happened."""
    return candidate.rank >= OTHER and all(_is_region(p) for p in candidate.places)


def refers_to_context(
    candidates: Sequence[Candidate], reasons: Sequence[NonEventReason | None]
) -> list[NonEventReason | None]:
    """The reasons once anaphors are resolved: a definite mention ("the attack", "ces combats")
    whose nearest earlier mention of its family is context (an offensive, background, a running
    total) names that context again, so it is context for the same reason (issue 14).

    ``candidates`` are in text order; ``reasons[i]`` is why ``candidates[i]`` is no event (None:
    it is one).
    """
    out = list(reasons)
    for i, cand in enumerate(candidates):
        if out[i] is not None or not cand.anaphoric or cand.event.sub_event_type == acled.OTHER:
            continue
        family = _family(cand.event)
        earlier = (
            j
            for j in range(i - 1, -1, -1)
            if _family(candidates[j].event) == family
            and candidates[j].event.sub_event_type not in _TERRITORY
        )
        antecedent = next(earlier, None)
        if antecedent is not None and candidates[antecedent].sentence < cand.sentence:
            out[i] = out[antecedent]
    return out


def situate(candidate: Candidate) -> Candidate:
    """Drop the places that only situate another place of the same mention: "à Boma, dans la
    province du Lac au Tchad" is one event at Boma, not three (ACLED: one event per location)."""
    places = candidate.places
    sentence = candidate.event.sentence
    situating = {
        _key(p)
        for p in places
        if any(_key(q) != _key(p) and (p.contains(q) or _situates(p, q, sentence)) for q in places)
    }
    # a district that situates the village once situates it wherever the sentence names it again
    kept = tuple(p for p in places if _key(p) not in situating)
    if len(kept) == len(places) or not kept:
        return candidate
    event = candidate.event
    if event.location is not None and event.location not in kept:
        event = replace(
            event, location=kept[0], geo_precision=precision_of(kept[0], candidate.rank)
        )
    return replace(candidate, event=event, places=kept)


#: what joins a place to the region told right after it: ", dans la province du", ", in",
#: " village in", " town of"
_SITUATING = re.compile(
    r"^\s*(?:(?:village|town|city|area|locality|localité|commune)\s+)?,?\s*"
    r"(?:dans|in|au|en|of)(?!\w)[^,;.]{0,30}$",
    re.IGNORECASE,
)


def _situates(region: Place, place: Place, sentence: Span) -> bool:
    """A country, province or district told right after a place ("à Boma, dans la province du
    Lac") situates it, even when the gazetteer put the place elsewhere; "à Boma et dans la province
    du Lac" or "Kharkiv, Odesa region" name two places."""
    if (region.feature_code or "") not in _SITUATING_CODES:
        return False
    if not place.mention.end <= region.mention.start or _key(region) == _key(place):
        return False
    if not sentence.start <= place.mention.start < region.mention.end <= sentence.end:
        return False
    gap = sentence.text[place.mention.end - sentence.start : region.mention.start - sentence.start]
    return _SITUATING.match(gap) is not None


def _without_dateline(candidate: Candidate, text: str) -> Candidate:
    """A candidate located only at the dateline has no place of its own."""
    places = tuple(p for p in candidate.places if not is_dateline(p, text))
    if len(places) == len(candidate.places):
        return candidate
    event = candidate.event
    if event.location is not None and is_dateline(event.location, text):
        event = replace(
            event,
            location=places[0] if places else None,
            geo_precision=event.geo_precision if places else None,
        )
    return replace(candidate, event=event, places=places, rank=candidate.rank if places else 99)


def consolidate(candidates: Sequence[Candidate], text: str = "") -> list[Candidate]:
    """Fold every candidate into the first earlier one that tells the same incident, in text order.

    ``text`` (the article's) lets a dateline place count as no place at all.
    """
    clusters: list[list[Candidate]] = []
    merged: list[Candidate] = []
    for cand in (_without_dateline(c, text) for c in candidates):
        for i, rep in enumerate(merged):
            if same_incident(rep, cand):
                clusters[i].append(cand)
                merged[i] = _fold(clusters[i])
                break
        else:
            clusters.append([cand])
            merged.append(cand)
    return merged


def _specificity(event: Event) -> int:
    name = event.sub_event_type
    return SPECIFICITY.index(name) if name in SPECIFICITY else len(SPECIFICITY)


def _fold(members: Sequence[Candidate]) -> Candidate:
    """One candidate for members of one incident (in text order; the first is the lead)."""
    lead = members[0]
    typed = min(members, key=lambda c: (_specificity(c.event), c.sentence))
    placed = min(
        (c for c in members if c.places),
        key=lambda c: (_is_region(c.places[0]), c.rank, c.sentence),
        default=lead,
    )
    event = typed.event
    # the crowd's sides as ACLED names them once other mentions filled one (roles.crowd_order)
    actor1, actor2 = crowd_order(event.sub_event_type, *_actors(event, members))
    changes: dict[str, object] = {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover": event.plover,
        "cameo": event.cameo,
        "actor1": actor1,
        "actor2": actor2,
        "confidence": max(c.event.confidence for c in members),
        "mentions": (
            *lead.event.mentions,
            *(m for c in members[1:] for m in (c.event.trigger, *c.event.mentions)),
        ),
        "attribution": _sources(members),
        **_date_and_counts(members),
    }
    if placed.places:
        changes["location"] = placed.places[0]
        changes["geo_precision"] = min(precision_of(p, placed.rank) for p in placed.places)
    folded = replace(lead.event, **changes)  # type: ignore[arg-type]
    return replace(lead, event=folded, places=placed.places, rank=placed.rank)


def _actors(event: Event, members: Sequence[Candidate]) -> tuple[Actor | None, Actor | None]:
    """``event``'s actors, a missing one filled from the members in text order (never with the
    other side's actor)."""
    actor1, actor2 = event.actor1, event.actor2
    for c in members:
        other = c.event
        if (
            actor1 is None
            and other.actor1 is not None
            and (actor2 is None or other.actor1.name != actor2.name)
        ):
            actor1 = other.actor1
        if (
            actor2 is None
            and other.actor2 is not None
            and (actor1 is None or other.actor2.name != actor1.name)
        ):
            actor2 = other.actor2
    return actor1, actor2


def _date_and_counts(members: Sequence[Candidate]) -> dict[str, object]:
    """The first told day and the first reported toll of the members, with their evidence."""
    changes: dict[str, object] = {}
    dated = next((c.event for c in members if _day(c.event) is not None), None)
    if dated is not None:
        changes.update(
            date=dated.date,
            date_precision=dated.date_precision,
            date_evidence=dated.date_evidence,
            date_from_publication=False,
        )
    for field in ("fatalities", "injured"):
        counted = next((c.event for c in members if getattr(c.event, field) is not None), None)
        if counted is not None:
            changes[field] = getattr(counted, field)
            changes[f"{field}_evidence"] = getattr(counted, f"{field}_evidence")
    return changes


def _sources(members: Sequence[Candidate]) -> tuple[Attribution, ...]:
    """The chain of the first member that names a source: the nearest speaker of the main mention
    and its relays (GUIDE.md section 6); the sources of recaps and later mentions are left out,
    they made chains longer than any an analyst writes (issue 14)."""
    return next((c.event.attribution for c in members if c.event.attribution), ())
