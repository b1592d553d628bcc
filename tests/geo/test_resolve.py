"""Resolution pieces that need no gazetteer: weights file, focus place, features."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from eventwire.errors import InputError
from eventwire.geo.features import (
    DEFAULT_WEIGHTS,
    FEATURES,
    Context,
    candidate_rows,
    hint_agrees,
)
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.recognize import Mention
from eventwire.geo.resolve import (
    Weights,
    _explicit_countries,
    focus_place,
    group_mentions,
    load_weights,
    reading_probability,
)
from eventwire.records import Place, Span


def _cand(gid, code="PPL", cls="P", cc="SY", pop=1000, lat=35.0, lon=38.0, match="exact"):
    return Candidate(
        gid, f"p{gid}", lat, lon, cls, code, cc, "01", None, pop, match, 1.0, f"p{gid}"
    )


def _place(text, start, gid, code="PPL", role="event"):
    return Place(Span(text, start, start + len(text)), geonameid=gid, feature_code=code, role=role)


def test_bundled_weights_cover_every_feature_and_record_split():
    weights = load_weights()
    # Features added after the last fit run on DEFAULT_WEIGHTS until a refit names them.
    assert set(weights.values) | set(DEFAULT_WEIGHTS) == set(FEATURES)
    assert 0.0 <= weights.threshold < 1.0
    assert "heldout" in weights.meta and "fitted_on" in weights.meta


def test_load_weights_rejects_bad_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"weights": {"null": 1.0}}))
    with pytest.raises(InputError, match="w.json"):
        load_weights(path)


def test_weights_vector_follows_feature_order():
    vector = Weights({"null": 2.0, "score": 3.0}).vector()
    assert vector[FEATURES.index("null")] == 2.0
    assert vector[FEATURES.index("score")] == 3.0
    assert np.count_nonzero(vector) == 2 + sum(1 for v in DEFAULT_WEIGHTS.values() if v)


def test_focus_place_prefers_most_mentioned_then_most_precise():
    places = [
        _place("Syrie", 0, 163843, "PCLI"),
        _place("Alep", 10, 170063),
        _place("Syrie", 20, 163843, "PCLI"),
        _place("Alep", 30, 170063),
        _place("Damascus", 40, 170654, role="in_name"),
        _place("Damascus", 50, 170654, role="in_name"),
        _place("Damascus", 60, 170654, role="in_name"),
        Place(Span("Al-Tanf", 70, 77)),
    ]
    assert focus_place(places).geonameid == 170063
    assert focus_place([Place(Span("Al-Tanf", 0, 7))]) is None


@pytest.mark.parametrize(
    ("hint", "code", "cls", "expected"),
    [
        ("ADM", "ADM1", "A", True),
        ("ADM", "PPL", "P", False),
        ("ADM", "PCLI", "A", False),
        ("PPL", "PPL", "P", True),
        ("MILB", "MILB", "S", True),
        (None, "PPL", "P", None),
    ],
)
def test_hint_agrees(hint, code, cls, expected):
    assert hint_agrees(hint, _cand(1, code, cls)) is expected


def test_candidate_rows_context_columns():
    context = Context(
        countries=__import__("collections").Counter({"SY": 3}),
        admin1s=frozenset({("SY", "01")}),
        anchors={"alep": ((35.0, 38.1),), "self": ((0.0, 0.0),)},
    )
    near, far = _cand(1), _cand(2, cc="IR", lat=33.4, lon=46.3)
    rows = candidate_rows("Golan", "self", [near, far], context, None)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert rows.shape == (3, len(FEATURES))
    assert rows[0, col["country_evidence"]] == 1 and rows[1, col["country_evidence"]] == 0
    assert rows[0, col["admin1_agrees"]] == 1 and rows[1, col["admin1_agrees"]] == 0
    assert rows[0, col["near_others"]] == 1 and rows[1, col["near_others"]] == 0
    assert rows[2, col["null"]] == 1 and rows[:2, col["null"]].sum() == 0


def test_candidate_rows_key_beside_exact_and_qualifier_columns():
    from collections import Counter

    exact = _cand(1, cc="US", lat=34.7, lon=-86.6)
    key = _cand(2, cc="CA", match="key")
    context = Context(Counter(), frozenset(), {}, frozenset({("US", "")}))
    rows = candidate_rows("Huntsville", "huntsville", [exact, key], context, None)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert rows[0, col["key_beside_exact"]] == 0 and rows[1, col["key_beside_exact"]] == 1
    assert rows[0, col["qualifier_agrees"]] == 1 and rows[1, col["qualifier_disagrees"]] == 1
    assert rows[2, col["qualifier_agrees"]] == 0  # the abstention row


def test_reading_probability_adds_the_same_place_read_twice():
    city, governorate = _cand(1, lat=14.80, lon=42.95), _cand(2, "ADM1", "A", lat=14.77, lon=43.13)
    far = _cand(3, lat=33.5, lon=36.3)
    probs = np.array([0.25, 0.2, 0.15, 0.4])  # the last is the abstention row
    assert reading_probability([city, governorate, far], probs, 0) == pytest.approx(0.45)
    assert reading_probability([city, governorate, far], probs, 2) == pytest.approx(0.15)


def test_weights_vector_uses_defaults_for_unfitted_features():
    vector = Weights({"null": 2.0}).vector()
    assert vector[FEATURES.index("locative_populated")] == DEFAULT_WEIGHTS["locative_populated"]
    assert (
        Weights({"locative_populated": 0.25}).vector()[FEATURES.index("locative_populated")] == 0.25
    )


def _town_and_unit_scores(hint, locative):
    town = _cand(1, "PPLA", "P", pop=50_000)
    unit = _cand(2, "ADM1", "A", pop=150_000)
    context = Context(Counter(), frozenset(), {})
    rows = candidate_rows("Diffa", "diffa", [town, unit], context, hint, locative=locative)
    scores = rows @ load_weights().vector()
    return scores[0], scores[1]


def test_locative_preposition_prefers_the_town_over_its_same_name_division():
    town, unit = _town_and_unit_scores(None, locative=True)
    assert town > unit


def test_division_noun_prefers_the_division_over_its_same_name_town():
    town, unit = _town_and_unit_scores("ADM", locative=False)
    assert unit > town


def test_layer_place_column_marks_layer_candidates():
    cands = [_cand(1), _cand(2)]
    rows = candidate_rows(
        "X", "x", cands, Context(Counter(), frozenset(), {}), None, layer_ids=frozenset({2})
    )
    assert rows[:, FEATURES.index("layer_place")].tolist() == [0.0, 1.0, 0.0]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"TD": 3, "CD": 1}, "TD"),
        ({"TD": 1}, None),
        ({"TD": 2, "CD": 2, "NE": 1}, None),
        ({"FR": 2, "ML": 2}, None),  # a tie: half each, no focus
        ({}, None),
    ],
)
def test_focus_country_needs_half_the_evidence_twice(counts, expected):
    from eventwire.geo.features import focus_country

    assert focus_country(Counter(counts)) == expected


def test_town_outside_the_focus_country_loses_to_abstention_more_often():
    far = _cand(1, cc="CD", pop=300_000)
    context = Context(Counter({"TD": 3}), frozenset(), {}, focus_country="TD")
    rows = candidate_rows("Boma", "boma", [far], context, None)
    assert rows[0, FEATURES.index("outside_focus")] == 1.0
    plain = candidate_rows("Boma", "boma", [far], Context(Counter(), frozenset(), {}), None)
    vector = load_weights().vector()
    assert rows[0] @ vector < plain[0] @ vector


class _Countries:
    """A lookup stub: every name is its country."""

    def candidates(self, name):
        code = {"Israel": "IL", "Lebanon": "LB"}[name]
        return (_cand(1, code="PCLI", cls="A", cc=code),)


def test_countries_inside_actor_names_are_no_evidence_of_where_places_lie():
    text = "Israel's army shelled Tyre in Lebanon, the Israeli army said."
    mentions = [
        Mention(Span.of(text, 0, 6), role="in_name", in_actor=True),
        Mention(Span.of(text, 30, 37)),
        Mention(Span.of(text, 43, 50), kind="demonym", countries=("IL",), in_actor=True),
    ]
    evidence = _explicit_countries(
        group_mentions(mentions), [m for m in mentions if m.kind == "demonym"], _Countries()
    )
    assert {k: v for k, v in evidence.items() if v} == {"lebanon": Counter({"LB": 1})}


def test_country_is_near_the_places_that_lie_in_it():
    # An invented article on Pakistan: a town anchored 1,000 km from the country's point.
    country = _cand(1, "PCLI", "A", cc="PK", lat=30.0, lon=70.0)
    capital = _cand(2, "PPLC", "P", cc="PK", lat=38.9, lon=70.1)
    context = Context(
        Counter({"PK": 2}), frozenset(), {"town": ((39.0, 70.0),)}, anchor_countries={"town": "PK"}
    )
    rows = candidate_rows("Pakistan", "pakistan", [country, capital], context, None)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert rows[0, col["near_others"]] == 1 and rows[0, col["log_distance_others"]] == 0
    key_country = replace(country, match="key")  # "Pakistan City": not the country's own name
    rows = candidate_rows("Pakistan City", "pakistan city", [key_country], context, None)
    assert rows[0, col["near_others"]] == 0 and rows[0, col["log_distance_others"]] > 0


def test_locative_preposition_does_not_weigh_a_town_against_the_country_of_that_name():
    country = _cand(1, "PCLI", "A", cc="MX", pop=120_000_000)
    town = _cand(2, "PPLC", "P", cc="MX", pop=9_000_000)
    context = Context(Counter(), frozenset(), {})
    rows = candidate_rows("Mexico", "mexico", [country, town], context, None, locative=True)
    assert rows[:, FEATURES.index("locative_populated")].sum() == 0
    unit = _cand(3, "ADM1", "A", cc="MX")
    rows = candidate_rows("Oaxaca", "oaxaca", [town, unit], context, None, locative=True)
    assert rows[0, FEATURES.index("locative_populated")] == 1


def test_outside_focus_population_grows_with_the_namesake():
    village, capital = _cand(1, cc="PT", pop=999), _cand(2, cc="DZ", pop=9_999_999)
    context = Context(Counter({"ML": 3}), frozenset(), {}, focus_country="ML")
    rows = candidate_rows("X", "x", [village, capital], context, None)
    column = rows[:, FEATURES.index("outside_focus_population")]
    assert column.tolist() == pytest.approx([3 / 7, 1.0, 0.0])  # log10(1000)/7, log10(1e7)/7


@pytest.mark.parametrize(
    ("countries", "focus", "expected"),
    [
        (["CD", "IN"], "TD", 1.0),  # every namesake abroad: the town may be missing
        (["CD", "TD"], "TD", 0.0),  # one candidate in the focus country
        (["CD", "IN"], None, 0.0),  # no focus
    ],
)
def test_null_focus_elsewhere_marks_abstention_when_no_candidate_is_in_the_focus(
    countries, focus, expected
):
    cands = [_cand(i, cc=cc) for i, cc in enumerate(countries, start=1)]
    context = Context(Counter({focus: 3} if focus else {}), frozenset(), {}, focus_country=focus)
    rows = candidate_rows("X", "x", cands, context, None)
    assert rows[-1, FEATURES.index("null_focus_elsewhere")] == expected
    assert rows[:-1, FEATURES.index("null_focus_elsewhere")].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("focus", "expected"),
    [
        (None, [1.0, 0.0]),  # "à Zorba": the town beats its same-name division
        ("SY", [1.0, 0.0]),
        ("TD", [0.0, 0.0]),  # an article about Chad: neither namesake is raised or lowered
    ],
)
def test_locative_weighs_only_candidates_in_the_focus_country(focus, expected):
    town, unit = _cand(1, "PPL", "P", cc="SY"), _cand(2, "ADM2", "A", cc="SY")
    context = Context(Counter({focus: 3} if focus else {}), frozenset(), {}, focus_country=focus)
    rows = candidate_rows("Zorba", "zorba", [town, unit], context, None, locative=True)
    assert rows[:-1, FEATURES.index("locative_populated")].tolist() == expected
    assert rows[:-1, FEATURES.index("locative_unit")].tolist() == expected[::-1]


@pytest.mark.parametrize(
    ("matches", "expected"),
    [(["key", "key"], 1.0), (["key", "exact"], 0.0), (["fuzzy"], 0.0)],
)
def test_null_key_only_marks_names_no_candidate_bears(matches, expected):
    cands = [_cand(i, match=m) for i, m in enumerate(matches, start=1)]
    rows = candidate_rows("X", "x", cands, Context(Counter(), frozenset(), {}), None)
    assert rows[-1, FEATURES.index("null_key_only")] == expected


def test_locative_preposition_prefers_the_town_after_a_settlement_noun():
    # "a village near Diffa": the noun's PPL hint is the village's, and "near" names the town
    town, unit = _town_and_unit_scores("PPL", locative=True)
    assert town > unit
