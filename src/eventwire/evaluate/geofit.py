"""Fit the resolution ranker's weights on the fitting part of the gold corpora (issues 5, 13).

The ranker is a conditional logit: for each surface group, a softmax over its candidates
and an abstention row. The target is the candidate with the gold GeoNames id, else the
candidate nearest the gold point within 161 km, else abstention. Weights are found by
gradient descent (Adam) with an L2 penalty, in two rounds so that the context features
(country, admin1, distance to the other places) come from the model's own first pass,
as at run time. Only ``GoldCorpus.split("fit")`` (the first 70 % of each corpus) is used.

The fit starts from zero weights, so that its result depends on the corpora, the gazetteer
and this code only: ``eventwire fit geo`` reproduces the bundled weights file byte for byte
(issue 13). It lives beside the evaluation because it reads the gold corpora; ``geo/`` only
reads the weights it produces.

>>> corpora = [read_corpus(p).split("fit") for p in paths]                # doctest: +SKIP
>>> weights = fit_weights(corpora, gaz, lexicon=lex)                      # doctest: +SKIP
>>> bundled = resources.files("eventwire.data").joinpath(WEIGHTS_FILE)    # doctest: +SKIP
>>> weights_text(weights) == bundled.read_text()                          # doctest: +SKIP
True
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from eventwire.evaluate.geocalib import fit_isotonic
from eventwire.evaluate.geocorpora import GoldCorpus, GoldToponym
from eventwire.evaluate.geoparse import gold_mentions, gold_points
from eventwire.evaluate.geoscore import GeoTally, GoldPoint, judge, score_document
from eventwire.geo.calibration import Calibration, accepts
from eventwire.geo.demonyms import Demonyms
from eventwire.geo.fallback import borrow_points
from eventwire.geo.features import DEFAULT_WEIGHTS, FEATURES, haversine_km
from eventwire.geo.gazetteer import Candidate, Gazetteer
from eventwire.geo.resolve import (
    WEIGHTS_VERSION,
    Lookup,
    Problem,
    Weights,
    probabilities,
    rank,
    reading_probability,
    resolve,
)

#: The corpora the bundled weights are fitted on, in the order the weights file lists them.
FIT_CORPORA = ("lgl.xml", "TR-News.xml", "GWN.xml", "GeoVirus.xml")

_RADIUS_KM = 161.0
_REACH_KM = {"PCL": 1000.0, "ADM": 400.0}
#: Abstention thresholds tried on the calibrated confidence; the most accurate end to end
#: wins (the highest on ties). An abstained place borrows the point of the place the text ties
#: it to, or of the article's focus (geo.fallback), which is often nearer than a wrong namesake.
_THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(11))


@dataclass(frozen=True, slots=True)
class Example:
    """One surface group: its feature rows, the target row, how many gold mentions it has."""

    rows: np.ndarray
    target: int
    weight: float
    correct: tuple[bool, ...]  # per row: right as geoscore.judge says (abstention: False)
    #: The candidates behind the rows (their reading and match decide abstention).
    candidates: tuple[Candidate, ...] = ()
    #: The gold names its GeoNames id: rightness is judged by identity and level, not by
    #: distance alone (which calls a country wrong when the gold point is not its centroid).
    by_id: bool = False


def _target(problem: Problem, gold: GoldToponym, point: GoldPoint) -> tuple[int, tuple[bool, ...]]:
    assert gold.lat is not None and gold.lon is not None
    dist = [haversine_km(gold.lat, gold.lon, c.lat, c.lon) for c in problem.candidates]
    correct = tuple(judge(point, _as_place(c)) for c in problem.candidates) + (False,)
    for i, cand in enumerate(problem.candidates):
        if gold.geonameid is not None and cand.geonameid == gold.geonameid:
            return i, correct
    # Without an id, a division or country counts as the target when the gold point lies
    # within its reach: the bundled gazetteer gives units an approximate centroid.
    reach = [_REACH_KM.get(c.feature_code[:3], _RADIUS_KM) for c in problem.candidates]
    near = [i for i, d in enumerate(dist) if d < reach[i]]
    if near:
        return min(near, key=lambda i: dist[i] / reach[i]), correct
    return len(problem.candidates), correct


def _as_place(cand: Candidate) -> dict[str, object]:
    """A candidate as the place dict ``geoscore.judge`` reads."""
    return {
        "lat": cand.lat,
        "lon": cand.lon,
        "geonameid": cand.geonameid,
        "country_code": cand.country_code,
        "feature_code": cand.feature_code,
    }


def examples(
    corpus: GoldCorpus, lookup: Lookup, weights: Weights, lexicon: Demonyms, gazetteer: Gazetteer
) -> list[Example]:
    """Training examples of every document of ``corpus`` (resolution given gold spans)."""
    out: list[Example] = []
    for doc in corpus.docs:
        by_span = {(t.start, t.end): t for t in doc.toponyms if t.has_coordinates}
        points = {(p.start, p.end): p for p in gold_points(doc.toponyms, gazetteer)}
        for problem in rank(gold_mentions(doc, lexicon), lookup, weights=weights):
            golds = [
                by_span[(m.span.start, m.span.end)]
                for m in problem.mentions
                if (m.span.start, m.span.end) in by_span
            ]
            if not golds:
                continue
            point = points[(golds[0].start, golds[0].end)]
            target, correct = _target(problem, golds[0], point)
            weight = float(len(golds))
            by_id = golds[0].geonameid is not None
            out.append(Example(problem.rows, target, weight, correct, problem.candidates, by_id))
    return out


def fit_logit(
    data: Sequence[Example],
    *,
    start: np.ndarray,
    l2: float = 1e-3,
    steps: int = 400,
    rate: float = 0.05,
    fixed: np.ndarray | None = None,
) -> np.ndarray:
    """Minimise the weighted softmax loss plus ``l2 * |w|^2`` with Adam; return the weights.

    All groups are stacked in one matrix: a step is two matrix products and per-group
    reductions (``reduceat``), not a Python loop over the examples.
    """
    w = start.astype(float).copy()
    if not data:
        return w
    rows = np.vstack([e.rows for e in data])
    sizes = np.array([len(e.rows) for e in data])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    group = np.repeat(np.arange(len(data)), sizes)
    targets = starts + np.array([e.target for e in data])
    total = sum(e.weight for e in data) or 1.0
    row_weight = (np.array([e.weight for e in data]) / total)[group]
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, steps + 1):
        scores = rows @ w
        p = np.exp(scores - np.maximum.reduceat(scores, starts)[group])
        p /= np.add.reduceat(p, starts)[group]
        p[targets] -= 1.0
        grad = 2 * l2 * w + rows.T @ (p * row_weight)
        if fixed is not None:
            grad[fixed] = 0.0  # priors kept at their start values
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def readings(data: Sequence[Example], w: np.ndarray) -> list[tuple[int, float]]:
    """Per example: the best candidate and its raw reading probability ((-1, 0) if none)."""
    out = []
    for e in data:
        p = problem_probs(e.rows, w)
        if len(p) < 2:
            out.append((-1, 0.0))
            continue
        i = int(np.argmax(p[:-1]))
        raw = reading_probability(e.candidates, p, i) if e.candidates else float(p[i])
        out.append((i, raw))
    return out


def accuracy(
    data: Sequence[Example],
    w: np.ndarray,
    threshold: float,
    calibration: Calibration | None = None,
) -> float:
    """Share of gold mentions resolved rightly when the resolver abstains as it does at run
    time (``calibration.accepts``) at this threshold on the calibrated confidence."""
    calibration = calibration or Calibration()
    good = total = 0.0
    for e, (i, raw) in zip(data, readings(data, w), strict=True):
        total += e.weight
        if i < 0:
            continue
        confidence = calibration.apply(raw)
        beats_null = raw >= problem_probs(e.rows, w)[-1]
        if e.candidates:
            resolved = accepts(e.candidates, i, confidence, threshold, beats_null=beats_null)
        else:
            resolved = confidence >= threshold and beats_null
        good += e.weight * (resolved and e.correct[i])
    return good / total if total else 0.0


def fit_calibration(data: Sequence[Example], w: np.ndarray) -> Calibration:
    """Isotonic map from the raw reading probability to the share of right readings, on the
    examples whose gold names its id (GeoVirus has none: its countries and continents are
    "wrong" by distance to a gold point that is not the gazetteer's centroid)."""
    pairs = [
        (raw, e.correct[i], e.weight)
        for e, (i, raw) in zip(data, readings(data, w), strict=True)
        if i >= 0 and e.by_id
    ]
    return fit_isotonic(
        [r for r, _, _ in pairs], [c for _, c, _ in pairs], [x for _, _, x in pairs]
    )


def problem_probs(rows: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Softmax of ``rows @ w``."""
    return probabilities(Problem("", (), (), rows), w)


def fit_weights(
    corpora: Sequence[GoldCorpus],
    gazetteer: Gazetteer,
    *,
    lexicon: Demonyms,
    rounds: int = 2,
) -> Weights:
    """Fit on ``corpora`` (pass their fitting splits), from zero weights (priors aside)."""
    lookup = Lookup(gazetteer)
    # The locative, layer and focus features (issue 16) are priors, not fitted: the English fit
    # corpora hold few "à X"/"in X" division namesakes and no regions layer, so a fit would zero
    # them. They stay out of the fit (held at 0) and out of the file, where the resolver applies
    # features.DEFAULT_WEIGHTS.
    weights = Weights(dict.fromkeys(FEATURES, 0.0), 0.0, WEIGHTS_VERSION)
    fixed = np.array([name in DEFAULT_WEIGHTS for name in FEATURES])
    data: list[Example] = []
    for _ in range(rounds):
        data = [e for c in corpora for e in examples(c, lookup, weights, lexicon, gazetteer)]
        vector = fit_logit(data, start=weights.vector(), fixed=fixed)
        weights = Weights(dict(zip(FEATURES, map(float, vector), strict=True)), weights.threshold)
    # Calibrate and choose the threshold with the weights as the resolver loads them from the
    # file: fitted values rounded as written, the priors at their DEFAULT_WEIGHTS.
    fitted = {
        name: round(value, 5)
        for name, value in weights.values.items()
        if name not in DEFAULT_WEIGHTS
    }
    runtime = Weights(fitted, 0.0, weights.version)
    vector = runtime.vector()
    data = [e for c in corpora for e in examples(c, lookup, runtime, lexicon, gazetteer)]
    calibration = fit_calibration(data, vector)
    calibrated = replace(runtime, calibration=calibration)
    scores = end_to_end_accuracy(corpora, gazetteer, calibrated, lexicon, lookup=lookup)
    threshold = max(t for t in _THRESHOLDS if scores[t] == max(scores.values()))
    meta = {
        "fitted_on": {
            c.name: {"split": "fit (first 70% of documents)", "docs": len(c.docs)} for c in corpora
        },
        "heldout": "last 30% of each corpus's documents, never used for fitting",
        "examples": len(data),
        "fit_accuracy_161": round(accuracy(data, vector, threshold, calibration), 4),
        "fit_accuracy_161_with_fallback": round(scores[threshold], 4),
    }
    return Weights(fitted, threshold, weights.version, meta, calibration)


def end_to_end_accuracy(
    corpora: Sequence[GoldCorpus],
    gazetteer: Gazetteer,
    weights: Weights,
    lexicon: Demonyms,
    *,
    lookup: Lookup,
    thresholds: Sequence[float] = _THRESHOLDS,
) -> dict[float, float]:
    """acc@161 over all gold toponyms (gold spans) per abstention threshold, as the geo stage
    outputs places: resolved, or abstained and given the point of their tie or focus."""
    tallies = {t: GeoTally() for t in thresholds}
    for corpus in corpora:
        for doc in corpus.docs:
            gold = gold_points(doc.toponyms, gazetteer)
            mentions = gold_mentions(doc, lexicon)
            for t in thresholds:
                at_t = replace(weights, threshold=t)
                places = resolve(mentions, gazetteer, weights=at_t, lookup=lookup)
                places = borrow_points(places, doc.text)
                tallies[t].add(score_document(gold, [p.to_dict() for p in places]))
    return {t: tally.figures()["acc161_all"] or 0.0 for t, tally in tallies.items()}


def weights_text(weights: Weights) -> str:
    """The weights file's text, exactly as the bundled file is written."""
    return json.dumps(weights.to_json(), indent=1) + "\n"
