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
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# The pairwise rules live in dedup_rules; their names stay importable from here.
from eventwire.events.dedup_rules import (
    TYPE_FAMILIES,
    DedupOptions,
    Member,
    family_of,
    fold,
    haversine_km,
    pair_score,
    parse_day,
)
from eventwire.records import DatePrecision, Place, Result

__all__ = [
    "DEDUP_VERSION",
    "TYPE_FAMILIES",
    "DedupOptions",
    "EventCluster",
    "Member",
    "best_estimate",
    "cluster_events",
    "cluster_id_of",
    "cluster_members",
    "haversine_km",
    "members_of",
    "pair_score",
    "parse_day",
    "summarize",
]

#: Stored with every cluster; bump it when the rules (here or in dedup_rules) change merges.
# v2 (issue 17): ids from the earliest member, a best fatality estimate, a representative
# report, and no merge of two places in different countries.
# v3 (issue 17, real reports): per-family day tolerance, publication dates as upper bounds,
# branches of one state's forces agree, revised tolls agree, a least score for a merge.
DEDUP_VERSION = "dedup.v3"

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_DEFAULTS = DedupOptions()  # frozen: a shared default, not state


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
    results: Iterable[Result], *, options: DedupOptions = _DEFAULTS
) -> tuple[EventCluster, ...]:
    """Cluster the events of ``results``; every realized event lands in exactly one cluster.

    Clusters come sorted by (date, id); singletons are clusters of one.
    """
    return cluster_members(members_of(results), options=options)


def cluster_members(
    members: Sequence[Member], *, options: DedupOptions = _DEFAULTS
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


def _candidate_pairs(members: Sequence[Member], options: DedupOptions) -> Iterator[tuple[int, int]]:
    """Blocking: compare only events of one family whose days are ``reach_days`` apart at most.

    The key is loose on purpose (every tolerance fits in it); :func:`pair_score` applies the
    rules. Undated events are never compared: no day, no evidence that it is the same event.
    """
    blocks: dict[tuple[str, date], list[int]] = defaultdict(list)
    for i, member in enumerate(members):
        if member.day is not None:
            blocks[(family_of(member.event.event_type, options), member.day)].append(i)
    for (family, day), left in blocks.items():
        for i_pos, i in enumerate(left):
            for j in left[i_pos + 1 :]:
                yield i, j
        for offset in range(1, options.reach_days + 1):
            for j in blocks.get((family, day + timedelta(days=offset)), ()):
                for i in left:
                    yield i, j


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
    sources = sorted({fold(m.source) if m.source else f"article:{m.article_id}" for m in group})
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
