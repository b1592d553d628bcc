"""The offline basemap's admin-1 lines and names (issue 17), in headless Chromium.

The page is opened on a box around eastern Syria (``?bbox=``, the page's own shared-link
state), which fits the map at zoom 7 or closer; there the province lines are drawn and the
name of the governorate holding al-Baghouz (Deir ez-Zor, "Dayr Az Zawr" in Natural Earth's
spelling) is written on the map. Zoomed out to the world, no admin line is drawn.
"""

# ruff: noqa: F401, F811  (pytest fixtures imported from another module, and parameters named after them)
from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.serve.test_browser import browser, open_page, shot

pytestmark = pytest.mark.slow

# minlon,minlat,maxlon,maxlat: about 6 by 4 degrees around the Euphrates valley in Syria.
EAST_SYRIA = "38.5,33.3,44.5,37.0"
WORLD = "-170,-60,170,75"


def drawn_length(page: Page, selector: str) -> int:
    """Characters of SVG path data drawn for ``selector`` (Leaflet empties what is out of view)."""
    length = page.evaluate(
        "(sel) => [...document.querySelectorAll(sel)]"
        ".reduce((n, p) => n + (p.getAttribute('d') || '').length, 0)",
        selector,
    )
    return int(length)


def country_stroke_opacity(page: Page) -> str:
    """The 1:110m country outlines' stroke opacity (they give way to the 1:10m lines)."""
    path = page.locator(".leaflet-tile-pane path").first
    return str(path.evaluate("(p) => getComputedStyle(p).strokeOpacity"))


def close(page: Page) -> None:
    page.context.close()
    assert page.problems == []  # type: ignore[attr-defined]


def test_admin1_lines_and_names_at_zoom_7(browser: Browser, server: Any) -> None:
    page = open_page(browser, server, f"?bbox={EAST_SYRIA}")
    try:
        area = page.locator("#map")
        expect(area).to_have_attribute("data-zoom", re.compile(r"^(7|8|9)(\.5)?$"))
        assert int(area.get_attribute("data-admin1") or 0) > 3000  # Natural Earth's 1:10m units
        # Syria's governorates and those of Iraq, Turkey and Jordan in the box: many lines,
        # each with dozens of vertices ("M x y L x y ..." is 8 or more characters a vertex).
        assert drawn_length(page, "path.ew-admin1") > 8 * 200
        assert drawn_length(page, "path.ew-admin1-border") > 8 * 50  # Syria-Iraq and others
        assert country_stroke_opacity(page) == "0"
        names = page.locator(".ew-admin1-label")
        expect(names.filter(has_text=re.compile(r"^Dayr Az Zawr$"))).to_be_visible()
        assert names.count() >= 3
        shot(page, "basemap-admin1-zoom7.png")
    finally:
        close(page)


def test_no_admin1_lines_on_the_world_view(browser: Browser, server: Any) -> None:
    page = open_page(browser, server, f"?bbox={WORLD}")
    try:
        expect(page.locator(".leaflet-tile-pane path").first).to_be_attached()  # countries drawn
        assert country_stroke_opacity(page) == "1"
        assert drawn_length(page, "path.ew-admin1") == 0
        assert page.locator(".ew-admin1-label").count() == 0
    finally:
        close(page)
