"""Real dev set figures from hand-made gold and predictions (no pipeline)."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate.realdevscore import (
    gold_points,
    located_share,
    quiet_share,
    realdev_figures,
)

TEXT = "Des hommes armés ont attaqué Gao mardi. Au Mali, le calme est revenu."
GAO = {
    "text": "Gao",
    "start": 29,
    "end": 32,
    "kind": "town",
    "geonameid": 2457163,
    "lat": 16.27,
    "lon": -0.04,
}
MALI = {
    "text": "Mali",
    "start": 43,
    "end": 47,
    "kind": "country",
    "geonameid": 2453866,
    "lat": 17.0,
    "lon": -4.0,
}
EVENT = {
    "event_type": "Violence against civilians",
    "sub_event_type": "Attack",
    "actor1": None,
    "actor2": None,
    "location": {**GAO, "precision": 1},
    "date": None,
    "fatalities": None,
    "injured": None,
    "attribution": [],
    "modality": "asserted",
    "evidence": None,
}
GOLD = {
    "articles": {
        "a": {"toponyms": [GAO, MALI], "events": [EVENT], "non_events": []},
        "b": {"toponyms": [], "events": [], "non_events": []},
        "c": {"toponyms": [], "events": [], "non_events": []},
    }
}
ROWS = [{"id": i, "language": "fr", "text": TEXT} for i in "abc"]


def _place(top, lat, lon, gid, cc, code):
    return {
        "text": top["text"],
        "start": top["start"],
        "end": top["end"],
        "lat": lat,
        "lon": lon,
        "geonameid": gid,
        "country_code": cc,
        "feature_code": code,
        "role": "event",
    }


def _prediction(article_id, places, events):
    return {"article": {"id": article_id, "language": "fr"}, "places": places, "events": events}


PREDICTIONS = [
    _prediction(
        "a",
        [
            _place(GAO, 16.3, 0.0, 2457163, "ML", "PPLA"),
            _place(MALI, 16.27, -0.04, 2457163, "ML", "PPLA"),
        ],  # Mali read as a town
        [
            {**EVENT, "location": _place(GAO, 16.3, 0.0, 2457163, "ML", "PPLA")},
            {**EVENT, "location": None},
            {**EVENT, "modality": "planned", "location": None},
        ],
    ),
    _prediction("b", [], []),
    _prediction("c", [], [{**EVENT, "modality": "claimed"}]),
]


def test_gold_points_judge_countries_by_identity():
    points = gold_points(GOLD["articles"]["a"], {2453866: "ML", 2457163: "ML"})
    assert [(p.level, p.country_code) for p in points] == [("point", "ML"), ("country", "ML")]


def test_located_share_counts_events_that_happened_only():
    assert located_share(PREDICTIONS) == (2, 3)  # planned event left out; c's event is located


def test_quiet_share_over_articles_without_gold_events():
    events = {p["article"]["id"]: p["events"] for p in PREDICTIONS}
    assert quiet_share(GOLD, events) == (1, 2)  # b quiet, c has a claimed event


def test_realdev_figures_geo_and_events():
    figures = realdev_figures(GOLD, ROWS, PREDICTIONS, country_of={2453866: "ML", 2457163: "ML"})
    geo = figures["geo"]["all"]
    assert (geo["gold"], geo["recognised"], geo["located"]) == (2, 2, 2)
    assert geo["acc161_all"] == pytest.approx(0.5)  # Gao right; Mali as a town is wrong
    assert figures["events"]["all"]["gold"] == 1 and figures["events"]["all"]["predicted"] == 3
    assert figures["geo_gold_spans"] is None
    assert (figures["quiet"]["share"], figures["located"]["share"]) == (0.5, pytest.approx(2 / 3))


@pytest.mark.slow
def test_eval_realdev_cli_on_an_invented_article(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventwire.cli.main import build_app
    from tests.evaluate.test_realdev import EVENT as ANNOTATION
    from tests.evaluate.test_realdev import _gold, _shared

    gold = _gold(tmp_path, ANNOTATION)
    monkeypatch.setenv("EVENTWIRE_SHARED", str(_shared(tmp_path)))
    out = tmp_path / "realdev.json"
    result = CliRunner().invoke(
        build_app(), ["eval", "realdev", "--gold", str(gold), "--output-json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "acc@161 all gold (e2e)" in result.output
    assert "no-event articles with no event that happened: 0/0" in result.output
    figures = json.loads(out.read_text())
    assert figures["articles"] == 1 and figures["geo"]["all"]["gold"] == 3  # Tinkar, Gao, Gao
