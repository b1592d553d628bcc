"""`eventwire bench watch` runs its local feed server and reports the CPU share per cycle."""

from __future__ import annotations

from eventwire_bench.watch import bench_watch


def test_bench_watch_polls_every_source_and_finds_nothing_new() -> None:
    figures = bench_watch(sources=6, items=4, workers=2, idle_s=0.5)
    assert [f.name.split(" (")[0] for f in figures[:3]] == [
        "first poll",
        "conditional poll",
        "no validators",
    ]
    assert all(f.sources == 6 and f.failed == 0 for f in figures[:3])
    assert all(0 <= f.core_share < 0.2 for f in figures)
    assert figures[1].line().startswith("conditional poll (304)")
