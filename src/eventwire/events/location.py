"""Where an event happened: the places attached to its trigger, else the sentence's, else the focus.

ACLED geo-precision: 1 the place itself, 2 near it or part of a region, 3 only a region or
country is known. A list of localities after one preposition ("sur les localités de A, de B
et de C") yields every one of them: the event is later split into one event per place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.geo.recognize import is_dateline_at
from eventwire.records import Place

__all__ = ["Location", "article_focus", "locate", "precision_of"]

# Ranks, best first: where it landed > near it > toward it > merely in the sentence
# > where it came from.
IMPACT, NEAR, DIRECTION, OTHER, ORIGIN = range(5)
_SETTLEMENT = (
    r"(?:(?:les?|la|l'|the|a|an|des)\s+)?(?:localités?|villages?|villes?|quartiers?|régions?|provinces?|"
    r"districts?|communes?|towns?|cities|city|areas?|regions?|neighbou?rhoods?|camps?|bases?|zones?|"
    r"secteurs?|hameaux?|hamlets?|municipalit(?:y|ies)|gouvernorats?|governorates?|préfectures?)"
    r"\s*(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+|of\s+(?:the\s+)?)"
)
_ARTICLE = r"(?:(?:les?|la|l'|the)\s*)?"
_TAIL = rf"\s*(?:{_SETTLEMENT})?{_ARTICLE}$"
_CLASSES = (
    (
        NEAR,
        (
            r"(?:près|proximité|environs|alentours|abords|périphérie|large|banlieue|autour|"
            r"(?:au\s+|à\s+l')(?:nord|sud|est|ouest)(?:-est|-ouest)?|km|kilomètres)\s*(?:de|du|des|d')"
            r"|near|outside|around|close\s+to|outskirts\s+of|vicinity\s+of|(?:north|south|east|west)"
            r"(?:east|west)?\s+of|km\s+from|kilometres\s+from|kilometers\s+from|miles\s+from|suburbs?\s+of"
        ),
    ),
    (DIRECTION, r"en\s+direction\s+(?:de|du|des|d')|vers|toward|towards"),
    (ORIGIN, r"depuis|from|à\s+partir\s+(?:de|du|d')"),
    (IMPACT, r"à|au|aux|dans|sur|en|contre|in|at|on|inside|into|across|within|over|against"),
)
_PATTERNS = tuple(
    (rank, re.compile(rf"(?<![\w-])(?:{rx}){_TAIL}", re.IGNORECASE)) for rank, rx in _CLASSES
)
_LIST_GLUE = re.compile(
    r"^\s*(?:,|et|and|ou|or|,\s*et|,\s*and)\s*(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+|of\s+)?"
    rf"{_ARTICLE}$",
    re.IGNORECASE,
)
_CLAUSE_DEPS = frozenset({"acl:relcl", "relcl", "acl", "ccomp", "advcl", "csubj", "parataxis"})
_REGION_CODES = (
    "ADM1",
    "ADM2",
    "PCL",
    "RGN",
    "AREA",
    "CONT",
    "TERR",
    "ZN",
    "SEA",
    "DSRT",
    "LK",
    "GULF",
)


@dataclass(frozen=True, slots=True)
class Location:
    """The places an event happened at, how precisely, and how they were found (``rank``)."""

    places: tuple[Place, ...]
    precision: int
    rank: int


def precision_of(place: Place, rank: int) -> int:
    """ACLED geo-precision of an event located at ``place`` found with ``rank``.

    An unresolved place (``geonameid`` None) that borrowed the point of the town or unit the
    text ties it to is 2, of a region or country 3: only a resolved place itself is 1.
    """
    code = place.feature_code or ""
    if _is_region(place):
        return 3
    if rank == NEAR or code.startswith(("ADM3", "ADM4", "ADMD")) or not place.resolved:
        return 2
    return 1


def article_focus(places: Sequence[Place], text: str = "") -> Place | None:
    """The most mentioned resolved event place of the article (earliest on ties); with the
    article's ``text``, never the country across a border ("near the border with Mali")."""
    usable = [
        p
        for p in places
        if p.role == "event" and p.resolved and not (text and _across_border(text, p))
    ]
    if not usable:
        return None
    counts = Counter(p.geonameid for p in usable)
    return max(usable, key=lambda p: (counts[p.geonameid], -p.mention.start))


def locate(
    trigger: Any,
    sent: Any,
    text: str,
    places: Sequence[Place],
    focus: Place | None = None,
    *,
    speech: frozenset[str] = frozenset(),
) -> Location | None:
    """Locate the event whose trigger token is ``trigger`` in spaCy sentence ``sent`` of ``text``.

    Only places of the trigger's own line count: a sentence the parser ran across a title
    and a caption does not lend the caption's place to the title's event. A place in the
    subject of a reporting verb (lemmas ``speech``) governing the trigger is where the source
    sits ("the health ministry in Ramallah said nine were wounded"), not where it happened.
    """
    start = max(sent.start_char, text.rfind("\n", 0, trigger.idx) + 1)
    end = text.find("\n", trigger.idx)
    end = sent.end_char if end < 0 else min(end, sent.end_char)
    seats = _speaker_spans(trigger, speech)
    if seats:
        places = [p for p in places if not any(a <= p.mention.start < b for a, b in seats)]
    # "near the border with Niger": the event is on this side of it, in the focus country
    inland = [p for p in places if not _across_border(text, p)]
    found = _in_line(trigger, sent, text, inland, start, end)
    if found is None and focus is None and len(inland) < len(places):
        found = _in_line(trigger, sent, text, places, start, end)  # nothing else: that side
    if found is not None:
        return _refined(found, text, places, start, end)
    if focus is not None:
        return Location((focus,), max(2, precision_of(focus, OTHER)), ORIGIN + 1)
    return None


_BORDER_WITH = re.compile(
    r"(?:border|frontière)s?\s+(?:with|avec)\s+(?:the\s+|le\s+|la\s+|l['’]\s*)?$", re.IGNORECASE
)


def _across_border(text: str, place: Place) -> bool:
    """Whether ``place`` is the country across a border ("near the border with Niger", "à la
    frontière avec le Niger"): the report says the event is not there (issue 16)."""
    code = place.feature_code or ""
    before = text[max(0, place.mention.start - 30) : place.mention.start]
    return code.startswith(("PCL", "TERR")) and bool(_BORDER_WITH.search(before))


def _speaker_spans(trigger: Any, speech: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the subjects of the reporting verbs that govern ``trigger``."""
    spans = []
    for verb in trigger.ancestors:
        if verb.lemma_.lower() not in speech:
            continue
        for child in verb.children:
            if child.dep_ == "nsubj" and not child.left_edge.i <= trigger.i <= child.right_edge.i:
                right = child.right_edge
                spans.append((child.left_edge.idx, right.idx + len(right.text)))
    return spans


def _in_line(
    trigger: Any, sent: Any, text: str, places: Sequence[Place], start: int, end: int
) -> Location | None:
    """The places of ``text[start:end]`` tied to the trigger, else the nearest best-ranked."""
    inside = sorted(
        (p for p in places if p.role == "event" and start <= p.mention.start < end),
        key=lambda p: p.mention.start,
    )
    ranked: list[tuple[int, bool, Place]] = []
    for place in inside:
        rank, glued = _rank(text, start, place, ranked)
        attached = ranked[-1][1] if glued else _attached(trigger, sent.doc, place)
        ranked.append((rank, attached, place))
    tied = [(r, p) for r, a, p in ranked if a]
    if len(tied) > 1:
        # "La Russie a frappé la région de Kharkiv", "Israel struck Gaza City": the subject is
        # who struck; beside a place the act reached it is no location ("Kidal fell" keeps it)
        tied = [(r, p) for r, p in tied if not _subject_of(trigger, sent.doc, p)] or tied
    if tied:
        return _tied_location(tied, text, start)
    if ranked:
        rank, _, place = min(ranked, key=lambda x: (x[0], abs(x[2].mention.start - trigger.idx)))
        return Location((place,), precision_of(place, rank), max(rank, OTHER))
    return None


def _tied_location(tied: list[tuple[int, Place]], text: str, start: int) -> Location:
    """The best-ranked places tied to the trigger, finer places inside them first."""
    best = min(r for r, _ in tied)
    # "near Sake, about 25 kilometres west of Goma": Goma only tells where Sake lies.
    placed = [(r, p) for r, p in tied if not _reference(text, start, p)]
    chosen = tuple(p for r, p in placed if r == best) or tuple(p for r, p in tied if r == best)
    finer = _finer_places(chosen, [(r, p) for r, p in placed if r < ORIGIN])
    if finer:
        best, chosen = finer[0][0], tuple(p for _, p in finer)
    chosen = _enumeration(chosen, text, best)
    return Location(chosen, min(precision_of(p, best) for p in chosen), best)


# How far after the trigger's sentence a town may say where in its country an event was.
_FOLLOW_CHARS = 400


def _refined(found: Location, text: str, places: Sequence[Place], start: int, end: int) -> Location:
    """An event placed only at a country or province, at the first town inside it that the
    text names from the trigger's line to the next few sentences, with precision 2.

    A headline or a lead says "au Niger", "in Libya"; the next sentence names the town
    ("à Niamey", "in Tripoli"). ACLED codes the most specific place the report gives. A
    compass part of a country ("eastern Congo's North Kivu") is refined only by places on
    that side, divisions too (precision 3).
    """
    if len(found.places) != 1 or not _is_region(found.places[0]):
        return found
    if any(not p.resolved and start <= p.mention.start < end for p in places):
        return found  # "villages of A and B in X state": the villages lie in X, not in a town
    region = found.places[0]
    part = _compass_part(text, region)
    towns = [
        p
        for p in places
        if p.role == "event"
        and p.resolved
        and (not _is_region(p) or (part is not None and _is_division(p)))
        and start <= p.mention.start < _follow_end(text, start, end)
        and region.contains(p)
        and not is_dateline_at(text, p.mention.start, p.mention.end)
        and (part is None or _on_side(part, region, p))
    ]
    if not region.resolved or not towns:
        return found
    first = min(towns, key=lambda p: p.mention.start)
    return Location((first,), 3 if _is_region(first) else 2, max(found.rank, OTHER))


def _is_division(place: Place) -> bool:
    return (place.feature_code or "").startswith(("ADM1", "ADM2"))


_COMPASS_PART = re.compile(
    r"(?:(?P<en>north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:part\s+of\s+)?(?:the\s+)?"
    r"|(?P<fr>nord|sud|est|ouest)(?:-(?:est|ouest))?\s+(?:du\s+|de\s+la\s+|de\s+l['’]\s*|des\s+))$",
    re.IGNORECASE,
)
_DIRECTION = {"north": "n", "nord": "n", "south": "s", "sud": "s", "east": "e", "est": "e"}


def _compass_part(text: str, region: Place) -> str | None:
    """The side ("n", "s", "e", "w") a compass word before ``region`` names ("northern
    Burkina Faso", "le sud du Liban"), else None."""
    found = _COMPASS_PART.search(text[max(0, region.mention.start - 30) : region.mention.start])
    if found is None:
        return None
    return _DIRECTION.get((found.group("en") or found.group("fr") or "").lower(), "w")


def _on_side(side: str, region: Place, place: Place) -> bool:
    """Whether ``place`` lies on ``side`` of the region's point: "in northern Burkina Faso" is
    not refined to its capital in the south (GUIDE §5 codes a compass part of a country at
    the country, precision 3)."""
    if None in (region.lat, region.lon, place.lat, place.lon):
        return False
    lat, lon = place.lat or 0.0, place.lon or 0.0
    return {
        "n": lat > (region.lat or 0.0),
        "s": lat < (region.lat or 0.0),
        "e": lon > (region.lon or 0.0),
        "w": lon < (region.lon or 0.0),
    }[side]


def _follow_end(text: str, start: int, end: int) -> int:
    """Where a town may still refine the trigger's country: the end of its paragraph, or of
    the next one after a headline (the text's first line), at most a few sentences on."""
    stop = text.find("\n", end)
    if stop >= 0 and not text[:start].strip():
        body = len(text) - len(text[stop:].lstrip())  # the next paragraph's first character
        stop = text.find("\n", body)
    stop = len(text) if stop < 0 else stop
    return min(end + _FOLLOW_CHARS, stop)


def _rank(
    text: str, sent_start: int, place: Place, before: list[tuple[int, bool, Place]]
) -> tuple[int, bool]:
    """The preposition class of a place, or its list predecessor's class ("de A, de B")."""
    left = text[max(sent_start, place.mention.start - 60) : place.mention.start]
    if before:
        prev = before[-1][2]
        if _LIST_GLUE.match(text[prev.mention.end : place.mention.start]):
            return before[-1][0], True
    for rank, pattern in _PATTERNS:
        if pattern.search(left):
            return rank, False
    return OTHER, False


def _finer_places(
    chosen: Sequence[Place], ranked: Sequence[tuple[int, Place]]
) -> list[tuple[int, Place]]:
    """The towns tied to the trigger inside the country or province the event was tied to,
    those of the best rank, in text order.

    ACLED codes the most specific place: "l'attaque contre le détachement de Djibo, dans le
    nord du Burkina Faso" happened at Djibo, not at Burkina Faso; "sur A, B et C, en Syrie"
    at A, B and C.
    """
    regions = [p for p in chosen if _is_region(p)]
    if not regions:
        return []
    inside = [
        (r, p)
        for r, p in ranked
        if p.resolved and not _is_region(p) and any(region.contains(p) for region in regions)
    ]
    best = min((r for r, _ in inside), default=None)
    return [(r, p) for r, p in inside if r == best]


def _enumeration(chosen: Sequence[Place], text: str, rank: int) -> tuple[Place, ...]:
    """The places the event struck, one per ACLED event: the first, the places listed with it
    ("sur A, B et C") and, after a preposition of their own, the others ("à A puis à B"), but
    not a unit that only says where a struck place lies ("A (Nord-Ouest)", "A, au Mali").

    Places merely in the trigger's clause, with no preposition ("les habitants de A"), are
    one location: the first.
    """
    kept = [chosen[0]]
    for place in chosen[1:]:
        gap = text[kept[-1].mention.end : place.mention.start]
        listed = bool(_LIST_GLUE.match(gap)) and not place.contains(kept[-1])
        if listed or (rank < OTHER and not _qualifies(place, kept, gap)):
            kept.append(place)
    return tuple(kept)


def _qualifies(place: Place, kept: Sequence[Place], gap: str) -> bool:
    """Whether ``place`` only situates an earlier place: in brackets, or a unit holding it."""
    return gap.strip().startswith("(") or any(place.contains(k) for k in kept)


def _is_region(place: Place) -> bool:
    return (place.feature_code or "").startswith(_REGION_CODES)


_REFERENCE = re.compile(
    r"(?:\d[\d\s,.]*|\w+\s+(?:de\s+|d')?)(?:km|kilom[eè]tres?|kilometers?|miles?)\s+(?:(?:au\s+|à\s+l')?"
    r"(?:nord|sud|est|ouest|north|south|east|west)(?:-?(?:est|ouest|east|west))?\s+)?"
    rf"(?:de|du|des|d'|of|from)\s*{_ARTICLE}$",
    re.IGNORECASE,
)


def _reference(text: str, sent_start: int, place: Place) -> bool:
    """Whether the place is a distance reference ("à 30 km au nord de X", "25 km west of X")."""
    return bool(
        _REFERENCE.search(text[max(sent_start, place.mention.start - 60) : place.mention.start])
    )


def _attached(trigger: Any, doc: Any, place: Place) -> bool:
    """Whether the parse ties the place to the trigger's clause."""
    span = doc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    path: list[Any] = []
    for ancestor in token.ancestors:
        if ancestor == trigger:
            return not any(t.dep_ in _CLAUSE_DEPS for t in path)  # not in a relative clause
        path.append(ancestor)
    return bool(_clause(token) == _clause(trigger))


def _subject_of(trigger: Any, doc: Any, place: Place) -> bool:
    """Whether the place is the subject of the trigger's verb."""
    span = doc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return bool(root.dep_ == "nsubj" and root.head == trigger)


def _clause(token: Any) -> Any:
    """The nearest verb at or above ``token`` (the clause it belongs to)."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX") and candidate.dep_ not in (
            "aux",
            "aux:tense",
            "aux:pass",
            "auxpass",
        ):
            return candidate
    return token.sent.root
