"""Toponym resolution: rank gazetteer candidates with fitted weights, or abstain (issue 5).

Mentions with the same surface form share one reading (one sense per discourse). A first
pass scores candidates on name, size, type and country evidence; a second pass adds
agreement with the first pass's confident picks (same admin1, nearby). Each candidate's
probability is a softmax over the candidates and an abstention row; below the weights'
threshold the mention stays a ``Place`` with ``geonameid=None`` rather than a far-away namesake.

>>> places = resolve(mentions, gazetteer, weights=load_weights())  # doctest: +SKIP
>>> focus_place(places).name                                        # doctest: +SKIP
'Al-Tanf'
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.errors import InputError
from eventwire.geo.features import FEATURES, Context, candidate_rows
from eventwire.geo.gazetteer import Candidate, Gazetteer
from eventwire.geo.names import fold
from eventwire.geo.recognize import Mention
from eventwire.records import Place

WEIGHTS_VERSION = "geo-weights.v1"
_WEIGHTS_RESOURCE = "geo-weights.v1.json"
_CANDIDATE_LIMIT = 30
_ANCHOR_PROBABILITY = 0.5
_COUNTRY_PREFIX = "PCL"


@dataclass(frozen=True, slots=True)
class Weights:
    """Ranker weights by feature name, and the probability below which to abstain."""

    values: dict[str, float]
    threshold: float = 0.3
    version: str = WEIGHTS_VERSION
    meta: dict[str, Any] = field(default_factory=dict)

    def vector(self) -> np.ndarray:
        """The weights in ``FEATURES`` order (0 for features the file does not name)."""
        return np.array([self.values.get(name, 0.0) for name in FEATURES])

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "threshold": self.threshold,
                "weights": {k: round(v, 5) for k, v in self.values.items()}, **self.meta}


def load_weights(path: Path | None = None) -> Weights:
    """Read ``geo-weights.v1.json`` (bundled unless ``path`` is given)."""
    origin = str(path) if path else _WEIGHTS_RESOURCE
    try:
        if path is None:
            text = resources.files("eventwire.data").joinpath(_WEIGHTS_RESOURCE).read_text()
        else:
            text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        values = {str(k): float(v) for k, v in data["weights"].items()}
        threshold = float(data["threshold"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(origin, f"not a geo weights file ({err}); expected "
                         '{"weights": {...}, "threshold": t}') from None
    meta = {k: v for k, v in data.items() if k not in ("weights", "threshold", "version")}
    return Weights(values, threshold, str(data.get("version", WEIGHTS_VERSION)), meta)


class Lookup:
    """Gazetteer lookups cached for one document (or one batch): each name is asked once."""

    def __init__(self, gazetteer: Gazetteer, *, limit: int = _CANDIDATE_LIMIT) -> None:
        self._gazetteer = gazetteer
        self._limit = limit
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._countries: dict[str, Candidate | None] = {}
        self._known: dict[str, bool] = {}

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Candidates for ``name``, best match first; "US", "U.K." also name their country."""
        key = fold(name)
        if key not in self._cache:
            found = self._gazetteer.candidates(name, limit=self._limit)
            code = _abbreviation(name)
            country = self.country(code) if code else None
            if country is not None and all(c.geonameid != country.geonameid for c in found):
                found = [country, *found]
            self._cache[key] = tuple(found)
        return self._cache[key]

    def known(self, name: str) -> bool:
        """A plausible place of this exact name: a country, a division or a sizeable town."""
        if len(name) < 3 or name.isdigit():
            return False
        key = fold(name)
        if key not in self._known:
            # No fuzzy matching here: recognition asks about many names that are no places.
            found = self._cache.get(key) or self._gazetteer.candidates(
                name, limit=self._limit, fuzzy=False)
            self._known[key] = any(
                c.match != "fuzzy" and (c.feature_class == "A" or c.population >= 5000)
                for c in found
            )
        return self._known[key]

    def country(self, code: str) -> Candidate | None:
        """The country record of an ISO code."""
        if code not in self._countries:
            self._countries[code] = self._gazetteer.country(code)
        return self._countries[code]


def _abbreviation(name: str) -> str | None:
    """The ISO code an all-capitals abbreviation stands for: "US", "U.S.A.", "UK" (GB)."""
    letters = name.replace(".", "").strip()
    if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
        return None
    if letters in _ABBREVIATIONS:
        return _ABBREVIATIONS[letters]
    return None


# Abbreviations news use for countries; ISO codes alone are too ambiguous ("IT", "IN").
_ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "GB": "GB", "UAE": "AE", "EAU": "AE",
                  "DRC": "CD", "RDC": "CD", "PRC": "CN", "ROK": "KR", "DPRK": "KP",
                  "KSA": "SA", "NZ": "NZ", "RCA": "CF"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One surface form of the article: its mentions, candidates and feature rows."""

    key: str
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    rows: np.ndarray


def group_mentions(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Toponym mentions grouped by folded surface form, in order of first appearance."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.kind == "toponym":
            groups.setdefault(fold(m.span.text), []).append(m)
    return groups


def _explicit_countries(
    groups: dict[str, list[Mention]], demonyms: Sequence[Mention], lookup: Lookup
) -> dict[str, Counter[str]]:
    """Country evidence each group contributes (key "" holds the demonyms')."""
    out: dict[str, Counter[str]] = {"": Counter(c for m in demonyms for c in m.countries)}
    for key, ms in groups.items():
        cands = lookup.candidates(ms[0].span.text)
        top = cands[0] if cands else None
        if top and top.match != "fuzzy" and top.feature_code.startswith(_COUNTRY_PREFIX):
            out[key] = Counter({top.country_code or "": len(ms)})
    return out


def build_problems(
    mentions: Sequence[Mention],
    lookup: Lookup,
    *,
    picks: dict[str, Candidate] | None = None,
) -> list[Problem]:
    """Feature rows for every surface group; ``picks`` are a first pass's confident choices."""
    groups = group_mentions(mentions)
    demonyms = [m for m in mentions if m.kind == "demonym"]
    evidence = _explicit_countries(groups, demonyms, lookup)
    picks = picks or {}
    for key, cand in picks.items():
        if key not in evidence and cand.country_code:
            evidence[key] = Counter({cand.country_code: 1})
    problems = []
    for key, ms in groups.items():
        countries: Counter[str] = Counter()
        for other, counts in evidence.items():
            if other != key:
                countries.update(counts)
        admin1s = frozenset(
            (c.country_code or "", c.admin1 or "") for k, c in picks.items()
            if k != key and c.feature_code == "ADM1"
        )
        anchors = {
            k: ((c.lat, c.lon),) for k, c in picks.items()
            if not c.feature_code.startswith(_COUNTRY_PREFIX) and c.feature_code != "CONT"
        }
        context = Context(countries, admin1s, anchors)
        cands = lookup.candidates(ms[0].span.text)
        hint = next((m.type_hint for m in ms if m.type_hint), None)
        rows = candidate_rows(ms[0].span.text, key, cands, context, hint)
        problems.append(Problem(key, tuple(ms), cands, rows))
    return problems


def probabilities(problem: Problem, weights: np.ndarray) -> np.ndarray:
    """Softmax over the candidates and the abstention row (last)."""
    scores = problem.rows @ weights
    scores = scores - scores.max()
    exp = np.exp(scores)
    return np.asarray(exp / exp.sum())


def _picks(problems: Sequence[Problem], weights: Weights, minimum: float) -> dict[str, Candidate]:
    vector = weights.vector()
    out: dict[str, Candidate] = {}
    for problem in problems:
        if not problem.candidates:
            continue
        probs = probabilities(problem, vector)
        best = int(np.argmax(probs[:-1]))
        if probs[best] >= minimum:
            out[problem.key] = problem.candidates[best]
    return out


def rank(
    mentions: Sequence[Mention], lookup: Lookup, *, weights: Weights
) -> list[Problem]:
    """Two passes: context from confident first-pass picks, then the final feature rows."""
    first = build_problems(mentions, lookup)
    picks = _picks(first, weights, _ANCHOR_PROBABILITY)
    return build_problems(mentions, lookup, picks=picks)


def resolve(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    weights: Weights,
    lookup: Lookup | None = None,
) -> list[Place]:
    """Resolve toponym mentions to places (``geonameid`` None when abstaining), in text order.

    Demonym mentions are used as country evidence and are not returned.
    """
    lookup = lookup or Lookup(gazetteer)
    vector = weights.vector()
    places: list[Place] = []
    for problem in rank(mentions, lookup, weights=weights):
        best: Candidate | None = None
        confidence = 0.0
        if problem.candidates:
            probs = probabilities(problem, vector)
            i = int(np.argmax(probs[:-1]))
            confidence = float(probs[i])
            if confidence >= weights.threshold and probs[i] >= probs[-1]:
                best = problem.candidates[i]
        places += [_place(m, best, confidence) for m in problem.mentions]
    return sorted(places, key=lambda p: p.mention.start)


def _place(mention: Mention, cand: Candidate | None, confidence: float) -> Place:
    if cand is None:
        return Place(mention=mention.span, confidence=confidence, role=mention.role)
    return Place(
        mention=mention.span, geonameid=cand.geonameid, name=cand.name, lat=cand.lat,
        lon=cand.lon, country_code=cand.country_code, admin1=cand.admin1,
        feature_code=cand.feature_code, confidence=confidence, role=mention.role,
    )


def demonym_places(mentions: Iterable[Mention], lookup: Lookup) -> list[Place]:
    """Demonyms as the country they name (for corpora that count "Syrian" as a toponym)."""
    out = []
    for m in mentions:
        if m.kind == "demonym" and m.countries:
            country = lookup.country(m.countries[0])
            out.append(_place(m, country, 1.0 if country else 0.0))
    return out


def focus_place(places: Iterable[Place]) -> Place | None:
    """The article's focus: the most mentioned resolved event place, the most precise on ties.

    Countries and first-level divisions lose ties against towns; earlier first mention wins
    the rest. ``focus_place([])`` is None.
    """
    counts: Counter[int] = Counter()
    first: dict[int, Place] = {}
    for p in places:
        if p.geonameid is None or p.role != "event":
            continue
        counts[p.geonameid] += 1
        first.setdefault(p.geonameid, p)
    if not counts:
        return None

    def precision(p: Place) -> int:
        code = p.feature_code or ""
        return 0 if code.startswith(_COUNTRY_PREFIX) else 1 if code.startswith("ADM") else 2

    return max(first.values(),
               key=lambda p: (counts[p.geonameid or 0], precision(p), -p.mention.start))
