"""Calibrated confidence and the resolve-or-abstain rule (issue 16, item 4).

The ranker's reading probability is a softmax: it ranks well but is not the share of readings
that turn out right (its top decile was right 90 % of the time at 0.98). A ``Calibration`` maps
it, monotonically, to the share observed on the fitting data (isotonic regression, fitted by
``eventwire fit geo`` and stored in the weights file); with no knots it is the identity.

A place is resolved when its calibrated confidence reaches the weights' threshold and its
reading outweighs the abstention row (no candidate is right), or when it
is a strong, unopposed candidate: an exact name match of a country, a first-level division or
a town of 100,000 people, whose candidates all lie within one reading of it (a port city of
700,000 named alone, no namesake anywhere) is never thrown away. A village or a news agency's
namesake named alone is not strong: it keeps the threshold.

>>> Calibration(((0.2, 0.1), (0.8, 0.7))).apply(0.5)
0.4
>>> Calibration().apply(0.33)
0.33
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from eventwire.geo.features import haversine_km
from eventwire.geo.gazetteer import Candidate

CALIBRATION_METHOD = "isotonic"
#: Candidates this close to the pick are the same reading (a city and its governorate).
SAME_READING_KM = 100.0
_DIGITS = 4
#: A town this big is strong (as ``Lookup.prominent`` reads a place inside a name).
STRONG_POPULATION = 100_000
_STRONG_CODES = ("ADM1", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR")


@dataclass(frozen=True, slots=True)
class Calibration:
    """A monotone map from raw reading probability to calibrated confidence.

    ``knots`` are (raw, calibrated) points with raw increasing; between them the map is
    linear, outside them it is flat. No knots: the identity.
    """

    knots: tuple[tuple[float, float], ...] = ()
    method: str = CALIBRATION_METHOD

    def apply(self, raw: float) -> float:
        """The calibrated confidence of a raw reading probability, rounded to 4 digits."""
        if not self.knots:
            return raw
        xs, ys = zip(*self.knots, strict=True)
        return round(float(np.interp(raw, xs, ys)), _DIGITS)

    def to_json(self) -> dict[str, Any]:
        return {"method": self.method, "knots": [list(k) for k in self.knots]}

    @classmethod
    def from_json(cls, data: Any) -> Calibration:
        """Read ``{"method": ..., "knots": [[raw, calibrated], ...]}``; None: the identity."""
        if data is None:
            return cls()
        knots = tuple((float(x), float(y)) for x, y in data["knots"])
        if any(b[0] < a[0] or b[1] < a[1] for a, b in pairwise(knots)):
            raise ValueError("calibration knots must increase in both coordinates")
        return cls(knots, str(data.get("method", CALIBRATION_METHOD)))


def same_reading(candidates: Sequence[Candidate], best: int) -> list[bool]:
    """Per candidate: is it the pick, or within 100 km of it (the same place read twice)?"""
    pick = candidates[best]
    return [
        j == best or haversine_km(pick.lat, pick.lon, c.lat, c.lon) <= SAME_READING_KM
        for j, c in enumerate(candidates)
    ]


def unopposed(candidates: Sequence[Candidate], best: int) -> bool:
    """A strong exact match (country, first-level division or town of 100,000) with no
    competing reading: every candidate is the same place."""
    pick = candidates[best]
    strong = pick.population >= STRONG_POPULATION or pick.feature_code in _STRONG_CODES
    return pick.match == "exact" and strong and all(same_reading(candidates, best))


def accepts(
    candidates: Sequence[Candidate],
    best: int,
    confidence: float,
    threshold: float,
    *,
    beats_null: bool = True,
) -> bool:
    """Resolve to ``candidates[best]``: confident enough and more likely than no candidate
    (``beats_null``: the raw reading outweighs the abstention row), or strong and unopposed.
    Keeping the abstention row's veto scores 0.790 against 0.789 end to end on the fit split."""
    return (confidence >= threshold and beats_null) or unopposed(candidates, best)
