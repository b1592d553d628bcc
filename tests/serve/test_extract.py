"""POST /api/extract with the real, full pipeline (``load_pipeline``), built lazily on the first
call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

pytestmark = pytest.mark.slow  # shares the session's full pipeline (~15-25 s to load, once)

WIRE = (
    "Des affrontements entre l'armée syrienne et des combattants de Daech ont fait 12 morts "
    "près de Deir ez-Zor le 3 mars 2019, selon l'Observatoire syrien des droits de l'homme."
)


def test_extract_loads_pipeline_lazily_and_returns_schema_object(
    write_server: Any, schema: dict[str, Any], token: str
) -> None:
    assert write_server.app.state.pipeline.loaded is False  # nothing loaded at startup
    with write_server.client(headers={"authorization": f"Bearer {token}"}) as http:
        response = http.post(
            "/api/extract", json={"text": WIRE, "published": "2019-03-04", "source": "Test"}
        )
    assert response.status_code == 200, response.text
    body = response.json()
    jsonschema.validate(body, schema)
    assert write_server.app.state.pipeline.loaded is True
    assert body["article"]["text"] == WIRE
    assert (body["article"]["language"], body["article"]["published"]) == ("fr", "2019-03-04")
    assert "x-eventwire-stored" not in response.headers
    # What the wire says: 12 killed near Deir ez-Zor (Syria) on 3 March 2019, per the OSDH.
    text = body["article"]["text"]
    killing = [e for e in body["events"] if e["fatalities"] == 12]
    assert len(killing) >= 1, body["events"]
    event = killing[0]
    assert event["date"] == "2019-03-03"
    assert event["location"] is not None and event["location"]["text"] == "Deir ez-Zor"
    assert event["location"]["country_code"] == "SY"
    assert any("Observatoire syrien" in a["name"] for a in event["attribution"]), event[
        "attribution"
    ]
    assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]
    assert "12 morts" in text[event["sentence"]["start"] : event["sentence"]["end"]]


def test_extract_html_uses_main_text(write_server: Any, schema: dict[str, Any], token: str) -> None:
    html = (
        "<html><head><title>Dépêche</title><script>var x=1;</script></head>"
        f"<body><nav>Menu</nav><article><p>{WIRE}</p></article></body></html>"
    )
    with write_server.client(headers={"authorization": f"Bearer {token}"}) as http:
        body = http.post("/api/extract", json={"html": html, "language": "fr"}).json()
    jsonschema.validate(body, schema)
    assert "var x" not in body["article"]["text"] and "Deir ez-Zor" in body["article"]["text"]


def test_extract_store_with_token_saves_once(write_server: Any, token: str) -> None:
    text = "Seed: " + Path(__file__).name + ". " + WIRE
    auth = {"authorization": f"Bearer {token}"}
    with write_server.client() as http:
        first = http.post("/api/extract?store=true", json={"text": text}, headers=auth)
        again = http.post("/api/extract?store=true", json={"text": text}, headers=auth)
        article_id = first.json()["article"]["id"]
        stored = http.get(f"/api/articles/{article_id}")
    assert first.status_code == 200 and first.headers["x-eventwire-stored"] == "stored"
    assert again.headers["x-eventwire-stored"] == "unchanged"
    assert stored.status_code == 200 and stored.json()["article"]["text"] == text


def test_extract_seed_article(
    write_server: Any, sample_path: Path, schema: dict[str, Any], token: str
) -> None:
    text = sample_path.read_text(encoding="utf-8")
    with write_server.client(headers={"authorization": f"Bearer {token}"}) as http:
        body = http.post("/api/extract", json={"text": text}).json()
    jsonschema.validate(body, schema)
    assert body["article"]["language"] == "fr"
    for place in body["places"]:
        assert text[place["start"] : place["end"]] == place["text"]
    # The seed article: Syria is named and resolved; the missile strike killed 13.
    assert any(p["text"] == "Syrie" and p["country_code"] == "SY" for p in body["places"])
    assert any(e["fatalities"] == 13 for e in body["events"])
    assert any(e["date"] == "2018-11-11" for e in body["events"])  # "le dimanche 11 novembre"
