"""Current admin-1 names from the ``iso3166-2`` package, for the default build (issue 16).

ISO 3166-2 as packaged by ``iso3166-2`` (MIT) gives each country's first-level units their
current name, a centre point and other names tagged by language ("نينوى (ara), Nineveh
(eng)"). A maintained package follows ISO's changes (new provinces, renamed regions) that a
hand-written table would miss. The build adds the English, French and Arabic names to the
GeoNames unit with the same ISO code, and adds the units GeoNames lacks at their ISO point.

Its English "other names" mix translations ("North Lebanon") with nicknames ("Land of
Beauty", "The Power State"): a name with an English function word, or made only of compass
words ("East"), is no place name a news text uses and is left out.

>>> parse_other_names("دمشق (ara), Damascus (eng)")
[('دمشق', 'ara'), ('Damascus', 'eng')]
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.geo.compass import is_compass_name

__all__ = [
    "ISO_ID_BASE",
    "IsoUnit",
    "iso_names",
    "iso_unit_id",
    "parse_other_names",
    "read_iso_units",
]

#: Ids of units that GeoNames' bundled data lacks: above every GeoNames id, below the ids
#: of user places (``layer.USER_ID_BASE``).
ISO_ID_BASE = 1_900_000_000
#: The languages whose other names are kept: the news languages and Arabic.
_LANGUAGES = frozenset({"eng", "fra", "ara"})
_OTHER_NAME = re.compile(r"\s*(?P<name>[^()]+?)\s*\((?P<lang>[a-z]{3})\)\s*(?:,|$)")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True, slots=True)
class IsoUnit:
    """One first-level ISO 3166-2 unit: code ("SY-DI"), names and centre point."""

    code: str
    country: str
    name: str
    other_names: tuple[tuple[str, str], ...]
    kind: str
    point: tuple[float, float] | None


def parse_other_names(text: str | None) -> list[tuple[str, str]]:
    """(name, ISO 639-3 language) pairs of a ``localOtherName`` field."""
    return [(m["name"], m["lang"]) for m in _OTHER_NAME.finditer(text or "")]


def read_iso_units(path: Path) -> list[IsoUnit]:
    """The first-level units (no parent code) of the package's ``iso3166-2.json``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    units = []
    for country, subdivisions in data.items():
        for code, record in subdivisions.items():
            if record.get("parentCode"):
                continue
            lat_lon = list(record.get("latLng") or ())
            point = (float(lat_lon[0]), float(lat_lon[1])) if len(lat_lon) == 2 else None
            units.append(
                IsoUnit(
                    code,
                    country,
                    str(record["name"]),
                    tuple(parse_other_names(record.get("localOtherName"))),
                    str(record.get("type") or ""),
                    point,
                )
            )
    return units


def iso_names(unit: IsoUnit) -> list[str]:
    """The unit's ISO name (also without its parenthesis) and its kept other names."""
    names = [unit.name, _PARENTHESIS.sub("", unit.name)]
    for name, lang in unit.other_names:
        if lang in _LANGUAGES and _is_place_name(name):
            names.append(name)
    return list(dict.fromkeys(n for n in names if n))


def iso_unit_id(code: str) -> int:
    """A stable id for a unit GeoNames lacks, from its ISO code."""
    return ISO_ID_BASE + zlib.crc32(code.encode()) % 90_000_000


def _is_place_name(name: str) -> bool:
    """Not a nickname ("Home of Peace") nor a bare compass word ("East")."""
    words = name.split()
    if any(w.lower() in STOP_WORDS for w in words):
        return False
    return not is_compass_name(name) and not any(c in name for c in "[]&")
