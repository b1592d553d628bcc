"""A map worth sharing (issue 17, item 2), in headless Chromium over real pipeline output.

Every filter and the open event live in the address bar; back and forward step through
them; a link opened in another browser context shows the same view; the download links
give exactly the filtered events; cluster bubbles take their dominant type's colour and a
legend says what sizes mean; the brush label does not outlive "Apply". Expectations come
from the API (independent of the page's code), never from a previous run.
"""

# ruff: noqa: F401, F811  (pytest fixtures imported from other modules, and parameters named after them)
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.serve.test_browser import (
    ITEMS,
    apply_filters,
    browser,
    open_page,
    refreshed,
    shot,
    shown_count,
)

pytestmark = pytest.mark.slow

TYPE_COLORS = {
    "Battles": "rgb(192, 57, 43)",
    "Explosions/Remote violence": "rgb(230, 126, 34)",
    "Violence against civilians": "rgb(142, 68, 173)",
    "Protests": "rgb(36, 113, 163)",
    "Riots": "rgb(212, 172, 13)",
    "Strategic developments": "rgb(23, 165, 137)",
}


@pytest.fixture()
def page(browser: Browser, pipeline_server: Any) -> Iterator[Page]:
    opened = open_page(browser, pipeline_server)
    yield opened
    opened.context.close()
    assert opened.problems == []  # type: ignore[attr-defined]


def _api(server: Any, path: str, **params: Any) -> Any:
    return httpx.get(server.url + path, params=params, timeout=60).json()


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_share_country_from_the_url_is_honoured(browser: Browser, pipeline_server: Any) -> None:
    page = open_page(browser, pipeline_server, "?country=SY")
    expect(page.locator("#f-country")).to_have_value("SY")
    assert shown_count(page) == _api(pipeline_server, "/api/stats", country="SY")["events"] >= 1
    metas = page.locator(f"{ITEMS} .meta").all_inner_texts()
    assert metas and all(" · SY" in meta for meta in metas)
    page.context.close()
    absent = open_page(
        browser, pipeline_server, "?country=KE"
    )  # no Kenyan event: 0, not everything
    expect(absent.locator("#f-country")).to_have_value("KE")
    assert shown_count(absent) == 0
    expect(absent.locator(ITEMS)).to_have_count(0)
    absent.context.close()


def test_share_filters_live_in_the_url_and_back_forward_restore_them(page: Page) -> None:
    everything = shown_count(page)
    refreshed(page, lambda: page.select_option("#f-country", "SY"))
    syrian = shown_count(page)
    assert _query(page) == {"country": ["SY"]}
    page.fill("#f-q", "drones")
    apply_filters(page)
    assert _query(page) == {"country": ["SY"], "q": ["drones"]}
    drones = shown_count(page)
    assert drones < syrian < everything
    refreshed(page, page.go_back)
    expect(page.locator("#f-q")).to_have_value("")
    expect(page.locator("#f-country")).to_have_value("SY")
    assert shown_count(page) == syrian
    refreshed(page, page.go_back)
    expect(page.locator("#f-country")).to_have_value("")
    assert shown_count(page) == everything and _query(page) == {}
    refreshed(page, page.go_forward)
    expect(page.locator("#f-country")).to_have_value("SY")
    assert shown_count(page) == syrian


def test_share_open_event_lives_in_the_url_and_reopens_elsewhere(
    browser: Browser, pipeline_server: Any, page: Page
) -> None:
    page.fill("#f-q", "missiles")
    apply_filters(page)
    item = page.locator(ITEMS).first
    event_id = item.get_attribute("data-id") or ""
    item.click()
    expect(page.locator("#evidence")).to_have_attribute("data-event-id", event_id)
    assert _query(page) == {"q": ["missiles"], "event": [event_id]}
    link = page.url
    other = open_page(
        browser, pipeline_server, "?" + urlsplit(link).query
    )  # another browser context
    panel = other.locator("#evidence")
    expect(panel).to_be_visible()
    expect(panel).to_have_attribute("data-event-id", event_id)
    expect(other.locator("#f-q")).to_have_value("missiles")
    expect(panel.locator("#ev-text mark.ev-trigger")).to_have_count(1)
    shot(other, "share-link-reopened.png")
    other.context.close()
    page.go_back()
    expect(page.locator("#evidence")).to_be_hidden()
    assert _query(page) == {"q": ["missiles"]}
    page.go_forward()
    expect(page.locator("#evidence")).to_have_attribute("data-event-id", event_id)


def test_share_download_gives_exactly_the_filtered_events(page: Page, pipeline_server: Any) -> None:
    refreshed(page, lambda: page.select_option("#f-country", "SY"))
    shown = shown_count(page)
    listed = {
        e["id"] for e in _api(pipeline_server, "/api/events", country="SY", limit=500)["events"]
    }
    with page.expect_download() as got:
        page.click("#dl-csv")
    download = got.value
    assert download.suggested_filename == "eventwire-events.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == shown and {r["event_id"] for r in rows} == listed
    assert {r["country_code"] for r in rows} == {"SY"}
    with page.expect_download() as got:
        page.click("#dl-geojson")
    collection = json.loads(got.value.path().read_text(encoding="utf-8"))
    assert {f["id"] for f in collection["features"]} == listed
    with page.expect_download() as got:
        page.click("#dl-parquet")
    import pyarrow.parquet as pq

    assert set(pq.read_table(got.value.path()).column("event_id").to_pylist()) == listed


def test_share_evidence_view_states_the_precision(page: Page, pipeline_server: Any) -> None:
    words = {
        1: "the place itself",
        2: "near the place, or part of it",
        3: "a region: somewhere in it",
    }
    seen = set()
    for item in page.locator(ITEMS).all()[:12]:
        event_id = item.get_attribute("data-id") or ""
        precision = _api(pipeline_server, f"/api/events/{event_id}")["event"]["geo_precision"]
        item.click()
        record = page.locator("#ev-record")
        expect(page.locator("#evidence")).to_have_attribute("data-event-id", event_id)
        if precision is None:
            expect(record).not_to_contain_text("Precision")
        else:
            expect(record).to_contain_text(f"Precision{words[precision]} (ACLED {precision})")
        seen.add(precision)
        page.keyboard.press("Escape")
    assert {1, 3} <= seen, seen  # places and regions both among the demo events


def test_share_cluster_bubble_takes_the_dominant_type_colour(
    browser: Browser, pipeline_server: Any
) -> None:
    page = open_page(browser, pipeline_server, "?country=SY")
    features = _api(pipeline_server, "/api/events", country="SY", limit=500, format="geojson")[
        "features"
    ]
    placed = [f["properties"]["event_type"] for f in features if f["geometry"]]
    counts = Counter(placed)
    top = max(counts.values())
    dominant = min(
        t for t, n in counts.items() if n == top
    )  # ties: the first name, as the page does
    for _ in range(8):  # zoom out to the whole world: Syria's markers make one bubble
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(150)
    bubble = page.locator("#map .ew-cluster")
    expect(bubble).to_have_count(1)
    expect(bubble).to_have_attribute("data-count", str(len(placed)))
    expect(bubble).to_have_attribute("data-dominant", dominant)
    expect(bubble).to_have_css("background-color", TYPE_COLORS[dominant])
    shot(page, "share-cluster-bubble.png")
    page.context.close()


def test_share_size_legend_explains_markers_and_bubbles(page: Page) -> None:
    legend = page.locator("#legend-sizes")
    expect(legend).to_contain_text("Marker size: killed")
    radii = [
        float(r)
        for r in legend.locator("circle").evaluate_all("cs => cs.map(c => c.getAttribute('r'))")
    ]
    assert len(radii) == 3 and radii[0] < radii[1] < radii[2]
    expect(legend.locator(".size-killed")).to_have_text(["0", "5", "25"])
    sizes = legend.locator(".ew-cluster").evaluate_all(
        "bs => bs.map(b => b.getBoundingClientRect().width)"
    )
    assert len(sizes) == 3 and sizes[0] < sizes[1] < sizes[2]
    shot(page, "share-legend.png")


def test_share_brush_label_goes_with_apply(page: Page) -> None:
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 11, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] / 2)
    refreshed(page, page.mouse.up)
    expect(page.locator("#brush-label")).to_contain_text("2018-11-")
    query = _query(page)
    assert re.match(r"2018-11-\d\d$", query["from"][0]) and "to" in query
    apply_filters(page)
    expect(page.locator("#brush-label")).to_have_text("")
    expect(page.locator("#clear-brush")).to_be_hidden()
    assert "from" not in _query(page) and page.locator("#timeline rect.picked").count() == 0


def _bars(page: Page) -> dict[tuple[str, str], int]:
    cells = page.locator("#weekly rect.week-bar").evaluate_all(
        "rs => rs.map(r => [r.dataset.week, r.dataset.type, Number(r.dataset.events)])"
    )
    return {(week, kind): n for week, kind, n in cells}


def test_share_weekly_chart_of_events_and_killed_by_type(page: Page, pipeline_server: Any) -> None:
    page.locator("#weekly-wrap summary").click()
    # Expected from the events themselves: each dated event in the week of its Monday.
    rows = _api(pipeline_server, "/api/events", limit=500)["events"]
    expected: Counter[tuple[str, str]] = Counter()
    killed: Counter[str] = Counter()
    from datetime import date, timedelta

    for row in rows:
        if row["event_date"]:
            day = date.fromisoformat(row["event_date"])
            week = (day - timedelta(days=day.weekday())).isoformat()
            expected[(week, row["event_type"])] += 1
            killed[week] += row["fatalities"] or 0
    expect(page.locator("#weekly rect.week-bar")).to_have_count(len(expected))
    assert _bars(page) == dict(expected)
    dots = page.locator("#weekly circle.week-killed").evaluate_all(
        "cs => cs.map(c => [c.dataset.week, Number(c.dataset.killed)])"
    )
    assert dict(dots) == {week: n for week, n in killed.items() if n}
    shot(page, "share-weekly-chart.png")
    refreshed(page, lambda: page.select_option("#f-country", "SY"))
    assert {week for week, _ in _bars(page)} <= {week for week, _ in expected} and len(
        _bars(page)
    ) < len(expected)


def _column(page: Page, index: int) -> list[str]:
    return page.locator(f"#event-table tbody tr td:nth-child({index})").all_inner_texts()


def test_share_table_view_sorts_by_any_column_and_opens_evidence(
    page: Page, pipeline_server: Any
) -> None:
    shown = shown_count(page)
    page.click("#open-table")
    table = page.locator("#table-view")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(shown)
    killed = sorted(
        (e["fatalities"] for e in _api(pipeline_server, "/api/events", limit=500)["events"]),
        key=lambda n: (n is None, -(n or 0)),
    )
    page.click("#event-table th button[data-key=fatalities]")
    expect(table.locator("th[aria-sort=descending] button")).to_have_attribute(
        "data-key", "fatalities"
    )
    assert _column(page, 6) == ["" if n is None else str(n) for n in killed]
    page.click("#event-table th button[data-key=fatalities]")
    ascending = sorted(n for n in killed if n is not None) + [None] * killed.count(None)
    assert _column(page, 6) == ["" if n is None else str(n) for n in ascending]
    page.click("#event-table th button[data-key=event_date]")
    dates = [d for d in _column(page, 1) if d]
    assert dates == sorted(dates)
    shot(page, "share-table.png")
    row = table.locator("tbody tr").first
    event_id = row.get_attribute("data-id") or ""
    row.click()
    expect(table).to_be_hidden()
    expect(page.locator("#evidence")).to_have_attribute("data-event-id", event_id)


def test_share_offline_basemap_names_the_towns_in_view(
    browser: Browser, pipeline_server: Any
) -> None:
    page = open_page(browser, pipeline_server, "?bbox=35.7,32.3,42.4,37.3")  # Syria
    labels = page.locator(".ew-place-label")
    expect(labels.filter(has_text="Damascus")).to_have_count(1)
    expect(labels.filter(has_text="Aleppo")).to_have_count(1)
    shot(page, "share-town-labels.png")
    for _ in range(6):  # zoomed out to the world: no labels
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(400)
    expect(labels).to_have_count(0)
    page.context.close()
