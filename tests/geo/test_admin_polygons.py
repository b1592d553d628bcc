"""Point-in-polygon on admin-1 outlines (issue 16): invented provinces, then the shipped file.

The invented topology: Westland (lon 0-2, lat 0-2, a lake cut out at 0.5-1) and Eastland
(lon 2-4, lat 0-2, plus an island at lon/lat 10-11) share the border lon = 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.admin_polygons import AdminPolygons, load_admin_polygons

BORDER = [(2, 0), (2, 2)]
WEST_REST = [(2, 2), (0, 2), (0, 0), (2, 0)]
EAST_REST = [(2, 0), (4, 0), (4, 2), (2, 2)]
LAKE = [(0.5, 0.5), (1, 0.5), (1, 1), (0.5, 1), (0.5, 0.5)]
ISLAND = [(10, 10), (11, 10), (11, 11), (10, 11), (10, 10)]
ARCS = [BORDER, WEST_REST, EAST_REST, LAKE, ISLAND]


def topology(arcs: list[Any], transform: dict[str, Any] | None = None) -> dict[str, Any]:
    west = {
        "type": "Polygon",
        "arcs": [[0, 1], [3]],
        "properties": {"name": "Westland", "iso": "ZZ", "gn_id": 101, "gn_a1": "ZZ.01"},
    }
    east = {
        "type": "MultiPolygon",
        "arcs": [[[2, ~0]], [[4]]],
        "properties": {"name": "Eastland", "iso": "ZZ", "gn_id": None, "gn_a1": "ZZ.02"},
    }
    topo: dict[str, Any] = {
        "type": "Topology",
        "objects": {"admin1": {"type": "GeometryCollection", "geometries": [west, east]}},
        "arcs": arcs,
    }
    if transform:
        topo["transform"] = transform
    return topo


def quantized(arcs: list[list[tuple[float, float]]], step: float) -> list[list[list[int]]]:
    """TopoJSON's encoding: integer grid positions, each point a delta from the one before."""
    out = []
    for arc in arcs:
        previous = (0, 0)
        deltas = []
        for x, y in arc:
            at = (round(x / step), round(y / step))
            deltas.append([at[0] - previous[0], at[1] - previous[1]])
            previous = at
        out.append(deltas)
    return out


@pytest.fixture(scope="module", params=["plain", "quantized"])
def provinces(request: pytest.FixtureRequest) -> AdminPolygons:
    if request.param == "plain":
        return AdminPolygons.from_topojson(topology(ARCS))
    transform = {"scale": [0.25, 0.25], "translate": [0, 0]}
    return AdminPolygons.from_topojson(topology(quantized(ARCS, 0.25), transform))


def name_at(polygons: AdminPolygons, lat: float, lon: float, **kw: Any) -> str | None:
    unit = polygons.locate(lat, lon, **kw)
    return unit.name if unit else None


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (1.5, 1.5, "Westland"),
        (0.2, 1.9, "Westland"),
        (1.5, 3.0, "Eastland"),
        (0.1, 2.1, "Eastland"),
        (10.5, 10.5, "Eastland"),  # its island
        (0.75, 0.75, None),  # the lake: a hole, 28 km from any shore
        (1.0, 5.0, None),  # 110 km east of Eastland
        (-3.0, 1.0, None),
    ],
)
def test_point_in_invented_province(
    provinces: AdminPolygons, lat: float, lon: float, expected: str | None
) -> None:
    assert name_at(provinces, lat, lon) == expected


def test_a_point_just_off_the_coast_gets_the_nearest_unit_within_reach(
    provinces: AdminPolygons,
) -> None:
    # 0.05 degrees (5.6 km) east of Eastland's edge at lon 4.
    assert name_at(provinces, 1.0, 4.05) == "Eastland"
    assert name_at(provinces, 1.0, 4.05, near_km=0) is None
    assert name_at(provinces, 1.0, 4.05, near_km=5) is None


def test_unit_fields_come_from_the_properties(provinces: AdminPolygons) -> None:
    west = provinces.locate(1.5, 1.5)
    east = provinces.locate(1.5, 3.0)
    assert west is not None and east is not None
    assert (west.country_code, west.geonameid, west.admin1_code) == ("ZZ", 101, "01")
    assert (east.geonameid, east.admin1_code) == (None, "02")
    assert len(provinces) == 2


def test_a_file_that_is_not_topojson_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "admin1.json"
    bad.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(GazetteerError, match="admin1.json"):
        load_admin_polygons(bad)


@pytest.fixture(scope="module")
def shipped() -> AdminPolygons:
    return load_admin_polygons()


@pytest.mark.parametrize(
    ("lat", "lon", "name", "country"),
    [
        (35.336, 40.141, "Dayr Az Zawr", "SY"),  # Deir ez-Zor city
        (36.202, 37.134, "Aleppo", "SY"),
        (-1.679, 29.222, "Nord-Kivu", "CD"),  # Goma
        (14.493, -4.197, "Mopti", "ML"),
        (33.894, 35.502, "Beirut", "LB"),  # a unit of 20 km², kept by the simplification
    ],
)
def test_shipped_outlines_place_known_towns(
    shipped: AdminPolygons, lat: float, lon: float, name: str, country: str
) -> None:
    unit = shipped.locate(lat, lon)
    assert unit is not None and (unit.name, unit.country_code) == (name, country)


def test_shipped_outlines_leave_the_open_sea_empty(shipped: AdminPolygons) -> None:
    assert shipped.locate(34.0, 20.0) is None  # the Ionian Sea, 200 km from any coast
    assert len(shipped) > 4000  # Natural Earth's 1:10m admin-1 units
