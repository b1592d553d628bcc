"""``/api/stats`` and ``/api/markers`` answers kept until the store changes
(serve/answer_cache.py).

The counts are checked against figures worked out by hand after each write made by another
connection than the server's (as ``eventwire run`` beside ``eventwire serve``), on SQLite
and PostgreSQL: a kept answer never outlives the rows it counted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.serve.answer_cache import AnswerCache
from eventwire.store.dedup_tables import dedup_store
from eventwire.store.repository import Store
from tests.serve.conftest import LiveServer, serve_db
from tests.store.test_unit_counts import ALEPPO, GAO, HOMS, _report


@pytest.fixture(params=["sqlite", "postgresql"])
def counted(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, LiveServer]]:
    """A live server over a database holding one strike on Aleppo (13 killed)."""
    db = str(tmp_path / "events.db")
    if request.param == "postgresql":
        db = request.getfixturevalue("db_url_postgres")
    with Store.open(db) as store:
        store.save(_report("s1", "Agence A", (ALEPPO, 13)))
    for server in serve_db(db):
        yield db, server


def _figures(server: LiveServer, **params: Any) -> tuple[int, int, int]:
    """(events, killed, reports) of the counts, checked against the markers' events."""
    with server.client() as http:
        got = http.get("/api/stats", params=params).json()
        marked = http.get("/api/markers", params=params).json()
    assert marked["count"] == got["events"], (marked, got)
    killed = marked["columns"].index("fatalities")
    assert sum(row[killed] or 0 for row in marked["rows"]) == got["fatalities"]
    return got["events"], got["fatalities"], got["reports"]


def test_stats_and_markers_follow_every_write_of_another_connection(
    counted: tuple[str, LiveServer],
) -> None:
    db, server = counted
    assert _figures(server) == (1, 13, 1)
    assert _figures(server) == (1, 13, 1)
    assert len(server.app.state.answers) == 2  # asked twice, counted (and marked) once
    with Store.open(db) as store:
        store.save(_report("s2", "Journal B", (GAO, 4)))
    assert _figures(server) == (2, 13 + 4, 2)
    with Store.open(db) as store:  # a planned strike happened nowhere: no count changes
        store.save(_report("s3", "Radio C", (HOMS, 50), modality="planned"))
    assert _figures(server) == (2, 17, 2)
    with Store.open(db) as store:  # a second report of Aleppo: best estimate 11, not 24
        store.save(_report("s4", "Radio C", (ALEPPO, 11)))
        dedup_store(store)
    assert _figures(server) == (2, 11 + 4, 3)
    assert _figures(server, country="SY") == (1, 11, 2)
    with Store.open(db) as store:  # Gao withdrawn
        store.save(_report("s2", "Journal B"), reprocess=True)
    assert _figures(server) == (1, 11, 2)


def test_answer_cache_keeps_the_most_recently_used_answers() -> None:
    cache = AnswerCache(size=2)
    calls: list[str] = []

    def answer(key: str) -> dict[str, Any]:
        calls.append(key)
        return {"key": key}

    for key in ("a", "b", "a", "c", "b", "a"):
        assert cache.get(key, lambda key=key: answer(key)) == {"key": key}
    # "a" used again before "c" came, so "b" went first; then "b" pushed "a" out.
    assert calls == ["a", "b", "c", "b", "a"]
    assert len(cache) == 2


def test_answer_cache_of_size_zero_keeps_nothing() -> None:
    cache = AnswerCache(size=0)
    calls: list[int] = []
    for _ in range(3):
        cache.get("k", lambda: calls.append(1) or {})
    assert len(calls) == 3 and len(cache) == 0


def test_answer_cache_computes_a_key_asked_together_once() -> None:
    cache = AnswerCache(size=4)
    calls: list[int] = []

    def slow() -> dict[str, Any]:
        calls.append(1)
        time.sleep(0.2)
        return {"n": 1}

    threads = [threading.Thread(target=cache.get, args=("k", slow)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
