"""Country points from countryinfo's reference point and outline (no gazetteer needed)."""

from __future__ import annotations

import json

import pytest

from eventwire.geo.build_default import _package_file
from eventwire.geo.country_points import country_point, polygon_centroid, read_country_points
from eventwire.geo.features import haversine_km


def _ring(lon, lat, width, height):
    return [
        [lon, lat],
        [lon + width, lat],
        [lon + width, lat + height],
        [lon, lat + height],
        [lon, lat],
    ]


def test_polygon_centroid_of_a_rectangle_and_a_degenerate_ring():
    assert polygon_centroid(_ring(10, 20, 4, 2)) == (21.0, 12.0, 8.0)
    lat, lon, area = polygon_centroid([[1, 1], [1, 1], [1, 1], [1, 1]])
    assert (lat, lon, area) == (1.0, 1.0, 0.0)


def test_country_point_uses_largest_polygon_and_reference_point():
    record = {
        "latlng": [0, 0],
        "geoJSON": {
            "features": [
                {
                    "geometry": {
                        "type": "MultiPolygon",
                        "coordinates": [[_ring(100, 40, 1, 1)], [_ring(10, 10, 10, 10)]],
                    }
                }
            ]
        },
    }
    # largest polygon's centroid (15, 15), halfway to the reference point (0, 0)
    assert country_point(record) == (7.5, 7.5)
    assert country_point({"latlng": [3, 4]}) == (3.0, 4.0)
    assert country_point({"geoJSON": {"features": []}}) is None


def test_read_country_points_skips_bad_files(tmp_path):
    (tmp_path / "good.json").write_text(json.dumps({"ISO": {"alpha2": "xx"}, "latlng": [1, 2]}))
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "nocode.json").write_text(json.dumps({"latlng": [1, 2]}))
    assert read_country_points(tmp_path) == {"XX": (1.0, 2.0)}


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        ("US", 39.8, -98.6),
        ("RU", 61.5, 105.0),
        ("SY", 35.0, 38.5),
        ("FR", 46.6, 2.4),
    ],
)
def test_shipped_country_points_lie_near_the_countrys_middle(code, lat, lon):
    points = read_country_points(_package_file("countryinfo", "data"))
    assert haversine_km(*points[code], lat, lon) < 400
