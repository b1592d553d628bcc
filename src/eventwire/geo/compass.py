"""Compass names ("Northwest", "Nord-Ouest", "the South") name a division of the article's country.

A region called by a point of the compass is relative: Cameroon's North-West, Burkina Faso's
Nord, Haiti's Nord-Ouest. Read alone, such a name has namesakes everywhere (a North Carolina
village called Northwest, a Dubai sector), so only a division or region of a country the
article gives evidence for may stand for it (issue 16); with none, the name stays unresolved
and the event falls back to what else the text says. Joined forms ("Southwest") are looked
up hyphenated too, as gazetteers file them ("South-West").

>>> is_compass_name("Nord-Ouest"), is_compass_name("Northwest"), is_compass_name("North Kivu")
(True, True, False)
>>> split_compound("Northwest")
'North-West'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from eventwire.geo.gazetteer import Candidate
from eventwire.geo.names import fold

__all__ = [
    "COMPASS_WORDS",
    "compass_candidates",
    "compass_regions",
    "in_countries",
    "is_compass_name",
    "split_compound",
]

#: The points of the compass in English and French: a closed class, not a tunable list.
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "nord", "sud", "est", "ouest"})
_JOINED = re.compile(r"^(north|south)(east|west)$")
_REGION_CODES = frozenset({"RGN", "AREA"})
_EN = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_FR = r"(?:nord|sud)(?:-(?:est|ouest))?|est|ouest"
# Lower-case compass names that a region noun makes names: "the northwest and southwest
# regions", "la région du nord-ouest", "les régions du nord-ouest et du sud-ouest".
# "la région du sud de l'Ukraine" describes a part of a country; "du nord-ouest du Cameroun",
# "du Nord du Burkina" name its division.
_DESCRIBED = re.compile(r"\s+(?:de|du|des|d['’])\s*\w")
_REGION_PATTERNS = (
    re.compile(
        rf"\bthe\s+(?P<a>{_EN})(?:\s+and\s+(?:the\s+)?(?P<b>{_EN}))?\s+regions?\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\br[ée]gions?\s+(?:du\s+|de\s+l['’]\s*)(?P<a>{_FR})"
        rf"(?:\s+et\s+(?:du\s+|de\s+l['’]\s*)(?P<b>{_FR}))?\b(?!-)",
        re.IGNORECASE,
    ),
)


def is_compass_name(name: str) -> bool:
    """Whether every word of ``name`` is a point of the compass ("Sud-Ouest", "Northwest")."""
    words = fold(name).split()
    return bool(words) and all(w in COMPASS_WORDS or _JOINED.match(w) for w in words)


def compass_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of compass names that a region noun marks as a region's name.

    >>> text = "in the northwest and southwest regions"
    >>> [text[s:e] for s, e in compass_regions(text)]
    ['northwest', 'southwest']
    """
    out = []
    for pattern in _REGION_PATTERNS:
        for match in pattern.finditer(text):
            head = match.group("a")
            if head.islower() and head.isalpha() and _DESCRIBED.match(text, match.end()):
                continue
            out += [match.span(g) for g in ("a", "b") if match.group(g)]
    return sorted(out)


def split_compound(name: str) -> str | None:
    """The hyphenated form of a joined compass name ("Southeast" -> "South-East"), else None."""
    match = _JOINED.match(fold(name))
    if match is None:
        return None
    return f"{match.group(1).capitalize()}-{match.group(2).capitalize()}"


def in_countries(
    candidates: Sequence[Candidate], countries: Collection[str]
) -> tuple[Candidate, ...]:
    """The candidates that are a division or region (not a country) of one of ``countries``."""
    return tuple(
        c
        for c in candidates
        if c.country_code in countries
        and (c.feature_code in _REGION_CODES or c.feature_class == "A")
        and not c.feature_code.startswith("PCL")
    )


def compass_candidates(
    name: str,
    lookup: Callable[[str], Sequence[Candidate]],
    countries: Collection[str],
) -> tuple[Candidate, ...]:
    """The divisions of ``countries`` that ``lookup`` finds for a compass name, under its
    hyphenated form first (its exact match beats the joined form's fuzzy one)."""
    split = split_compound(name)
    found = {c.geonameid: c for c in lookup(split)} if split else {}
    for c in lookup(name):
        found.setdefault(c.geonameid, c)
    return in_countries(list(found.values()), countries)
