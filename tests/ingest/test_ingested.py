"""The ingestion date: set once at the boundary, carried by the input or today (issue 14)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from eventwire.ingest import Overrides, read_bytes, read_paths
from eventwire.records import Article, Rejection, Result

_FORMS = "ISO 8601, e.g. 2024-02-29 or 2024-02-29T08:30:00Z"


def _jsonl(**fields: str) -> bytes:
    return json.dumps({"text": "Des tirs ont visé un poste de police.", **fields}).encode()


@pytest.mark.parametrize(
    ("data", "overrides", "ingested"),
    [
        (_jsonl(ingested="2024-12-01"), Overrides(), "2024-12-01"),
        (_jsonl(ingested="2024-12-01T23:10:00Z"), Overrides(), "2024-12-01"),
        (_jsonl(ingested="2024-12-01"), Overrides(ingested="2025-03-04"), "2024-12-01"),
        (_jsonl(), Overrides(ingested="2025-03-04"), "2025-03-04"),
        (b"Titre\n\nCorps du texte.", Overrides(ingested="2025-03-04"), "2025-03-04"),
    ],
)
def test_ingested_comes_from_the_input_else_the_overrides(
    data: bytes, overrides: Overrides, ingested: str
) -> None:
    (article,) = read_bytes(data, origin="in.jsonl", overrides=overrides)
    assert isinstance(article, Article) and article.ingested == ingested


def test_ingested_defaults_to_today_in_utc(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Titre\n\nCorps du texte.")
    before = datetime.now(UTC).date().isoformat()
    (article,) = read_paths([path])
    after = datetime.now(UTC).date().isoformat()
    assert isinstance(article, Article) and article.ingested in {before, after}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            "2024-13-01",
            "'2024-13-01' is not a date (month must be in 1..12); expected " + _FORMS,
        ),
        (
            "hier",
            "'hier' is not a date; expected " + _FORMS,
        ),
    ],
)
def test_ingested_that_is_no_date_rejects_the_line(
    tmp_path: Path, value: str, problem: str
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_jsonl(ingested="2024-12-01") + b"\n" + _jsonl(ingested=value) + b"\n")
    first, second = read_paths([path])
    assert isinstance(first, Article)
    assert second == Rejection(f"{path}:2", f"field 'ingested': {problem}")


def test_ingested_given_to_make_article_is_checked_too() -> None:
    from eventwire.errors import InputError
    from eventwire.ingest import make_article

    with pytest.raises(InputError, match="^api: field 'ingested': 'demain' is not a date"):
        make_article({"text": "Corps du texte."}, origin="api", max_chars=100, ingested="demain")


def test_ingested_is_in_the_output_and_the_output_is_valid(schema: dict) -> None:
    article = Article(id="a", text="Corps du texte.", language="fr", ingested="2024-12-01")
    output = Result(article).to_dict()
    jsonschema.validate(output, schema)
    assert output["article"]["ingested"] == "2024-12-01"
