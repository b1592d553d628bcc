"""Points for unresolved toponyms: the place the text ties them to, else the article's focus.

A village missing from the gazetteer ("à Tonka, dans la région de Tombouctou", "Kamango
(Beni, North Kivu)") keeps its own name and ``geonameid=None`` but borrows the point,
country, first-level division and feature code of the nearest resolved place the text ties
to it; failing that, of the nearest town or division named in the same paragraph (a report
names the village, then the town it is near); failing that, of the article's focus (its most
mentioned resolved town or division in its main country), failing that, of that country.
A dateline ("BAMAKO, Mali (AP) —") says where the report was filed, not where anything
happened: it is never borrowed from. ``geonameid`` stays None, so nothing reads
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

from eventwire.geo.recognize import is_dateline_at
from eventwire.records import Place

__all__ = ["borrow_points", "dominant_country"]

# What may stand between a place and the division, town or country that says where it lies:
# "X, Y", "X (Y", "X – Y", "X dans la région de Y", "X in the Y province", "X, près de Y".
_TIE = re.compile(
    r"^\s*(?:[,(–—-]|\bin\b|\ben\b|\bau\b|\baux\b|\bdans\b|\bnear\b|\bprès\b|\bde\b|\bdu\b|\bdes\b|"
    r"\bd['’]|\bof\b|\bthe\b|\bla\b|\ble\b|\bl['’]|\bles\b|\ban?\b|\bune?\b|"
    r"\b(?:north|south|east|west|nord|sud|central|centre|center)[\w-]*|"
    r"\best\b|\bouest\b|\bkm\b|\d+|\bkilom[eè]tres?\b|\bkilometers?\b|\bmiles?\b|"
    r"\b(?:région|region|province|cercle|département|department|commune|territoire|territory|"
    r"district|gouvernorat|governorate|préfecture|prefecture|state|état|county|comté|wilaya|"
    r"(?:sub-?|sous-)?(?:division|préfecture)|"
    r"localité|locality|village|town|ville|area|zone|secteur|sector|chefferie|groupement)s?\b|"
    r"[\s,]+)*$",
    re.IGNORECASE,
)
_TIE_CHARS = 60
# The nearest town or division of the paragraph lends its point within this many characters.
_NEARBY_CHARS = 400
_BROAD = ("CONT", "RGN", "AREA", "ZN", "SEA", "DSRT", "LK", "GULF")
_COUNTRY = ("PCL", "TERR")


def dominant_country(places: Sequence[Place], prior: Sequence[str] = ()) -> str | None:
    """The country most of the article's resolved event places lie in (``prior``: the
    outlet's); a country named inside a name ("the Israeli army") says who, not where."""
    counts: Counter[str] = Counter(prior)
    counts.update(
        p.country_code for p in places if p.resolved and p.country_code and p.role == "event"
    )
    return counts.most_common(1)[0][0] if counts else None


def borrow_points(places: Sequence[Place], text: str, *, prior: Sequence[str] = ()) -> list[Place]:
    """``places`` with every unresolved one given the point of its tie or of the focus."""
    filed = [p for p in places if not _dateline(p, text)]
    focus = _focus(filed, dominant_country(places, prior))
    out: list[Place] = []
    for i, place in enumerate(places):
        if place.resolved or place.lat is not None:
            out.append(place)
            continue
        tie = _tie(places, i, text)
        if tie is None or _is_country(tie):
            # "X, au Mali": a town or division of the paragraph, or the article's, is finer
            finer = _nearby(filed, place, text) or focus
            if tie is None or (finer is not None and finer.country_code == tie.country_code):
                tie = finer
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


def _local(place: Place) -> bool:
    """A resolved town or division: neither a country nor a broad region, sea or desert."""
    code = place.feature_code or ""
    return place.resolved and not code.startswith(_BROAD) and not code.startswith(_COUNTRY)


def _nearby(places: Sequence[Place], place: Place, text: str) -> Place | None:
    """The resolved town or division nearest to ``place`` in its paragraph."""
    start, end = place.mention.start, place.mention.end
    best: tuple[int, Place] | None = None
    for other in places:
        if not _local(other) or other.role != "event":
            continue
        lo, hi = sorted((other.mention.start, start))
        gap = max(other.mention.start - end, start - other.mention.end)
        if gap > _NEARBY_CHARS or "\n" in text[lo:hi]:
            continue
        if best is None or gap < best[0]:
            best = (gap, other)
    return None if best is None else best[1]


def _dateline(place: Place, text: str) -> bool:
    """Whether ``place`` opens the text as its dateline ("BAMAKO, Mali (AP) —", "Gao, 3 mai")."""
    return is_dateline_at(text, place.mention.start, place.mention.end)


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
