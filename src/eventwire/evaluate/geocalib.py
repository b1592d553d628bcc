"""Calibration of the resolver's confidence: the isotonic fit and the reliability table (issue 16).

``fit_isotonic`` maps raw reading probabilities to the share of right readings (pool adjacent
violators, weighted, deterministic): ``eventwire fit geo`` stores the result in the weights
file. ``Reliability`` bins places by confidence and counts how many were right: a calibrated
confidence has, in every bin, a mean confidence close to the share right; the expected
calibration error (ECE) is the count-weighted mean gap.

>>> fit_isotonic([0.1, 0.2, 0.9, 0.95], [False, True, True, True]).knots
((0.1, 0.0), (0.6833, 1.0))
>>> r = Reliability.of([(0.95, True), (0.95, False), (0.15, False)])
>>> round(r.figures()["ece"], 4)
0.35
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from eventwire.evaluate.geoscore import GoldPoint, judge
from eventwire.geo.calibration import Calibration

BINS = 10
_DIGITS = 4


def _pool(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> list[list[float]]:
    """Pool adjacent violators over points sorted by ``x``: blocks [sum wx, sum wy, sum w]
    whose means ``sum wy / sum w`` strictly increase."""
    blocks: list[list[float]] = []
    for xi, yi, wi in zip(x, y, w, strict=True):
        blocks.append([wi * xi, wi * yi, wi])
        while len(blocks) > 1 and blocks[-2][1] * blocks[-1][2] >= blocks[-1][1] * blocks[-2][2]:
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    return blocks


def fit_isotonic(
    raw: Sequence[float], right: Sequence[bool], weight: Sequence[float] | None = None
) -> Calibration:
    """The monotone map that best fits ``right`` (0/1) from ``raw`` in weighted squares.

    Equal raw values are pooled first; each block becomes a knot (its mean raw value, its
    share right), rounded to 4 digits; knots that round to the same raw value are merged.
    """
    if not raw:
        return Calibration()
    values, inverse = np.unique(np.asarray(raw, dtype=float), return_inverse=True)
    w = np.ones(len(raw)) if weight is None else np.asarray(weight, dtype=float)
    sum_w = np.bincount(inverse, weights=w)
    sum_y = np.bincount(inverse, weights=w * np.asarray(right, dtype=float))
    blocks = _pool(values, sum_y / sum_w, sum_w)
    knots: list[tuple[float, float, float]] = []  # raw, share right, weight
    for sx, sy, sw in blocks:
        x, y = round(sx / sw, _DIGITS), sy / sw
        if knots and knots[-1][0] == x:
            _, py, pw = knots.pop()
            y, sw = (py * pw + y * sw) / (pw + sw), pw + sw
        knots.append((x, y, sw))
    return Calibration(tuple((float(x), round(float(y), _DIGITS)) for x, y, _ in knots))


@dataclass(slots=True)
class Reliability:
    """Per confidence bin ([0, 0.1), …, [0.9, 1]): places, summed confidence, places right."""

    count: list[float] = field(default_factory=lambda: [0.0] * BINS)
    confidence: list[float] = field(default_factory=lambda: [0.0] * BINS)
    right: list[float] = field(default_factory=lambda: [0.0] * BINS)

    @classmethod
    def of(cls, pairs: Iterable[tuple[float, bool]]) -> Reliability:
        """The tally of (confidence, right) pairs."""
        out = cls()
        for confidence, right in pairs:
            out.add_one(confidence, right)
        return out

    def add_one(self, confidence: float, right: bool) -> None:
        b = min(int(confidence * BINS), BINS - 1)
        self.count[b] += 1
        self.confidence[b] += confidence
        self.right[b] += right

    def add(self, other: Reliability) -> None:
        """Add ``other``'s counts to this tally."""
        for mine, theirs in (
            (self.count, other.count),
            (self.confidence, other.confidence),
            (self.right, other.right),
        ):
            for i, value in enumerate(theirs):
                mine[i] += value

    def figures(self) -> dict[str, Any]:
        """Rows (bin, count, mean confidence, share right), the total and the ECE."""
        total = sum(self.count)
        rows, ece = [], 0.0
        for b in range(BINS):
            n = self.count[b]
            mean = self.confidence[b] / n if n else None
            share = self.right[b] / n if n else None
            if mean is not None and share is not None:
                ece += n / total * abs(mean - share)
            rows.append(
                {
                    "low": b / BINS,
                    "high": (b + 1) / BINS,
                    "count": int(n),
                    "confidence": mean,
                    "accuracy": share,
                }
            )
        return {
            "bins": rows,
            "count": int(total),
            "ece": ece if total else None,
            "accuracy": sum(self.right) / total if total else None,
        }

    @classmethod
    def from_figures(cls, figures: Mapping[str, Any]) -> Reliability:
        """The tally back from ``figures()`` (to pool corpora)."""
        out = cls()
        for b, row in enumerate(figures["bins"]):
            out.count[b] = row["count"]
            out.confidence[b] = (row["confidence"] or 0.0) * row["count"]
            out.right[b] = (row["accuracy"] or 0.0) * row["count"]
        return out


def place_reliability(
    pairs: Iterable[tuple[Sequence[GoldPoint], Iterable[Mapping[str, Any]]]],
) -> Reliability:
    """Confidence against rightness (``geoscore.judge``) of the places that output a point on
    a scored gold toponym with coordinates; abstentions (no point) are not counted."""
    tally = Reliability()
    for gold, places in pairs:
        scored = {(g.start, g.end): g for g in gold if g.scored and g.has_coordinates}
        seen: set[tuple[int, int]] = set()
        for place in places:
            span = (int(place["start"]), int(place["end"]))
            if span not in scored or span in seen:
                continue
            seen.add(span)  # the first place on a span counts, as in geoscore
            if place.get("lat") is None:
                continue
            tally.add_one(float(place.get("confidence") or 0.0), judge(scored[span], place))
    return tally


def pool_reliability(
    rows: Iterable[Mapping[str, Any]], corpora: Sequence[str], part: str
) -> dict[str, Any]:
    """The reliability figures of ``part`` ("resolve" or "e2e") pooled over ``corpora``."""
    total = Reliability()
    for row in rows:
        if row["corpus"] in corpora and "reliability" in row:
            total.add(Reliability.from_figures(row["reliability"][part]))
    return total.figures()
