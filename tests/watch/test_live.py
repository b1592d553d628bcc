"""The map follows the watcher: GET /api/live on a live uvicorn server, and the page's marker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from eventwire.ingest import make_article
from eventwire.records import Article, Rejection, Result
from eventwire.serve import ServeSettings
from eventwire.store.repository import Store
from tests.conftest import _free_port
from tests.serve.conftest import LiveServer, serve_in_thread
from tests.watch import pages

pytestmark = pytest.mark.slow

Extract = Callable[[Article], Result | Rejection]


def _store(db: Path, extract: Extract, text: str, source: str) -> Result:
    result = extract(
        make_article(
            {"text": text, "published": "2025-12-03", "source": source},
            origin=source,
            max_chars=100_000,
        )
    )
    assert isinstance(result, Result) and result.events
    with Store.open(db) as store:
        assert store.save(result) == "stored"
    return result


@pytest.fixture
def server(tmp_path: Path, extract: Extract) -> Iterator[LiveServer]:
    db = tmp_path / "live.db"
    _store(db, extract, pages.FR_MENAKA, "Sahel Matin")
    yield from serve_in_thread(ServeSettings(db=db, port=_free_port()))


def test_live_without_since_gives_only_the_latest_time(server: LiveServer) -> None:
    body = httpx.get(server.url + "/api/live").json()
    assert (body["ok"], body["count"], body["events"]) == (True, 0, [])
    assert body["latest"].startswith("20")


def test_live_since_gives_the_events_stored_since(server: LiveServer, extract: Extract) -> None:
    latest = httpx.get(server.url + "/api/live").json()["latest"]
    second = _store(server.db, extract, pages.EN_OUAGA, "Wire Daily")
    body = httpx.get(server.url + "/api/live", params={"since": latest}).json()
    ids = {e["id"] for e in body["events"]}
    assert {f"{second.article.id}:{i}" for i in range(len(second.events))} <= ids
    assert body["latest"] >= latest
    assert all(e["processed_at"] >= latest for e in body["events"])
    again = httpx.get(
        server.url + "/api/live", params={"since_id": f"{second.article.id}:0"}
    ).json()
    assert f"{second.article.id}:0" in {e["id"] for e in again["events"]}


def test_live_unknown_since_id_is_a_404_in_the_error_shape(server: LiveServer) -> None:
    response = httpx.get(server.url + "/api/live", params={"since_id": "nope:0"})
    assert (response.status_code, response.json()) == (
        404,
        {"ok": False, "error": "no event 'nope:0'", "status": 404},
    )


def test_live_map_marks_new_since_you_looked(server: LiveServer, extract: Extract) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(server.url + "/?live_ms=300")
        expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=30_000)
        expect(page.locator("#live-new")).to_be_hidden()
        second = _store(server.db, extract, pages.EN_OUAGA, "Wire Daily")
        marker = page.locator("#live-new")
        expect(marker).to_have_text(f"{len(second.events)} new since you looked", timeout=15_000)
        expect(page.locator(f'.event-item.is-new[data-id="{second.article.id}:0"]')).to_be_visible(
            timeout=15_000
        )
        marker.click()
        expect(marker).to_be_hidden()
        assert page.locator(".event-item.is-new").count() == 0
        page.goto(server.url + f"/#event={second.article.id}%3A0")
        expect(page.locator("#evidence")).to_be_visible(timeout=30_000)
        browser.close()
    assert errors == []
