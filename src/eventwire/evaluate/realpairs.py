"""Cross-article deduplication on real reports: the ``same_event_as`` links of realnews (issue 17).

``../shared/data/realnews/articles.jsonl`` links 29 pairs of published reports of one event, several
of them French↔English. Scored at the article level: two articles are linked by eventwire when one
dedup cluster holds an event of each; pairwise precision, recall and F1 over article pairs, with
the gold pairs as given. A predicted link between two articles whose clusters' places lie in
different countries or whose dates differ by more than a day is also counted (``bad_merges``):
the target is none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from eventwire.events.dedup import DedupOptions, EventCluster, cluster_events
from eventwire.records import Result

__all__ = ["PairScores", "gold_pairs", "linked_pairs", "score_pairs", "score_realnews"]

_DEFAULTS = DedupOptions()  # frozen: a shared default, not state


@dataclass(frozen=True, slots=True)
class PairScores:
    """Article-pair precision/recall/F1 and the counts behind them."""

    gold: int
    predicted: int
    true: int
    bad_merges: int

    @property
    def precision(self) -> float | None:
        return self.true / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.true / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, Any]:
        return {
            "gold_pairs": self.gold,
            "predicted_pairs": self.predicted,
            "true_pairs": self.true,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "bad_merges": self.bad_merges,
        }


def gold_pairs(rows: Iterable[Mapping[str, Any]]) -> set[frozenset[str]]:
    """The article pairs that ``same_event_as`` links (symmetric, each once)."""
    return {
        frozenset((row["id"], other)) for row in rows for other in row.get("same_event_as") or ()
    }


def linked_pairs(
    clusters: Sequence[EventCluster], countries: Mapping[str, str | None] | None = None
) -> tuple[set[frozenset[str]], int]:
    """Article pairs that share a cluster, and how many clusters join different countries or days.

    ``countries`` maps an event id ("<article>:<index>") to its place's country code.
    """
    pairs: set[frozenset[str]] = set()
    for cluster in clusters:
        pairs |= {frozenset(p) for p in combinations(sorted(set(cluster.article_ids)), 2)}
    countries = countries or {}

    def mixed(c: EventCluster) -> bool:
        codes = {countries.get(e) for e in c.event_ids} - {None}
        return len(codes) > 1 or _spread(c)

    bad = sum(1 for c in clusters if len(set(c.article_ids)) > 1 and mixed(c))
    return pairs, bad


def _spread(cluster: EventCluster) -> bool:
    """A cluster whose first and last dates are more than a day apart."""
    if cluster.date_first is None or cluster.date_last is None:
        return False
    from datetime import date

    return (
        date.fromisoformat(cluster.date_last[:10]) - date.fromisoformat(cluster.date_first[:10])
    ).days > 1


def score_pairs(
    results: Sequence[Result],
    rows: Iterable[Mapping[str, Any]],
    *,
    options: DedupOptions = _DEFAULTS,
) -> PairScores:
    """Cluster the events of ``results`` and score the article links against ``rows``' pairs."""
    gold = gold_pairs(rows)
    countries = {
        f"{r.article.id}:{i}": (e.location.country_code if e.location is not None else None)
        for r in results
        for i, e in enumerate(r.events)
    }
    predicted, bad = linked_pairs(cluster_events(results, options=options), countries)
    ids = {r.article.id for r in results}
    gold = {p for p in gold if p <= ids}
    return PairScores(
        gold=len(gold), predicted=len(predicted), true=len(predicted & gold), bad_merges=bad
    )


def score_realnews(
    results: Sequence[Result],
    rows: Sequence[Mapping[str, Any]],
    *,
    options: DedupOptions = _DEFAULTS,
) -> tuple[PairScores, PairScores]:
    """The pairs scored among the paired articles only, then among all ``rows`` (the other
    articles as distractors: a false merge with any of them counts)."""
    paired_rows = [r for r in rows if r.get("same_event_as")]
    paired = {r["id"] for r in paired_rows}
    only = score_pairs([r for r in results if r.article.id in paired], paired_rows, options=options)
    return only, score_pairs(results, rows, options=options)
