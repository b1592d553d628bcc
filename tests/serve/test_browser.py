"""The map page in headless Chromium (Debian's, driven by Playwright) over a live server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser, server: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    external: list[str] = []
    opened.on("request", lambda r: None if r.url.startswith(server.url) or r.url.startswith("data:") else external.append(r.url))
    opened.goto(server.url + "/")
    expect(opened.locator("body")).to_have_attribute("data-ready", "true", timeout=20_000)
    yield opened
    context.close()
    assert errors == [] and external == []


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def test_map_shows_markers_list_and_timeline(page: Page) -> None:
    expect(page.locator("#counts")).to_contain_text("6 events · 3 articles · 22 killed · 6 on the map")
    markers = page.locator("path.ew-marker")
    clusters = page.locator(".marker-cluster")
    assert markers.count() + clusters.count() >= 3
    assert page.locator("#map .leaflet-overlay-pane path").count() > 100  # the country borders
    expect(page.locator("#event-list .event-item")).to_have_count(6)
    assert page.locator("#timeline rect.bar").count() >= 2
    shot(page, "map.png")


def test_filter_changes_list_and_map(page: Page) -> None:
    page.select_option("#f-country", "LB")
    expect(page.locator("#event-list .event-item")).to_have_count(3)
    expect(page.locator("#counts")).to_contain_text("3 events · 2 articles · 9 killed")
    page.fill("#f-actor", "police")
    page.click("#filters button[type=submit]")
    expect(page.locator("#event-list .event-item")).to_have_count(1)
    expect(page.locator("#event-list .event-item")).to_contain_text("fired tear gas")
    expect(page.locator("body")).to_have_attribute("data-markers", "1")


def test_modality_filter_shows_planned(page: Page) -> None:
    page.select_option("#f-modality", "planned")
    expect(page.locator("#event-list .event-item")).to_have_count(1)
    expect(page.locator("#event-list .event-item")).to_contain_text("general strike")


def test_timeline_brush_filters_dates(page: Page) -> None:
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    # Drag across the first tenth of the timeline: the 2018 events only.
    page.mouse.move(box["x"] + 11, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] / 2)
    page.mouse.up()
    expect(page.locator("#event-list .event-item")).to_have_count(3)
    expect(page.locator("#brush-label")).to_contain_text("2018-11-")
    page.click("#clear-brush")
    expect(page.locator("#event-list .event-item")).to_have_count(6)


def test_evidence_view_highlights_the_right_spans(page: Page) -> None:
    page.locator(".event-item", has_text="se sont abattus").click()
    panel = page.locator("#evidence")
    expect(panel).to_be_visible()
    text = panel.locator("#ev-text")
    expect(text.locator("mark.ev-trigger")).to_have_text("se sont abattus")
    expect(text.locator("mark.ev-fatalities")).to_have_text("13 terroristes")
    expect(text.locator("mark.ev-injured")).to_have_text("sept autres")
    expect(text.locator("mark.ev-place")).to_have_text("al-Baghouz")
    expect(text.locator("mark.ev-actor")).to_have_text("Hachd")
    expect(text.locator("mark.ev-attribution")).to_have_text(["Ghassem Mosleh", "Sumaria News"])
    expect(panel.locator("#ev-record")).to_contain_text("Al-Baghuz Fawqani, SY")
    expect(panel.locator("#ev-record")).to_contain_text("Sumaria News ← Ghassem Mosleh")
    expect(panel.locator("#ev-siblings button")).to_have_count(4)
    expect(panel.locator("#ev-legend mark")).to_have_count(9)
    path = shot(page, "evidence.png")
    shutil.copyfile(path, REPO / "docs" / "screenshot-map.png") if (REPO / "docs").is_dir() else None
    # Another event of the article, then Escape closes and gives focus back.
    panel.locator("#ev-siblings button", has_text="repoussée").click()
    expect(text.locator("mark.ev-trigger")).to_have_text("repoussée")
    expect(text.locator("mark.ev-date")).to_have_text("dimanche 11 novembre")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_keyboard_opens_evidence(page: Page) -> None:
    page.locator(".event-item").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#evidence")).to_be_visible()
    expect(page.locator("#ev-close")).to_be_focused()


def test_phone_width_is_usable(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("#map")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.locator(".event-item").first.click()
    expect(page.locator("#evidence")).to_be_visible()
    shot(page, "phone-evidence.png")


def test_paste_box_extracts_live(page: Page) -> None:
    page.click("#open-paste")
    page.fill("#paste-text", "Des combats ont fait 3 morts à Alep le 2 mars 2019, selon une ONG.")
    page.select_option("#paste-lang", "fr")
    page.click("#paste-go")
    expect(page.locator("#paste-status")).to_contain_text("(language fr)", timeout=60_000)
    expect(page.locator("#paste-text-out")).to_contain_text("Des combats ont fait 3 morts")
