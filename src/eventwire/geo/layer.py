"""Places layered over the gazetteer: curated regions and an analyst's own places (issue 16).

GeoNames' cities500 has no Sahel, Darfur or Donbas, and no analyst's camp or checkpoint. A
layer holds such places as rows (name, other names, point, type, country) and answers exact
name lookups; the resolver sees its candidates first and scores them with ``layer_place``.
The bundled ``regions.v1.tsv`` is one layer; ``eventwire gazetteer add-places FILE`` keeps a
user's CSV/YAML file as another, read from ``$EVENTWIRE_HOME/places/``.

>>> layer = PlaceLayer.from_rows([{"name": "Camp Alpha", "lat": 14.1, "lon": -0.5}])
>>> layer.candidates("camp alpha")[0].lat
14.1
"""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from eventwire.errors import InputError
from eventwire.geo.gazetteer import Candidate, eventwire_home
from eventwire.geo.names import fold, name_key

__all__ = ["PlaceLayer", "add_places_file", "load_layers", "places_dir", "read_places_file"]

REGIONS_RESOURCE = "regions.v1.tsv"
#: Ids given to user places that name no GeoNames id: above every GeoNames id.
USER_ID_BASE = 2_000_000_000
_FIELDS = (
    "geonameid",
    "name",
    "names",
    "lat",
    "lon",
    "feature_code",
    "country_code",
    "admin1",
    "population",
)


@dataclass(frozen=True, slots=True)
class _Row:
    candidate: Candidate
    names: tuple[str, ...]


class PlaceLayer:
    """Exact (folded or transliteration-key) lookups over a few hundred curated places."""

    def __init__(self, rows: Sequence[_Row]) -> None:
        self._by_name: dict[str, list[tuple[str, _Row]]] = {}
        for row in rows:
            for name in row.names:
                for key in {fold(name), name_key(name)}:
                    if key:
                        self._by_name.setdefault(key, []).append((name, row))
        self.ids = frozenset(row.candidate.geonameid for row in rows)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]], *, origin: str = "places") -> PlaceLayer:
        """A layer from mappings with at least ``name``, ``lat``, ``lon`` (see ``_FIELDS``)."""
        return cls([_row(r, origin, i) for i, r in enumerate(rows, start=1)])

    def __len__(self) -> int:
        return len(self.ids)

    def candidates(self, name: str) -> list[Candidate]:
        """Layer places called ``name`` (exact on the folded name, else on its key)."""
        exact = self._by_name.get(fold(name), [])
        hits = exact or self._by_name.get(name_key(name), [])
        match: Literal["exact", "key"] = "exact" if exact else "key"
        seen: dict[int, Candidate] = {}
        for matched, row in hits:
            c = row.candidate
            if c.geonameid not in seen:
                seen[c.geonameid] = Candidate(
                    c.geonameid,
                    c.name,
                    c.lat,
                    c.lon,
                    c.feature_class,
                    c.feature_code,
                    c.country_code,
                    c.admin1,
                    c.admin2,
                    c.population,
                    match,
                    1.0 if exact else 0.85,
                    matched,
                )
        return list(seen.values())


def _row(raw: Mapping[str, Any], origin: str, line: int) -> _Row:
    where = f"{origin}: row {line}"
    name = str(raw.get("name") or "").strip()
    if not name:
        raise InputError(where, "a place needs a 'name'")
    lat, lon = _coordinates(raw, where, name)
    code = str(raw.get("feature_code") or "PPL").strip().upper()
    country = str(raw.get("country_code") or "").strip().upper() or None
    cand = Candidate(
        _geonameid(raw, name, lat, lon),
        name,
        lat,
        lon,
        _feature_class(code),
        code,
        country,
        str(raw.get("admin1") or "").strip() or None,
        None,
        int(raw.get("population") or 0),
        "exact",
        1.0,
        name,
    )
    return _Row(cand, _names(raw, name))


def _coordinates(raw: Mapping[str, Any], where: str, name: str) -> tuple[float, float]:
    """Numeric ``lat`` and ``lon`` within range, or an InputError naming the row."""
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        raise InputError(where, f"{name!r} needs numeric 'lat' and 'lon'") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(where, f"{name!r}: lat/lon out of range ({lat}, {lon})")
    return lat, lon


def _geonameid(raw: Mapping[str, Any], name: str, lat: float, lon: float) -> int:
    """The row's ``geonameid``, else a stable id above USER_ID_BASE hashed from name and point."""
    gid_raw = raw.get("geonameid")
    if gid_raw not in (None, ""):
        return int(gid_raw)
    return USER_ID_BASE + zlib.crc32(f"{name}|{lat:.4f}|{lon:.4f}".encode()) % 100_000_000


def _feature_class(code: str) -> str:
    """GeoNames feature class of a feature code: A divisions, L areas, P towns, S the rest."""
    if code.startswith(("ADM", "PCL")):
        return "A"
    if code in ("RGN", "AREA", "CONT", "ZN"):
        return "L"
    if code.startswith("PPL"):
        return "P"
    return "S"


def _names(raw: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """The name, then the other names (a list, or one string split on "|"), without repeats."""
    others = raw.get("names") or ""
    if isinstance(others, str):
        others = [n for n in others.split("|")]
    return tuple(dict.fromkeys([name, *(str(n).strip() for n in others if str(n).strip())]))


def read_places_file(path: Path) -> PlaceLayer:
    """An analyst's places: CSV/TSV with a header, or YAML (a list of mappings)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read ({err.strerror})") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise InputError(str(path), f"not YAML ({err})") from None
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InputError(str(path), "expected a list of places (name, lat, lon, ...)")
        return PlaceLayer.from_rows(data, origin=str(path))
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    dialect = (
        "excel-tab" if path.suffix.lower() == ".tsv" or "\t" in (lines[:1] or [""])[0] else "excel"
    )
    reader = csv.DictReader(io.StringIO("\n".join(lines)), dialect=dialect)
    if reader.fieldnames is None or not {"name", "lat", "lon"} <= set(reader.fieldnames):
        raise InputError(
            str(path),
            f"expected a header with name, lat, lon (and optionally "
            f"{', '.join(f for f in _FIELDS if f not in ('name', 'lat', 'lon'))})",
        )
    return PlaceLayer.from_rows(reader, origin=str(path))


def places_dir() -> Path:
    """Where ``eventwire gazetteer add-places`` keeps user place files."""
    return eventwire_home() / "places"


def load_layers(*, user: bool = True) -> list[PlaceLayer]:
    """The bundled regions layer, then (with ``user``) every user file, newest last."""
    text = resources.files("eventwire.data").joinpath(REGIONS_RESOURCE).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), dialect="excel-tab")
    layers = [PlaceLayer.from_rows(rows, origin=REGIONS_RESOURCE)]
    folder = places_dir()
    if user and folder.is_dir():
        layers += [read_places_file(p) for p in sorted(folder.iterdir()) if p.is_file()]
    return layers


def add_places_file(path: Path) -> tuple[Path, int]:
    """Check an analyst's places file and keep a copy where every pipeline reads it.

    Returns the copy's path and its number of places; a file of the same name is replaced.
    """
    layer = read_places_file(path)
    folder = places_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_bytes(path.read_bytes())
    tmp.replace(target)
    return target, len(layer)
