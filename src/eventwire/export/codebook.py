"""ACLED's derived columns, as ACLED's public codebook defines them (issues 15, 16).

Pure functions of one exported row's stored values: ``disorder_type``, ``civilian_targeting``,
``time_precision``, ``source_scale``, ``tags``, ``timestamp`` and ``event_id_cnty``. Only the
codebook's definitions are used, never ACLED data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from eventwire.events import acled
from eventwire.geo.outlets import INTERNATIONAL

__all__ = [
    "CIVILIAN_TARGETING",
    "TIME_PRECISION",
    "civilian_targeting",
    "disorder_type",
    "event_id_cnty",
    "source_scale",
    "tags",
    "time_precision",
    "timestamp",
]

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

#: The codebook's disorder type of each event type ...
_DISORDER_BY_TYPE = {
    acled.BATTLES: POLITICAL_VIOLENCE,
    acled.EXPLOSIONS: POLITICAL_VIOLENCE,
    acled.VIOLENCE_AGAINST_CIVILIANS: POLITICAL_VIOLENCE,
    acled.PROTESTS: DEMONSTRATIONS,
    acled.RIOTS: DEMONSTRATIONS,
    acled.STRATEGIC_DEVELOPMENTS: STRATEGIC_DEVELOPMENTS,
}
#: ... except two sub-types: force used on peaceful protesters is political violence during a
#: demonstration (both), and mob violence is political violence.
_DISORDER_BY_SUB_TYPE = {
    acled.EXCESSIVE_FORCE: f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    acled.MOB_VIOLENCE: POLITICAL_VIOLENCE,
}

#: The value of ``civilian_targeting`` when civilians were the main or only target.
CIVILIAN_TARGETING = "Civilian targeting"
#: ACLED's actor type (``inter``) of civilians.
_CIVILIANS = 7

#: ACLED time_precision: 1 day, 2 week (or a few days), 3 month; a year alone is 3 as well
#: (ACLED has no coarser code).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

#: ACLED's source scales, narrowest first: a row with several outlets joins theirs in this
#: order with "-" ("National-International"), as ACLED writes combinations.
_SCALES = ("Local", "Subnational", "National", "Regional", "International")


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type of an event type and sub-type.

    >>> disorder_type("Protests", "Peaceful protest"), disorder_type("Riots", "Mob violence")
    ('Demonstrations', 'Political violence')
    >>> disorder_type("Protests", "Excessive force against protesters")
    'Political violence; Demonstrations'
    """
    by_sub_type = _DISORDER_BY_SUB_TYPE.get(sub_event_type or "")
    return by_sub_type or _DISORDER_BY_TYPE.get(event_type or "")


def civilian_targeting(
    event_type: str | None, sub_event_type: str | None, inter2: int
) -> str | None:
    """``"Civilian targeting"`` when civilians were the event's target, else blank (ACLED).

    Every Violence against civilians event targets civilians; an explosion, a strike or mob
    violence does when its target (actor 2) is civilians. Battles are between armed groups,
    and protesters (inter 6) are not civilians in ACLED's actor types.

    >>> civilian_targeting("Explosions/Remote violence", "Air/drone strike", 7)
    'Civilian targeting'
    >>> civilian_targeting("Explosions/Remote violence", "Air/drone strike", 2) is None
    True
    """
    if event_type == acled.VIOLENCE_AGAINST_CIVILIANS:
        return CIVILIAN_TARGETING
    targeted = event_type == acled.EXPLOSIONS or sub_event_type == acled.MOB_VIOLENCE
    return CIVILIAN_TARGETING if targeted and inter2 == _CIVILIANS else None


def time_precision(date_precision: str | None) -> int | None:
    """ACLED's 1/2/3 for eventwire's date precision; None for an event without a date.

    >>> time_precision("day"), time_precision("year"), time_precision(None)
    (1, 3, None)
    """
    return TIME_PRECISION.get(date_precision or "")


def _scale(outlet_country: str, event_country: str, regions: Mapping[str, str]) -> str:
    if outlet_country == INTERNATIONAL:
        return "International"
    if outlet_country == event_country:
        return "National"
    region = regions.get(outlet_country)
    return "Regional" if region and region == regions.get(event_country) else "International"


def source_scale(
    outlet_countries: Iterable[str | None], event_country: str | None, regions: Mapping[str, str]
) -> str | None:
    """ACLED's ``source_scale`` of a row's outlets; None unless every outlet's is known.

    An outlet of the registry (``data/outlets.v1.tsv``) reports on one country: National for
    an event there, Regional in another country of its ACLED region, else International.

    >>> regions = {"ML": "Western Africa", "BF": "Western Africa", "IQ": "Middle East"}
    >>> source_scale(["ML"], "ML", regions), source_scale(["ML", "IQ"], "BF", regions)
    ('National', 'Regional-International')
    >>> source_scale(["ML", None], "ML", regions) is None
    True

    An international wire (``INTERNATIONAL``, "-" in the registry) is International anywhere:

    >>> source_scale(["-", "ML"], "ML", regions)
    'National-International'
    """
    countries = list(outlet_countries)
    if not event_country or not countries or None in countries:
        return None
    found = {_scale(c, event_country, regions) for c in countries if c is not None}
    return "-".join(s for s in _SCALES if s in found)


def tags(*, fatalities_known: bool, year_inferred: bool) -> str | None:
    """ACLED's ``tags``: what the other columns cannot say, "; "-separated; None for none.

    ``fatalities=no report``: no figure was reported, so ``fatalities`` holds ACLED's 0 (as
    ACLED's "crowd size=no report"); ``year inferred``: the article carried no date and the
    event's year was inferred from the text, at whatever ``time_precision`` its day has.

    >>> tags(fatalities_known=False, year_inferred=True)
    'fatalities=no report; year inferred'
    """
    found = []
    if not fatalities_known:
        found.append("fatalities=no report")
    if year_inferred:
        found.append("year inferred")
    return "; ".join(found) or None


def timestamp(stored_at: str | None) -> int | None:
    """Unix time (seconds) of an ISO 8601 storage time; one without a zone is UTC.

    >>> timestamp("2024-05-04T00:00:01+00:00"), timestamp(None)
    (1714780801, None)
    """
    if not stored_at:
        return None
    when = datetime.fromisoformat(stored_at)
    return int((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())


def _iso3(country_code: str | None) -> str:
    import pycountry

    # ISO 3166-1 alpha-3 from pycountry's table; "XXX" (ISO's code for "unspecified") when
    # the event has no country or a code ISO does not list (Kosovo's XK).
    country = pycountry.countries.get(alpha_2=country_code.upper()) if country_code else None
    return str(country.alpha_3) if country is not None else "XXX"


def event_id_cnty(country_code: str | None, event_id: str | None) -> str | None:
    """ACLED-style ``event_id_cnty``: the ISO 3166-1 alpha-3 code and a stable number.

    The number is the first 15 hex digits of SHA-256(event id), in decimal: the event id
    hashes the article's content and the event's index, so the same event keeps its number
    in every export and on every machine.

    >>> event_id_cnty("ML", "a1:0")[:3], event_id_cnty(None, "a1:0")[:3]
    ('MLI', 'XXX')
    """
    if not event_id:  # a foreign row without an id
        return None
    number = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)
    return f"{_iso3(country_code)}{number}"
