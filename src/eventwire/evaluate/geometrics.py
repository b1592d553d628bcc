"""Geoparsing metrics: recognition P/R/F1 and the distance-based resolution figures.

Resolution figures follow Gritta et al. ("What's missing in geographical parsing?", 2018):
accuracy@161 km, mean and median error, and the area under the curve of the sorted log
errors, normalised by the largest possible error (0 is perfect, 1 is worst). A toponym
left unresolved counts as the largest possible error.

>>> round(haversine_km(48.8566, 2.3522, 51.5074, -0.1278))
344
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.geo.features import haversine_km

__all__ = [
    "MAX_ERROR_KM",
    "RecognitionScore",
    "ResolutionScore",
    "Resolved",
    "haversine_km",
    "log_error_auc",
    "recognition_score",
    "resolution_score",
]

#: Half the Earth's circumference: the error given to an unresolved toponym (Gritta et al.).
MAX_ERROR_KM = 20039.0
ACCURACY_RADIUS_KM = 161.0


@dataclass(frozen=True, slots=True)
class RecognitionScore:
    """Exact-span toponym recognition counts; ``recognition_score`` builds one."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: RecognitionScore) -> RecognitionScore:
        return RecognitionScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def recognition_score(
    gold: Iterable[tuple[int, int]], predicted: Iterable[tuple[int, int]]
) -> RecognitionScore:
    """Score predicted ``(start, end)`` spans against gold spans by exact match.

    >>> recognition_score([(0, 5), (10, 15)], [(0, 5), (20, 25)])
    RecognitionScore(tp=1, fp=1, fn=1)
    """
    g, p = set(gold), set(predicted)
    tp = len(g & p)
    return RecognitionScore(tp, len(p) - tp, len(g) - tp)


@dataclass(frozen=True, slots=True)
class ResolutionScore:
    """Distance errors (km) of resolved gold toponyms, and exact-id agreement."""

    errors_km: tuple[float, ...]
    id_total: int = 0  # gold toponyms with a GeoNames id
    id_correct: int = 0
    abstained: int = 0  # toponyms given no coordinates (counted as MAX_ERROR_KM)

    @property
    def n(self) -> int:
        return len(self.errors_km)

    @property
    def accuracy_161(self) -> float:
        if not self.errors_km:
            return 0.0
        return sum(e < ACCURACY_RADIUS_KM for e in self.errors_km) / len(self.errors_km)

    @property
    def mean_km(self) -> float:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        if not self.errors_km:
            return 0.0
        s = sorted(self.errors_km)
        mid = len(s) // 2
        return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2

    @property
    def auc(self) -> float:
        return log_error_auc(self.errors_km)

    @property
    def exact_id_accuracy(self) -> float:
        return self.id_correct / self.id_total if self.id_total else 0.0


def log_error_auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted ``log(1 + error)``, scaled to [0, 1] (Gritta et al.).

    >>> log_error_auc([0.0, 0.0])
    0.0
    >>> round(log_error_auc([MAX_ERROR_KM - 1, MAX_ERROR_KM - 1]), 6)
    1.0
    """
    if len(errors_km) < 2:
        return 0.0 if not errors_km else math.log1p(errors_km[0]) / math.log(MAX_ERROR_KM)
    logs = sorted(math.log1p(e) for e in errors_km)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))  # trapezoid rule
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


@dataclass(frozen=True, slots=True)
class Resolved:
    """One resolution to score: gold coordinates and id against the predicted ones."""

    gold_lat: float
    gold_lon: float
    gold_id: int | None
    lat: float | None
    lon: float | None
    geonameid: int | None


def resolution_score(items: Iterable[Resolved]) -> ResolutionScore:
    """Score resolutions; a missing prediction counts as ``MAX_ERROR_KM`` and a wrong id.

    >>> s = resolution_score([Resolved(0, 0, 1, 0, 1, 1), Resolved(0, 0, 2, None, None, None)])
    >>> s.accuracy_161, s.id_correct, s.abstained
    (0.5, 1, 1)
    """
    errors: list[float] = []
    id_total = id_correct = abstained = 0
    for item in items:
        if item.lat is None or item.lon is None:
            errors.append(MAX_ERROR_KM)
            abstained += 1
        else:
            errors.append(haversine_km(item.gold_lat, item.gold_lon, item.lat, item.lon))
        if item.gold_id is not None:
            id_total += 1
            id_correct += item.geonameid == item.gold_id
    return ResolutionScore(tuple(errors), id_total, id_correct, abstained)
