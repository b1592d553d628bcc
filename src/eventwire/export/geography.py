"""ACLED's geography columns of an exported event, one function for every export (issue 17).

``eventwire export`` (``export/acled.py``) and the API's download (``/api/export``) both
write ``iso``, ``country``, ``admin1``, ``admin2``, ``admin3`` (names, from the active
gazetteer), ``location``, ``latitude``, ``longitude`` and ``geo_precision`` with these
values; without a gazetteer ``country`` and ``admin1`` hold the stored codes.

    with open_geography() as geography:
        cells = geography_cells(event_row, geography)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from eventwire.geo.geography import Geography

__all__ = ["ACLED_GEOGRAPHY", "geography_cells", "open_geography"]

#: ACLED's geography columns, in ACLED's order.
ACLED_GEOGRAPHY: tuple[str, ...] = (
    "iso",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
)


def geography_cells(e: Mapping[str, Any], geography: Geography | None) -> dict[str, Any]:
    """The ACLED geography of one events-table row (its columns of the same names).

    >>> geography_cells({"country_code": "ML", "admin1": "09", "location_name": "Gao"}, None)
    ... # doctest: +NORMALIZE_WHITESPACE
    {'iso': None, 'country': 'ML', 'admin1': '09', 'admin2': None, 'admin3': None,
     'location': 'Gao', 'latitude': None, 'longitude': None, 'geo_precision': None}
    """
    cells: dict[str, Any] = {
        "iso": None,
        "country": e.get("country_code"),
        "admin1": e.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": e.get("location_name") or e.get("location_text"),
        "latitude": e.get("latitude"),
        "longitude": e.get("longitude"),
        "geo_precision": e.get("geo_precision"),
    }
    if geography is not None:  # issue 16: ACLED's geography columns hold names
        cells.update(
            geography.columns(
                e.get("country_code"),
                e.get("admin1"),
                e.get("location_geonameid"),
                point=(e.get("latitude"), e.get("longitude")),
                precision=e.get("geo_precision"),
            )
        )
    return cells


@contextlib.contextmanager
def open_geography() -> Iterator[Geography | None]:
    """ACLED's names for the geography columns, from the active gazetteer if it is built
    (admin-1 polygons where a place has no admin code); None without one."""
    from eventwire.geo.admin_polygons import load_admin_polygons
    from eventwire.geo.gazetteer import Gazetteer, default_path

    if not default_path().is_file():
        yield None
        return
    with Gazetteer.open(default_path()) as gazetteer:
        yield Geography(gazetteer, load_admin_polygons)
