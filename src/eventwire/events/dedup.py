"""Merge the many reports of one real event into one cluster with its sources (issue 9).

Three pure steps over :class:`~eventwire.records.Result` records:

1. **blocking** — events are bucketed by type family and day; only events of the same family
   whose dates are at most ``reach_days`` apart are ever compared;
2. **pairwise compatibility** — the tolerances of :class:`DedupOptions` veto what cannot be one
   event (other family or country, days too far apart, places apart, contradicting actors),
   then the agreeing fields are summed and a pair needs ``min_score`` of evidence;
3. **constrained connected components** — compatible pairs are merged best-first with a
   union-find that refuses any merge putting two events of one article together (the text
   keeps them apart) or stretching a cluster over more than ``max_cluster_days``.

A cluster's id derives from its earliest member event id (:func:`cluster_id_of`), so it does
not depend on the order reports arrive in; the store keeps an id once given (issue 17).

>>> clusters = cluster_events(results)          # doctest: +SKIP
>>> clusters[0].n_sources, clusters[0].fatalities_min, clusters[0].fatalities_max   # doctest: +SKIP
(3, 11, 13)
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.events import acled
from eventwire.records import Actor, DatePrecision, Event, Place, Result

__all__ = [
    "DEDUP_VERSION",
    "DedupOptions",
    "EventCluster",
    "Member",
    "best_estimate",
    "cluster_events",
    "cluster_id_of",
    "cluster_members",
    "members_of",
    "pair_score",
    "parse_day",
    "summarize",
]

#: Stored with every cluster; bump it when the rules below change what gets merged.
# v2 (issue 17): ids from the earliest member, a best fatality estimate, a representative
# report, and no merge of two places in different countries.
# v3 (issue 17, real reports): per-family day tolerance, publication dates as upper bounds,
# branches of one state's forces agree, revised tolls agree, a least score for a merge.
DEDUP_VERSION = "dedup.v3"

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
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
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


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real event and the reports of it; location and date are the most precise given."""

    id: str
    event_type: str
    sub_event_type: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    fatalities_min: int | None
    fatalities_max: int | None
    injured_min: int | None
    injured_max: int | None
    date: str | None
    date_precision: str | None
    date_first: str | None
    date_last: str | None
    location: Place | None
    geo_precision: int | None
    location_event_id: str | None
    date_event_id: str | None
    fatalities_best: int | None = None  # best_estimate of the reported figures
    representative_id: str | None = None  # the report whose fields stand for the event
    version: str = DEDUP_VERSION

    @property
    def n_sources(self) -> int:
        """Independent outlets (an article without a named source counts as its own outlet)."""
        return len(self.sources)

    @property
    def n_events(self) -> int:
        return len(self.event_ids)


def members_of(results: Iterable[Result]) -> list[Member]:
    """Flatten results into members, leaving out events that did not happen (planned,
    hypothetical)."""
    out: list[Member] = []
    for result in results:
        article = result.article
        for idx, event in enumerate(result.events):
            if not event.happened:
                continue
            out.append(
                Member(
                    event_id=f"{article.id}:{idx}",
                    article_id=article.id,
                    source=article.source,
                    event=event,
                    day=parse_day(event.date),
                )
            )
    return out


def cluster_events(
    results: Iterable[Result], *, options: DedupOptions = DedupOptions()
) -> tuple[EventCluster, ...]:
    """Cluster the events of ``results``; every realized event lands in exactly one cluster.

    Clusters come sorted by (date, id); singletons are clusters of one.
    """
    return cluster_members(members_of(results), options=options)


def cluster_members(
    members: Sequence[Member], *, options: DedupOptions = DedupOptions()
) -> tuple[EventCluster, ...]:
    """Cluster members built elsewhere (the Spark job builds them from event rows).

    Members are put in event-id order first: greedy linking under cannot-links depends on
    the order of tied edges, and a Spark group holds its rows in no set order.
    """
    members = sorted(members, key=lambda m: m.event_id)
    scored = sorted(
        (
            (score, i, j)
            for i, j in _candidate_pairs(members, options)
            if (score := pair_score(members[i], members[j], options=options)) is not None
        ),
        key=lambda item: (-item[0], members[item[1]].event_id, members[item[2]].event_id),
    )
    groups = _constrained_components(members, [(i, j) for _, i, j in scored], options)
    clusters = [summarize([members[i] for i in group]) for group in groups]
    return tuple(sorted(clusters, key=lambda c: (c.date or "9999", c.id)))


def pair_score(a: Member, b: Member, *, options: DedupOptions = DedupOptions()) -> float | None:
    """How surely ``a`` and ``b`` report the same event; None when they cannot.

    >>> pair_score(m1, m2)   # doctest: +SKIP
    2.3
    """
    if a.article_id == b.article_id:
        return None
    ea, eb = a.event, b.event
    family = _family(ea.event_type, options)
    if family != _family(eb.event_type, options) or not _days_agree(a, b, family, options):
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


def _family(event_type: str, options: DedupOptions) -> str:
    return TYPE_FAMILIES.get(event_type, event_type) if options.family_level else event_type


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _candidate_pairs(members: Sequence[Member], options: DedupOptions) -> Iterator[tuple[int, int]]:
    """Blocking: compare only events of one family whose days are ``reach_days`` apart at most.

    The key is loose on purpose (every tolerance fits in it); :func:`pair_score` applies the
    rules. Undated events are never compared: no day, no evidence that it is the same event.
    """
    blocks: dict[tuple[str, date], list[int]] = defaultdict(list)
    for i, member in enumerate(members):
        if member.day is not None:
            blocks[(_family(member.event.event_type, options), member.day)].append(i)
    for (family, day), left in blocks.items():
        for i_pos, i in enumerate(left):
            for j in left[i_pos + 1 :]:
                yield i, j
        for offset in range(1, options.reach_days + 1):
            for j in blocks.get((family, day + timedelta(days=offset)), ()):
                for i in left:
                    yield i, j


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
    return 0.6 if _norm(a.mention.text) == _norm(b.mention.text) else -0.3


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
    names_a = {_norm(n) for n in (a.name, a.mention.text) if n}
    return bool(names_a & {_norm(n) for n in (b.name, b.mention.text) if n})


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
    name_a, name_b = _norm(a.name), _norm(b.name)
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
    return _norm(country) if sep and country else None


def _generic(actor: Actor) -> bool:
    """ACLED's placeholders ("Unidentified Armed Group", bare "Military Forces") name no one."""
    name = _norm(actor.name)
    return name.startswith(("unidentified", "unknown")) or name in _GENERIC_ACTORS


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _constrained_components(
    members: Sequence[Member], edges: Sequence[tuple[int, int]], options: DedupOptions
) -> list[list[int]]:
    """Union-find over best-first edges with a same-article cannot-link and a date-span cap."""
    parent = list(range(len(members)))
    articles = [{m.article_id} for m in members]
    days = [(m.day, m.day) for m in members]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri == rj or articles[ri] & articles[rj]:
            continue
        first = min(d for d in (days[ri][0], days[rj][0]) if d is not None)
        last = max(d for d in (days[ri][1], days[rj][1]) if d is not None)
        if (last - first).days > options.max_cluster_days:
            continue
        parent[rj] = ri
        articles[ri] |= articles[rj]
        days[ri] = (first, last)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        groups[find(i)].append(i)
    return list(groups.values())


def cluster_id_of(event_ids: Iterable[str]) -> str:
    """A cluster's id: ``c`` + 16 hex digits of the SHA-256 of its earliest member event id.

    >>> cluster_id_of(["b:0", "a:1"]) == cluster_id_of(["a:1"])
    True
    """
    first = min(event_ids)
    return "c" + hashlib.sha256(first.encode("utf-8")).hexdigest()[:16]


def best_estimate(figures: Iterable[int]) -> int | None:
    """The lower median of the reported figures: never a sum, and no outlier moves it.

    The lower middle (not the mean of the two middles) keeps an integer some report gave,
    on the conservative side as ACLED codes conflicting tolls.

    >>> best_estimate([3, 4, 5]), best_estimate([30, 40]), best_estimate([])
    (4, 30, None)
    """
    ordered = sorted(figures)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def summarize(group: Sequence[Member], *, cluster_id: str | None = None) -> EventCluster:
    """Build a cluster record: majority type, fatality range, most precise place and date.

    ``cluster_id`` keeps an id the store already gave; by default :func:`cluster_id_of`.
    The representative report (whose fields a map marker shows) is the most precisely
    located one (:func:`_best_location`), else the earliest event id.
    """
    group = sorted(group, key=lambda m: m.event_id)
    events = [m.event for m in group]
    votes = Counter((e.sub_event_type, e.event_type) for e in events)
    sub_type, event_type = votes.most_common(1)[0][0]
    killed = [e.fatalities for e in events if e.fatalities is not None]
    hurt = [e.injured for e in events if e.injured is not None]
    fatalities_min, fatalities_max = _range(killed)
    injured_min, injured_max = _range(hurt)
    located = _best_location(group)
    location, geo_precision, location_event_id = _place_of(located)
    dated = _best_date(group)
    date_text, date_precision, date_event_id = _date_of(dated)
    days = sorted(m.day for m in group if m.day is not None)
    sources = sorted({_norm(m.source) if m.source else f"article:{m.article_id}" for m in group})
    ids = tuple(m.event_id for m in group)
    return EventCluster(
        id=cluster_id or cluster_id_of(ids),
        event_type=event_type,
        sub_event_type=sub_type,
        event_ids=ids,
        article_ids=tuple(sorted({m.article_id for m in group})),
        sources=tuple(sources),
        fatalities_min=fatalities_min,
        fatalities_max=fatalities_max,
        injured_min=injured_min,
        injured_max=injured_max,
        date=date_text,
        date_precision=date_precision,
        date_first=days[0].isoformat() if days else None,
        date_last=days[-1].isoformat() if days else None,
        location=location,
        geo_precision=geo_precision,
        location_event_id=location_event_id,
        date_event_id=date_event_id,
        fatalities_best=best_estimate(killed),
        representative_id=located.event_id if located else ids[0],
    )


def _range(figures: Sequence[int]) -> tuple[int | None, int | None]:
    """The lowest and highest reported figure, (None, None) when no report gives one."""
    return (min(figures), max(figures)) if figures else (None, None)


def _place_of(member: Member | None) -> tuple[Place | None, int | None, str | None]:
    """Location, geo_precision and event id of the most precisely located report, if any."""
    if member is None:
        return None, None, None
    return member.event.location, member.event.geo_precision, member.event_id


def _date_of(member: Member | None) -> tuple[str | None, DatePrecision | None, str | None]:
    """Date, date precision and event id of the best dated report, if any."""
    if member is None:
        return None, None, None
    return member.event.date, member.event.date_precision, member.event_id


def _best_location(group: Sequence[Member]) -> Member | None:
    """Resolved before unresolved, then ACLED geo_precision 1 before 3, then confidence."""
    located = [m for m in group if m.event.location is not None]
    if not located:
        return None

    def key(m: Member) -> tuple[int, int, float, str]:
        place = m.event.location
        assert place is not None
        return (
            0 if place.resolved else 1,
            m.event.geo_precision if m.event.geo_precision is not None else 4,
            -place.confidence,
            m.event_id,
        )

    return min(located, key=key)


def _best_date(group: Sequence[Member]) -> Member | None:
    """A date the text states before one taken from publication, finest precision, most cited."""
    dated = [m for m in group if m.day is not None]
    if not dated:
        return None
    # Only dates the texts state vote: a publication date says when it was reported.
    votes = Counter(m.day for m in dated if not m.event.date_from_publication)

    def key(m: Member) -> tuple[int, int, int, str, str]:
        e = m.event
        return (
            int(e.date_from_publication),
            _DATE_RANK.get(e.date_precision or "year", 4),
            -votes[m.day],
            str(m.day),
            m.event_id,
        )

    return min(dated, key=key)
