"""The real development set's loader, on an invented article, and the committed annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import EvaluationError
from eventwire.evaluate.realdev import (
    REALDEV,
    find_shared,
    load_realdev,
    review_counts,
    sentence_span,
    sha256_text,
)

REPO = Path(__file__).resolve().parents[2]
TEXT = (
    "Des hommes armés ont attaqué mardi le village de Tinkar, près de Gao. "
    "Trois civils ont été tués, a indiqué un élu local.\n"
    "Depuis janvier, plus de 90 personnes ont été tuées dans la région de Gao."
)


def _shared(tmp_path: Path, text: str = TEXT) -> Path:
    folder = tmp_path / "shared" / "data" / "realnews"
    folder.mkdir(parents=True)
    row = {
        "id": "rn-fr-9999",
        "language": "fr",
        "title": "t",
        "text": text,
        "published": "2024-03-06",
        "source": "Invented",
        "url": None,
    }
    (folder / "articles.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return tmp_path / "shared"


def _gold(tmp_path: Path, body: str, sha: str | None = None) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir(exist_ok=True)
    (gold / "rn-fr-9999.yaml").write_text(
        f"id: rn-fr-9999\nsha256: {sha or sha256_text(TEXT)}\n{body}", encoding="utf-8"
    )
    return gold


EVENT = """events:
  - event_type: Violence against civilians
    sub_event_type: Attack
    actor1: {name: Unidentified Armed Group (Mali), aliases: [hommes armés]}
    actor2: {name: Civilians (Mali), aliases: [civils]}
    location: {text: Tinkar, geonameid: null, lat: 16.3, lon: -0.1, precision: 1}
    date: 2024-03-05
    fatalities: 3
    injured: null
    attribution: [élu local]
    modality: claimed
    evidence: "ont attaqué mardi le village de Tinkar"
toponyms:
  - {text: Gao, occurrences: all, geonameid: 2457163, lat: 16.27, lon: -0.04, kind: town}
  - {text: Tinkar, geonameid: null, lat: 16.3, lon: -0.1, kind: town}
non_events:
  - {quote: "plus de 90 personnes", why: cumulative}
"""


def test_quotes_become_offsets_of_the_shared_text(tmp_path):
    gold, rows = load_realdev(_gold(tmp_path, EVENT), _shared(tmp_path))
    entry = gold["articles"]["rn-fr-9999"]
    assert [TEXT[t["start"] : t["end"]] for t in entry["toponyms"]] == ["Tinkar", "Gao", "Gao"]
    location = entry["events"][0]["location"]
    assert TEXT[location["start"] : location["end"]] == "Tinkar"
    (non_event,) = entry["non_events"]
    assert TEXT[non_event["start"] : non_event["end"]].startswith("Depuis janvier")
    assert TEXT[non_event["start"] : non_event["end"]].endswith("région de Gao.")
    assert rows[0]["id"] == "rn-fr-9999"


@pytest.mark.parametrize(
    ("body", "sha", "message"),
    [
        (EVENT, "0" * 64, "sha256 does not match"),
        (
            EVENT.replace("plus de 90 personnes", "plus de 95 personnes"),
            None,
            "not found in the text",
        ),
        (
            EVENT.replace('"plus de 90 personnes"', '"' + " ".join(["mot"] * 13) + '"'),
            None,
            "longer than 12",
        ),
        (
            EVENT.replace("sub_event_type: Attack", "sub_event_type: Armed clash"),
            None,
            "belongs to 'Battles'",
        ),
        (
            EVENT.replace("{text: Tinkar, geonameid", "{text: Tinkar, occurrence: 1, geonameid"),
            None,
            "occurs 1 times",
        ),
        (EVENT.replace("fatalities: 3", "fatalities: [5, 2]"), None, "[low, high]"),
        (EVENT.replace("date: 2024-03-05", "date: 2024-02-30"), None, "day is out of range"),
    ],
)
def test_a_broken_annotation_names_the_file_and_the_problem(tmp_path, body, sha, message):
    with pytest.raises(EvaluationError, match="rn-fr-9999.yaml") as err:
        load_realdev(_gold(tmp_path, body, sha), _shared(tmp_path))
    assert message in str(err.value)


def test_missing_shared_folder_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_SHARED", str(tmp_path / "nowhere"))
    with pytest.raises(EvaluationError, match="real articles .* were not found"):
        find_shared()


def test_sentence_span_stops_at_sentence_ends_and_line_breaks():
    text = "Un. Deux trois. Quatre\nCinq."
    assert text[slice(*sentence_span(text, 5, 8))] == "Deux trois."
    assert text[slice(*sentence_span(text, 16, 19))] == "Quatre\n"


def test_the_committed_annotations_all_load_against_shared(shared):
    gold, rows = load_realdev(REPO / REALDEV / "gold", shared)
    counts = review_counts(REPO / REALDEV / "gold")
    assert counts["files"] == len(gold["articles"]) == len(rows)
    assert all(row["text"] for row in rows)
