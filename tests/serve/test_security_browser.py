"""The browser half of the security suite: what a hostile web page can do to an analyst's server.

Chromium (headless, Playwright) resolves ``evil.test`` to 127.0.0.1, which is what a DNS
rebinding achieves: the attacker's page and the eventwire server then share a host. The
page still names itself in ``Host``, so the server refuses it. A cross-site form and a
``fetch`` post to the API from the attacker's origin while the analyst holds the token
cookie; nothing is stored. Stored values full of HTML show as text on the map.
"""

# ruff: noqa: F401, F811  (pytest fixtures imported from other modules, and parameters named after them)
from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.serve.conftest import TOKEN
from tests.serve.security import HTML, SHORT_HTML
from tests.serve.test_browser import CHROMIUM_ARGS, apply_filters, shot
from tests.serve.test_security import _counts, data, sqlite_server

pytestmark = pytest.mark.slow

ATTACK = """<!doctype html><html><body>
<form id="f" method="POST" action="{target}/api/extract?store=true" enctype="text/plain">
<input name='{{"text": "Planted: des combats ont fait 99 morts a Alep.", "x": "' value='"}}'></form>
<script>
fetch("{target}/api/extract?store=true", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"content-type": "text/plain"}},
  body: JSON.stringify({{text: "Planted by fetch at Alep."}})}})
  .finally(() => document.getElementById("f").submit());
</script></body></html>"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    rules = "--host-resolver-rules=MAP evil.test 127.0.0.1"  # the rebinding, done by the resolver
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=[*CHROMIUM_ARGS, rules]
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def attacker(sqlite_server: Any) -> Iterator[str]:
    """A web page on another origin (evil.test:PORT) that posts to the eventwire server."""
    page = ATTACK.format(target=sqlite_server.url).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://evil.test:{server.server_address[1]}/"
    server.shutdown()


def test_security_browser_rebound_name_is_refused(browser: Browser, sqlite_server: Any) -> None:
    port = sqlite_server.url.rsplit(":", 1)[1]
    context = browser.new_context()
    page = context.new_page()
    for path in ("/", "/api/events", "/api/stats", f"/?token={TOKEN}"):
        response = page.goto(f"http://evil.test:{port}{path}")
        assert response is not None and response.status == 400, path
        assert "DNS rebinding" in page.content() and "Kidal" not in page.content()
    assert context.cookies() == []  # the tokened URL under the rebound name set nothing
    context.close()


def test_security_browser_cross_site_posts_store_nothing(
    browser: Browser, sqlite_server: Any, attacker: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{sqlite_server.url}/?token={TOKEN}")  # the analyst is logged in: the cookie is set
    assert [c["name"] for c in context.cookies()] == ["eventwire_token"]
    before = _counts(sqlite_server)
    answers: list[int] = []
    page.on("response", lambda r: answers.append(r.status) if "/api/extract" in r.url else None)
    page.goto(attacker)
    page.wait_for_url(
        f"{sqlite_server.url}/api/extract?store=true", timeout=20_000
    )  # the form went
    assert 403 in answers, answers
    assert "write from another origin" in page.content()
    assert _counts(sqlite_server) == before
    context.close()


def open_page(browser: Browser, server: Any) -> Page:
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(server.url + "/")
    expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=20_000)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _no_injection(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".injected, img[src='x']").count() == 0


def test_security_browser_stored_html_shows_as_text(browser: Browser, sqlite_server: Any) -> None:
    page = open_page(browser, sqlite_server)
    page.fill("#f-q", "Kidal")
    apply_filters(page)
    item = page.locator("#event-list .event-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(SHORT_HTML)  # the sub-type, as text
    marker = page.locator("path.ew-marker")
    expect(marker).to_have_count(1)
    marker.hover()
    tip = page.locator(".leaflet-tooltip")
    expect(tip).to_contain_text("<i>1</i> · Battles" + SHORT_HTML)  # date and type, as text
    expect(tip).to_contain_text("+Kidal" + HTML)
    _no_injection(page)
    item.click()
    panel = page.locator("#evidence")
    expect(panel).to_be_visible()
    expect(panel.locator("#ev-text")).to_contain_text(HTML + "Kidal")
    expect(panel).to_contain_text("@SUM(1+1)" + HTML)
    _no_injection(page)
    shot(page, "security-html-as-text.png")
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()
