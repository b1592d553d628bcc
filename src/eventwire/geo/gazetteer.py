"""Read-only GeoNames gazetteer in one SQLite file, shared by every process (issue 4).

The file holds ``places`` (one row per GeoNames feature), ``names`` (every name and alternate
name with its :func:`~eventwire.geo.names.name_key`), ``fuzzy`` (distinct keys blocked by
first two letters and length, for bounded fuzzy matching), ``countries`` and ``meta``.
Writers build a new file and rename it into place (``geonames_dump``), so readers open it
with ``mode=ro&immutable=1``: a rebuilt file is a new inode, an open reader keeps the old one.

>>> with open_default() as gaz:                                   # doctest: +SKIP
...     gaz.candidates("Alep", countries={"SY"})[0].name
'Aleppo'
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from rapidfuzz import fuzz, process

from eventwire.errors import GazetteerError
from eventwire.geo.names import NAME_KEY_VERSION, fold, name_key

__all__ = [
    "DEFAULT_FILENAME",
    "FORMAT_VERSION",
    "Candidate",
    "Gazetteer",
    "default_path",
    "fuzzy_block",
    "open_default",
]

FORMAT_VERSION = "gazetteer.v3"
DEFAULT_FILENAME = "gazetteer-default.v1.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, country_code TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS places_admin ON places (country_code, admin1, feature_code);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, name TEXT NOT NULL, bare TEXT NOT NULL,
    PRIMARY KEY (key, geonameid, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fuzzy (
    block TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (block, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (country_code TEXT PRIMARY KEY, geonameid INTEGER NOT NULL);
"""

Match = Literal["exact", "key", "fuzzy"]
_ARTICLES = frozenset({"al", "el", "as", "es", "ad", "ar", "at", "az", "an", "ash", "ech"})
_MATCH_RANK = {"exact": 0, "key": 1, "fuzzy": 2}
_KEY_SCORE = 0.85
_MIN_KEY_LENGTH = 3
# Fuzzy: rapidfuzz ratio 75..100 maps to score 0.425..0.85; below 80 (score < 0.51) is weak.
_FUZZY_CUTOFF = 75.0
_FUZZY_LENGTH_SLACK = 2
# Keys of the generic first words of Arabic and Maghrebi place names (Tell/Tal, Deir/Dayr,
# Ain/Ayn, Bir, Ras, Kafr, Wadi, Jabal, Khan, Beit/Bayt, Umm/Oum, Abu, Bani/Beni, Sidi, Qasr/Ksar,
# Jisr, Khirbet, Nahr, Mazraat, Qalaat, Kfar), as name_key spells them.
_GENERIC_HEADS = frozenset(
    {
        "abu",
        "bani",
        "beni",
        "bir",
        "bit",
        "dir",
        "in",
        "jabal",
        "jebel",
        "jisr",
        "kafr",
        "kalat",
        "kasr",
        "kfar",
        "khan",
        "khirbet",
        "ksar",
        "mazrat",
        "nahr",
        "ras",
        "sidi",
        "tal",
        "uadi",
        "um",
    }
)
# Importance multipliers: a country beats a town of the same name; a city beats the
# same-named governorate (news mean the city unless they say "province").
_FEATURE_WEIGHT = {
    "PCLI": 10.0,
    "PCLD": 10.0,
    "PCLF": 10.0,
    "PCLS": 10.0,
    "PCLIX": 10.0,
    "PCL": 10.0,
    "TERR": 5.0,
    "PPLC": 2.0,
    "PPLA": 1.2,
    "ADM1": 0.2,
    "ADM2": 0.1,
}
_PLACE_COLUMNS = (
    "geonameid, name, lat, lon, feature_class, feature_code, country_code, "
    "admin1, admin2, population"
)
# One row per place that has a name under the key: the place's best match, "0" + name for an
# exact one (its bare form is the query's) else "1" + name, the smallest name on ties (as
# the names index orders them). SQLite groups while it walks the index, then joins each
# place once: half the rows of joining every name (issue 16: lookups per second).
_KEY_SQL = (
    f"SELECT best, {', '.join('p.' + c for c in _PLACE_COLUMNS.split(', '))} FROM "
    "(SELECT geonameid AS gid, min((bare <> ?2) || name) AS best FROM names "
    "WHERE key = ?1 GROUP BY geonameid) JOIN places p ON p.geonameid = gid"
)


def fuzzy_block(key: str) -> str:
    """The block a key is filed under for fuzzy matching: first two letters and length."""
    return f"{key[:2]}{len(key)}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A GeoNames place that a name may refer to, with how well the name matched."""

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
    match: Match
    score: float
    matched_name: str

    @property
    def importance(self) -> float:
        """log10 of population times a feature weight; ranks candidates of equal match."""
        weight = _FEATURE_WEIGHT.get(self.feature_code, 1.0)
        return math.log10((self.population + 10) * weight)


def bare_name(name: str) -> str:
    """What an exact match compares: the folded name without a leading Arabic article."""
    return _bare(fold(name))


def _bare(folded: str) -> str:
    """A folded name without its leading Arabic article: "al soussa" and "soussa" are exact."""
    head, _, rest = folded.partition(" ")
    return rest if rest and head in _ARTICLES else folded


def _rest_agrees(key: str, other: str) -> bool:
    """Whether two keys that open on the same generic word (Tell, Deir, Ain …) agree on the rest.

    A shared generic head makes whole names look alike: "tal muzan" (Tell Mozan) scores 80
    against "tal mund" (Tel Mond, Israel) though "muzan" and "mund" score 67.
    """
    head, _, rest = key.partition(" ")
    other_head, _, other_rest = other.partition(" ")
    if not rest or head != other_head or head not in _GENERIC_HEADS:
        return True
    return fuzz.ratio(rest, other_rest) >= _FUZZY_CUTOFF


def _row_candidate(row: tuple[Any, ...], match: Match, score: float, matched: str) -> Candidate:
    return Candidate(
        geonameid=row[0],
        name=row[1],
        lat=row[2],
        lon=row[3],
        feature_class=row[4],
        feature_code=row[5],
        country_code=row[6],
        admin1=row[7],
        admin2=row[8],
        population=row[9] or 0,
        match=match,
        score=score,
        matched_name=matched,
    )


def _rank(candidate: Candidate) -> tuple[int, float, float, int]:
    return (
        _MATCH_RANK[candidate.match],
        -candidate.score,
        -candidate.importance,
        candidate.geonameid,
    )


class Gazetteer:
    """Candidate lookup over a gazetteer file; open it with :meth:`open`.

    The constructor only stores its connection; use ``Gazetteer.open(path)``.
    Instances are picklable (by path), so Spark executors reopen the shared file.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, *, cache_size: int = 65_536
    ) -> None:
        self._conn = connection
        self.path = path
        self.cache_size = cache_size
        # Per-instance memo of lookups (news repeat place names); 0 turns it off.
        self._lookup = (
            functools.lru_cache(maxsize=cache_size)(self._search) if cache_size else self._search
        )

    @classmethod
    def open(cls, path: Path, *, cache_size: int = 65_536) -> Gazetteer:
        """Open ``path`` read-only; raise GazetteerError naming the path if missing or corrupt.

        ``cache_size`` lookups are memoized per instance (0: none).
        """
        path = Path(path).expanduser().resolve()
        if not path.is_file():
            raise GazetteerError(
                f"{path}: gazetteer file not found; run `eventwire gazetteer build`"
            )
        uri = f"{path.as_uri()}?mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute("PRAGMA mmap_size = 1073741824")
            conn.execute("PRAGMA query_only = 1")
            row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError as err:
            raise GazetteerError(f"{path}: not a readable gazetteer ({err})") from None
        if row is None or row[0] != FORMAT_VERSION:
            conn.close()
            raise GazetteerError(
                f"{path}: gazetteer format {row[0] if row else 'unknown'}, expected "
                f"{FORMAT_VERSION}; rebuild it with `eventwire gazetteer build`"
            )
        return cls(conn, path, cache_size=cache_size)

    def __reduce__(self) -> tuple[Any, tuple[Path]]:
        return (Gazetteer.open, (self.path,))  # executors reopen the shared file

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the instance is unusable afterwards."""
        self._conn.close()

    def candidates(
        self,
        name: str,
        *,
        countries: Collection[str] | None = None,
        limit: int = 50,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Places ``name`` may refer to, best first: exact, then key, then fuzzy matches.

        Fuzzy matching runs only when no exact or key match exists.
        ``gaz.candidates("Mossoul")[0].name == "Mosul"``.
        """
        if limit <= 0:
            return []
        wanted = None if countries is None else frozenset(c.upper() for c in countries)
        return list(self._lookup(name, wanted, fuzzy)[:limit])

    def _search(
        self, name: str, wanted: frozenset[str] | None, fuzzy: bool
    ) -> tuple[Candidate, ...]:
        key = name_key(name)
        if not key:
            return ()
        found = self._by_key(key, _bare(fold(name)), wanted)
        if not found and fuzzy:
            found = self._fuzzy(key, wanted)
        return tuple(sorted(found.values(), key=_rank))

    def _by_key(self, key: str, folded: str, wanted: frozenset[str] | None) -> dict[int, Candidate]:
        """Exact and key matches of one key: exact when the bare folded name is ``folded``."""
        short = len(key) < _MIN_KEY_LENGTH  # a one- or two-letter key only matches exactly
        out: dict[int, Candidate] = {}
        for best, *place in self._conn.execute(_KEY_SQL, (key, folded)):
            exact = best[0] == "0"
            if (short and not exact) or (wanted is not None and place[6] not in wanted):
                continue
            if exact:
                out[place[0]] = _row_candidate(place, "exact", 1.0, best[1:])
            else:
                out[place[0]] = _row_candidate(place, "key", _KEY_SCORE, best[1:])
        return out

    def _by_keys(
        self,
        keys: list[str],
        folded: str | None,
        wanted: frozenset[str] | None,
        scores: dict[str, float] | None = None,
    ) -> dict[int, Candidate]:
        marks = ",".join("?" * len(keys))
        columns = ", ".join("p." + c for c in _PLACE_COLUMNS.split(", "))
        rows = self._conn.execute(
            f"SELECT n.key, n.name, n.bare, {columns} "
            f"FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key IN ({marks})",
            keys,
        ).fetchall()
        best: dict[int, tuple[int, float, Match, str, tuple[Any, ...]]] = {}
        for row in rows:
            place = row[3:]
            if wanted is not None and place[6] not in wanted:
                continue
            if scores is not None:
                match: Match = "fuzzy"
                score = scores[row[0]]
            elif folded is not None and row[2] == folded:
                match, score = "exact", 1.0
            elif len(row[0]) >= _MIN_KEY_LENGTH:
                match, score = "key", _KEY_SCORE
            else:  # a one- or two-letter key ("qqqq" -> "k") only matches exactly
                continue
            old = best.get(place[0])
            if old is None or (_MATCH_RANK[match], -score) < (old[0], -old[1]):
                best[place[0]] = (_MATCH_RANK[match], score, match, row[1], place)
        return {
            gid: _row_candidate(place, match, score, matched)
            for gid, (_, score, match, matched, place) in best.items()
        }

    def _fuzzy(self, key: str, wanted: frozenset[str] | None) -> dict[int, Candidate]:
        size = len(key)
        blocks = [
            f"{key[:2]}{n}"
            for n in range(max(1, size - _FUZZY_LENGTH_SLACK), size + _FUZZY_LENGTH_SLACK + 1)
        ]
        marks = ",".join("?" * len(blocks))
        choices = [
            r[0]
            for r in self._conn.execute(f"SELECT key FROM fuzzy WHERE block IN ({marks})", blocks)
        ]
        hits = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=10
        )
        hits = [h for h in hits if _rest_agrees(key, h[0])]
        if not hits:
            return {}
        scores = {hit: round(_KEY_SCORE * (score - 50.0) / 50.0, 4) for hit, score, _ in hits}
        return self._by_keys(list(scores), None, wanted, scores)

    def get(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, as an exact candidate of its own name."""
        row = self._conn.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid = ?", (geonameid,)
        ).fetchone()
        return None if row is None else _row_candidate(row, "exact", 1.0, row[1])

    def admin1_name(self, country_code: str, admin1: str) -> str | None:
        """Name of the first-level division ``admin1`` of ``country_code`` ("SY", "07")."""
        row = self._conn.execute(
            "SELECT name FROM places WHERE country_code = ? AND admin1 = ? "
            "AND feature_code = 'ADM1' ORDER BY population DESC LIMIT 1",
            (country_code.upper(), admin1),
        ).fetchone()
        return None if row is None else str(row[0])

    def admin2_name(self, country_code: str, admin1: str, admin2: str) -> str | None:
        """Name of the second-level division ``admin2`` of ``admin1`` in ``country_code``."""
        row = self._conn.execute(
            "SELECT name FROM places WHERE country_code = ? AND admin1 = ? AND admin2 = ? "
            "AND feature_code = 'ADM2' ORDER BY population DESC LIMIT 1",
            (country_code.upper(), admin1, admin2),
        ).fetchone()
        return None if row is None else str(row[0])

    def country(self, country_code: str) -> Candidate | None:
        """The country's own record (PCLI or similar) for an ISO alpha-2 code."""
        row = self._conn.execute(
            "SELECT geonameid FROM countries WHERE country_code = ?", (country_code.upper(),)
        ).fetchone()
        return None if row is None else self.get(int(row[0]))

    def info(self) -> dict[str, object]:
        """Data version, sources, licence, row counts and path."""
        out: dict[str, object] = dict(self._conn.execute("SELECT key, value FROM meta"))
        for table in ("places", "names", "countries"):
            out[f"{table}_rows"] = self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        out["path"] = str(self.path)
        out["bytes"] = self.path.stat().st_size
        return out

    def iter_places(self) -> Iterator[Candidate]:
        """Every place in geonameid order (for exports and checks)."""
        for row in self._conn.execute(f"SELECT {_PLACE_COLUMNS} FROM places ORDER BY geonameid"):
            yield _row_candidate(row, "exact", 1.0, row[1])


def eventwire_home() -> Path:
    """``$EVENTWIRE_HOME``, by default ``~/.cache/eventwire``."""
    return Path(os.environ.get("EVENTWIRE_HOME") or Path.home() / ".cache" / "eventwire")


def default_path() -> Path:
    """The active gazetteer: ``$EVENTWIRE_GAZETTEER`` if set, else the bundled default file."""
    explicit = os.environ.get("EVENTWIRE_GAZETTEER")
    if explicit:
        return Path(explicit).expanduser()
    return eventwire_home() / DEFAULT_FILENAME


def open_default(*, build_if_missing: bool = True) -> Gazetteer:
    """Open the active gazetteer, building the bundled default offline when it is missing."""
    path = default_path()
    if build_if_missing and (not path.exists() or _stale_default(path)):
        from eventwire.geo.build_default import build_default

        build_default(into=path)
    return Gazetteer.open(path)


def _stale_default(path: Path) -> bool:
    """A bundled default built by another eventwire (format or name keys differ): rebuild it."""
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return False  # let open() report what is wrong with the file
    # Any bundled default ("default.v1", "default.v2"): a newer data version alone does not
    # rebuild, since that would drop the country dumps a user imported into it.
    return str(meta.get("data_version", "")).startswith("default.") and (
        meta.get("format") != FORMAT_VERSION or meta.get("name_key") != NAME_KEY_VERSION
    )
