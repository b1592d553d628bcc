"""Geoparsing scores of extracted places on hand-made gold: recognition, both accuracies, the
judge."""

from __future__ import annotations

import pytest

from eventwire.evaluate.geoscore import (
    GoldPoint,
    judge,
    level_of,
    pool,
    score_document,
    score_documents,
)

PARIS = GoldPoint(0, 5, lat=48.8566, lon=2.3522, geonameid=2988507)
FRANCE = GoldPoint(10, 16, lat=46.0, lon=2.0, geonameid=3017382, level="country", country_code="FR")
TEXAS = GoldPoint(20, 25, lat=31.0, lon=-100.0, geonameid=4736286, level="adm1", country_code="US")


def _place(start, end, lat=None, lon=None, gid=None, cc=None, code=None, role="event"):
    return {
        "start": start,
        "end": end,
        "lat": lat,
        "lon": lon,
        "geonameid": gid,
        "country_code": cc,
        "feature_code": code,
        "role": role,
    }


@pytest.mark.parametrize(
    ("gold", "place", "right"),
    [
        (PARIS, _place(0, 5, 48.86, 2.35, 1, "FR", "PPLC"), True),  # other id, 1 km away
        (PARIS, _place(0, 5, 33.66, -95.55, 4717560, "US", "PPL"), False),  # Paris, Texas
        (PARIS, _place(0, 5), False),  # abstained
        (
            FRANCE,
            _place(10, 16, 48.86, 2.35, 2988507, "FR", "PPLC"),
            False,
        ),  # a town, not the country
        (
            FRANCE,
            _place(10, 16, 40.0, 10.0, 99, "FR", "PCLI"),
            True,
        ),  # the country, far from the point
        (TEXAS, _place(20, 25, 29.76, -95.37, 4699066, "US", "PPLA2"), False),  # Houston, 465 km
    ],
)
def test_judge(gold, place, right):
    assert judge(gold, place) is right


def test_judge_admin1_needs_the_same_country_within_400_km():
    assert judge(TEXAS, _place(20, 25, 31.0, -97.0, 1, "US", "PPL"))  # 286 km
    assert not judge(TEXAS, _place(20, 25, 31.0, -95.0, 1, "US", "PPL"))  # 477 km
    assert not judge(TEXAS, _place(20, 25, 29.0, -100.5, 1, "MX", "PPL"))  # Mexico, 227 km


@pytest.mark.parametrize(
    ("code", "level"), [("PCLI", "country"), ("ADM1", "adm1"), ("PPL", "point"), (None, "point")]
)
def test_level_of(code, level):
    assert level_of(code) == level


def test_score_document_counts_a_missed_toponym_wrong_only_end_to_end():
    places = [
        _place(0, 5, 48.86, 2.35, 2988507, "FR", "PPLC"),  # right
        _place(30, 36, 1.0, 1.0, 5, "XX", "PPL"),
    ]  # not a gold toponym: false positive
    tally = score_document([PARIS, FRANCE], places)
    figures = tally.figures()
    assert (tally.tp, tally.predicted, tally.gold) == (1, 2, 2)
    assert (figures["precision"], figures["recall"]) == (0.5, 0.5)
    assert figures["acc161_all"] == 0.5  # France missed: wrong
    assert figures["acc161_recognised"] == 1.0  # among recognised: all right


def test_distance_alone_counts_a_country_point_within_161_km():
    near_point = _place(10, 16, 46.5, 2.5, 3000000, "FR", "PPL")  # a town 66 km from France's point
    figures = score_document([FRANCE], [near_point]).figures()
    assert (figures["acc161_all"], figures["acc161_all_km"]) == (0.0, 1.0)


def test_score_document_ignores_places_on_demonyms_and_inside_names():
    demonym = GoldPoint(40, 47, lat=46.0, lon=2.0, scored=False)  # "French"
    places = [
        _place(40, 47, 46.0, 2.0, 1, "FR", "PCLI"),  # on the unscored gold span
        _place(50, 56, 1.0, 1.0, 2, "XX", "PPL", role="in_name"),  # inside a name
        _place(0, 5, 48.86, 2.35, 2988507, "FR", "PPLC"),
    ]
    tally = score_document([PARIS, demonym], places)
    assert (tally.gold, tally.predicted, tally.tp, tally.ignored) == (1, 1, 1, 2)


def test_score_document_recognises_without_coordinates_and_sums():
    unlinked = GoldPoint(60, 65)  # a gold toponym the corpus gives no place for
    tally = score_documents([([unlinked], [_place(60, 65)]), ([PARIS], [])])
    figures = tally.figures()
    assert (tally.tp, tally.gold, tally.located, tally.recognised_located) == (1, 2, 1, 0)
    assert figures["acc161_all"] == 0.0 and figures["acc161_recognised"] is None


def test_pool_sums_counts_and_recomputes_rates():
    a = score_document([PARIS], [_place(0, 5, 48.86, 2.35, 2988507, "FR", "PPLC")]).figures()
    b = score_document([PARIS, FRANCE], []).figures()
    pooled = pool([a, b])
    assert (pooled["gold"], pooled["recognised"], pooled["located"]) == (3, 1, 3)
    assert pooled["acc161_all"] == pytest.approx(1 / 3)
