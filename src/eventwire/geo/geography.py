"""ACLED's geography columns from an event's place: country name, ISO code, admin names (issue 16).

ACLED writes names where the events table keeps codes (``country_code`` "SY", ``admin1``
"07"): ``Geography.columns`` turns the codes and the place's GeoNames id into ACLED's
``country``, ``iso`` (ISO 3166-1 numeric, as ACLED), ``admin1``, ``admin2``, ``admin3``
(None where the gazetteer has no such unit).

A place with coordinates but no admin1 code (a user place, a dump without codes) gets its
unit by point-in-polygon on Natural Earth's admin-1 outlines (``admin_polygons``), named as
GeoNames names that unit (its level too: some countries' Natural Earth units are GeoNames'
ADM2), else as Natural Earth does. Not for precision 3: a country's or region's point says
nothing about the province.

>>> Geography(gazetteer).columns("SY", "09", 170063)["admin1"]      # doctest: +SKIP
'Aleppo'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from eventwire.geo.admin_polygons import AdminPolygons, AdminUnit
from eventwire.geo.gazetteer import Gazetteer

__all__ = ["GEOGRAPHY_COLUMNS", "Geography"]

GEOGRAPHY_COLUMNS = ("iso", "country", "admin1", "admin2", "admin3")


class Geography:
    """Country and division names for ACLED rows, looked up once per code."""

    def __init__(
        self, gazetteer: Gazetteer, polygons: Callable[[], AdminPolygons] | None = None
    ) -> None:
        """``polygons`` loads the admin-1 outlines, on the first event that needs them."""
        self._gazetteer = gazetteer
        self._load_polygons = polygons
        self._polygons: AdminPolygons | None = None
        # Memos of this instance (one per export), bounded and gone with it: no shared state.
        self._country: Callable[[str], str | None] = functools.lru_cache(maxsize=4096)(
            self._country_name
        )
        self._iso: Callable[[str], int | None] = functools.lru_cache(maxsize=4096)(
            self._iso_numeric
        )
        self._admin1: Callable[[str, str], str | None] = functools.lru_cache(maxsize=4096)(
            self._admin1_name
        )
        self._admin2: Callable[[int], str | None] = functools.lru_cache(maxsize=16384)(
            self._admin2_name
        )

    def columns(
        self,
        country_code: str | None,
        admin1: str | None,
        geonameid: int | None,
        *,
        point: tuple[float | None, float | None] = (None, None),
        precision: int | None = None,
    ) -> dict[str, Any]:
        """``iso``, ``country``, ``admin1``, ``admin2``, ``admin3`` for one located event.

        ``point`` (lat, lon) fills admin1 (and admin2) by polygon where the codes give none.
        """
        out: dict[str, Any] = dict.fromkeys(GEOGRAPHY_COLUMNS)
        if not country_code:
            return out
        out["iso"] = self._iso(country_code)
        out["country"] = self._country(country_code)
        if admin1:
            out["admin1"] = self._admin1(country_code, admin1)
        if geonameid is not None:
            out["admin2"] = self._admin2(geonameid)
        lat, lon = point
        if out["admin1"] is None and lat is not None and lon is not None and precision != 3:
            out.update(self._by_polygon(country_code.upper(), lat, lon))
        return out

    def _by_polygon(self, country_code: str, lat: float, lon: float) -> dict[str, str | None]:
        if self._load_polygons is None:
            return {}
        if self._polygons is None:  # about a second: only when an event needs it
            self._polygons = self._load_polygons()
        unit = self._polygons.locate(lat, lon)
        if unit is None or unit.country_code != country_code:  # a border cut by simplifying
            return {}
        return self._unit_names(unit)

    def _unit_names(self, unit: AdminUnit) -> dict[str, str | None]:
        """admin1 (and admin2) of a Natural Earth unit, at GeoNames' level for its id."""
        record = self._gazetteer.get(unit.geonameid) if unit.geonameid is not None else None
        if record is None or record.feature_code not in ("ADM1", "ADM2") or not record.admin1:
            return {"admin1": unit.name}
        cc = record.country_code or ""
        names: dict[str, str | None] = {"admin1": self._admin1(cc, record.admin1) or unit.name}
        if record.feature_code == "ADM2":
            names["admin2"] = record.name
        return names

    def _country_name(self, code: str) -> str | None:
        record = self._gazetteer.country(code)
        return record.name if record else None

    def _iso_numeric(self, code: str) -> int | None:
        import pycountry

        # pycountry ships the ISO 3166-1 table; ACLED's iso column is the numeric code.
        country = pycountry.countries.get(alpha_2=code.upper())
        return int(country.numeric) if country is not None else None

    def _admin1_name(self, code: str, admin1: str) -> str | None:
        return self._gazetteer.admin1_name(code, admin1)

    def _admin2_name(self, geonameid: int) -> str | None:
        place = self._gazetteer.get(geonameid)
        if place is None or not place.admin2 or not place.country_code:
            return None
        if place.feature_code == "ADM2":
            return place.name
        return self._gazetteer.admin2_name(place.country_code, place.admin1 or "", place.admin2)
