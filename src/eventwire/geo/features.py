"""Features of (toponym, candidate place) pairs for the resolution ranker (issue 5).

Each candidate of a mention becomes one row of numbers: how the name matched, how big
and what kind of place it is, whether a trigger word agrees ("province" → ADM1), whether
its country and first-level division are those of the article, and how far it lies from
the article's other places. ``resolve`` scores rows with fitted weights; ``fit`` learns them.

>>> FEATURES[:3]
('null', 'match_exact', 'match_key')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from eventwire.geo.gazetteer import Candidate

#: Feature names, in column order. "null" is 1 only on the abstention row.
FEATURES: tuple[str, ...] = (
    "null",
    "match_exact",
    "match_key",
    "match_fuzzy",
    "score",
    "log_population",
    "top_population",
    "is_country",
    "is_adm1",
    "is_adm2",
    "is_adm_other",
    "is_capital",
    "is_ppla",
    "is_ppl",
    "is_other_class",
    "hint_agrees",
    "hint_disagrees",
    "country_evidence",
    "country_share",
    "admin1_agrees",
    "near_others",
    "log_distance_others",
    "no_others",
    "abbreviation_country",
    "preferred_name",
    "log_candidates",
    "null_fuzzy_only",
    "null_no_country_evidence",
    "key_beside_exact",
    "qualifier_agrees",
    "qualifier_disagrees",
    "locative_populated",
    "locative_unit",
    "unit_named_admin",
    "layer_place",
    "admin1_of_town",
    "outside_focus",
    "outside_focus_population",
    "null_focus_elsewhere",
    "null_key_only",
)
#: Weights of features that a weights file does not (yet) name: added after the last fit
#: (issue 16), so a fitted file may gain these keys later and then overrides them.
#: "à Kaduna", "in Ménaka" name the town: a populated place beats its same-name
#: division (among the candidates in the article's focus country, when it has one);
#: "la province de Kaduna" names the division; a place from a curated or user layer
#: (regions, an analyst's camps) beats a GeoNames namesake.
#: The document-focus features ("outside_focus" and its population interaction, the
#: abstention row's "null_focus_elsewhere") are fitted: the fit corpora (US local news,
#: world news) have a focus country in most documents and same-name towns abroad.
DEFAULT_WEIGHTS: dict[str, float] = {
    "locative_populated": 2.0,
    "locative_unit": -1.5,
    "unit_named_admin": 1.5,
    "layer_place": 1.5,
    "admin1_of_town": 1.0,
}
_INDEX = {name: i for i, name in enumerate(FEATURES)}
EARTH_RADIUS_KM = 6371.0088
_NEAR_KM = 200.0
_LOG_MAX_KM = math.log1p(20039.0)
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says: country evidence, admin1s, anchor points.

    ``countries`` counts demonyms and country names per ISO code; ``admin1s`` holds the
    (country, admin1) of divisions named in the article; ``anchors`` the provisional
    (lat, lon) of the other mentions' best candidates, grouped by surface form.
    """

    countries: Counter[str]
    admin1s: frozenset[tuple[str, str]]
    anchors: dict[str, tuple[tuple[float, float], ...]]
    #: (country, admin1 or "") of the division or country right after the mention
    #: ("Huntsville, Ala.": ("US", "AL")); empty when none follows.
    qualifiers: frozenset[tuple[str, str]] = frozenset()
    #: (country, admin1) of the towns the article names ("à Deir ez-Zor"): weaker evidence
    #: than the division itself (``admin1s``), but evidence (issue 16).
    town_admin1s: frozenset[tuple[str, str]] = frozenset()
    #: The country that holds most of the article's evidence (at least half, twice or more,
    #: the outlet's country counting): a town or division elsewhere needs more to win.
    focus_country: str | None = None
    #: The country of each anchor group (same keys as ``anchors``): a country is near the
    #: places that lie in it, however far its centre point is from them.
    anchor_countries: dict[str, str] = field(default_factory=dict)


_FOCUS_SHARE = 0.5
_FOCUS_COUNT = 2


def focus_country(countries: Counter[str]) -> str | None:
    """The country with at least half of the evidence, counted at least twice and more
    often than any other; else None."""
    if not countries:
        return None
    (code, count), *rest = countries.most_common(2)
    if rest and rest[0][1] == count:
        return None  # a tie ("Mali" twice, "France" twice) names no focus
    total = sum(countries.values())
    return code if code and count >= _FOCUS_COUNT and count >= _FOCUS_SHARE * total else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def hint_agrees(hint: str | None, cand: Candidate) -> bool | None:
    """Does the trigger word's type fit the candidate? None when there is no hint."""
    if hint is None:
        return None
    code = cand.feature_code
    if hint == "ADM":  # "la région du Darfour": a region is no division but fits the noun
        return (cand.feature_class == "A" and not code.startswith("PCL")) or code in ("RGN", "AREA")
    if hint == "PPL":
        return cand.feature_class == "P"
    if hint == "MILB":
        return code in ("MILB", "INSM") or cand.feature_class == "P"
    if hint == "CAMP":
        return code.startswith("CMP") or cand.feature_class == "P"
    return None


def candidate_rows(
    surface: str,
    key: str,
    candidates: Sequence[Candidate],
    context: Context,
    hint: str | None,
    *,
    locative: bool = False,
    layer_ids: frozenset[int] = frozenset(),
) -> np.ndarray:
    """One row per candidate plus a final abstention row, columns as in ``FEATURES``.

    ``key`` names the mention's surface group so that its own anchors are left out;
    ``locative`` says a preposition, not a division noun, introduces it ("à X", "in X");
    ``layer_ids`` are the candidates that come from a curated or user layer.
    """
    rows = np.zeros((len(candidates) + 1, len(FEATURES)))
    batch = _batch(key, candidates, context, locative=locative)
    for i, cand in enumerate(candidates):
        row = rows[i]
        _own_columns(row, cand, hint, batch)
        _country_columns(row, cand, context, batch)
        _position_columns(row, cand, surface, batch)
        row[_INDEX["preferred_name"]] = float(cand.matched_name == cand.name)
        row[_INDEX["log_candidates"]] = math.log1p(len(candidates)) / 4.0
        row[_INDEX["key_beside_exact"]] = float(batch.has_exact and cand.match != "exact")
        # "à Boma" in a Chad article: the preposition says which reading of a name the
        # article's country has, not that a namesake abroad is meant (issue 16).
        in_focus = not _outside_focus(cand, context.focus_country)
        _unit_columns(row, cand, hint, batch.locative and in_focus)
        row[_INDEX["layer_place"]] = float(cand.geonameid in layer_ids)
        if context.qualifiers:
            agrees = _qualified(cand, context.qualifiers)
            row[_INDEX["qualifier_agrees" if agrees else "qualifier_disagrees"]] = 1.0
    _null_columns(rows[-1], candidates, context)
    return rows


@dataclass(frozen=True, slots=True)
class _Batch:
    """What every candidate row of one mention compares against."""

    total_evidence: int
    max_pop: int
    others: list[tuple[float, float]]  # the other groups' anchor points
    inside: set[str]  # the other groups' countries
    has_exact: bool
    locative: bool


def _batch(
    key: str,
    candidates: Sequence[Candidate],
    context: Context,
    *,
    locative: bool,
) -> _Batch:
    # "in Mexico" names the country: the preposition weighs towns against same-name
    # divisions, never against a country called exactly so.
    locative = locative and not any(
        c.match == "exact" and c.feature_code in _COUNTRY_CODES for c in candidates
    )
    return _Batch(
        total_evidence=sum(context.countries.values()),
        max_pop=max((c.population for c in candidates), default=0),
        others=[p for k, pts in context.anchors.items() if k != key for p in pts],
        inside={cc for k, cc in context.anchor_countries.items() if k != key},
        has_exact=any(c.match == "exact" for c in candidates),
        locative=locative,
    )


def _own_columns(row: np.ndarray, cand: Candidate, hint: str | None, batch: _Batch) -> None:
    """The candidate's own match, score, population, kind, and whether the hint fits it."""
    row[_INDEX[f"match_{cand.match}"]] = 1.0
    row[_INDEX["score"]] = cand.score
    row[_INDEX["log_population"]] = math.log10(cand.population + 1) / 7.0
    row[_INDEX["top_population"]] = float(cand.population == batch.max_pop and batch.max_pop > 0)
    _kind_columns(row, cand)
    agrees = hint_agrees(hint, cand)
    if agrees is not None:
        row[_INDEX["hint_agrees" if agrees else "hint_disagrees"]] = 1.0


def _country_columns(row: np.ndarray, cand: Candidate, context: Context, batch: _Batch) -> None:
    """Does the article's country and division evidence back the candidate?"""
    share = context.countries.get(cand.country_code or "", 0)
    row[_INDEX["country_evidence"]] = float(share > 0)
    row[_INDEX["country_share"]] = share / batch.total_evidence if batch.total_evidence else 0.0
    row[_INDEX["admin1_agrees"]] = float(
        (cand.country_code or "", cand.admin1 or "") in context.admin1s
    )
    row[_INDEX["admin1_of_town"]] = float(
        (cand.country_code or "", cand.admin1 or "") in context.town_admin1s
    )
    outside = _outside_focus(cand, context.focus_country)
    row[_INDEX["outside_focus"]] = float(outside)
    # Focus against size: a namesake abroad of a village loses to the focus, a capital
    # abroad (Algiers, Amsterdam in a Mali article) can still win.
    row[_INDEX["outside_focus_population"]] = outside * math.log10(cand.population + 1) / 7.0


def _outside_focus(cand: Candidate, focus: str | None) -> bool:
    """A town or division (not a country) outside the article's focus country."""
    return (
        focus is not None
        and cand.feature_class in ("P", "A")
        and cand.feature_code not in _COUNTRY_CODES
        and cand.country_code != focus
    )


def _position_columns(row: np.ndarray, cand: Candidate, surface: str, batch: _Batch) -> None:
    """Distance to the other places, and a country written as an abbreviation ("U.S.")."""
    is_country = cand.feature_code in _COUNTRY_CODES
    if is_country and cand.match == "exact" and cand.country_code in batch.inside:
        row[_INDEX["near_others"]] = 1.0  # distance 0: another place lies in it
    else:
        _distance_columns(row, cand, batch.others)
    row[_INDEX["abbreviation_country"]] = float(
        is_country and surface.replace(".", "").isupper() and len(surface) <= 5
    )


def _null_columns(null: np.ndarray, candidates: Sequence[Candidate], context: Context) -> None:
    """The abstention row: no candidate but fuzzy ones, no country evidence for any."""
    null[_INDEX["null"]] = 1.0
    null[_INDEX["null_fuzzy_only"]] = float(
        bool(candidates) and all(c.match == "fuzzy" for c in candidates)
    )
    null[_INDEX["null_no_country_evidence"]] = float(
        not any(context.countries.get(c.country_code or "", 0) for c in candidates)
    )
    # No candidate bears the name as written, only look-alikes by transliteration key
    # ("Kabal": Kabale, Kabala): the place itself is likely missing from the gazetteer.
    null[_INDEX["null_key_only"]] = float(
        any(c.match == "key" for c in candidates)
        and not any(c.match == "exact" for c in candidates)
    )
    # "Boma" in a Chad article, and no Boma in Chad: the town is likely missing from the
    # gazetteer rather than the article's one place abroad.
    null[_INDEX["null_focus_elsewhere"]] = float(
        bool(candidates)
        and context.focus_country is not None
        and all(_outside_focus(c, context.focus_country) for c in candidates)
    )


def _qualified(cand: Candidate, qualifiers: frozenset[tuple[str, str]]) -> bool:
    """Does the candidate lie in the division or country named right after the mention?"""
    return any(cand.country_code == cc and (not a1 or cand.admin1 == a1) for cc, a1 in qualifiers)


def _unit_columns(row: np.ndarray, cand: Candidate, hint: str | None, locative: bool) -> None:
    """Town or division: "à Diffa" is the town, "la région de Diffa" the division."""
    unit = _is_unit(cand)
    if hint == "ADM" and unit:
        row[_INDEX["unit_named_admin"]] = 1.0
    elif locative:  # "a village near Menaka": the noun's hint is the event's, not Menaka's
        if cand.feature_class == "P":
            row[_INDEX["locative_populated"]] = 1.0
        elif unit:
            row[_INDEX["locative_unit"]] = 1.0


def _is_unit(cand: Candidate) -> bool:
    """An administrative division, not a country."""
    return (
        cand.feature_class == "A"
        and not cand.feature_code.startswith("PCL")
        and (cand.feature_code not in _COUNTRY_CODES)
    )


def _kind_columns(row: np.ndarray, cand: Candidate) -> None:
    code = cand.feature_code
    if code in _COUNTRY_CODES or code.startswith("PCL"):
        row[_INDEX["is_country"]] = 1.0
    elif code == "ADM1":
        row[_INDEX["is_adm1"]] = 1.0
    elif code == "ADM2":
        row[_INDEX["is_adm2"]] = 1.0
    elif cand.feature_class == "A":
        row[_INDEX["is_adm_other"]] = 1.0
    elif code == "PPLC":
        row[_INDEX["is_capital"]] = 1.0
    elif code.startswith("PPLA"):
        row[_INDEX["is_ppla"]] = 1.0
    elif cand.feature_class == "P":
        row[_INDEX["is_ppl"]] = 1.0
    else:
        row[_INDEX["is_other_class"]] = 1.0


def _distance_columns(
    row: np.ndarray, cand: Candidate, others: Sequence[tuple[float, float]]
) -> None:
    if not others:
        row[_INDEX["no_others"]] = 1.0
        return
    nearest = min(haversine_km(cand.lat, cand.lon, lat, lon) for lat, lon in others)
    row[_INDEX["near_others"]] = float(nearest <= _NEAR_KM)
    row[_INDEX["log_distance_others"]] = math.log1p(nearest) / _LOG_MAX_KM
