"""The map page in headless Chromium (Debian's, driven by Playwright) over real pipeline output.

The server's database is filled by the full pipeline (``pipeline_server`` in conftest.py)
from the seed article and the repository's ``examples/`` folder, the articles ``make demo``
loads. The assertions come from what the texts say (places, figures, sources, dates), never
from a previous run's output; where the pipeline misses something the text says, the test
is marked ``xfail(strict=True)`` with the finding, so that fixing the pipeline shows up.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from eventwire.records import Result

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# minlon,minlat,maxlon,maxlat boxes around the countries the demo articles are about.
BOXES = {
    "SY": "35.7,32.3,42.4,37.3",
    "ML": "-12.3,10.1,4.3,25.0",
    "CD": "12.2,-13.5,31.3,5.4",
}
ITEMS = "#event-list .event-item"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(
    browser: Browser, server: Any, query: str = "", *, width: int = 1440, height: int = 900
) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    opened.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((server.url, "data:"))
            else problems.append(f"external: {r.url}")
        ),
    )
    opened.problems = problems  # type: ignore[attr-defined]  # checked on teardown
    opened.goto(server.url + "/" + query)
    expect(opened.locator("body")).to_have_attribute("data-ready", "true", timeout=20_000)
    return opened


@pytest.fixture()
def page(browser: Browser, pipeline_server: Any) -> Iterator[Page]:
    opened = open_page(browser, pipeline_server)
    yield opened
    opened.context.close()
    assert opened.problems == []  # type: ignore[attr-defined]


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def shown_count(page: Page) -> int:
    """The event count the header states ("N events · …")."""
    match = re.match(r"(\d+) events", page.locator("#counts").inner_text())
    assert match, page.locator("#counts").inner_text()
    return int(match.group(1))


def refreshed(page: Page, action: Callable[[], object]) -> None:
    """Do ``action`` (a filter, a brush) and wait until the page shows the refreshed events
    and their counts (the counts line fills in after the markers: ``data-counted``)."""
    body = page.locator("body")
    before = body.get_attribute("data-shown") or ""
    action()
    expect(body).not_to_have_attribute("data-shown", before)
    expect(body).to_have_attribute("data-counted", body.get_attribute("data-shown") or "")


def apply_filters(page: Page) -> None:
    refreshed(page, lambda: page.click("#filters button[type=submit]"))


def open_missile_event(page: Page) -> Locator:
    """Open the seed article's missile strike as the map shows it (a mapped place it names)."""
    page.fill("#f-q", "missiles")
    apply_filters(page)
    items = page.locator(ITEMS)
    expect(items.first).to_be_visible()
    panel = page.locator("#evidence")
    for i in range(items.count()):
        items.nth(i).click()
        expect(panel).to_have_attribute(
            "data-event-id", items.nth(i).get_attribute("data-id") or ""
        )
        expect(panel).to_be_visible()
        places = panel.locator("#ev-text mark.ev-place")
        expect(places).to_have_count(1)
        if (
            places.inner_text() in ("al-Soussa", "al-Baghouz")
            and "(unresolved)" not in panel.inner_text()
        ):
            return panel
        page.keyboard.press("Escape")  # on a phone the panel covers the list
    raise AssertionError(
        "no event of the sentence on missiles is on the map at al-Soussa or al-Baghouz"
    )


def test_every_stage_ran_on_every_demo_article(pipeline_results: tuple[Result, ...]) -> None:
    # 8 authored examples (2 text, 1 HTML, 3 JSONL lines, 2 feed entries) and the seed article.
    assert len(pipeline_results) == 9
    failed = [
        (r.article.origin, w)
        for r in pipeline_results
        for w in r.warnings
        if w.startswith("stage ")
    ]
    assert failed == []
    assert all(r.events for r in pipeline_results), [
        r.article.origin for r in pipeline_results if not r.events
    ]


def test_map_shows_markers_list_and_timeline(page: Page) -> None:
    events = shown_count(page)
    assert events >= 8  # at least one realized event per article
    expect(page.locator(ITEMS)).to_have_count(events)
    placed = int(page.locator("body").get_attribute("data-markers") or 0)
    assert 5 <= placed <= events
    assert page.locator("path.ew-marker").count() + page.locator("#map .ew-cluster").count() >= 3
    # the country borders (in the tile pane, under the admin-1 lines and the events)
    assert page.locator("#map .leaflet-tile-pane path").count() > 100
    # The timeline spans the seed article's November 2018 to the examples' 2024.
    assert page.locator("#timeline rect.bar").count() >= 2
    axis = page.locator("#timeline text.axis")
    expect(axis.first).to_have_text(re.compile(r"^2018-11-"))
    expect(axis.last).to_have_text(re.compile(r"^2024-"))
    shot(page, "map.png")


@pytest.mark.parametrize(
    "country",
    [
        "SY",
        "ML",  # the Ménaka attack (once placed at "Sahel", from "État islamique au Sahel")
        "CD",  # the clash near Sake (once placed at "Wednesday")
    ],
)
def test_markers_in_country_box(browser: Browser, pipeline_server: Any, country: str) -> None:
    page = open_page(browser, pipeline_server, f"?bbox={BOXES[country]}")
    try:
        expect(page.locator("#f-inview")).to_be_checked()
        assert int(page.locator("body").get_attribute("data-markers") or 0) >= 1
        assert (
            page.locator("path.ew-marker").count() + page.locator("#map .ew-cluster").count() >= 1
        )
        metas = page.locator(f"{ITEMS} .meta").all_inner_texts()
        assert any(re.search(rf"· {country}\b", meta) for meta in metas), metas
        assert page.problems == []  # type: ignore[attr-defined]
    finally:
        page.context.close()


def test_country_and_text_filters_change_list_and_map(page: Page) -> None:
    everything, markers = (
        shown_count(page),
        int(page.locator("body").get_attribute("data-markers") or 0),
    )
    refreshed(page, lambda: page.select_option("#f-country", "SY"))
    syrian = shown_count(page)
    assert 1 <= syrian < everything
    expect(page.locator(ITEMS)).to_have_count(syrian)
    assert all(" · SY" in meta for meta in page.locator(f"{ITEMS} .meta").all_inner_texts())
    assert int(page.locator("body").get_attribute("data-markers") or 0) < markers
    # The drone strike on Deir ez-Zor ("Des drones ont frappé samedi…").
    page.fill("#f-q", "drones")
    apply_filters(page)
    expect(page.locator(ITEMS).first).to_contain_text("frappé")
    assert shown_count(page) < syrian


def test_actor_filter_finds_the_name_the_article_uses(page: Page) -> None:
    everything = shown_count(page)
    page.fill("#f-actor", "Hachd")
    apply_filters(page)
    assert 1 <= shown_count(page) < everything


def test_planned_events_only_when_asked(page: Page) -> None:
    default = page.locator(f"{ITEMS} .meta").all_inner_texts()
    assert not any("planned" in meta for meta in default)
    refreshed(page, lambda: page.select_option("#f-modality", "planned"))
    metas = page.locator(f"{ITEMS} .meta").all_inner_texts()
    assert metas and all("planned" in meta for meta in metas)


def test_timeline_brush_filters_dates(page: Page) -> None:
    everything = shown_count(page)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    # Drag across the first tenth of the timeline: the seed article's 2018 events only.
    page.mouse.move(box["x"] + 11, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] / 2)
    refreshed(page, page.mouse.up)
    expect(page.locator("#brush-label")).to_contain_text("2018-11-")
    metas = page.locator(f"{ITEMS} .meta").all_inner_texts()
    assert metas and all(meta.startswith("2018-") for meta in metas), metas
    page.click("#clear-brush")
    expect(page.locator(ITEMS)).to_have_count(everything)


def test_evidence_view_highlights_the_missile_strike(page: Page) -> None:
    panel = open_missile_event(page)
    text = panel.locator("#ev-text")
    # The trigger lies inside the highlighted sentence, and that sentence is about missiles.
    trigger = text.locator("mark.ev-trigger")
    expect(trigger).to_have_count(1)
    assert "sentence" in (trigger.get_attribute("data-kinds") or "").split()
    sentence = "".join(text.locator("mark[data-kinds~=sentence]").all_inner_texts())
    assert "missiles" in sentence and trigger.inner_text() in sentence
    expect(text.locator("mark.ev-actor").first).to_contain_text("Hachd")
    expect(text.locator("mark.ev-attribution", has_text="Sumaria News")).to_have_count(1)
    expect(panel.locator("#ev-record")).to_contain_text("Sumaria News")
    expect(panel.locator("#ev-record")).to_contain_text(
        ", SY ("
    )  # al-Soussa and al-Baghouz are in Syria
    expect(panel.locator("#ev-record")).to_contain_text("2018-11-1")  # 11 (the raid) or 12 November
    expect(panel.locator("#ev-legend mark")).to_have_count(9)
    # Opened from the whole list (every marker, the whole timeline) for the screenshot: the
    # event's marker (tooltip open) is on the map beside the evidence view, not under it,
    # and the timeline stays in sight below.
    event_id = panel.get_attribute("data-event-id") or ""
    page.keyboard.press("Escape")
    page.fill("#f-q", "")
    apply_filters(page)
    page.locator(f'.event-item[data-id="{event_id}"]').click()
    expect(panel).to_have_attribute("data-event-id", event_id)
    expect(text.locator("mark.ev-trigger")).to_be_in_viewport()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_contain_text("2018-11-1")
    tip, covered = tooltip.bounding_box(), panel.bounding_box()
    assert tip is not None and covered is not None and tip["x"] + tip["width"] <= covered["x"]
    expect(page.locator("#timeline rect.bar").first).to_be_in_viewport()
    timeline = page.locator("#timeline").bounding_box()
    assert timeline is not None and timeline["y"] >= covered["y"] + covered["height"]
    path = shot(page, "evidence.png")
    shutil.copyfile(path, REPO / "docs" / "screenshot-map.png")
    # The battle of the same article: Daech's infiltration repelled "le dimanche 11 novembre".
    panel.locator("#ev-siblings button", has_text="repoussée").click()
    expect(text.locator("mark.ev-trigger")).to_have_text("repoussée")
    expect(text.locator("mark.ev-date")).to_have_text("dimanche 11 novembre")
    expect(panel.locator("#ev-record")).to_contain_text("2018-11-11")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_evidence_view_of_the_mapped_missile_strike_shows_the_13_killed(page: Page) -> None:
    panel = open_missile_event(page)
    expect(panel.locator("#ev-text mark.ev-fatalities")).to_contain_text("13", timeout=2_000)


def test_keyboard_opens_evidence(page: Page) -> None:
    page.locator(".event-item").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#evidence")).to_be_visible()
    expect(page.locator("#ev-close")).to_be_focused()


def test_phone_width_is_usable_on_the_long_article(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("#map")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    panel = open_missile_event(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(panel.locator("#ev-close")).to_be_in_viewport()
    expect(panel.locator("#ev-text mark.ev-trigger")).to_be_in_viewport()
    shot(page, "phone-evidence.png")


@pytest.fixture()
def tokened_page(browser: Browser, pipeline_server: Any) -> Iterator[Page]:
    """The page opened from the URL `eventwire serve` prints: the token becomes a cookie."""
    from tests.serve.conftest import TOKEN

    opened = open_page(browser, pipeline_server, f"?token={TOKEN}")
    assert opened.url == pipeline_server.url + "/"  # the token left the address bar
    yield opened
    opened.context.close()
    assert opened.problems == []  # type: ignore[attr-defined]


def test_paste_box_without_the_token_asks_for_it(page: Page) -> None:
    page.click("#open-paste")
    expect(page.locator("#paste-token-label")).to_be_visible()
    page.fill("#paste-text", "Des combats ont fait 3 morts à Alep le 2 mars 2019, selon une ONG.")
    page.click("#paste-go")
    expect(page.locator("#paste-status")).to_contain_text("Error 401")


def test_paste_box_extracts_live(tokened_page: Page) -> None:
    page = tokened_page
    page.click("#open-paste")
    expect(page.locator("#paste-token-label")).to_be_hidden()
    page.fill("#paste-text", "Des combats ont fait 3 morts à Alep le 2 mars 2019, selon une ONG.")
    page.select_option("#paste-lang", "fr")
    page.click("#paste-go")
    expect(page.locator("#paste-status")).to_contain_text("(language fr)", timeout=60_000)
    out = page.locator("#paste-text-out")
    expect(out).to_contain_text("Des combats ont fait 3 morts")
    expect(out.locator("mark.ev-place")).to_have_text("Alep")
    expect(out.locator("mark.ev-fatalities")).to_contain_text("3")
    expect(page.locator("#paste-events")).to_contain_text("3 killed")
    expect(page.locator("#paste-events")).to_contain_text("2019-03-02")


def test_two_outlets_reporting_one_attack_are_one_event_with_two_reports(
    pipeline_server: Any,
) -> None:
    """The Ménaka attack is told by a French text (examples/fr) and an English wire
    (examples/en/mali.jsonl): one real-world event, two reports, its six dead counted once."""
    get = lambda path: httpx.get(
        pipeline_server.url + path, params={"country": "ML"}, timeout=60
    ).json()
    (event,) = get("/api/events")["events"]
    assert (event["reports"], event["fatalities"]) == (2, 6)
    stats = get("/api/stats")
    assert (stats["events"], stats["reports"], stats["fatalities"]) == (1, 2, 6)
