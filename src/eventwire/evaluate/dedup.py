"""Score cross-article deduplication on ``evaluation/multireport`` (issue 9).

Scoring follows that set's README: each predicted event is aligned one-to-one to a gold
mention of its article (same type family; location span overlap or within 161 km; dates
within a day when both are known), then pairwise P/R/F1 over the aligned mentions, purity
and inverse purity. ``oracle=True`` clusters the gold mentions themselves (type, place,
date, figures as annotated): the score of dedup alone, free of extraction errors.

>>> scores = evaluate_dir(Path("evaluation/multireport"), pipeline=None)   # doctest: +SKIP
>>> round(scores.pairwise.f1, 3)   # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.events.dedup import (
    TYPE_FAMILIES,
    DedupOptions,
    EventCluster,
    cluster_events,
    haversine_km,
    parse_day,
)
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Event, Place, Result, Span

__all__ = [
    "PRF",
    "DedupScores",
    "GoldMention",
    "align",
    "evaluate_dir",
    "load_gold",
    "score_clusters",
]

ALIGN_RADIUS_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One report of one real event in one article, as annotated."""

    mention_id: str
    article_id: str
    cluster: str
    event_type: str
    location: Mapping[str, Any] | None
    date: str | None
    fatalities: int | None = None
    injured: int | None = None


@dataclass(frozen=True, slots=True)
class PRF:
    """Pairwise precision, recall and F1 with the pair counts behind them."""

    true_pairs: int
    predicted_pairs: int
    gold_pairs: int

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class DedupScores:
    """What ``eventwire eval dedup`` prints."""

    pairwise: PRF
    purity: float
    inverse_purity: float
    aligned: int  # gold mentions aligned to a predicted event
    gold_mentions: int
    predicted_events: int
    clusters: int
    mode: str  # "end-to-end" or "oracle"

    @property
    def alignment_recall(self) -> float:
        return self.aligned / self.gold_mentions if self.gold_mentions else 1.0


def load_gold(folder: Path) -> tuple[list[Article], list[GoldMention]]:
    """Read ``articles.jsonl`` and ``clusters.json``; EvaluationError names a bad file."""
    from eventwire.ingest import articles_only, read_paths

    articles_path, clusters_path = folder / "articles.jsonl", folder / "clusters.json"
    for path in (articles_path, clusters_path):
        if not path.is_file():
            raise EvaluationError(
                f"{path}: missing; expected the multireport set (articles.jsonl, clusters.json)"
            )
    try:
        raw = json.loads(clusters_path.read_text(encoding="utf-8"))
        mentions = [
            GoldMention(
                mention_id=m["mention_id"],
                article_id=m["article_id"],
                cluster=cluster_id,
                event_type=m["event_type"],
                location=m.get("location"),
                date=m.get("date"),
                fatalities=m.get("fatalities"),
                injured=m.get("injured"),
            )
            for cluster_id, members in zip(raw["cluster_ids"], raw["clusters"], strict=True)
            for m in members
        ]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise EvaluationError(
            f"{clusters_path}: not a multireport clusters file ({err!r})"
        ) from None
    return list(articles_only(read_paths([articles_path]))), mentions


def align(results: Iterable[Result], gold: Sequence[GoldMention]) -> dict[str, str]:
    """Map predicted event ids (``article:idx``) to gold mention ids, one-to-one, greedily."""
    by_article: dict[str, list[GoldMention]] = {}
    for mention in gold:
        by_article.setdefault(mention.article_id, []).append(mention)
    out: dict[str, str] = {}
    for result in results:
        candidates = []
        for idx, event in enumerate(result.events):
            for mention in by_article.get(result.article.id, ()):
                rank = _alignment_rank(event, mention)
                if rank is not None:
                    candidates.append((rank, f"{result.article.id}:{idx}", mention.mention_id))
        used: set[str] = set()
        for _, event_id, mention_id in sorted(candidates):
            if event_id not in out and mention_id not in used:
                out[event_id] = mention_id
                used.add(mention_id)
    return out


def _alignment_rank(event: Event, mention: GoldMention) -> tuple[int, float, int] | None:
    """Lower is better: span overlap first, then distance, then date agreement; None: no match."""
    if TYPE_FAMILIES.get(event.event_type) != TYPE_FAMILIES.get(mention.event_type):
        return None
    gold_day, day = parse_day(mention.date), parse_day(event.date)
    if gold_day is not None and day is not None and abs((gold_day - day).days) > 1:
        return None
    place, gold = event.location, mention.location
    if place is None or gold is None:
        return None
    overlap = place.mention.start < gold["end"] and gold["start"] < place.mention.end
    distance = None
    if place.lat is not None and place.lon is not None and gold.get("lat") is not None:
        distance = haversine_km(place.lat, place.lon, gold["lat"], gold["lon"])
    if not overlap and (distance is None or distance > ALIGN_RADIUS_KM):
        return None
    return (
        0 if overlap else 1,
        distance if distance is not None else 0.0,
        0 if gold_day == day else 1,
    )


def score_clusters(
    clusters: Sequence[EventCluster], alignment: Mapping[str, str], gold: Sequence[GoldMention]
) -> tuple[PRF, float, float]:
    """Pairwise P/R/F1, purity and inverse purity over the aligned mentions (pure)."""
    gold_of = {m.mention_id: m.cluster for m in gold}
    predicted_of: dict[str, str] = {}
    for cluster in clusters:
        for event_id in cluster.event_ids:
            if event_id in alignment:
                predicted_of[alignment[event_id]] = cluster.id
    mentions = sorted(predicted_of)
    true = predicted = expected = 0
    for a, b in combinations(mentions, 2):
        same_pred = predicted_of[a] == predicted_of[b]
        same_gold = gold_of[a] == gold_of[b]
        predicted += same_pred
        expected += same_gold
        true += same_pred and same_gold
    return (
        PRF(true, predicted, expected),
        _purity(mentions, predicted_of, gold_of),
        _purity(mentions, gold_of, predicted_of),
    )


def _purity(mentions: Sequence[str], groups: Mapping[str, str], labels: Mapping[str, str]) -> float:
    if not mentions:
        return 1.0
    members: dict[str, Counter[str]] = {}
    for m in mentions:
        members.setdefault(groups[m], Counter())[labels[m]] += 1
    return sum(c.most_common(1)[0][1] for c in members.values()) / len(mentions)


def oracle_results(articles: Sequence[Article], gold: Sequence[GoldMention]) -> list[Result]:
    """Results whose events are the gold mentions themselves (for scoring dedup alone)."""
    by_article: dict[str, list[GoldMention]] = {}
    for mention in gold:
        by_article.setdefault(mention.article_id, []).append(mention)
    out = []
    for article in articles:
        events = tuple(
            _gold_event(article, m)
            for m in sorted(by_article.get(article.id, ()), key=lambda m: m.mention_id)
        )
        out.append(Result(article=article, events=events))
    return out


def _gold_event(article: Article, mention: GoldMention) -> Event:
    loc = mention.location
    place = None
    if loc is not None:
        place = Place(
            mention=Span.of(article.text, loc["start"], loc["end"]),
            geonameid=loc.get("geonameid"),
            name=loc["text"],
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            country_code=loc.get("country_code"),  # given by multireport-fren (issue 17)
            confidence=1.0,
        )
    whole = Span.of(article.text, 0, len(article.text))
    return Event(
        event_type=mention.event_type,
        sub_event_type=mention.event_type,
        trigger=whole,
        sentence=whole,
        location=place,
        geo_precision=1 if place else None,
        date=mention.date,
        date_precision="day" if mention.date else None,
        fatalities=mention.fatalities,
        injured=mention.injured,
    )


def evaluate_dir(
    folder: Path, *, pipeline: Pipeline | None, options: DedupOptions = DedupOptions()
) -> DedupScores:
    """Extract (or, with ``pipeline=None``, take the gold mentions), cluster, and score."""
    articles, gold = load_gold(folder)
    if pipeline is None:
        results = oracle_results(articles, gold)
        alignment = {
            f"{r.article.id}:{i}": m.mention_id
            for r in results
            for i, m in enumerate(
                sorted(
                    (g for g in gold if g.article_id == r.article.id), key=lambda g: g.mention_id
                )
            )
        }
    else:
        results = list(pipeline.extract_many(articles))
        alignment = align(results, gold)
    clusters = cluster_events(results, options=options)
    pairwise, purity, inverse = score_clusters(clusters, alignment, gold)
    return DedupScores(
        pairwise=pairwise,
        purity=purity,
        inverse_purity=inverse,
        aligned=len(alignment),
        gold_mentions=len(gold),
        predicted_events=sum(len(r.events) for r in results),
        clusters=len(clusters),
        mode="oracle" if pipeline is None else "end-to-end",
    )
