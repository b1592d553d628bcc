"""Import GeoNames dump files into a gazetteer file, streaming and resumable (issue 4).

Understood files (``.txt`` or the ``.zip`` GeoNames publishes), recognised by name:
``allCountries``, ``XX`` (one country), ``citiesNNN`` (19-column geoname rows);
``alternateNamesV2``/``alternateNames`` (kept: fr, en, ar, de, untagged, abbreviations and
historic names); ``admin1CodesASCII``, ``admin2Codes``; ``countryInfo``.
Malformed rows are skipped and reported as ``file:line: problem``; the import goes on.

>>> report = import_files([Path("LB.txt")], into=Path("g.sqlite"))   # doctest: +SKIP
>>> report.rows, report.skipped  # doctest: +SKIP
(24209, 0)
"""

from __future__ import annotations

import io
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from eventwire.errors import GazetteerError, InputError
from eventwire.geo.gazetteer_writer import GazetteerWriter, PlaceRow, keep_name, writing

__all__ = ["ImportReport", "file_kind", "import_files", "parse_alternate", "parse_geoname"]

_COMMIT_EVERY = 50_000
_MAX_PROBLEMS = 1_000
# Column-name lines some copies carry instead of a "#" comment (countryInfo.txt).
_HEADERS = (b"ISO\t", b"geonameid\t", b"alternateNameId\t")
_ALT_LANGUAGES = frozenset({"", "fr", "en", "ar", "de", "abbr"})


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Rows imported, rows skipped, the first problems as ``file:line: problem``, seconds."""

    rows: int
    skipped: int
    problems: tuple[str, ...]
    seconds: float


def _int(value: str, field: str, default: int | None = None) -> int:
    if not value and default is not None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{field} {value!r} is not an integer") from None


def _coordinate(value: str, field: str, bound: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{field} {value!r} is not a number") from None
    if not -bound <= number <= bound:
        raise ValueError(f"{field} {number} out of range ±{bound}")
    return number


def parse_geoname(fields: list[str]) -> tuple[PlaceRow, list[str]]:
    """One 19-column geoname row -> the place and its names; ValueError says what is wrong."""
    if len(fields) != 19:
        raise ValueError(f"expected 19 tab-separated columns, got {len(fields)}")
    gid = _int(fields[0], "geonameid")
    name = fields[1].strip()
    if not name:
        raise ValueError("empty name")
    place = PlaceRow(
        geonameid=gid,
        name=name,
        lat=_coordinate(fields[4], "latitude", 90.0),
        lon=_coordinate(fields[5], "longitude", 180.0),
        feature_class=fields[6] or "?",
        feature_code=fields[7] or "?",
        country_code=fields[8] or None,
        admin1=fields[10] or None,
        admin2=fields[11] or None,
        population=_int(fields[14], "population", 0),
    )
    alternates = [a for a in fields[3].split(",") if keep_name(a)] if fields[3] else []
    return place, [name, fields[2], *alternates]


def parse_alternate(fields: list[str]) -> tuple[int, str] | None:
    """One alternateNames(V2) row -> (geonameid, name), or None when its language is not kept."""
    if not 4 <= len(fields) <= 10:
        raise ValueError(f"expected 4 to 10 tab-separated columns, got {len(fields)}")
    gid = _int(fields[1], "geonameid")
    language, name = fields[2], fields[3].strip()
    historic = len(fields) > 7 and fields[7] == "1"
    if not name or not (language in _ALT_LANGUAGES or historic) or not keep_name(name):
        return None
    return gid, name


def _admin_row(fields: list[str], level: int, writer: GazetteerWriter) -> None:
    if len(fields) != 4:
        raise ValueError(f"expected 4 tab-separated columns, got {len(fields)}")
    parts = fields[0].split(".")
    if len(parts) != level + 1 or not all(parts):
        shape = "CC.ADM1" if level == 1 else "CC.ADM1.ADM2"
        raise ValueError(f"code {fields[0]!r} is not {shape}")
    gid = _int(fields[3], "geonameid")
    writer.add_unit(
        gid, fields[1], f"ADM{level}", parts[0], parts[1], parts[2] if level == 2 else None
    )
    writer.add_names(gid, [fields[1], fields[2]])


def _country_row(fields: list[str], writer: GazetteerWriter) -> None:
    if len(fields) < 17:
        raise ValueError(f"expected 19 tab-separated columns, got {len(fields)}")
    cc, gid = fields[0], _int(fields[16], "geonameid")
    if len(cc) != 2:
        raise ValueError(f"ISO code {cc!r} is not two letters")
    writer.add_unit(gid, fields[4], "PCLI", cc, population=_int(fields[7], "population", 0))
    writer.set_country(cc, gid)
    writer.add_names(gid, [fields[4], fields[1]])


def file_kind(path: Path) -> str:
    """``geoname``, ``alternate``, ``admin1``, ``admin2`` or ``country`` from a dump's name."""
    stem = path.name.split(".")[0].lower()
    if stem.startswith("alternatename"):
        return "alternate"
    if stem.startswith("admin1codes"):
        return "admin1"
    if stem.startswith("admin2codes"):
        return "admin2"
    if stem.startswith("countryinfo"):
        return "country"
    return "geoname"


def _row_handler(kind: str, writer: GazetteerWriter) -> Callable[[list[str]], None]:
    def geoname(fields: list[str]) -> None:
        place, names = parse_geoname(fields)
        writer.add_place(place)
        writer.add_names(place.geonameid, names)

    def alternate(fields: list[str]) -> None:
        found = parse_alternate(fields)
        if found is not None:
            writer.add_names(found[0], [found[1]])

    handlers: dict[str, Callable[[list[str]], None]] = {
        "geoname": geoname,
        "alternate": alternate,
        "admin1": lambda fields: _admin_row(fields, 1, writer),
        "admin2": lambda fields: _admin_row(fields, 2, writer),
        "country": lambda fields: _country_row(fields, writer),
    }
    return handlers[kind]


def _lines(path: Path) -> Iterator[bytes]:
    """Raw lines of a dump, from the ``.txt`` inside a ``.zip`` when given a zip."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as handle:
            yield from handle
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise InputError(str(path), f"not a valid zip file ({err})") from None
    with archive:
        members = [
            m
            for m in archive.namelist()
            if m.endswith(".txt") and not m.lower().startswith(("readme", "iso-language"))
        ]
        if not members:
            raise InputError(str(path), "zip holds no .txt dump")
        try:
            with archive.open(members[0]) as handle:
                yield from io.BufferedReader(cast("io.RawIOBase", handle))  # C-speed readline
        except (zipfile.BadZipFile, EOFError, OSError) as err:
            raise InputError(str(path), f"corrupt zip member {members[0]} ({err})") from None


def _source_id(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}"


def _import_one(
    path: Path, writer: GazetteerWriter, problems: list[str], progress: bool
) -> tuple[int, int]:
    handle_row = _row_handler(file_kind(path), writer)
    source = _source_id(path)
    done = writer.resume_line(source)
    rows = skipped = 0
    number = 0
    for number, raw in enumerate(_lines(path), start=1):
        if number <= done:
            continue
        if raw.startswith(b"#") or not raw.strip() or (number == 1 and raw.startswith(_HEADERS)):
            continue
        try:
            handle_row(raw.decode("utf-8").rstrip("\r\n").split("\t"))
            rows += 1
        except (ValueError, UnicodeDecodeError) as err:
            skipped += 1
            if len(problems) < _MAX_PROBLEMS:
                problems.append(f"{path.name}:{number}: {err}")
        if number % _COMMIT_EVERY == 0:
            writer.checkpoint(source, number)
            if progress:
                print(f"{path.name}: {number:,} lines", file=sys.stderr)
    writer.checkpoint(source, number)
    return rows, skipped


def import_files(paths: Sequence[Path], *, into: Path, progress: bool = False) -> ImportReport:
    """Import GeoNames dumps into the gazetteer file ``into`` (created when missing).

    The import works on ``<into>.importing`` and renames it over ``into`` at the end, so
    readers never see half an import; rerunning an interrupted import resumes it.
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.is_file():
            raise GazetteerError(f"{path}: no such GeoNames dump file")
    problems: list[str] = []
    rows = skipped = 0
    # Geoname rows first, so that names, admin codes and countries find their places.
    ordered = sorted(paths, key=lambda p: file_kind(p) != "geoname")
    with writing(Path(into)) as writer:
        for path in ordered:
            got, bad = _import_one(path, writer, problems, progress)
            rows, skipped = rows + got, skipped + bad
        _add_exonyms(writer)
        imported = writer.meta("imported")
        names = ", ".join(p.name for p in paths)
        writer.set_meta("imported", f"{imported}; {names}" if imported else names)
        if writer.meta("licence") is None:
            writer.set_meta("licence", "GeoNames data, CC BY 4.0 (https://www.geonames.org)")
            writer.set_meta("data_version", "import.v1")
    return ImportReport(rows, skipped, tuple(problems), time.perf_counter() - started)


def _add_exonyms(writer: GazetteerWriter) -> None:
    """The curated names and country abbreviations ("US", "U.K.") of ``exonyms.v1.tsv``;
    names of places the import lacks are dropped when the writer finishes."""
    from eventwire.geo.build_default import read_exonyms

    for gid, name, _lang, _note in read_exonyms():
        writer.add_names(gid, [name])
