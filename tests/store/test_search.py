"""The free-text filters use an index kept in step with the events (issue 17), on both databases."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import delete

from eventwire.records import Span
from eventwire.store.queries import EventFilter, list_events
from eventwire.store.repository import Store
from eventwire.store.search import fts_query
from eventwire.store.tables import articles
from tests.store.test_repository import TEXT, _result


def _found(store: Store, **filters: str) -> list[str]:
    with store.engine.connect() as connection:
        page = list_events(connection, EventFilter(**filters), unit="report")
    return [row["article_id"] for row in page.rows]


@pytest.mark.parametrize(
    ("field", "value", "found"),
    [
        ("text", "HOMMES armés ont", True),  # across words, any ASCII case
        ("text", "Ménaka mardi", True),
        ("text", "Ménaka lundi", False),
        ("text", 'say "armés"', False),  # quotes are text, not query syntax
        ("text", "armés OR x", False),  # so are the FTS5 operators
        ("actor", "armed group (mali", True),
        ("actor", "attaqué", False),  # a trigger word, no actor's
        ("text", "ml", False),  # two letters: no trigram; LIKE still answers
        ("text", "Mé", True),
    ],
)
def test_search_text_filters_find_substrings(
    db_url: str, field: str, value: str, found: bool
) -> None:
    with Store.open(db_url) as store:
        store.save(_result())
        assert bool(_found(store, **{field: value})) is found


def test_search_index_follows_reprocessing_and_deletes(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_result())
        original = _result()
        moved = dataclasses.replace(
            original.events[0], trigger=Span("tuant", *_where("tuant")), sentence=_sentence()
        )
        store.save(dataclasses.replace(original, events=(moved,)), reprocess=True)
        assert _found(store, text="attaqué Ménaka") == []  # the old sentence is gone
        assert _found(store, text="tuant six") == ["a1"]
        with store.engine.begin() as connection:
            connection.execute(delete(articles).where(articles.c.id == "a1"))
        assert _found(store, text="tuant six") == []


def test_search_fts_query_quotes_the_phrase() -> None:
    assert fts_query(("a",), 'dit "non"') == '{a} : "dit ""non"""'


def _where(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _sentence() -> Span:
    start, _ = _where("tuant")
    return Span(TEXT[start:], start, len(TEXT))


@pytest.mark.parametrize("common", [1, 10_000])
@pytest.mark.parametrize(
    ("field", "value"), [("text", "hospital"), ("text", "AFFRONTEMENTS"), ("actor", "armed group")]
)
def test_search_common_words_scan_rows_and_find_the_same_events(
    db_url: str, monkeypatch: pytest.MonkeyPatch, common: int, field: str, value: str
) -> None:
    # A word matching at least search.COMMON events is tested row by row (store/units.py);
    # either way an event of three reports is found once, by a word of any of its reports.
    from eventwire.store import search
    from tests.serve.conftest import tripoli_result
    from tests.serve.test_units import EN_TEXT, FR_TEXT, OUTLETS, _report

    monkeypatch.setattr(search, "COMMON", common)
    with Store.open(db_url) as store:
        store.save(tripoli_result())
        store.save(_report(FR_TEXT, "affrontements", "12 morts", 12, "2024-02-15", OUTLETS[1]))
        store.save(_report(EN_TEXT, "gunmen", "Ten people", 10, "2024-02-16", OUTLETS[2]))
        with store.engine.connect() as connection:
            rows = list_events(connection, EventFilter(**{field: value}), unit="event").rows
            assert search.is_common(connection, search.TEXT_COLUMNS, "Tripoli") is (
                common == 1 and connection.dialect.name == "sqlite"
            )
    assert [(r["reports"], r["fatalities"]) for r in rows] == [(3, 10)]
