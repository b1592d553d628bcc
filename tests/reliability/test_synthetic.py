"""The synthetic data behind ``eventwire bench api``: real-looking, reproducible, bulk-stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.records import Span
from eventwire.store.repository import Store
from eventwire_bench.synthetic import COUNTRIES, load_cities, populate, synthetic_results
from tests.reliability.badinputs import cli_env


def _spans(result) -> list[Span]:  # type: ignore[no-untyped-def]
    out = []
    for event in result.events:
        out += [
            event.trigger,
            event.sentence,
            event.location.mention,
            event.actor1.mention,
            event.actor2.mention,
        ]
        out += [
            s for s in (event.date_evidence, event.fatalities_evidence, event.injured_evidence) if s
        ]
        out += [a.span for a in event.attribution if a.span]
    return out


def test_synthetic_spans_point_into_the_text() -> None:
    cities = load_cities()
    for result in synthetic_results(50, seed=1, cities=cities):
        for span in _spans(result):
            assert result.article.text[span.start : span.end] == span.text
        for event in result.events:
            assert event.location.country_code in COUNTRIES and event.trigger.text == "attacked"
            assert (
                event.date == event.date_evidence.text
                and "2018-01-01" <= event.date <= "2024-12-31"
            )


def test_synthetic_is_reproducible_per_seed() -> None:
    cities = load_cities()
    first = [r.article.id for r in synthetic_results(5, seed=2, cities=cities)]
    assert first == [r.article.id for r in synthetic_results(5, seed=2, cities=cities)]
    assert set(first).isdisjoint(r.article.id for r in synthetic_results(5, seed=3, cities=cities))


def test_synthetic_populate_reads_back_like_saved_results(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        assert populate(store.engine, events=40, seed=4, chunk=3) == 40
        counts = store.counts()
        assert (counts["articles"], counts["events"], counts["attributions"]) == (10, 40, 40)
        expected = {r.article.id: r for r in synthetic_results(10, seed=4)}
        for stored in store.results():
            assert stored.events == expected[stored.article.id].events


@pytest.mark.slow
def test_synthetic_bench_api_reports_every_query(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("eventwire")),
            "bench",
            "api",
            "--db",
            str(db),
            "--events",
            "2000",
            "--requests",
            "10",
            "--concurrency",
            "2",
            "--json",
        ],
        check=False,
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["events"] == 2000 and len(report["queries"]) >= 8
    for query in report["queries"]:
        assert query["requests"] == 10 and query["non_200"] == 0
        assert 0 < query["p50_ms"] <= query["p99_ms"] <= query["max_ms"] and query["per_second"] > 0
