"""The outlet registry: which country a news outlet reports on (issue 16).

Radio Okapi reports on DR Congo, Sumaria on Iraq: the outlet's country is evidence for every
place its article names ("Boma" in Radio Okapi copy is in DR Congo). ``outlets.v1.tsv`` lists
outlets with one country, and international wires with ``-`` (their country says nothing about
where the news happened). An outlet is never a place: "a déclaré à Xinhua", "told Reuters"
name who heard it, not where (``is_outlet``), however many Chinese towns are called Xinhua.

>>> load_outlets().country("Radio Okapi")
'CD'
>>> load_outlets().is_outlet("Xinhua"), load_outlets().country("Xinhua")
(True, None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from eventwire.errors import InputError
from eventwire.geo.names import fold

__all__ = ["OUTLETS_RESOURCE", "Outlets", "load_outlets"]

OUTLETS_RESOURCE = "outlets.v1.tsv"


#: The country column of an international outlet: no country.
INTERNATIONAL = "-"


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet name (folded) → ISO 3166-1 alpha-2 country code; ``names``: every outlet.

    ``names`` holds folded names, except acronyms (all capitals: "SANA", "NRT"), kept as
    written: "Sana" in running text is a spelling of the city, "SANA" the agency.
    """

    countries: Mapping[str, str]
    names: frozenset[str] = frozenset()

    def country(self, source: str | None) -> str | None:
        """The country ``source`` reports on, or None for an unknown or international outlet."""
        return self.countries.get(fold(source.strip())) if source else None

    def is_outlet(self, surface: str) -> bool:
        """Whether ``surface`` names a news outlet of the registry (then it is no place)."""
        name = surface.strip()
        return name in self.names or fold(name) in self.names

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
        names = self.names | {_name_key(name.strip()) for name, _ in rows if name.strip()}
        return Outlets({**self.countries, **added}, names)


def load_outlets() -> Outlets:
    """Read the bundled ``outlets.v1.tsv``."""
    text = resources.files("eventwire.data").joinpath(OUTLETS_RESOURCE).read_text(encoding="utf-8")
    countries: dict[str, str] = {}
    names: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, code = (part.strip() for part in line.partition("\t"))
        if not name or (len(code) != 2 and code != INTERNATIONAL):
            raise InputError(f"{OUTLETS_RESOURCE}:{n}", "expected 'source<TAB>ISO code or -'")
        names.add(_name_key(name))
        if code != INTERNATIONAL:
            countries[fold(name)] = code.upper()
    return Outlets(countries, frozenset(names))


def _name_key(name: str) -> str:
    """An acronym as written ("SANA"), any other name folded."""
    return name if name.isupper() and " " not in name else fold(name)
