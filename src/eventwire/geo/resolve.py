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
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.errors import InputError
from eventwire.geo.calibration import Calibration, accepts, same_reading
from eventwire.geo.compass import compass_candidates, is_compass_name
from eventwire.geo.features import (
    DEFAULT_WEIGHTS,
    FEATURES,
    Context,
    candidate_rows,
    focus_country,
)
from eventwire.geo.gazetteer import Candidate, Gazetteer
from eventwire.geo.layer import PlaceLayer
from eventwire.geo.names import fold
from eventwire.geo.recognize import Mention
from eventwire.records import Place

WEIGHTS_VERSION = "geo-weights.v2"
_WEIGHTS_RESOURCE = "geo-weights.v2.json"
_CANDIDATE_LIMIT = 30
_ANCHOR_PROBABILITY = 0.5
_COUNTRY_PREFIX = "PCL"
_KNOWN_POPULATION = 5000
_PROMINENT_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class Weights:
    """Ranker weights by feature name, and the probability below which to abstain."""

    values: dict[str, float]
    threshold: float = 0.3
    version: str = WEIGHTS_VERSION
    meta: dict[str, Any] = field(default_factory=dict)
    #: Raw reading probability -> calibrated confidence (issue 16); none: the identity.
    calibration: Calibration = field(default_factory=Calibration)

    def vector(self) -> np.ndarray:
        """The weights in ``FEATURES`` order; a feature the file does not name takes its
        ``DEFAULT_WEIGHTS`` value, else 0."""
        return np.array(
            [self.values.get(name, DEFAULT_WEIGHTS.get(name, 0.0)) for name in FEATURES]
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "threshold": self.threshold,
            "weights": {k: round(v, 5) for k, v in self.values.items()},
            **({"calibration": self.calibration.to_json()} if self.calibration.knots else {}),
            **self.meta,
        }


def load_weights(path: Path | None = None) -> Weights:
    """Read ``geo-weights.v2.json`` (bundled unless ``path`` is given)."""
    origin = str(path) if path else _WEIGHTS_RESOURCE
    try:
        if path is None:
            text = resources.files("eventwire.data").joinpath(_WEIGHTS_RESOURCE).read_text()
        else:
            text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        values = {str(k): float(v) for k, v in data["weights"].items()}
        threshold = float(data["threshold"])
        calibration = Calibration.from_json(data.get("calibration"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(
            origin,
            f'not a geo weights file ({err}); expected {{"weights": {{...}}, "threshold": t}}',
        ) from None
    meta = {k: v for k, v in data.items() if k not in _OWN_KEYS}
    version = str(data.get("version", WEIGHTS_VERSION))
    return Weights(values, threshold, version, meta, calibration)


_OWN_KEYS = ("weights", "threshold", "version", "calibration")


class Lookup:
    """Gazetteer lookups cached for one document (or one batch): each name is asked once."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        limit: int = _CANDIDATE_LIMIT,
        layers: Sequence[PlaceLayer] = (),
    ) -> None:
        self._gazetteer = gazetteer
        self._limit = limit
        # Later layers (user files) win over earlier ones (bundled regions) on the same name.
        self._layers = tuple(reversed(layers))
        self._layer_ids = frozenset(i for layer in layers for i in layer.ids)
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._countries: dict[str, Candidate | None] = {}
        self._known: dict[str, tuple[bool, bool]] = {}

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Candidates for ``name``, best match first ("US", "U.K." name their country: the
        gazetteer build files these abbreviations with the countries' names)."""
        key = fold(name)
        if key not in self._cache:
            layered = self._layered(name)
            ids = {c.geonameid for c in layered}
            # A layer's exact name needs no fuzzy GeoNames look-alikes ("Darfour": Dufur).
            exact = any(c.match == "exact" for c in layered)
            found = [
                c
                for c in self._gazetteer.candidates(name, limit=self._limit, fuzzy=not exact)
                if c.geonameid not in ids
            ]
            self._cache[key] = tuple([*layered, *found][: self._limit])
        return self._cache[key]

    def _layered(self, name: str) -> list[Candidate]:
        out: dict[int, Candidate] = {}
        for layer in self._layers:
            for c in layer.candidates(name):
                out.setdefault(c.geonameid, c)
        return list(out.values())

    def layer_ids(self, candidates: Iterable[Candidate]) -> frozenset[int]:
        """The ids among ``candidates`` that come from a layer (curated regions, user places)."""
        return frozenset(c.geonameid for c in candidates if c.geonameid in self._layer_ids)

    def known(self, name: str) -> bool:
        """A plausible place of this exact name: a country, a division or a sizeable town.

        Only exact (folded) matches count for a single plain word: transliteration keys
        make "School" a Cholet and "Monday" a Mundi. Names of several words, or with a
        hyphen or apostrophe ("Deir ez-Zor", "Tell Mozan"), may match by key.
        """
        return self._verdict(name)[0]

    def prominent(self, name: str) -> bool:
        """Known, and big enough to be read inside an organisation's name ("Minnesota
        Department of Health"): a country, a first-level division, a continent or a town
        of 100,000 people (county names are mostly surnames: Grant, Douglas, Polk)."""
        return self._verdict(name)[1]

    def _verdict(self, name: str) -> tuple[bool, bool]:
        if len(name) < 3 or name.isdigit():
            return False, False
        key = fold(name)
        if key not in self._known:
            # No fuzzy matching here: recognition asks about many names that are no places.
            found = self._cache.get(key) or self._gazetteer.candidates(
                name, limit=self._limit, fuzzy=False
            )
            if any(c.match == "exact" for c in self._layered(name)):
                self._known[key] = (True, True)
                return self._known[key]
            loose = " " in key or any(ch in name for ch in "-‐'’")
            good = [c for c in found if c.match == "exact" or (loose and c.match == "key")]
            known = any(c.feature_class == "A" or c.population >= _KNOWN_POPULATION for c in good)
            prominent = any(
                c.feature_code.startswith(_COUNTRY_PREFIX)
                or c.feature_code in ("ADM1", "CONT")
                or c.population >= _PROMINENT_POPULATION
                for c in good
            )
            self._known[key] = (known, known and prominent)
        return self._known[key]

    def country(self, code: str) -> Candidate | None:
        """The country record of an ISO code."""
        if code not in self._countries:
            self._countries[code] = self._gazetteer.country(code)
        return self._countries[code]


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
    """Country evidence each group contributes (key "" holds the demonyms'); mentions inside
    an actor's name ("Israeli artillery") say who acted, not where, and count for nothing."""
    out: dict[str, Counter[str]] = {
        "": Counter(c for m in demonyms if not m.in_actor for c in m.countries)
    }
    for key, ms in groups.items():
        told = sum(not m.in_actor for m in ms)
        cands = lookup.candidates(ms[0].span.text) if told else ()
        top = cands[0] if cands else None
        if top and top.match != "fuzzy" and top.feature_code.startswith(_COUNTRY_PREFIX):
            out[key] = Counter({top.country_code or "": told})
    return out


def build_problems(
    mentions: Sequence[Mention],
    lookup: Lookup,
    *,
    picks: dict[str, Candidate] | None = None,
    prior: Sequence[str] = (),
    actor_countries: Sequence[str] = (),
) -> list[Problem]:
    """Feature rows for every surface group; ``picks`` are a first pass's confident choices;
    ``prior`` are countries known before reading (the outlet's), counted as evidence;
    ``actor_countries`` those of the actors the text names, weaker: they only give a focus."""
    groups = group_mentions(mentions)
    demonyms = [m for m in mentions if m.kind == "demonym"]
    picks = picks or {}
    evidence = _evidence(groups, demonyms, lookup, picks, prior)
    named = _named_countries(groups, demonyms, lookup)
    problems = []
    for key, ms in groups.items():
        context = _context(key, ms, mentions, lookup, evidence, picks, Counter(actor_countries))
        cands = _candidates(ms[0].span.text, lookup, context, named)
        hint = next((m.type_hint for m in ms if m.type_hint), None)
        rows = candidate_rows(
            ms[0].span.text,
            key,
            cands,
            context,
            hint,
            locative=any(m.locative for m in ms),
            layer_ids=lookup.layer_ids(cands),
        )
        problems.append(Problem(key, tuple(ms), cands, rows))
    return problems


def _evidence(
    groups: dict[str, list[Mention]],
    demonyms: Sequence[Mention],
    lookup: Lookup,
    picks: dict[str, Candidate],
    prior: Sequence[str],
) -> dict[str, Counter[str]]:
    """Country evidence per group: named countries and demonyms, the outlet's countries (key
    "#prior"), and the country of each confident pick the text tells outside an actor's name."""
    evidence = _explicit_countries(groups, demonyms, lookup)
    evidence["#prior"] = Counter(prior)
    for key, cand in picks.items():
        told = any(not m.in_actor for m in groups.get(key, ()))
        if key not in evidence and cand.country_code and told:
            evidence[key] = Counter({cand.country_code: 1})
    return evidence


def _context(
    key: str,
    group: Sequence[Mention],
    mentions: Sequence[Mention],
    lookup: Lookup,
    evidence: dict[str, Counter[str]],
    picks: dict[str, Candidate],
    actors: Counter[str],
) -> Context:
    """What the rest of the article says around the group ``key``: the other groups' evidence
    and picks, and the actors' countries (``actors``) when nothing else gives a focus."""
    countries: Counter[str] = Counter()
    for other, counts in evidence.items():
        if other != key:
            countries.update(counts)
    admin1s, towns = _picked_units(key, picks)
    anchors: dict[str, tuple[tuple[float, float], ...]] = {
        k: ((c.lat, c.lon),)
        for k, c in picks.items()
        if not c.feature_code.startswith(_COUNTRY_PREFIX) and c.feature_code != "CONT"
    }
    return Context(
        countries,
        admin1s,
        anchors,
        _qualifiers(group, mentions, lookup),
        towns,
        focus_country(countries)
        or _outlet_focus(countries, evidence.get("#prior"))
        or _actor_focus(countries, actors),
        {k: picks[k].country_code or "" for k in anchors},
    )


def _picked_units(
    key: str, picks: dict[str, Candidate]
) -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    """The (country, admin1) of the other groups' picked provinces, and of their towns."""
    others = [c for k, c in picks.items() if k != key]
    admin1s = frozenset(
        (c.country_code or "", c.admin1 or "") for c in others if c.feature_code == "ADM1"
    )
    towns = frozenset(
        (c.country_code or "", c.admin1 or "")
        for c in others
        if c.feature_class == "P" and c.admin1
    )
    return admin1s, towns


def _outlet_focus(countries: Counter[str], prior: Counter[str] | None) -> str | None:
    """The outlet's country when it is the only country the evidence names: a Lebanese
    outlet's "Tripoli" with no other country in the text (a Senegalese outlet's article on
    Mozambique has Mozambique's evidence, and its own focus)."""
    named = {code for code, n in countries.items() if code and n > 0}
    return next(iter(named)) if prior and len(named) == 1 and named <= set(prior) else None


def _actor_focus(countries: Counter[str], actors: Counter[str]) -> str | None:
    """The country of most of the article's actors ("Lebanese soldiers", "les FAMa") when
    the places and demonyms name no other country: weaker evidence than a toponym, so it
    only breaks the silence of a text whose "Tripoli" says nothing of its country (issue 16).
    """
    named = {code for code, n in countries.items() if code and n > 0}
    ranked = actors.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    code = ranked[0][0]
    return code if named <= {code} else None


def _candidates(
    name: str, lookup: Lookup, context: Context, named: frozenset[str]
) -> tuple[Candidate, ...]:
    """The group's candidates; a compass name ("Nord-Ouest") only among the divisions of the
    focus country, else of the countries with evidence, else of every country the article
    names, inside actors' names too ("Cameroonian troops")."""
    if not is_compass_name(name):
        return lookup.candidates(name)
    evidence = {code for code, n in context.countries.items() if code and n > 0}
    countries = {context.focus_country} if context.focus_country else evidence or named
    return compass_candidates(name, lookup.candidates, countries)


def _named_countries(
    groups: dict[str, list[Mention]], demonyms: Sequence[Mention], lookup: Lookup
) -> frozenset[str]:
    """Every country the article names or its demonyms name, wherever they stand."""
    out = {c for m in demonyms for c in m.countries}
    for ms in groups.values():
        top = next(iter(lookup.candidates(ms[0].span.text)), None)
        if top and top.match != "fuzzy" and top.feature_code.startswith(_COUNTRY_PREFIX):
            out.add(top.country_code or "")
    return frozenset(out - {""})


_QUALIFIER_GAP = 2  # "Huntsville, Ala.": a comma and a space between the two names


def _qualifiers(
    group: Sequence[Mention], mentions: Sequence[Mention], lookup: Lookup
) -> frozenset[tuple[str, str]]:
    """(country, admin1) of the division or country that directly follows a mention of
    the group ("Huntsville, Ala.", "Paris, Texas", "Alexandria, Egypt")."""
    starts = {m.span.start: m for m in mentions if m.kind == "toponym"}
    out: set[tuple[str, str]] = set()
    for m in group:
        nxt = next(
            (
                starts[m.span.end + gap]
                for gap in range(1, _QUALIFIER_GAP + 1)
                if m.span.end + gap in starts
            ),
            None,
        )
        if nxt is None:
            continue
        top = next(iter(lookup.candidates(nxt.span.text)), None)
        if top is None or top.match == "fuzzy" or not top.country_code:
            continue
        if top.feature_code.startswith(_COUNTRY_PREFIX):
            out.add((top.country_code, ""))
        elif top.feature_code == "ADM1" and top.admin1:
            out.add((top.country_code, top.admin1))
    return frozenset(out)


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
    mentions: Sequence[Mention],
    lookup: Lookup,
    *,
    weights: Weights,
    prior: Sequence[str] = (),
    actor_countries: Sequence[str] = (),
) -> list[Problem]:
    """Two passes: context from confident first-pass picks, then the final feature rows."""
    first = build_problems(mentions, lookup, prior=prior, actor_countries=actor_countries)
    picks = _picks(first, weights, _ANCHOR_PROBABILITY)
    return build_problems(
        mentions, lookup, picks=picks, prior=prior, actor_countries=actor_countries
    )


def resolve(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    weights: Weights,
    lookup: Lookup | None = None,
    prior: Sequence[str] = (),
    actor_countries: Sequence[str] = (),
) -> list[Place]:
    """Resolve toponym mentions to places (``geonameid`` None when abstaining), in text order.

    Demonym mentions are used as country evidence and are not returned; ``prior`` are
    countries known before reading (the outlet's, issue 16); ``actor_countries`` those of
    the actors named (one per mention), a focus only when the places name no other country.
    """
    lookup = lookup or Lookup(gazetteer)
    vector = weights.vector()
    places: list[Place] = []
    ranked = rank(mentions, lookup, weights=weights, prior=prior, actor_countries=actor_countries)
    for problem in ranked:
        best: Candidate | None = None
        confidence = 0.0
        if problem.candidates:
            probs = probabilities(problem, vector)
            i = int(np.argmax(probs[:-1]))
            confidence = calibrated(problem.candidates, probs, i, weights)
            beats_null = reading_probability(problem.candidates, probs, i) >= probs[-1]
            if accepts(problem.candidates, i, confidence, weights.threshold, beats_null=beats_null):
                best = problem.candidates[i]
        places += [_place(m, best, confidence) for m in problem.mentions]
    return sorted(places, key=lambda p: p.mention.start)


def reading_probability(candidates: Sequence[Candidate], probs: np.ndarray, best: int) -> float:
    """The probability of the best candidate's reading: its own plus that of the candidates
    within 100 km of it. A city and its governorate ("Hodeïda": the city, the ADM1) split the
    mass between two readings of one place; abstention competes with the place, not with each.
    """
    same = same_reading(candidates, best)
    return float(sum(p for p, s in zip(probs, same, strict=False) if s))


def calibrated(
    candidates: Sequence[Candidate], probs: np.ndarray, best: int, weights: Weights
) -> float:
    """The confidence a place carries: its reading probability through the weights'
    calibration (the share of such readings right within 161 km on the fitting data)."""
    return weights.calibration.apply(reading_probability(candidates, probs, best))


def _place(mention: Mention, cand: Candidate | None, confidence: float) -> Place:
    if cand is None:
        return Place(mention=mention.span, confidence=confidence, role=mention.role)
    return Place(
        mention=mention.span,
        geonameid=cand.geonameid,
        name=cand.name,
        lat=cand.lat,
        lon=cand.lon,
        country_code=cand.country_code,
        admin1=cand.admin1,
        feature_code=cand.feature_code,
        confidence=confidence,
        role=mention.role,
    )


def demonym_places(mentions: Iterable[Mention], lookup: Lookup) -> list[Place]:
    """Demonyms as the country they name (for corpora that count "Syrian" as a toponym)."""
    out = []
    for m in mentions:
        if m.kind == "demonym" and m.countries:
            country = lookup.country(m.countries[0])
            place = _place(m, country, 1.0 if country else 0.0)
            out.append(replace(place, role="adjectival"))
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

    return max(
        first.values(), key=lambda p: (counts[p.geonameid or 0], precision(p), -p.mention.start)
    )
