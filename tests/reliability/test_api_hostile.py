"""Hostile requests against a live server: SQL injection, absurd paging and boxes, path
traversal, slow clients; never a 500, never a trace, never a changed database."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from eventwire.cli.bench_api import serving
from eventwire.store.repository import Store
from eventwire.store.tables import metadata
from eventwire_bench.synthetic import populate
from tests.serve.security import FILTERS

INJECTIONS = (
    "' OR '1'='1",
    "' OR 1=1 --",
    "'; DROP TABLE events; --",
    "1; DELETE FROM articles",
    '" OR ""="',
    "%' OR 1=1 --",
    "' UNION SELECT name, sql FROM sqlite_master --",
    "') ; UPDATE events SET fatalities = 999999; --",
    "SY' OR country_code LIKE '%",
    "\\'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "events.db"
    with Store.open(db) as store:
        populate(store.engine, events=2000, seed=3)
    return db


@pytest.fixture(scope="module")
def base_url(hostile_db: Path) -> Iterator[str]:
    with serving(hostile_db) as url:
        yield url


def _checksum(db: Path) -> tuple[dict[str, int], str]:
    """Row counts and a SHA-256 over every row of every table, in primary-key order."""
    digest = hashlib.sha256()
    counts = {}
    with Store.open(db) as store, store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            counts[table.name] = len(rows)
            for row in rows:
                digest.update(repr(tuple(row)).encode())
    return counts, digest.hexdigest()


def _assert_clean(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.request.url, response.text[:300])
    body = response.text
    for trace in ("Traceback", 'File "/', "sqlalchemy", "sqlite3.", "OperationalError"):
        assert trace not in body, (response.request.url, body[:300])
    if response.status_code >= 400:
        payload = response.json()
        assert (
            payload["ok"] is False
            and payload["status"] == response.status_code
            and payload["error"]
        )


@pytest.mark.slow
def test_api_hostile_sql_injection_in_every_filter_changes_nothing(
    base_url: str, hostile_db: Path
) -> None:
    before = _checksum(hostile_db)
    assert before[0]["events"] == 2000
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for name in FILTERS:
            for payload in INJECTIONS:
                for path in ("/api/events", "/api/stats"):
                    _assert_clean(client.get(path, params={name: payload}))
    assert _checksum(hostile_db) == before
    assert not Path("/tmp/pwn.db").exists()


@pytest.mark.parametrize(
    "name", ["actor", "q", "source", "event_type", "country", "sub_event_type"]
)
def test_api_hostile_injected_text_matches_literally(base_url: str, name: str) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        assert (
            client.get("/api/events", params={"limit": 5}).json()["count"] == 5
        )  # the data is there
        for payload in (*INJECTIONS, "%", "_", "%%", "\\"):
            response = client.get("/api/events", params={name: payload, "limit": 5})
            if response.status_code == 200:
                assert response.json()["count"] == 0, (name, payload)
            else:
                assert response.status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "-1"},
        {"limit": str(10**12)},
        {"limit": "1e3"},
        {"limit": "abc"},
        {"limit": "501"},
        {"min_fatalities": str(10**30)},
        {"min_fatalities": "-5"},
        {"min_fatalities": "nan"},
        {"cursor": "x" * 399},
        {"cursor": "x" * 5000},
        {"cursor": "!!!"},
        {"cursor": "W10"},
        {"cursor": "WyItZGF0ZSIsMWU0MDAsIngiXQ"},
        {"cursor": "WyItZGF0ZSIsbnVsbCxudWxsXQ"},
        {"bbox": "1e400,0,1,1"},
        {"bbox": "nan,nan,nan,nan"},
        {"bbox": "-181,-91,181,91"},
        {"bbox": "0,0,0"},
        {"bbox": "0,0,0,0,0"},
        {"bbox": "a,b,c,d"},
        {"bbox": ",,,"},
        {"bbox": "9" * 5000},
        {"bbox": "10,50,-10,-50"},
        {"from": "2024-02-31"},
        {"from": "31 février"},
        {"to": "9999999-01-01"},
        {"sort": "id; DROP TABLE events"},
        {"format": "../../etc/passwd"},
        {"modality": "asserted' --"},
        {"country": "S" * 10_000},
    ],
)
def test_api_hostile_absurd_paging_and_boxes_are_4xx(base_url: str, params: dict[str, str]) -> None:
    response = httpx.get(f"{base_url}/api/events", params=params, timeout=30)
    _assert_clean(response)
    assert response.status_code in (200, 400, 414, 422, 431), response.status_code


def test_api_hostile_valid_extremes_answer_200(base_url: str) -> None:
    for params in (
        {"limit": "500"},
        {"bbox": "-180,-90,180,90"},
        {"bbox": "170,-10,-170,10"},
        {"min_fatalities": "0", "sort": "-fatalities"},
        {"from": "0001-01-01", "to": "9999-12-31"},
    ):
        response = httpx.get(f"{base_url}/api/events", params=params, timeout=30)
        assert response.status_code == 200, (params, response.text[:200])


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/events/../../../etc/passwd",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/articles/x%00y",
        "/api/events/" + "a" * 5000,
        "/api/events/%27%20OR%20%271%27%3D%271",
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/api/articles/%ff%fe",
        "/api/events/1:1:1",
        "/api/events/%E2%80%AE",
    ],
)
def test_api_hostile_path_traversal_in_ids_is_404(base_url: str, path: str) -> None:
    with socket.create_connection(
        ("127.0.0.1", int(base_url.rsplit(":", 1)[1])), timeout=10
    ) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    assert status in (400, 404, 414, 422), (path, head[:200])
    assert b"root:" not in body and b"Traceback" not in body


def test_api_hostile_slow_client_does_not_block_others(base_url: str) -> None:
    port = int(base_url.rsplit(":", 1)[1])
    request = (
        b"GET /api/events?limit=1 HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 40 + b"\r\n\r\n"
    )
    stop = threading.Event()

    def trickle() -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            for byte in request:
                if stop.is_set():
                    return
                sock.sendall(bytes([byte]))
                time.sleep(0.05)

    slow = [threading.Thread(target=trickle, daemon=True) for _ in range(5)]
    for thread in slow:
        thread.start()
    try:
        time.sleep(0.3)
        with httpx.Client(base_url=base_url, timeout=10) as client:
            for _ in range(10):
                began = time.monotonic()
                assert client.get("/api/events", params={"limit": 5}).status_code == 200
                assert time.monotonic() - began < 3
        assert any(thread.is_alive() for thread in slow)  # they were still trickling meanwhile
    finally:
        stop.set()
        for thread in slow:
            thread.join(timeout=10)
