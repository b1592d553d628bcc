"""Points for unresolved toponyms: the place the text ties them to, else the article's focus.

A village missing from the gazetteer ("à Tonka, dans la région de Tombouctou", "Kamango
(Beni, North Kivu)") keeps its own name and ``geonameid=None`` but borrows the point,
country, first-level division and feature code of the nearest resolved place the text ties
to it; failing that, of the article's focus (its most mentioned resolved town or division in
its main country), failing that, of that country. ``geonameid`` stays None, so nothing reads
the borrowed point as the place itself: an event located there gets ACLED geo-precision 2
(a town or small unit) or 3 (a region or country), never 1 (issue 16).

>>> [p.lat for p in borrow_points(places, text)]                    # doctest: +SKIP
[16.77, 16.77]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from eventwire.records import Place

__all__ = ["borrow_points", "dominant_country"]

# What may stand between a place and the division, town or country that says where it lies:
# "X, Y", "X (Y", "X – Y", "X dans la région de Y", "X in the Y province", "X, près de Y".
_TIE = re.compile(
    r"^\s*(?:[,(–—-]|\bin\b|\ben\b|\bau\b|\baux\b|\bdans\b|\bnear\b|\bprès\b|\bde\b|\bdu\b|\bdes\b|"
    r"\bd['’]|\bof\b|\bthe\b|\bla\b|\ble\b|\bl['’]|\bles\b|\bnorth|\bsouth|\beast|\bwest|\bnord|\bsud|"
    r"\best\b|\bouest\b|\bkm\b|\d+|\bkilom[eè]tres?\b|\bkilometers?\b|\bmiles?\b|"
    r"\b(?:région|region|province|cercle|département|department|commune|territoire|territory|"
    r"district|gouvernorat|governorate|préfecture|prefecture|state|état|county|wilaya|"
    r"localité|locality|village|town|ville|area|zone|secteur|sector|chefferie|groupement)s?\b|"
    r"[\s,]+)*$",
    re.IGNORECASE,
)
_TIE_CHARS = 60
_BROAD = ("CONT", "RGN", "AREA", "ZN", "SEA", "DSRT", "LK", "GULF")
_COUNTRY = ("PCL", "TERR")


def dominant_country(places: Sequence[Place], prior: Sequence[str] = ()) -> str | None:
    """The country most of the article's resolved places lie in (``prior``: the outlet's)."""
    counts: Counter[str] = Counter(prior)
    counts.update(p.country_code for p in places if p.resolved and p.country_code)
    return counts.most_common(1)[0][0] if counts else None


def borrow_points(places: Sequence[Place], text: str, *, prior: Sequence[str] = ()) -> list[Place]:
    """``places`` with every unresolved one given the point of its tie or of the focus."""
    focus = _focus(places, dominant_country(places, prior))
    out: list[Place] = []
    for i, place in enumerate(places):
        if place.resolved or place.lat is not None:
            out.append(place)
            continue
        tie = _tie(places, i, text) or focus
        if (
            tie is not None
            and focus is not None
            and _is_country(tie)
            and focus.country_code == tie.country_code
        ):
            tie = focus  # "X, au Mali": the article's town or division in Mali is finer
        out.append(
            place
            if tie is None
            else replace(
                place,
                lat=tie.lat,
                lon=tie.lon,
                country_code=tie.country_code,
                admin1=tie.admin1,
                feature_code=tie.feature_code,
            )
        )
    return out


# Siblings in a list: "les localités de A, de B et d'C", "A, B and C".
_SIBLING = re.compile(
    r"^\s*(?:,|\bet\b|\band\b|\bou\b|\bor\b|\s)+\s*(?:de\s+|d['’]|du\s+|des\s+|of\s+)?$",
    re.IGNORECASE,
)


def _tie(places: Sequence[Place], i: int, text: str) -> Place | None:
    """The resolved place just after ``places[i]`` that the words between tie to it, else
    the nearest resolved earlier sibling of the same list ("de A, de B et de C")."""
    return _tie_after(places, i, text) or _sibling_before(places, i, text)


def _sibling_before(places: Sequence[Place], i: int, text: str) -> Place | None:
    start = places[i].mention.start
    for other in reversed(places[:i]):
        if not _SIBLING.match(text[other.mention.end : start]):
            return None
        if other.resolved and not (other.feature_code or "").startswith(_BROAD):
            return other
        start = other.mention.start
    return None


def _tie_after(places: Sequence[Place], i: int, text: str) -> Place | None:
    end = places[i].mention.end
    for other in places[i + 1 :]:
        gap = text[end : other.mention.start]
        if other.mention.start - end > _TIE_CHARS or not _TIE.match(gap):
            return None
        if other.resolved and not (other.feature_code or "").startswith(_BROAD):
            return other
        end = other.mention.end
    return None


def _is_country(place: Place) -> bool:
    return (place.feature_code or "").startswith(_COUNTRY)


def _focus(places: Sequence[Place], country: str | None) -> Place | None:
    """The most mentioned resolved town or division of ``country``; else the country."""
    if country is None:
        return None
    inside = [
        p
        for p in places
        if p.resolved
        and p.country_code == country
        and p.role == "event"
        and not (p.feature_code or "").startswith(_BROAD)
    ]
    local = [p for p in inside if not (p.feature_code or "").startswith(_COUNTRY)]
    if local:
        counts = Counter(p.geonameid for p in local)
        return max(local, key=lambda p: (counts[p.geonameid], -p.mention.start))
    return inside[0] if inside else None
