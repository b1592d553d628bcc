"""Isotonic calibration and the reliability table, on hand-made confidences (issue 16)."""

from __future__ import annotations

import pytest

from eventwire.evaluate.geocalib import (
    Reliability,
    fit_isotonic,
    place_reliability,
    pool_reliability,
)
from eventwire.evaluate.geoscore import GoldPoint


def test_isotonic_pools_a_violation_into_one_knot():
    # Right shares by raw value: 0.1 -> 0, 0.3 -> 1, 0.5 -> 0, 0.9 -> 1. The middle pair
    # (1 then 0) violates monotony and is pooled: mean raw 0.4, share 0.5.
    cal = fit_isotonic([0.1, 0.3, 0.5, 0.9], [False, True, False, True])
    assert cal.knots == ((0.1, 0.0), (0.4, 0.5), (0.9, 1.0))
    assert cal.apply(0.65) == pytest.approx(0.75)


def test_isotonic_weights_and_equal_raw_values():
    # Two readings at 0.8: one right with weight 3, one wrong with weight 1 -> 0.75.
    cal = fit_isotonic([0.8, 0.8, 0.2], [True, False, False], [3.0, 1.0, 1.0])
    assert cal.knots == ((0.2, 0.0), (0.8, 0.75))
    assert fit_isotonic([], []).knots == ()


def test_reliability_bins_and_expected_calibration_error():
    pairs = [(0.92, True), (0.98, True), (0.95, False), (0.95, True), (0.05, False)]
    fig = Reliability.of(pairs).figures()
    top, low = fig["bins"][9], fig["bins"][0]
    assert (top["count"], low["count"], fig["count"]) == (4, 1, 5)
    assert top["confidence"] == pytest.approx(0.95) and top["accuracy"] == 0.75
    # ECE: 4/5 * |0.95 - 0.75| + 1/5 * |0.05 - 0| = 0.16 + 0.01
    assert fig["ece"] == pytest.approx(0.17)
    assert Reliability.of([(1.0, True)]).figures()["bins"][9]["count"] == 1  # 1.0: last bin
    assert Reliability().figures()["ece"] is None


def test_place_reliability_counts_the_first_place_per_gold_span_and_skips_abstentions():
    gold = [
        GoldPoint(0, 5, lat=10.0, lon=10.0, geonameid=1),
        GoldPoint(10, 15, lat=20.0, lon=20.0, geonameid=2),
        GoldPoint(20, 25, lat=30.0, lon=30.0, geonameid=3, scored=False),
    ]
    places = [
        {"start": 0, "end": 5, "geonameid": 1, "lat": 10.0, "lon": 10.0, "confidence": 0.9},
        {"start": 0, "end": 5, "geonameid": 9, "lat": 50.0, "lon": 50.0, "confidence": 0.9},
        {"start": 10, "end": 15, "geonameid": None, "confidence": 0.2},  # abstained
        {"start": 20, "end": 25, "geonameid": 3, "lat": 30.0, "lon": 30.0, "confidence": 0.4},
    ]
    fig = place_reliability([(gold, places)]).figures()
    assert fig["count"] == 1 and fig["accuracy"] == 1.0


def test_pooled_reliability_adds_the_named_corpora_only():
    one = Reliability.of([(0.95, True), (0.15, False)]).figures()
    two = Reliability.of([(0.95, False)]).figures()
    rows = [
        {"corpus": "a", "reliability": {"resolve": one}},
        {"corpus": "b", "reliability": {"resolve": two}},
        {"corpus": "c", "reliability": {"resolve": two}},
    ]
    fig = pool_reliability(rows, ("a", "b"), "resolve")
    assert fig["count"] == 3 and fig["bins"][9]["accuracy"] == 0.5
