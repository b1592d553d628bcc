"""Store.save writes a whole article or nothing, and survives values no column can hold."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.store.repository import Store
from eventwire_bench.synthetic import synthetic_results


def test_store_safety_huge_counts_are_dropped_with_a_warning(tmp_path: Path) -> None:
    result = next(synthetic_results(1, seed=5))
    huge = replace(result.events[0], injured=99999999999999999999999, fatalities=-3)
    with Store.open(tmp_path / "s.db") as store:
        assert store.save(replace(result, events=(huge, *result.events[1:]))) == "stored"
        back = store.result(result.article.id)
    assert back.events[0].injured is None and back.events[0].fatalities is None
    assert back.events[0].injured_evidence is None and back.events[1:] == result.events[1:]
    assert (
        "injured 99999999999999999999999 out of range (0..2,147,483,647); not stored"
        in back.warnings
    )


def test_store_safety_failed_save_leaves_nothing_of_the_article(tmp_path: Path) -> None:
    good, bad = synthetic_results(2, seed=6)
    broken = replace(
        bad, events=(*bad.events[:3], replace(bad.events[3], event_type=None))
    )  # NOT NULL
    with Store.open(tmp_path / "s.db") as store:
        store.save(good)
        with pytest.raises(StoreError, match=f"cannot store article {bad.article.id}|write failed"):
            store.save(broken)
        assert store.result(bad.article.id) is None
        assert store.counts()["events"] == 4 and store.counts()["places"] == 4
        assert store.save(bad) == "stored"
        assert store.result(bad.article.id).events == bad.events
