"""The map over 100,000 events in headless Chromium, timed (issue 17).

First paint: from navigation to the first refresh shown (markers and list: the page sets
``body[data-shown]``; the counts line fills in after, ``body[data-counted]``, recorded too).
Filter round trip: from choosing a country to its refresh shown.
The database is the synthetic corpus of ``eventwire bench api``
(``eventwire_bench/synthetic.py``); each figure is the best of three tries after a warm-up
load, and all of them are written to ``test-artifacts/map-timing.json`` beside the targets
(first paint <= 1 s, round trip <= 300 ms), which docs/reliability.md reports against.

The test asserts loose regression bounds, not the targets: a wall-clock target fails on a
loaded machine and passes unnoticed on a fast one. The bounds (best of three: first paint
5 s, round trip 4 s) hold on the shared 2-core machine under a load average of 6-8, where
the page measured 1.7-2.8 s and 1.1-2.8 s (docs/reliability.md); they catch a map that
stops answering in seconds, such as counts of every event taking tens of seconds again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.serve.conftest import LiveServer, serve_db
from tests.serve.test_browser import ARTIFACTS, CHROMIUM_ARGS

pytestmark = pytest.mark.slow

EVENTS = 100_000
#: The targets of issue 17, written to the artefact (benchmarks report them, see above).
TARGETS = {"first_paint_ms": 1000, "round_trip_ms": 300}
#: Regression bounds on the best of three tries, for a loaded 2-core machine.
FIRST_PAINT_BOUND_MS = 5000
ROUND_TRIP_BOUND_MS = 4000
#: Records, in page time, when each refresh is shown (body[data-shown] changes).
WATCH = """
window.__shown = [];
window.__counted = [];
new MutationObserver(() => {
  for (const [key, seen] of [["shown", window.__shown], ["counted", window.__counted]]) {
    const value = document.body && document.body.dataset[key];
    if (value && value !== seen.at(-1)?.value) seen.push({ value, at: performance.now() });
  }
}).observe(document, { attributes: true, subtree: true,
  attributeFilter: ["data-shown", "data-counted"] });
"""


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from eventwire.store.repository import Store
    from eventwire_bench.synthetic import populate

    db: Path = tmp_path_factory.mktemp("map-timing") / "events.db"
    with Store.open(db) as store:
        populate(store.engine, events=EVENTS, seed=0)
    yield from serve_db(db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _load(browser: Browser, server: LiveServer) -> tuple[Page, float, float]:
    """Open the map; return the page and when (ms after navigation) its first refresh showed,
    then its counts."""
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.add_init_script(WATCH)
    page.goto(server.url + "/")
    expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=60_000)
    return (
        page,
        float(page.evaluate("window.__shown[0].at")),
        float(page.evaluate("window.__counted[0].at")),
    )


def _round_trip(page: Page, country: str) -> tuple[float, float]:
    """Choose ``country`` in the filter; return the ms until its refresh showed, then its
    counts."""
    body = page.locator("body")
    before = body.get_attribute("data-shown") or ""
    start = float(page.evaluate("performance.now()"))
    page.select_option("#f-country", country)
    expect(body).not_to_have_attribute("data-shown", before, timeout=60_000)
    shown = body.get_attribute("data-shown") or ""
    expect(body).to_have_attribute("data-counted", shown, timeout=60_000)
    return (
        float(page.evaluate("window.__shown.at(-1).at")) - start,
        float(page.evaluate("window.__counted.at(-1).at")) - start,
    )


def test_map_first_paint_and_filter_round_trip_at_100k_events(
    browser: Browser, big_server: LiveServer
) -> None:
    warm, _, _ = _load(browser, big_server)
    warm.context.close()
    paints, trips, paints_counted, trips_counted = [], [], [], []
    for country in ("SY", "ML", "CD"):
        page, painted, counted = _load(browser, big_server)
        paints.append(painted)
        paints_counted.append(counted)
        trip, trip_counted = _round_trip(page, country)
        trips.append(trip)
        trips_counted.append(trip_counted)
        expect(page.locator("#counts")).to_contain_text("events")
        page.context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    figures: dict[str, Any] = {
        "events": EVENTS,
        "first_paint_ms": paints,
        "round_trip_ms": trips,
        # When the counts line showed too (it fills in after the markers and the list).
        "first_paint_counted_ms": paints_counted,
        "round_trip_counted_ms": trips_counted,
        "targets": TARGETS,
        "load_average": list(os.getloadavg()),
    }
    (ARTIFACTS / "map-timing.json").write_text(json.dumps(figures, indent=2) + "\n")
    assert min(paints) <= FIRST_PAINT_BOUND_MS, figures
    assert min(trips) <= ROUND_TRIP_BOUND_MS, figures
