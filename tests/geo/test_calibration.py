"""Calibrated confidence and the resolve-or-abstain rule (issue 16, item 4): invented places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.geo.calibration import Calibration, accepts, unopposed
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.recognize import Mention
from eventwire.geo.resolve import Weights, load_weights, resolve
from eventwire.records import Span


def _cand(gid, lat, lon, *, pop=700_000, match="exact", code="PPLA", cc="ZZ"):
    return Candidate(
        gid, "Portavela", lat, lon, "P", code, cc, "01", None, pop, match, 1.0, "Portavela"
    )


class _Gazetteer:
    """Stands in for the SQLite gazetteer: fixed candidates per name, no countries."""

    def __init__(self, places):
        self._places = places

    def candidates(self, name, *, countries=None, limit=50, fuzzy=True):
        return list(self._places.get(name, ()))[:limit]

    def country(self, code):
        return None


def test_calibration_interpolates_between_knots_and_is_flat_outside():
    cal = Calibration(((0.2, 0.1), (0.6, 0.5), (1.0, 0.9)))
    assert cal.apply(0.4) == pytest.approx(0.3)  # halfway between 0.1 and 0.5
    assert cal.apply(0.8) == pytest.approx(0.7)
    assert cal.apply(0.05) == 0.1 and cal.apply(1.0) == 0.9
    assert Calibration().apply(0.37) == 0.37  # no knots: the identity


def test_calibration_reads_back_and_refuses_a_decreasing_map():
    cal = Calibration(((0.1, 0.0), (0.9, 0.8)))
    assert Calibration.from_json(cal.to_json()) == cal
    assert Calibration.from_json(None) == Calibration()
    with pytest.raises(ValueError, match="increase"):
        Calibration.from_json({"knots": [[0.1, 0.5], [0.9, 0.4]]})


def test_a_lone_exact_candidate_is_unopposed_a_far_namesake_opposes_it():
    city = _cand(1, 10.0, 20.0)
    district = replace(_cand(2, 10.3, 20.2), feature_code="ADM2")  # about 40 km away
    namesake = _cand(3, -30.0, 120.0, pop=900)
    assert unopposed([city], 0)
    assert unopposed([city, district], 0)
    assert not unopposed([city, namesake], 0)
    assert not unopposed([replace(city, match="key")], 0)  # a spelling key is no sure match
    assert not unopposed([replace(city, population=2_000)], 0)  # a village is not strong
    assert unopposed([replace(city, population=0, feature_code="ADM1")], 0)
    assert accepts([city], 0, confidence=0.01, threshold=0.5)
    assert not accepts([city, namesake], 0, confidence=0.01, threshold=0.5)
    assert accepts([city, namesake], 0, confidence=0.5, threshold=0.5)
    # Confident enough, but the abstention row outweighs the reading: only the unopposed pass.
    assert not accepts([city, namesake], 0, confidence=0.9, threshold=0.5, beats_null=False)
    assert accepts([city], 0, confidence=0.9, threshold=0.5, beats_null=False)


def _resolve_alone(places, threshold):
    text = "Dockers went on strike in Portavela on Monday."
    start = text.index("Portavela")
    mention = Mention(Span.of(text, start, start + len("Portavela")), source="pattern")
    bundled = load_weights()
    weights = Weights(bundled.values, threshold, bundled.version, {}, bundled.calibration)
    return resolve([mention], _Gazetteer({"Portavela": places}), weights=weights)[0]


def test_a_port_city_named_alone_is_never_rejected_even_below_the_threshold():
    city = _cand(1, 10.0, 20.0)
    place = _resolve_alone([city], threshold=0.99)
    assert place.geonameid == 1
    assert 0.0 < place.confidence <= 1.0
    # With a namesake on another continent it is no longer unopposed: 0.99 makes it abstain.
    far = _cand(3, -30.0, 120.0, pop=700_000)
    assert _resolve_alone([city, far], threshold=0.99).geonameid is None


def test_bundled_calibration_is_monotone_and_within_unit_interval():
    knots = load_weights().calibration.knots
    assert knots, "eventwire fit geo stores an isotonic map in the weights file"
    xs, ys = zip(*knots, strict=True)
    assert list(xs) == sorted(xs) and list(ys) == sorted(ys)
    assert 0.0 <= ys[0] and ys[-1] <= 1.0
