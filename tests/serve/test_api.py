"""The HTTP API over a live server: filters, pagination, formats, errors, limits, the token."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import httpx
import pytest


def ids(http: httpx.Client, **params: Any) -> list[str]:
    response = http.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


def triggers(http: httpx.Client, **params: Any) -> set[str]:
    response = http.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return {e["trigger_text"] for e in response.json()["events"]}


def test_events_default_leaves_out_planned_and_hypothetical(http: httpx.Client) -> None:
    assert triggers(http) == {
        "repoussée",
        "tiré des missiles",
        "se sont abattus",
        "marched",
        "fired tear gas",
        "Clashes",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"include_unrealized": "true"},
            {
                "repoussée",
                "tiré des missiles",
                "se sont abattus",
                "emploiera",
                "marched",
                "fired tear gas",
                "general strike",
                "Clashes",
            },
        ),
        ({"modality": "planned"}, {"general strike"}),
        ({"modality": ["planned", "hypothetical"]}, {"general strike", "emploiera"}),
        ({"event_type": "Battles"}, {"repoussée", "Clashes"}),
        ({"sub_event_type": "Excessive force against protesters"}, {"fired tear gas"}),
        ({"country": "lb"}, {"marched", "fired tear gas", "Clashes"}),
        ({"country": ["SY", "LB"], "event_type": "Battles"}, {"repoussée", "Clashes"}),
        ({"source": "Another Wire"}, {"Clashes"}),
        ({"actor": "hachd"}, {"repoussée", "tiré des missiles", "se sont abattus"}),
        ({"actor": "daech"}, {"repoussée"}),
        ({"min_fatalities": 10}, {"se sont abattus"}),
        ({"min_fatalities": 0}, {"se sont abattus", "Clashes"}),
        ({"from": "2024-01-01"}, {"marched", "fired tear gas", "Clashes"}),
        ({"from": "2018-11-11", "to": "2018-11-11"}, {"repoussée", "tiré des missiles"}),
        ({"bbox": "35.7,34,36,35"}, {"Clashes"}),
        ({"bbox": "38.3,33,42,36"}, {"tiré des missiles", "se sont abattus"}),
        ({"q": "tear gas"}, {"fired tear gas"}),
        ({"q": "Baghuz"}, {"se sont abattus"}),
        ({"q": "Martyrs' Square"}, {"fired tear gas"}),
        ({"q": "100%"}, set()),
        ({"q": "_"}, set()),
    ],
)
def test_events_filter(http: httpx.Client, params: dict[str, Any], expected: set[str]) -> None:
    assert triggers(http, **params) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "date",
            [
                "repoussée",
                "tiré des missiles",
                "se sont abattus",
                "Clashes",
                "marched",
                "fired tear gas",
            ],
        ),
        (
            "-date",
            [
                "fired tear gas",
                "marched",
                "Clashes",
                "se sont abattus",
                "tiré des missiles",
                "repoussée",
            ],
        ),
    ],
)
def test_events_sort_by_date_then_id(http: httpx.Client, sort: str, expected: list[str]) -> None:
    events = http.get("/api/events", params={"sort": sort}).json()["events"]
    assert [e["trigger_text"] for e in events] == expected


def test_events_sort_by_fatalities_puts_unknown_last(http: httpx.Client) -> None:
    events = http.get("/api/events", params={"sort": "-fatalities"}).json()["events"]
    assert [e["fatalities"] for e in events] == [13, 9, None, None, None, None]


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities"])
@pytest.mark.parametrize("limit", [1, 2, 4])
def test_events_cursor_pages_cover_all_once(http: httpx.Client, sort: str, limit: int) -> None:
    everything = ids(http, sort=sort, limit=500)
    seen: list[str] = []
    cursor = None
    for _ in range(20):
        params = {"sort": sort, "limit": limit, **({"cursor": cursor} if cursor else {})}
        page = http.get("/api/events", params=params).json()
        assert page["count"] == len(page["events"]) <= limit
        seen += [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything and len(everything) == 6


def test_events_geojson_has_points(http: httpx.Client) -> None:
    response = http.get("/api/events", params={"format": "geojson", "country": "LB"})
    body = response.json()
    assert response.headers["content-type"].startswith("application/geo+json")
    assert body["type"] == "FeatureCollection"
    points = {
        f["properties"]["trigger_text"]: f["geometry"]["coordinates"] for f in body["features"]
    }
    assert points == {
        "marched": [35.5, 33.89],
        "fired tear gas": [35.507, 33.896],
        "Clashes": [35.8497, 34.4367],
    }


def test_events_csv_rows_and_header(http: httpx.Client) -> None:
    response = http.get(
        "/api/events", params={"format": "csv", "sort": "date", "event_type": "Battles"}
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["event_date"], r["location_name"], r["fatalities"]) for r in rows] == [
        ("2018-11-11", "Syria", ""),
        ("2024-02-15", "Tripoli", "9"),
    ]


def test_event_detail_evidence_matches_article_text(http: httpx.Client) -> None:
    first = http.get("/api/events", params={"min_fatalities": 10}).json()["events"][0]
    body = http.get(f"/api/events/{first['id']}").json()
    text = body["article"]["text"]
    found = {(s["kind"], text[s["start"] : s["end"]]) for s in body["evidence"]}
    assert found == {
        ("trigger", "se sont abattus"),
        ("actor", "Hachd"),
        ("place", "al-Baghouz"),
        ("fatalities", "13 terroristes"),
        ("injured", "sept autres"),
        ("attribution", "Sumaria News"),
        ("attribution", "Ghassem Mosleh"),
    }
    assert body["event"]["attribution"][0]["name"] == "Sumaria News"
    assert [s["trigger_text"] for s in body["siblings"]] == [
        "repoussée",
        "tiré des missiles",
        "se sont abattus",
        "emploiera",
    ]


def test_article_view_has_every_span(http: httpx.Client) -> None:
    event = http.get("/api/events", params={"source": "Test Wire", "limit": 1}).json()["events"][0]
    body = http.get(f"/api/articles/{event['article_id']}").json()
    text = body["article"]["text"]
    kinds: dict[str, set[str]] = {}
    for span in body["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
        kinds.setdefault(span["kind"], set()).add(span["text"])
    assert kinds == {
        "place": {"Beirut", "Martyrs' Square"},
        "actor": {"people", "riot police"},
        "trigger": {"marched", "fired tear gas", "general strike"},
        "date": {"Sunday 3 March 2024"},
        "injured": {"12 protesters"},
        "attribution": {"organisers", "Lebanese Red Cross"},
        "modality": {"planned"},
    }
    assert len(body["events"]) == 3


def test_stats_counts(http: httpx.Client) -> None:
    body = http.get("/api/stats").json()
    assert (body["events"], body["articles"], body["fatalities"]) == (6, 3, 22)
    assert body["by_type"] == {"Battles": 2, "Explosions/Remote violence": 2, "Protests": 2}
    assert body["by_country"] == {"LB": 3, "SY": 3}
    assert body["by_month"] == {"2018-11": 3, "2024-02": 1, "2024-03": 2}
    assert body["by_source"] == {"Another Wire": 1, "Press TV (fr)": 3, "Test Wire": 2}


def test_stats_weeks_start_on_monday(http: httpx.Client) -> None:
    # Sunday 11 Nov 2018 is in the week of Monday 5th, Monday 12th starts its own; Sunday
    # 3 March 2024 (Beirut) is in the week of 26 February; Thursday 15 Feb (Tripoli) of the 12th.
    assert http.get("/api/stats").json()["by_week"] == {
        "2018-11-05": {
            "Battles": {"events": 1, "fatalities": 0},
            "Explosions/Remote violence": {"events": 1, "fatalities": 0},
        },
        "2018-11-12": {"Explosions/Remote violence": {"events": 1, "fatalities": 13}},
        "2024-02-12": {"Battles": {"events": 1, "fatalities": 9}},
        "2024-02-26": {"Protests": {"events": 2, "fatalities": 0}},
    }
    assert http.get("/api/stats", params={"country": "LB"}).json()["by_week"].keys() == {
        "2024-02-12",
        "2024-02-26",
    }


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("get", "/api/events/nope:0", {}, 404),
        ("get", "/api/articles/0000", {}, 404),
        ("get", "/no/such/page", {}, 404),
        ("get", "/api/events?limit=501", {}, 422),
        ("get", "/api/events?limit=0", {}, 422),
        ("get", "/api/events?sort=name", {}, 422),
        ("get", "/api/events?format=xml", {}, 422),
        ("get", "/api/events?bbox=1,2,3", {}, 422),
        ("get", "/api/events?bbox=0,80,10,-80", {}, 422),
        ("get", "/api/events?from=yesterday", {}, 422),
        ("get", "/api/events?min_fatalities=-1", {}, 422),
        ("get", "/api/events?min_fatalities=99999999999999999999999", {}, 422),
        ("get", "/api/events?cursor=%%%", {}, 422),
        ("get", "/api/events?cursor=WyJkYXRlIiwxLCJ4Il0", {}, 422),  # a cursor of another sort
        ("delete", "/api/events", {}, 405),
        (
            "post",
            "/api/extract",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
        ),
        ("post", "/api/extract", {"json": {"text": "x", "html": "<p>x</p>"}}, 422),
        ("post", "/api/extract", {"json": {}}, 422),
        ("post", "/api/extract", {"json": {"text": "   "}}, 422),
        ("post", "/api/extract", {"json": {"text": "Bonjour", "language": "xx"}}, 422),
        ("post", "/api/extract", {"json": {"html": "<html><body></body></html>"}}, 422),
        ("post", "/api/extract", {"json": ["a", "list"]}, 422),
    ],
)
def test_errors_have_one_shape(
    http: httpx.Client, token: str, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    headers = {
        **kwargs.pop("headers", {}),
        "authorization": f"Bearer {token}",
    }  # past the token check
    response = getattr(http, method)(path, **kwargs, headers=headers)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]


def test_extract_body_over_one_megabyte_is_413(http: httpx.Client, token: str) -> None:
    text = "Des combats ont eu lieu à Alep. " * 40_000  # ~1.3 MB
    response = http.post(
        "/api/extract", json={"text": text}, headers={"authorization": f"Bearer {token}"}
    )
    assert response.status_code == 413
    assert response.json() == {
        "ok": False,
        "error": "request body larger than 1,000,000 bytes",
        "status": 413,
    }


def test_extract_chunked_body_over_limit_is_413(http: httpx.Client, token: str) -> None:
    def chunks():  # no content-length: the server must count what it reads
        for _ in range(20):
            yield b"x" * 60_000

    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    response = http.post("/api/extract", content=chunks(), headers=headers)
    assert response.status_code == 413


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong", "Basic {token}", "Bearer", "bearer {token}x"]
)
@pytest.mark.parametrize("store", ["?store=true", ""])
def test_extract_without_token_is_401(
    http: httpx.Client, db_counts: Any, token: str, authorization: str | None, store: str
) -> None:
    headers = {} if authorization is None else {"authorization": authorization.format(token=token)}
    before = db_counts()
    response = http.post(f"/api/extract{store}", json={"text": "Un texte."}, headers=headers)
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert db_counts() == before


INJECTIONS = [
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "x') OR ('1'='1",
    "1; DELETE FROM articles",
    "%' UNION SELECT id, text FROM articles --",
    "Robert'); DROP TABLE articles;--",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    "name",
    [
        "event_type",
        "sub_event_type",
        "actor",
        "country",
        "source",
        "q",
        "cursor",
        "bbox",
        "from",
        "sort",
    ],
)
def test_sql_injection_in_filters_changes_nothing(
    http: httpx.Client, db_counts: Any, name: str, value: str
) -> None:
    before = db_counts()
    response = http.get("/api/events", params={name: value, "include_unrealized": "true"})
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["events"] == []
    assert http.get("/api/stats", params={name: value}).status_code in (200, 422)
    assert db_counts() == before == {"articles": 3, "events": 8}


def test_openapi_and_docs_served_offline(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/extract",
        "/api/stats",
    } <= set(spec["paths"])
    page = http.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page
    assert http.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_cors_off_and_security_headers(http: httpx.Client) -> None:
    response = http.get("/api/events", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_config_tells_the_page_about_tiles_and_token(http: httpx.Client) -> None:
    assert http.get("/api/config").json() == {
        "ok": True,
        "tiles": None,
        "tiles_attribution": None,
        "token_required": True,
        "token_sent": False,
        "max_body_bytes": 1_000_000,
        "extract_max_chars": 100_000,
    }


def test_json_bodies_are_json(http: httpx.Client) -> None:
    response = http.get("/api/events", params={"limit": 1})
    assert json.loads(response.text)["ok"] is True


def test_group_toll_is_shown_on_the_other_copies_of_a_split_event() -> None:
    from eventwire.records import Event, Place, Span
    from eventwire.serve.read import _group_toll

    text = "Des missiles sur A et B ont fait 13 morts."
    span = Span.of(text, 4, 12)
    toll = Span.of(text, 33, 41)
    first = Event(
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        span,
        span,
        location=Place(Span.of(text, 17, 18)),
        fatalities=13,
        fatalities_evidence=toll,
        group_id="g",
    )
    second = Event(
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        span,
        span,
        location=Place(Span.of(text, 22, 23), geonameid=1, name="B"),
        group_id="g",
    )
    lone = Event("Battles", "Armed clash", span, span)
    events = (first, second, lone)
    got = _group_toll(events, 1, ["x:0", "x:1", "x:2"])
    assert got is not None
    assert (got["event_id"], got["place"], got["fatalities"], got["injured"]) == (
        "x:0",
        "A",
        13,
        None,
    )
    assert got["fatalities_evidence"]["text"] == "13 morts"
    assert _group_toll(events, 0, ["x:0", "x:1", "x:2"]) is None  # it carries the toll itself
    assert _group_toll(events, 2, ["x:0", "x:1", "x:2"]) is None  # no group


@pytest.mark.parametrize(
    "params", [{}, {"country": "LB"}, {"include_unrealized": "true"}, {"q": "missiles"}]
)
def test_export_csv_holds_every_matching_event(http: httpx.Client, params: dict[str, str]) -> None:
    response = http.get("/api/export", params=params)
    assert response.headers["content-disposition"] == 'attachment; filename="eventwire-events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = http.get("/api/events", params={**params, "sort": "date", "limit": 500}).json()[
        "events"
    ]
    assert [r["event_id"] for r in rows] == [e["id"] for e in listed] and rows


def test_export_geojson_is_one_feature_collection(http: httpx.Client) -> None:
    response = http.get("/api/export", params={"format": "geojson", "country": "SY"})
    assert response.headers["content-type"] == "application/geo+json"
    body = json.loads(response.text)
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 3
    assert {f["properties"]["country_code"] for f in body["features"]} == {"SY"}


def test_export_parquet_holds_the_same_events(http: httpx.Client) -> None:
    import pyarrow.parquet as pq

    response = http.get("/api/export", params={"format": "parquet", "include_unrealized": "true"})
    assert (
        response.headers["content-disposition"] == 'attachment; filename="eventwire-events.parquet"'
    )
    table = pq.read_table(io.BytesIO(response.content))
    listed = http.get(
        "/api/events", params={"include_unrealized": "true", "sort": "date", "limit": 500}
    ).json()
    assert table.column("event_id").to_pylist() == [e["id"] for e in listed["events"]]
    assert table.num_rows == 8 and "fatalities" in table.column_names


def test_places_are_the_largest_towns_in_the_box(http: httpx.Client) -> None:
    places = http.get("/api/places", params={"bbox": "35.7,32.3,42.4,37.3", "limit": 8}).json()[
        "places"
    ]
    assert len(places) == 8
    assert {"Aleppo", "Damascus"} <= {p["name"] for p in places}  # Syria's two largest cities
    assert [p["population"] for p in places] == sorted(
        (p["population"] for p in places), reverse=True
    )
    assert all(35.7 <= p["lon"] <= 42.4 and 32.3 <= p["lat"] <= 37.3 for p in places)
    for bad in ({}, {"bbox": "1,2,3"}, {"bbox": "35,32,43,38", "limit": 0}):
        response = http.get("/api/places", params=bad)
        assert response.status_code == 422 and response.json()["ok"] is False


def test_export_download_has_the_cli_exports_acled_columns(server: Any) -> None:
    # Issues 16, 17: /api/export and `eventwire export` write every ACLED column alike
    # (export/geography.py: names from the active gazetteer, codes without one).
    import subprocess
    import sys

    from eventwire.export.columns import ACLED_COLUMNS

    db = str(server.app.state.settings.db)
    done = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "export", "--db", db, "--all", "--unit", "report"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    cli = {r["event_id"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    with server.client() as http:
        params = {"unit": "report", "include_unrealized": "true"}
        api = list(csv.DictReader(io.StringIO(http.get("/api/export", params=params).text)))
    assert len(api) == len(cli) > 0
    for row in api:
        assert {c: row[c] for c in ACLED_COLUMNS} == {
            c: cli[row["event_id"]][c] for c in ACLED_COLUMNS
        }
    syria = [r for r in api if r["country_code"] == "SY"]
    assert syria and all(r["location"] and r["latitude"] for r in syria)
