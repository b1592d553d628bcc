"""Write a gazetteer file atomically: work on a side file, rename it into place (issue 4).

A crash leaves the target untouched; the side file ``<target>.importing`` keeps the rows
committed so far, and the next import of the same files resumes from there.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import GazetteerError
from eventwire.geo.gazetteer import FORMAT_VERSION, SCHEMA, bare_name, fuzzy_block
from eventwire.geo.names import NAME_KEY_VERSION, name_key

__all__ = ["GazetteerWriter", "PlaceRow", "keep_name", "writing"]

_WORK_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_units (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL, admin1 TEXT, admin2 TEXT, population INTEGER,
    lat REAL, lon REAL
);
CREATE TABLE IF NOT EXISTS import_progress (source TEXT PRIMARY KEY, line INTEGER NOT NULL);
"""
# Unicode blocks whose names are useful for French/English news: Latin (with IPA and
# modifier letters for ʿ ʾ) and Arabic. Other scripts only bloat the index.
_OTHER_SCRIPT = re.compile(
    "[^\u0000-\u036f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u1e00-\u1eff\u2000-\u206f"
    "\ufb50-\ufdff\ufe70-\ufeff]"
)


def keep_name(name: str) -> bool:
    """Whether an alternate name is kept: Latin or Arabic script, not empty, not huge."""
    if not name or len(name) > 120:
        return False
    if name.isascii():
        return True
    return _OTHER_SCRIPT.search(name) is None


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place as stored: the GeoNames columns eventwire uses."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    population: int


class GazetteerWriter:
    """Adds places, names and countries to an open gazetteer work file."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection
        self._key = functools.lru_cache(maxsize=262_144)(name_key)
        self._bare = functools.lru_cache(maxsize=262_144)(bare_name)

    def add_place(self, place: PlaceRow) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                place.geonameid,
                place.name,
                place.lat,
                place.lon,
                place.feature_class,
                place.feature_code,
                place.country_code,
                place.admin1,
                place.admin2,
                place.population,
            ),
        )

    def add_places(self, places: Iterable[PlaceRow]) -> None:
        for place in places:
            self.add_place(place)

    def add_names(self, geonameid: int, names: Iterable[str]) -> None:
        rows = []
        for name in names:
            name = name.strip()
            key = self._key(name) if name else ""
            if key:
                rows.append((key, geonameid, name, self._bare(name)))
        self._conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", rows)

    def add_unit(
        self,
        geonameid: int,
        name: str,
        feature_code: str,
        country_code: str,
        admin1: str | None = None,
        admin2: str | None = None,
        population: int | None = None,
        *,
        point: tuple[float, float] | None = None,
    ) -> None:
        """An admin unit or country known by code; placed at ``finish`` (see there).

        ``point`` is its (lat, lon) where a source gives one; otherwise ``finish`` derives it.
        """
        lat, lon = point if point is not None else (None, None)
        self._conn.execute(
            "INSERT OR REPLACE INTO pending_units VALUES (?,?,?,?,?,?,?,?,?)",
            (geonameid, name, feature_code, country_code, admin1, admin2, population, lat, lon),
        )

    def set_country(self, country_code: str, geonameid: int) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO countries VALUES (?, ?)", (country_code.upper(), geonameid)
        )

    def set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def resume_line(self, source: str) -> int:
        row = self._conn.execute(
            "SELECT line FROM import_progress WHERE source = ?", (source,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def checkpoint(self, source: str, line: int) -> None:
        """Commit what was added so far and remember that ``source`` is done up to ``line``."""
        self._conn.execute("INSERT OR REPLACE INTO import_progress VALUES (?, ?)", (source, line))
        self._conn.commit()

    def finish(self) -> int:
        """Place pending units, drop orphans, rebuild the fuzzy blocks; return units skipped.

        A unit known by code only (from admin1CodesASCII, admin2Codes, countryInfo or the
        bundled subdivision list) is placed at the ``point`` it was given, else at the middle
        of the bounding box of the populated places (feature class P) inside it, with their
        summed population unless it has its own. The box middle lies close to where GeoNames
        puts a unit (its geographic centre); a population-weighted centroid is pulled towards
        the big cities (the US would sit 560 km off). An ADM2 without places falls back to
        its ADM1's point. Units with neither are left out.
        """
        c = self._conn
        box = "(MIN(p.lat) + MAX(p.lat)) / 2, (MIN(p.lon) + MAX(p.lon)) / 2"
        c.execute(
            "INSERT OR IGNORE INTO places SELECT u.geonameid, u.name, u.lat, u.lon, 'A', "
            "u.feature_code, u.country_code, u.admin1, u.admin2, COALESCE(u.population, 0) "
            "FROM pending_units u WHERE u.lat IS NOT NULL AND u.lon IS NOT NULL"
        )
        c.execute(
            f"INSERT OR IGNORE INTO places SELECT u.geonameid, u.name, {box}, 'A', "
            "u.feature_code, u.country_code, NULL, NULL, COALESCE(u.population, SUM(p.population)) "
            "FROM pending_units u JOIN places p ON p.country_code = u.country_code "
            "AND p.feature_class = 'P' WHERE u.admin1 IS NULL GROUP BY u.geonameid"
        )
        c.execute(
            f"INSERT OR IGNORE INTO places SELECT u.geonameid, u.name, {box}, 'A', "
            "u.feature_code, u.country_code, u.admin1, u.admin2, "
            "COALESCE(u.population, SUM(p.population)) FROM pending_units u JOIN places p "
            "ON p.country_code = u.country_code AND p.admin1 = u.admin1 AND p.feature_class = 'P' "
            "WHERE u.admin1 IS NOT NULL AND (u.admin2 IS NULL OR p.admin2 = u.admin2) "
            "GROUP BY u.geonameid"
        )
        c.execute(
            "INSERT OR IGNORE INTO places SELECT u.geonameid, u.name, a.lat, a.lon, 'A', "
            "u.feature_code, u.country_code, u.admin1, u.admin2, COALESCE(u.population, 0) "
            "FROM pending_units u JOIN places a ON a.country_code = u.country_code "
            "AND a.admin1 = u.admin1 AND a.feature_code = 'ADM1' WHERE u.admin2 IS NOT NULL"
        )
        skipped = c.execute(
            "SELECT COUNT(*) FROM pending_units WHERE geonameid NOT IN "
            "(SELECT geonameid FROM places)"
        ).fetchone()[0]
        c.execute("DELETE FROM pending_units")
        c.execute("DELETE FROM import_progress")
        c.execute("DELETE FROM names WHERE geonameid NOT IN (SELECT geonameid FROM places)")
        c.execute("DELETE FROM countries WHERE geonameid NOT IN (SELECT geonameid FROM places)")
        c.execute("DELETE FROM fuzzy")
        c.create_function("fuzzy_block", 1, fuzzy_block, deterministic=True)
        c.execute(
            "INSERT OR IGNORE INTO fuzzy SELECT DISTINCT fuzzy_block(key), key FROM names "
            "WHERE length(key) >= 3"
        )
        self.set_meta("format", FORMAT_VERSION)
        self.set_meta("name_key", NAME_KEY_VERSION)
        return int(skipped)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level="DEFERRED")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -65536")
    conn.executescript(SCHEMA + _WORK_SCHEMA)
    return conn


@contextmanager
def writing(into: Path, *, fresh: bool = False) -> Iterator[GazetteerWriter]:
    """Open a writer on a side file of ``into``; on success rename it over ``into``.

    ``fresh`` starts from an empty file (a build); otherwise the side file starts as a copy
    of ``into`` (an import adds to it), or resumes an earlier interrupted import.
    On error the side file is kept for resuming (or removed when ``fresh``).
    """
    into = Path(into)
    into.parent.mkdir(parents=True, exist_ok=True)
    # A build writes to a file of its own (pid-suffixed): two processes building the default at
    # once must not delete each other's work; the last rename wins and both results are equal.
    work = into.with_name(into.name + (f".building-{os.getpid()}" if fresh else ".importing"))
    if fresh:
        _remove(work)
    elif not work.exists() and into.exists():
        shutil.copyfile(into, work)
    try:
        conn = _connect(work)
    except sqlite3.DatabaseError as err:
        raise GazetteerError(
            f"{work}: cannot write gazetteer ({err}); delete it and retry"
        ) from None
    writer = GazetteerWriter(conn)
    try:
        yield writer
        writer.finish()
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("ANALYZE")
        conn.commit()
    except BaseException:
        conn.rollback()  # back to the last checkpoint; re-adding rows is idempotent
        conn.close()
        if fresh:
            _remove(work)
        raise
    conn.close()
    os.replace(work, into)


def _remove(work: Path) -> None:
    for path in (work, Path(f"{work}-wal"), Path(f"{work}-shm"), Path(f"{work}-journal")):
        path.unlink(missing_ok=True)
