"""Two processes writing one SQLite database lose nothing; a reader never sees half an article."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventwire.store.repository import Store
from eventwire.store.tables import articles, attributions, events, places

WRITER = """
import json, sys
from eventwire_bench.synthetic import synthetic_results
from eventwire.store.repository import Store
db, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
outcomes = {"stored": 0, "unchanged": 0, "replaced": 0}
with Store.open(db) as store:
    for i, result in enumerate(synthetic_results(last, seed=7)):
        if i >= first:
            outcomes[store.save(result)] += 1
print(json.dumps(outcomes))
"""


def _writers(db: Path, ranges: list[tuple[int, int]]) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(a), str(b)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for a, b in ranges
    ]


def _incomplete(store: Store) -> list[str]:
    """Ids of stored articles whose child rows are not all there (each has 4 of each)."""
    with store.engine.connect() as connection:
        query = select(articles.c.id).where(
            (
                select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery()
                != 4
            )
            | (
                select(func.count()).where(places.c.article_id == articles.c.id).scalar_subquery()
                != 4
            )
            | (
                select(func.count())
                .where(attributions.c.article_id == articles.c.id)
                .scalar_subquery()
                != 4
            )
        )
        return [row[0] for row in connection.execute(query)]


@pytest.mark.slow
def test_store_concurrency_two_writers_and_a_reader(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"  # fresh: both writers also race to create the schema
    procs = _writers(db, [(0, 120), (60, 180)])
    seen_incomplete: list[str] = []
    reads = 0
    while any(p.poll() is None for p in procs):
        if db.exists():
            try:
                with Store.open(db) as reader:
                    seen_incomplete += _incomplete(reader)
                    reads += 1
            except Exception as err:  # noqa: BLE001 — the schema may be half-created by a writer on the first reads
                assert reads == 0, err
        time.sleep(0.05)
    outputs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    counts = [json.loads(out) for out, _ in outputs]
    assert sum(c["stored"] for c in counts) == 180
    assert sum(c["unchanged"] for c in counts) == 60
    assert seen_incomplete == [] and reads > 0
    with Store.open(db) as store:
        totals = store.counts()
        assert (totals["articles"], totals["events"], totals["places"]) == (180, 720, 720)
        assert _incomplete(store) == []
