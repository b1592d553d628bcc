"""The events evaluator's arithmetic on hand-made gold and predictions."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.evaluate.events import (
    evaluate_events,
    event_view,
    field_results,
    location_score,
    match_events,
    normalize_name,
    prf,
    score_article,
    similarity,
)

GOMA = {"text": "Goma", "start": 10, "end": 14, "geonameid": 216281, "lat": -1.674, "lon": 29.228}
SAKE = {"text": "Saké", "start": 40, "end": 44, "geonameid": 205970, "lat": -1.574, "lon": 29.043}
BENI = {"text": "Beni", "start": 70, "end": 74, "geonameid": 219057, "lat": 0.491, "lon": 29.473}
M23 = {"name": "M23", "aliases": ["Mouvement du 23 mars"]}
FARDC = {"name": "Military Forces of the Democratic Republic of Congo", "aliases": ["FARDC"]}


def gold_event(**changes):
    event = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": M23,
        "actor2": FARDC,
        "location": GOMA,
        "date": "2024-02-05",
        "fatalities": 4,
        "injured": None,
        "attribution": ["Army spokesman", "Radio Kivu"],
        "modality": "asserted",
    }
    return event | changes


def pred_event(trigger=(0, 5), **changes):
    event = gold_event(**changes)
    event["trigger"] = {"text": "x", "start": trigger[0], "end": trigger[1]}
    for key in ("actor1", "actor2"):
        if isinstance(event[key], dict):
            event[key] = {"name": event[key]["name"], "text": "", "start": 0, "end": 0}
    event["attribution"] = [{"name": n} for n in event["attribution"]]
    return event


def prediction(article_id, events, language="fr"):
    return {"article": {"id": article_id, "language": language}, "events": events}


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hachd al-Chaabi", "HACHD AL CHAABI"), ("Daéch", "daech"), ("Ansar Allah", "ansar  allah")],
)
def test_normalize_name_ignores_case_diacritics_and_punctuation(a, b):
    assert normalize_name(a) == normalize_name(b)


def test_prf_hand_computed():
    assert prf(2, 1, 3) == pytest.approx((2 / 3, 2 / 5, 2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5)))
    assert prf(0, 0, 4) == (None, 0.0, None)


def test_location_score_overlap_distance_and_far():
    goma_elsewhere = GOMA | {"start": 99, "end": 103, "geonameid": None, "text": "ville"}
    assert (
        location_score(
            event_view({"location": GOMA}).location,
            event_view({"location": goma_elsewhere}).location,
        )
        == 0.75
    )
    # Saké is ~23 km from Goma; Beni ~250 km.
    assert (
        location_score(
            event_view({"location": GOMA}).location, event_view({"location": SAKE}).location
        )
        == 0.75
    )
    assert (
        location_score(
            event_view({"location": GOMA}).location, event_view({"location": BENI}).location
        )
        == 0.0
    )


def test_similarity_is_zero_across_families_and_weighted_within():
    gold = event_view(gold_event())
    protest = event_view(pred_event(event_type="Protests", sub_event_type="Peaceful protest"))
    assert similarity(gold, protest) == 0.0
    # Same family, other event type, far location, same date, actor matches by alias-free name:
    shelling = event_view(
        pred_event(
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            location=BENI,
        )
    )
    assert similarity(gold, shelling) == pytest.approx(0.25 + 0.20)


def test_match_events_is_one_to_one_and_respects_threshold():
    gold = [event_view(gold_event()), event_view(gold_event(location=BENI, date="2024-02-07"))]
    # One prediction fits both gold events; it must go to the better one (Goma, same date).
    pred = [event_view(pred_event(actor1=None, actor2=None))]
    assert match_events(gold, pred) == [(0, 0)]
    # Right type only (wrong place, date, actors): 0.15 < 0.4, no match.
    lone = event_view(pred_event(location=BENI, date="2023-01-01", actor1=None, actor2=None))
    assert match_events(gold[:1], [lone]) == []


def test_field_results_aliases_and_attribution_chain():
    gold = event_view(gold_event())
    pred = pred_event(fatalities=5, attribution=["Radio Kivu"])
    pred["actor1"] = {"name": "mouvement du 23 MARS"}
    results = field_results(gold, event_view(pred))
    assert results["actor1"] is True
    assert results["fatalities"] is False
    assert results["injured"] is True  # both null
    assert results["attribution_nearest"] is False
    assert results["attribution_chain"] is False
    assert results["location_161km"] is True


def test_field_results_attribution_allows_partial_names():
    gold = event_view(gold_event(attribution=["Ghassem Mosleh", "Sumaria News"]))
    pred = event_view(pred_event(attribution=["Mosleh", "Sumaria News"]))
    results = field_results(gold, pred)
    assert results["attribution_nearest"] and results["attribution_chain"]


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        ("security source", "security sources", True),
        ("sources locales", "source locale", True),
        ("witnesses", "the witness", True),
        ("sources médicales", "sources sécuritaires", False),
        ("police", "policemen", False),
    ],
)
def test_field_results_attribution_ignores_grammatical_number(
    gold: str, pred: str, same: bool
) -> None:
    results = field_results(
        event_view(gold_event(attribution=[gold])), event_view(pred_event(attribution=[pred]))
    )
    assert results["attribution_nearest"] is same


def test_score_article_counts_happened_all_fields_and_non_events():
    gold = {
        "events": [
            gold_event(),
            gold_event(
                location=BENI, sub_event_type="Attack", event_type="Violence against civilians"
            ),
            gold_event(location=SAKE, modality="planned", date="2024-02-10"),
        ],
        "non_events": [
            {"text": "...", "start": 100, "end": 160, "why": "plan"},
            {"text": "...", "start": 200, "end": 220, "why": "toll"},
        ],
    }
    predicted = [
        pred_event(fatalities=6),  # matches gold 0; fatalities wrong
        pred_event(trigger=(120, 126), location=SAKE, date="2024-02-10"),  # gold 2, but as asserted
        pred_event(trigger=(300, 305), event_type="Protests", sub_event_type="Peaceful protest"),
    ]
    tally = score_article(gold, predicted)
    # Happened: gold {0, 1}; predicted {0, 1, 2} all asserted. Pred 1 (Saké, Feb 10) vs gold 1
    # (Beni, Feb 5): 0 location + 0 date + 0.2 actors + 0 type (other event type) = 0.2 < 0.4
    # -> unmatched.
    assert (tally.tp, tally.fp, tally.fn) == (1, 2, 1)
    # All: pred 1 matches gold 2 (planned) too.
    assert (tally.tp_all, tally.fp_all, tally.fn_all) == (2, 1, 1)
    assert tally.correct["fatalities"] == 1  # only the Saké pair (4 == 4)
    assert tally.correct["modality"] == 1  # asserted/asserted yes, planned/asserted no
    assert (tally.non_events, tally.non_events_extracted) == (2, 1)


def test_evaluate_events_splits_by_language_and_counts_missing_predictions():
    gold = {
        "articles": {
            "a": {"events": [gold_event()]},
            "b": {"events": [gold_event()]},
            "c": {"events": [gold_event(), gold_event(location=BENI)]},
        }
    }
    preds = [prediction("a", [pred_event()], "fr"), prediction("b", [], "en")]
    tallies = evaluate_events(gold, preds, languages={"a": "fr", "b": "en", "c": "en"})
    assert (tallies["fr"].tp, tallies["fr"].fn) == (1, 0)
    assert (tallies["en"].tp, tallies["en"].fn) == (0, 3)
    figures = tallies["all"].figures()
    assert figures["recall"] == pytest.approx(1 / 4)
    assert figures["precision"] == 1.0
    assert figures["f1"] == pytest.approx(2 * 1.0 * 0.25 / 1.25)
    assert figures["acc_date"] == 1.0
    assert figures["non_events_extracted_share"] is None


def test_field_results_battles_accept_swapped_actors_other_types_do_not():
    swapped = {"actor1": FARDC, "actor2": M23}
    battle = field_results(event_view(gold_event()), event_view(pred_event(**swapped)))
    assert battle["actor1"] and battle["actor2"]
    attack = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    other = field_results(
        event_view(gold_event(**attack)), event_view(pred_event(**attack, **swapped))
    )
    assert not other["actor1"] and not other["actor2"]


def test_denied_events_are_not_counted_as_happened():
    gold = {"events": [gold_event(modality="denied")], "non_events": []}
    tally = score_article(gold, [pred_event(modality="denied")])
    assert (tally.tp, tally.fp, tally.fn) == (0, 0, 0)
    assert (tally.tp_all, tally.fp_all, tally.fn_all) == (1, 0, 0)


@pytest.mark.slow
def test_eval_events_cli_scores_a_two_article_subset(tmp_path):
    gold = {
        "articles": {
            "a1": {
                "toponyms": [],
                "non_events": [],
                "events": [
                    {
                        "event_type": "Battles",
                        "sub_event_type": "Armed clash",
                        "actor1": {"name": "M23", "aliases": []},
                        "actor2": None,
                        "location": {
                            "text": "Goma",
                            "start": 59,
                            "end": 63,
                            "geonameid": 216281,
                            "lat": -1.674,
                            "lon": 29.228,
                        },
                        "date": "2024-02-07",
                        "fatalities": 4,
                        "injured": None,
                        "attribution": [],
                        "modality": "asserted",
                    }
                ],
            },
            "a2": {"toponyms": [], "events": [], "non_events": []},
        }
    }
    articles = [
        {
            "id": "a1",
            "language": "en",
            "published": "2024-02-08",
            "text": "M23 rebels clashed with the Congolese army on Wednesday in Goma, "
            "killing four soldiers.",
        },
        {
            "id": "a2",
            "language": "fr",
            "published": "2024-02-08",
            "text": "Le conseil municipal a voté le budget de la ville pour l'année prochaine.",
        },
    ]
    assert articles[0]["text"][59:63] == "Goma"
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    out = tmp_path / "figures.json"
    result = CliRunner().invoke(
        build_app(),
        [
            "eval",
            "events",
            "--gold",
            str(tmp_path / "gold.json"),
            "--articles",
            str(tmp_path / "a.jsonl"),
            "--output-json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Events dev set" in result.output
    figures = json.loads(out.read_text())
    assert set(figures) == {"en", "fr", "all"}
    assert figures["all"]["articles"] == 2 and figures["all"]["gold"] == 1
    assert figures["fr"]["gold"] == 0


def test_gold_period_accepts_any_day_inside_and_scores_nearby_days_half():
    gold = event_view(gold_event(date=["2024-02-05", "2024-02-06"]))
    assert field_results(gold, event_view(gold_event(date="2024-02-06")))["date"]
    assert not field_results(gold, event_view(gold_event(date="2024-02-07")))["date"]
    inside = similarity(gold, event_view(gold_event(date="2024-02-05")))
    near = similarity(gold, event_view(gold_event(date="2024-02-08")))
    assert inside - near == pytest.approx(0.125)


def test_vague_count_accepts_unknown_or_a_value_in_its_range():
    gold = event_view(gold_event(fatalities=[8, 12]))
    assert field_results(gold, event_view(gold_event(fatalities=None)))["fatalities"]
    assert field_results(gold, event_view(gold_event(fatalities=10)))["fatalities"]
    assert not field_results(gold, event_view(gold_event(fatalities=13)))["fatalities"]
    exact = event_view(gold_event(fatalities=4))
    assert not field_results(exact, event_view(gold_event(fatalities=None)))["fatalities"]


def test_actor_names_ignore_acled_period_and_accept_the_articles_words():
    gold = event_view(
        gold_event(
            actor1={"name": "Military Forces of Mali", "aliases": ["soldats maliens"]},
            event_type="Violence against civilians",
            sub_event_type="Attack",
        )
    )
    by_name = {"name": "Military Forces of Mali (2021-)", "text": "l'armée"}
    by_words = {"name": "Malian army", "text": "soldats maliens"}
    wrong = {"name": "Military Forces of Niger", "text": "armée"}
    for pred, ok in ((by_name, True), (by_words, True), (wrong, False)):
        view = event_view(
            gold_event(
                actor1=pred, event_type="Violence against civilians", sub_event_type="Attack"
            )
        )
        assert field_results(gold, view)["actor1"] is ok
