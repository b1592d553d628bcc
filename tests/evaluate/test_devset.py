"""The authored events dev set: built files up to date, every span on the text, valid input."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventwire.evaluate.events import load_gold
from eventwire.ingest import read_paths
from eventwire.records import Article

DEVSET = Path(__file__).resolve().parents[2] / "evaluation" / "devset"
MODALITIES = {"asserted", "claimed", "denied", "planned", "hypothetical"}


@pytest.fixture(scope="module")
def build_module():
    spec = importlib.util.spec_from_file_location("devset_build", DEVSET / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def articles():
    lines = (DEVSET / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return {a["id"]: a for a in map(json.loads, lines)}


@pytest.fixture(scope="module")
def gold():
    return load_gold(DEVSET / "gold.json")["articles"]


def test_devset_built_files_match_the_sources(build_module):
    jsonl, gold_text = build_module.render(*build_module.build())
    assert (DEVSET / "articles.jsonl").read_text(encoding="utf-8") == jsonl
    assert (DEVSET / "gold.json").read_text(encoding="utf-8") == gold_text


def test_devset_has_enough_articles_per_language(articles, gold):
    assert set(articles) == set(gold)
    for language in ("fr", "en"):
        assert sum(a["language"] == language for a in articles.values()) >= 15


def test_devset_every_span_matches_the_text(articles, gold):
    for article_id, entry in gold.items():
        text = articles[article_id]["text"]
        spans = entry["toponyms"] + entry["non_events"]
        spans += [e["location"] for e in entry["events"] if e["location"] is not None]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"], (article_id, span)


def test_devset_event_fields_are_well_formed(gold):
    for article_id, entry in gold.items():
        for event in entry["events"]:
            assert event["modality"] in MODALITIES, article_id
            assert event["fatalities"] is None or isinstance(event["fatalities"], int)
            assert all(isinstance(a, str) for a in event["attribution"])
            if event["location"] is not None:
                assert event["location"] in entry["toponyms"], article_id


def test_devset_articles_read_unchanged_as_jsonl_input(articles):
    read = list(read_paths([DEVSET / "articles.jsonl"]))
    assert all(isinstance(item, Article) for item in read), [
        i for i in read if not isinstance(i, Article)
    ]
    assert [a.id for a in read] == list(articles)
    for article in read:
        expected = articles[article.id]
        assert article.text == expected["text"]  # offsets stay valid after ingest cleaning
        assert (article.language, article.published) == (
            expected["language"],
            expected["published"],
        )


def test_devset_build_rejects_a_span_not_in_the_text(build_module):
    raw = {
        "id": "x",
        "language": "en",
        "published": "2024-01-01",
        "source": "s",
        "title": "t",
        "text": "word " * 90 + "in [[Goma]].",
        "events": [],
        "non_events": [{"text": "not there", "why": "test"}],
    }
    places = {"goma": {"names": ["Goma"], "geonameid": 216281, "lat": -1.67, "lon": 29.23}}
    with pytest.raises(build_module.BuildError, match="'not there'"):
        build_module.build_article(raw, places, {})


@pytest.mark.parametrize(
    "typed",
    ["Battles / Air/drone strike", "Explosions/Remote violence / Drone strike", "Air/drone strike"],
)
def test_devset_build_rejects_a_type_not_in_the_taxonomy(build_module, typed):
    # a sub-type under the wrong event type, a misspelt one, a sub-type without its type
    with pytest.raises(build_module.BuildError, match="is not an ACLED 'type / sub-type'"):
        build_module._event({"type": typed}, [], {}, "x.yaml: events[0]")


MULTIREPORT = DEVSET.parent / "multireport"


def test_multireport_built_files_match_and_locations_are_on_the_text():
    spec = importlib.util.spec_from_file_location("multireport_build", MULTIREPORT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
    texts = {
        a.id: a.text for a in read_paths([MULTIREPORT / "articles.jsonl"]) if isinstance(a, Article)
    }
    clusters = json.loads((MULTIREPORT / "clusters.json").read_text(encoding="utf-8"))["clusters"]
    assert len(texts) >= 16 and sum(len(c) >= 2 for c in clusters) >= 8
    for cluster in clusters:
        for mention in cluster:
            loc = mention["location"]
            assert texts[mention["article_id"]][loc["start"] : loc["end"]] == loc["text"]
