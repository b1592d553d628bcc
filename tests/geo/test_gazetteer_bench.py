"""``eventwire bench gazetteer``'s figures: what an uncached lookup costs, part by part."""

from __future__ import annotations

from eventwire_bench.gazetteer import breakdown_figures, lookup_figures


def test_breakdown_times_the_name_key_and_the_query_per_call(default_gazetteer_path):
    figures = breakdown_figures(default_gazetteer_path, seconds=0.05)
    assert [f.unit for f in figures] == ["µs/call", "µs/call"]
    assert [f.name.split(": ")[1] for f in figures] == ["name key alone", "SQLite query alone"]
    assert all(0 < f.value < 10_000 for f in figures)


def test_lookup_figures_say_uncached_and_cached(default_gazetteer_path):
    names = [f.name for f in lookup_figures(default_gazetteer_path, seconds=0.05)]
    assert names[:2] == ["exact/key lookups, uncached", "fuzzy lookups, uncached"]
    assert "exact/key lookups, cached" in names
