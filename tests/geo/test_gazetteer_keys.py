"""Exact and key matches on a hand-made gazetteer: one candidate per place, its best name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventwire.geo.gazetteer import FORMAT_VERSION, SCHEMA, Gazetteer, _bare
from eventwire.geo.names import fold, name_key

# Invented places. Place 1 is filed under "Qarvela" and two spellings with the same key;
# place 2 only under spellings that share the key; place 3 has a two-letter key.
_PLACES = [
    (1, "Qarvela", 10.0, 20.0, "P", "PPLA", "ZZ", "01", None, 50_000),
    (2, "Karvela Hills", 11.0, 21.0, "P", "PPL", "YY", "02", None, 900),
    (3, "Ka", 12.0, 22.0, "P", "PPL", "ZZ", "03", None, 10),
]
_NAMES = [
    (1, "Qarvela"),
    (1, "Qarvelah"),
    (1, "Karvela"),
    (2, "Qarvelah"),
    (2, "Karvelah"),
    (3, "Ka"),
]


def _gazetteer(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "tiny.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA)
        conn.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT_VERSION,))
        conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 10)})", _PLACES)
        conn.executemany(
            "INSERT INTO names VALUES (?, ?, ?, ?)",
            [(name_key(n), gid, n, _bare(fold(n))) for gid, n in _NAMES],
        )
    return Gazetteer.open(path, cache_size=0)


def test_one_candidate_per_place_exact_beats_key_and_the_smallest_name_is_kept(tmp_path):
    with _gazetteer(tmp_path) as gaz:
        found = gaz.candidates("Qarvéla", fuzzy=False)
    # Place 1: "Qarvela" is exact (fold drops the accent); place 2: only key matches, of
    # which "Karvelah" sorts before "Qarvelah".
    assert [(c.geonameid, c.match, c.matched_name) for c in found] == [
        (1, "exact", "Qarvela"),
        (2, "key", "Karvelah"),
    ]
    assert found[1].score == 0.85


def test_countries_filter_and_a_short_key_matches_exactly_only(tmp_path):
    with _gazetteer(tmp_path) as gaz:
        assert [c.geonameid for c in gaz.candidates("Karvela", countries={"YY"})] == [2]
        assert [c.match for c in gaz.candidates("Ka", fuzzy=False)] == ["exact"]
        assert gaz.candidates("Kaa", fuzzy=False) == []  # same key "ka", not exact, too short
