"""The outlet registry: which country a news outlet reports on (issue 16).

Radio Okapi reports on DR Congo, Sumaria on Iraq: the outlet's country is evidence for every
place its article names ("Boma" in Radio Okapi copy is in DR Congo). ``outlets.v1.tsv`` lists
outlets with one country; international wires are left out.

>>> load_outlets().country("Radio Okapi")
'CD'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from eventwire.errors import InputError
from eventwire.geo.names import fold

__all__ = ["OUTLETS_RESOURCE", "Outlets", "load_outlets"]

OUTLETS_RESOURCE = "outlets.v1.tsv"


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet name (folded) → ISO 3166-1 alpha-2 country code."""

    countries: Mapping[str, str]

    def country(self, source: str | None) -> str | None:
        """The country ``source`` reports on, or None for an unknown or international outlet."""
        return self.countries.get(fold(source.strip())) if source else None

    def extended(self, rows: Iterable[tuple[str, str]]) -> Outlets:
        """A registry with ``(outlet, ISO code)`` rows added; they win over bundled rows.

        >>> load_outlets().extended([("Radio Kivu", "cd")]).country("radio kivu")
        'CD'
        """
        added = {
            fold(name.strip()): code.strip().upper()
            for name, code in rows
            if name.strip() and code.strip()
        }
        return Outlets({**self.countries, **added})


def load_outlets() -> Outlets:
    """Read the bundled ``outlets.v1.tsv``."""
    text = resources.files("eventwire.data").joinpath(OUTLETS_RESOURCE).read_text(encoding="utf-8")
    countries: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, code = line.partition("\t")
        if len(code.strip()) != 2 or not name.strip():
            raise InputError(f"{OUTLETS_RESOURCE}:{n}", "expected 'source<TAB>ISO code'")
        countries[fold(name.strip())] = code.strip().upper()
    return Outlets(countries)
