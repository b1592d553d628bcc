"""The sources file: what it accepts and the one-line error for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.watch.sources import Source, load_sources, parse_interval

REPO = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_load_fields_and_defaults(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sources:\n  - {name: RFI, url: 'https://x.org/rss', language: FR, country: ml,"
        " interval: 5m, tags: [sahel]}\n  - {name: B, url: 'http://y.org/feed'}\n",
    )
    assert load_sources(path) == (
        Source("RFI", "https://x.org/rss", "fr", "ML", 300.0, ("sahel",)),
        Source("B", "http://y.org/feed"),
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("- a\n", "sources.yaml: expected a mapping with a 'sources:' list, got list"),
        ("sources: []\n", "sources.yaml: expected a non-empty list under 'sources:'"),
        (
            "sources: [{url: 'https://x.org'}]\n",
            "sources.yaml: sources[0]: missing 'name' (the outlet's name, e.g. RFI Afrique)",
        ),
        (
            "sources: [{name: A, url: 'ftp://x.org'}]\n",
            (
                "sources.yaml: sources[0] (A): url 'ftp://x.org' is not an http(s) URL; "
                "expected the feed's address"
            ),
        ),
        (
            "sources: [{name: A, url: 'https://x.org', interval: 15x}]\n",
            (
                "sources.yaml: sources[0] (A): interval '15x' is not a duration; "
                "expected e.g. 15m, 1h or 300"
            ),
        ),
        (
            "sources: [{name: A, url: 'https://x.org', country: Mali}]\n",
            "sources.yaml: sources[0] (A): country 'Mali' is not an ISO 3166-1 code such as ML",
        ),
        (
            "sources: [{name: A, url: 'https://x.org', feed: x}]\n",
            (
                "sources.yaml: sources[0] (A): unknown key 'feed'; "
                "expected country, interval, language, name, tags, url"
            ),
        ),
        (
            "sources: [{name: A, url: 'https://x.org'}, {name: A, url: 'https://y.org'}]\n",
            "sources.yaml: sources[1]: duplicate name 'A'; names must be unique",
        ),
        ("sources: [{name: A, url: 'https://x.org'\n", "sources.yaml:2: invalid YAML"),
    ],
)
def test_sources_errors_name_file_and_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, error: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_sources("sources.yaml")
    assert str(caught.value).startswith(error)


@pytest.mark.parametrize(
    ("value", "seconds"), [("15m", 900), ("1h", 3600), ("30s", 30), (120, 120), ("1.5h", 5400)]
)
def test_sources_interval_parses(value: object, seconds: float) -> None:
    assert parse_interval(value) == seconds


@pytest.mark.parametrize("value", ["0m", "-5", "soon", True])
def test_sources_interval_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_interval(value)


def test_sources_example_file_is_valid() -> None:
    sources = load_sources(REPO / "examples" / "sources.yaml")
    assert len(sources) >= 8
    assert all(s.url.startswith("https://") for s in sources)


def test_sources_example_file_is_not_read_as_an_article() -> None:
    from eventwire.ingest import iter_files

    found = [p.name for p in iter_files([REPO / "examples"]) if p != "-"]
    assert "sources.yaml" not in found
    assert "feeds-sahel.xml" in found
