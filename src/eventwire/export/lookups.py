"""What the ACLED columns of an export look up, loaded once per export (issues 15, 16).

The gazetteer's names (``geography``), ACLED's region of each country
(``data/acled_regions.v1.tsv``) and the outlet registry (``data/outlets.v1.tsv``, for
``source_scale``). ``eventwire export`` and ``/api/export`` open them the same way:

    with open_lookups() as lookups:
        row = to_acled(event_row, chain, lookups)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

from eventwire.errors import InputError
from eventwire.export.geography import open_geography
from eventwire.geo.geography import Geography
from eventwire.geo.outlets import Outlets, load_outlets

__all__ = ["REGIONS_RESOURCE", "Lookups", "load_regions", "open_lookups"]

REGIONS_RESOURCE = "acled_regions.v1.tsv"


@dataclass(frozen=True, slots=True)
class Lookups:
    """The tables an exported row reads; empty ones leave their columns blank."""

    geography: Geography | None = None
    regions: Mapping[str, str] = field(default_factory=dict)
    outlets: Outlets | None = None


def load_regions() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> ACLED region, from the bundled table.

    >>> load_regions()["SD"], load_regions()["MX"]
    ('Northern Africa', 'Central America')
    """
    data = resources.files("eventwire.data").joinpath(REGIONS_RESOURCE)
    regions: dict[str, str] = {}
    for n, line in enumerate(data.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, region = (part.strip() for part in line.partition("\t"))
        if len(code) != 2 or not region:
            raise InputError(f"{REGIONS_RESOURCE}:{n}", "expected 'ISO code<TAB>ACLED region'")
        regions[code.upper()] = region
    return regions


@contextlib.contextmanager
def open_lookups() -> Iterator[Lookups]:
    """The lookups of one export: the active gazetteer if built, the bundled tables."""
    with open_geography() as geography:
        yield Lookups(geography, load_regions(), load_outlets())
