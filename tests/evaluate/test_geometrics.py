"""The evaluator's arithmetic on hand-made cases."""

from __future__ import annotations

import math

import pytest

from eventwire.evaluate.geometrics import (
    MAX_ERROR_KM,
    Resolved,
    haversine_km,
    log_error_auc,
    recognition_score,
    resolution_score,
)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 111.195),  # one degree of longitude on the equator
        ((0.0, 0.0), (1.0, 0.0), 111.195),
        ((90.0, 0.0), (-90.0, 0.0), 20015.1),  # pole to pole
        ((10.0, 20.0), (10.0, 20.0), 0.0),
    ],
)
def test_haversine_known_distances(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.1)


def test_recognition_counts_exact_spans_only():
    score = recognition_score([(0, 5), (10, 15), (20, 26)], [(0, 5), (10, 14), (30, 35)])
    assert (score.tp, score.fp, score.fn) == (1, 2, 2)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == pytest.approx(1 / 3)
    assert score.f1 == pytest.approx(1 / 3)


def test_recognition_empty_is_zero_not_error():
    score = recognition_score([], [])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_recognition_scores_add():
    total = recognition_score([(0, 1)], [(0, 1)]) + recognition_score([(0, 1)], [])
    assert (total.tp, total.fp, total.fn) == (1, 0, 1)
    assert total.f1 == pytest.approx(2 / 3)


def test_resolution_accuracy_mean_median_and_ids():
    items = [
        Resolved(0.0, 0.0, 1, 0.0, 0.0, 1),  # exact: 0 km
        Resolved(0.0, 0.0, 2, 0.0, 1.0, 3),  # 111 km, wrong id, still within 161 km
        Resolved(0.0, 0.0, None, 0.0, 2.0, None),  # 222 km
        Resolved(0.0, 0.0, 4, None, None, None),  # abstained
    ]
    score = resolution_score(items)
    assert score.accuracy_161 == 0.5
    assert score.abstained == 1
    assert (score.id_total, score.id_correct) == (3, 1)
    assert score.exact_id_accuracy == pytest.approx(1 / 3)
    assert score.median_km == pytest.approx((111.195 + 222.39) / 2, abs=0.1)
    assert score.mean_km == pytest.approx((0 + 111.195 + 222.39 + MAX_ERROR_KM) / 4, abs=0.1)


def test_resolution_boundary_161_is_exclusive():
    # 161 km north of (0, 0) along a meridian
    lat = math.degrees(161.0 / 6371.0088)
    score = resolution_score([Resolved(0.0, 0.0, None, lat, 0.0, None)])
    assert score.accuracy_161 == 0.0


def test_auc_hand_computed():
    # sorted logs: log(1)=0, log(11), log(101); trapezoids: (0+l11)/2 + (l11+l101)/2
    l11, l101 = math.log(11), math.log(101)
    expected = ((0 + l11) / 2 + (l11 + l101) / 2) / (math.log(MAX_ERROR_KM) * 2)
    assert log_error_auc([100.0, 0.0, 10.0]) == pytest.approx(expected)


@pytest.mark.parametrize(("errors", "auc"), [([0.0, 0.0, 0.0], 0.0), ([], 0.0)])
def test_auc_perfect_is_zero(errors, auc):
    assert log_error_auc(errors) == auc


def test_auc_all_worst_is_one():
    assert log_error_auc([MAX_ERROR_KM - 1] * 3) == pytest.approx(1.0)
