"""One row per real-world event in the API (issue 17): lists, downloads, stats, evidence.

Three invented reports of one clash in Tripoli (9, 12 and 10 killed; two on 15 February,
one dated the 16th; English and French) and the Beirut article (two events that happened).
By default the Tripoli clash is one event of three reports, its toll the lower median 10,
not the sum 31; ``unit=report`` gives the five reports as before.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from eventwire.ingest import article_id
from eventwire.records import Actor, Article, Event, Result
from tests.serve.conftest import (
    TOKEN,
    LiveServer,
    Text,
    _place,
    beirut_result,
    serve_db,
    test_pipeline,
    tripoli_result,
)

FR_TEXT = (
    "Des affrontements entre factions armées ont fait 12 morts à Tripoli, dans le nord du "
    "Liban, le 15 février 2024, selon une source sécuritaire."
)
EN_TEXT = (
    "Ten people died when gunmen fought in Tripoli, northern Lebanon, on 16 February 2024, "
    "a hospital said."
)
OUTLETS = ["Another Wire", "Le Courrier du Nord", "Port City Post"]


def _report(text: str, trigger: str, killed: str, count: int, day: str, source: str) -> Result:
    t = Text(text)
    where = _place(t, "Tripoli", gid=266826, name="Tripoli", lat=34.4367, lon=35.8497, cc="LB")
    gunmen = Actor(t.span(trigger), "Unidentified Armed Group (Lebanon)", "armed_group", "LB")
    event = Event(
        "Battles",
        "Armed clash",
        t.span(trigger),
        t.sentence(t.span(trigger)),
        actor1=gunmen,
        location=where,
        geo_precision=1,
        date=day,
        date_precision="day",
        fatalities=count,
        fatalities_evidence=t.span(killed),
    )
    article = Article(article_id(text), text, None, None, day, source)
    return Result(article, (where,), (gunmen,), (event,), (), "test-fixture")


def units_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over the Beirut article and the three reports of the Tripoli clash."""
    from eventwire.store.repository import Store

    db: Path = tmp_path_factory.mktemp("units") / "events.db"
    with Store.open(db) as store:
        for result in (
            beirut_result(),
            tripoli_result(),
            _report(FR_TEXT, "affrontements", "12 morts", 12, "2024-02-15", OUTLETS[1]),
            _report(EN_TEXT, "gunmen", "Ten people", 10, "2024-02-16", OUTLETS[2]),
        ):
            store.save(result)
    yield from serve_db(db, token=TOKEN, pipeline_factory=test_pipeline)


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    for server in units_server(tmp_path_factory):
        with server.client() as client:
            yield client


def _tripoli(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["country_code"] == "LB" and r["event_type"] == "Battles"]


def test_events_are_real_world_events_by_default(http: httpx.Client) -> None:
    body = http.get("/api/events").json()
    assert body["unit"] == "event"
    assert body["count"] == 3  # the Beirut march, the tear gas, the Tripoli clash
    (clash,) = _tripoli(body["events"])
    assert clash["reports"] == 3
    assert (clash["fatalities_min"], clash["fatalities"], clash["fatalities_max"]) == (9, 10, 12)
    assert (clash["date_first"], clash["date_last"]) == ("2024-02-15", "2024-02-16")
    assert clash["sources"] == OUTLETS
    assert len(clash["event_ids"]) == 3 and clash["id"] in clash["event_ids"]


def test_unit_report_gives_each_report(http: httpx.Client) -> None:
    body = http.get("/api/events", params={"unit": "report"}).json()
    assert body["count"] == 5
    assert sorted(r["fatalities"] for r in _tripoli(body["events"])) == [9, 10, 12]
    assert "reports" not in body["events"][0]


def test_stats_count_each_event_once(http: httpx.Client) -> None:
    events = http.get("/api/stats").json()
    assert (events["events"], events["reports"], events["fatalities"]) == (3, 5, 10)
    assert events["by_type"] == {"Battles": 1, "Protests": 2}
    assert events["by_source"]["Le Courrier du Nord"] == 1
    reports = http.get("/api/stats", params={"unit": "report"}).json()
    assert (reports["events"], reports["fatalities"]) == (5, 31)
    weeks = http.get("/api/stats").json()["by_week"]
    assert weeks["2024-02-12"]["Battles"] == {"events": 1, "fatalities": 10}


def test_a_filter_on_any_report_finds_the_event(http: httpx.Client) -> None:
    rows = http.get("/api/events", params={"source": OUTLETS[2]}).json()["events"]
    assert [r["reports"] for r in rows] == [3]


@pytest.mark.parametrize("sort", ["-fatalities", "fatalities"])
def test_pages_by_fatalities_hold_each_event_once_in_order(http: httpx.Client, sort: str) -> None:
    # Lone reports and clusters are read apart and merged (store/units.py): one event per
    # page must still come out once each, the clash at its best estimate 10, not 12 or 31.
    seen, cursor = [], None
    for _ in range(10):
        params = {"sort": sort, "limit": "1", **({"cursor": cursor} if cursor else {})}
        body = http.get("/api/events", params=params).json()
        seen += [(r["fatalities"], r["reports"]) for r in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 3 and (10, 3) in seen
    killed = [-1 if k is None else k for k, _ in seen]
    assert killed == sorted(killed, reverse=sort.startswith("-"))


@pytest.mark.parametrize("words", ["hospital", "AFFRONTEMENTS", "factions arm"])
def test_free_text_in_one_report_finds_its_event_once(http: httpx.Client, words: str) -> None:
    # Each phrase is in one report only (the English or the French sentence): the text index
    # (store/search.py) finds that report, and the list shows its event, once.
    rows = http.get("/api/events", params={"q": words}).json()["events"]
    assert [(r["event_type"], r["reports"]) for r in rows] == [("Battles", 3)]


def test_csv_and_downloads_have_one_row_per_event(http: httpx.Client) -> None:
    rows = list(csv.DictReader(io.StringIO(http.get("/api/events?format=csv").text)))
    assert len(rows) == 3
    (clash,) = [r for r in rows if r["event_type"] == "Battles"]
    assert (clash["reports"], clash["fatalities"]) == ("3", "10")
    assert clash["sources"] == "; ".join(OUTLETS)
    export = list(csv.DictReader(io.StringIO(http.get("/api/export?format=csv").text)))
    assert len(export) == 3
    by_report = http.get("/api/export", params={"format": "csv", "unit": "report"}).text
    assert len(list(csv.DictReader(io.StringIO(by_report)))) == 5
    features = http.get("/api/events?format=geojson").json()["features"]
    assert len(features) == 3


def test_evidence_shows_the_other_reports_and_their_disagreements(http: httpx.Client) -> None:
    rows = http.get("/api/events", params={"unit": "report"}).json()["events"]
    french = next(r for r in _tripoli(rows) if r["fatalities"] == 12)
    cluster = http.get(f"/api/events/{french['id']}").json()["cluster"]
    assert cluster["reports_count"] == 3
    assert sorted(r["source"] for r in cluster["reports"]) == OUTLETS
    assert cluster["disagreements"]["fatalities"] == [9, 10, 12]
    assert cluster["disagreements"]["dates"] == ["2024-02-15", "2024-02-16"]
    assert "places" not in cluster["disagreements"]  # all three say Tripoli
    march = next(r for r in rows if r["sub_event_type"] == "Peaceful protest")
    alone = http.get(f"/api/events/{march['id']}").json()["cluster"]
    assert (alone["reports_count"], alone["disagreements"]) == (1, {})


def test_min_killed_applies_to_the_best_estimate(http: httpx.Client) -> None:
    # One report says 12, but the event's estimate is 10: not an event with 11 or more killed.
    assert http.get("/api/events", params={"min_fatalities": 11}).json()["count"] == 0
    assert http.get("/api/events", params={"min_fatalities": 10}).json()["count"] == 1
    reports = http.get("/api/events", params={"min_fatalities": 11, "unit": "report"}).json()
    assert [r["fatalities"] for r in reports["events"]] == [12]


def test_markers_hold_each_event_once_as_the_event_list_does(http: httpx.Client) -> None:
    body = http.get("/api/markers").json()
    rows = [dict(zip(body["columns"], values, strict=True)) for values in body["rows"]]
    listed = http.get("/api/events").json()["events"]
    assert (body["count"], body["truncated"]) == (3, False)
    assert {r["id"] for r in rows} == {r["id"] for r in listed}
    (clash,) = _tripoli(rows)
    assert (clash["fatalities"], clash["reports"], clash["latitude"]) == (10, 3, 34.4367)
    first = http.get("/api/markers", params={"limit": 1}).json()
    assert (first["count"], first["truncated"]) == (1, True)
    # Newest first: the Beirut march and tear gas (3 March) before the clash (15 February).
    assert first["rows"][0][body["columns"].index("event_date")] == "2024-03-03"


def test_markers_are_gzipped_when_the_browser_accepts_it() -> None:
    from eventwire.serve.markers import _body

    payload: dict[str, object] = {"rows": [["x" * 10, 1.5]] * 500}
    raw, plain = _body(payload, "")
    packed, headers = _body(payload, "gzip, deflate, br")
    assert "content-encoding" not in plain and headers["content-encoding"] == "gzip"
    assert len(packed) < len(raw) // 10
    assert json.loads(gzip.decompress(packed)) == payload


def test_stats_of_words_look_them_up_once_and_again_next_time(http: httpx.Client) -> None:
    # The matches go through a temporary table per request: a second request (on the same
    # pooled connection) finds none left behind, and counts the same.
    first = http.get("/api/stats", params={"q": "hospital"}).json()
    again = http.get("/api/stats", params={"q": "hospital"}).json()
    assert (first["events"], first["reports"], first["fatalities"]) == (1, 3, 10)
    assert again == first
    assert first["by_week"] == {"2024-02-12": {"Battles": {"events": 1, "fatalities": 10}}}
