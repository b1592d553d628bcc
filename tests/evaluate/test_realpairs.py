"""Article-pair scoring of cross-article dedup (issue 17), on hand-made reports."""

from __future__ import annotations

from eventwire.evaluate.realpairs import gold_pairs, score_pairs, score_realnews
from eventwire.records import Article, Event, Place, Result, Span


def _report(article_id: str, place: str, lat: float, country: str, day: str) -> Result:
    text = f"Des hommes armés ont attaqué {place}."
    start = text.index(place)
    gid = {"Gao": 2457163, "Kidal": 2455290}[place]
    location = Place(
        Span(place, start, start + len(place)), gid, place, lat, 1.0, country, None, "PPL", 0.9
    )
    event = Event(
        "Violence against civilians",
        "Attack",
        trigger=Span("attaqué", 21, 28),
        sentence=Span(text, 0, len(text)),
        location=location,
        date=day,
    )
    return Result(Article(article_id, text, language="fr", source=article_id), events=(event,))


def test_two_reports_of_one_attack_link_and_a_far_one_does_not():
    results = [
        _report("a", "Gao", 16.27, "ML", "2024-05-06"),
        _report("b", "Gao", 16.27, "ML", "2024-05-06"),
        _report("c", "Kidal", 18.44, "ML", "2024-05-06"),
    ]
    rows = [
        {"id": "a", "same_event_as": ["b"]},
        {"id": "b", "same_event_as": ["a"]},
        {"id": "c", "same_event_as": []},
    ]
    scores = score_pairs(results, rows)
    assert (scores.gold, scores.predicted, scores.true, scores.bad_merges) == (1, 1, 1, 0)
    assert scores.f1 == 1.0


def test_gold_pairs_are_symmetric_and_counted_once():
    rows = [{"id": "a", "same_event_as": ["b"]}, {"id": "b", "same_event_as": ["a"]}]
    assert gold_pairs(rows) == {frozenset({"a", "b"})}


def test_realnews_scores_count_a_merge_with_an_unpaired_article_only_among_all():
    # c reports another attack in Gao the same day (a distractor): among the paired
    # articles alone it cannot show; among all it joins a and b's cluster.
    results = [
        _report("a", "Gao", 16.27, "ML", "2024-05-06"),
        _report("b", "Gao", 16.27, "ML", "2024-05-06"),
        _report("c", "Gao", 16.27, "ML", "2024-05-06"),
    ]
    rows = [
        {"id": "a", "same_event_as": ["b"]},
        {"id": "b", "same_event_as": ["a"]},
        {"id": "c", "same_event_as": []},
    ]
    paired, among_all = score_realnews(results, rows)
    assert (paired.predicted, paired.true, paired.precision) == (1, 1, 1.0)
    assert (among_all.predicted, among_all.true, among_all.precision) == (3, 1, 1 / 3)
