"""Incremental stories (watch/stories.py): a new report joins the story dedup would give it."""

from __future__ import annotations

from pathlib import Path

from eventwire.records import Article, Event, Place, Result, Span
from eventwire.store.repository import Store
from eventwire.watch.stories import assign_stories

ALEPPO = {
    "geonameid": 170063,
    "name": "Aleppo",
    "lat": 36.20124,
    "lon": 37.16117,
    "country_code": "SY",
    "admin1": "09",
    "feature_code": "PPLA",
}


def _report(article_id: str, source: str, day: str, *, from_publication: bool) -> Result:
    text = "Une frappe aérienne a tué six civils à Alep."
    span = Span(text, 0, len(text))
    strike = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span("frappe", 4, 10),
        sentence=span,
        location=Place(mention=Span("Alep", 39, 43), confidence=0.9, **ALEPPO),  # type: ignore[arg-type]
        geo_precision=1,
        date=day,
        date_precision="day",
        date_from_publication=from_publication,
        fatalities=6,
    )
    article = Article(article_id, text, None, "fr", day, source)
    return Result(article=article, events=(strike,))


def test_a_report_dated_by_its_publication_two_days_later_joins_the_story(tmp_path: Path) -> None:
    # The first outlet names the day (3 March); the second, published on 5 March, names none, so
    # its event takes the publication day: within dedup's publication lag (2 days), one event,
    # although the stated-date tolerance alone (1 day) would keep them apart.
    first = _report("a" * 16, "Wire One", "2024-03-03", from_publication=False)
    second = _report("b" * 16, "Wire Two", "2024-03-05", from_publication=True)
    with Store.open(str(tmp_path / "w.db")) as store:
        store.save(first)
        with store.engine.begin() as connection:
            (one,) = assign_stories(connection, first)
        store.save(second)
        with store.engine.begin() as connection:
            (two,) = assign_stories(connection, second)
    assert (one.report, two.report) == ("new", "known")
    assert two.story_id == one.story_id
