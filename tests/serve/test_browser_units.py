"""The map page shows one marker per real-world event and, in the evidence view, the other
reports of it and where they disagree (issue 17). Headless Chromium over the hand-made
database of test_units.py: three reports of one clash in Tripoli (9, 12 and 10 killed; the
15th and the 16th of February) and the Beirut article's two events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.serve.test_browser import browser, open_page, shot  # noqa: F401  (fixture)
from tests.serve.test_units import OUTLETS, units_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from units_server(tmp_path_factory)


@pytest.fixture()
def page(browser: Browser, server: Any) -> Iterator[Page]:  # noqa: F811
    opened = open_page(browser, server)
    yield opened
    opened.context.close()
    assert opened.problems == []  # type: ignore[attr-defined]


def test_one_marker_per_event_and_the_toll_counted_once(page: Page) -> None:
    # Three events from five reports; the clash's toll is its lower median, 10, not 9+12+10.
    expect(page.locator("#counts")).to_contain_text("3 events (5 reports)")
    expect(page.locator("#counts")).to_contain_text("10 killed")
    assert page.locator("body").get_attribute("data-markers") == "3"
    expect(page.locator("#event-list .event-item")).to_have_count(3)
    expect(page.locator("#event-list .event-item", has_text="3 reports")).to_contain_text(
        "10 killed (9–12 reported)"
    )


def test_evidence_view_lists_the_other_reports_and_their_disagreements(page: Page) -> None:
    page.locator("#event-list .event-item", has_text="3 reports").click()
    panel = page.locator("#evidence")
    expect(panel).to_be_visible()
    cluster = panel.locator("#ev-cluster")
    expect(cluster.locator("#ev-reports-count")).to_have_text("3 reports")
    reports = cluster.locator("#ev-reports button")
    expect(reports).to_have_count(3)
    for outlet in OUTLETS:
        expect(cluster.locator("#ev-reports")).to_contain_text(outlet)
    expect(cluster.locator(".disagree-fatalities")).to_contain_text("Killed: 9–12")
    expect(cluster.locator(".disagree-fatalities")).to_contain_text("best estimate 10")
    expect(cluster.locator(".disagree-dates")).to_have_text("Dates: 2024-02-15, 2024-02-16")
    expect(cluster.locator(".disagree-places")).to_have_count(0)  # all say Tripoli
    shot(page, "evidence-reports.png")
    # Another outlet's report opens in the same view, marked as the current one.
    french = cluster.locator("#ev-reports button", has_text=OUTLETS[1])
    french_id = french.get_attribute("data-id") or ""
    if french.is_disabled():  # it was the representative: open another one
        french = cluster.locator("#ev-reports button", has_text=OUTLETS[2])
        french_id = french.get_attribute("data-id") or ""
    french.click()
    expect(panel).to_have_attribute("data-event-id", french_id)
    expect(cluster.locator(f'#ev-reports button[data-id="{french_id}"]')).to_have_attribute(
        "aria-current", "true"
    )


def test_a_lone_report_says_so(page: Page) -> None:
    page.locator("#event-list .event-item", has_text="Peaceful protest").click()
    cluster = page.locator("#ev-cluster")
    expect(cluster.locator("#ev-reports-count")).to_have_text("one report (no other outlet)")
    expect(cluster.locator("#ev-disagree li")).to_have_count(0)
