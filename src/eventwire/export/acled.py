"""ACLED-like rows for stored events: ACLED's column names first, eventwire's evidence after."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, select

from eventwire.export.geography import ACLED_GEOGRAPHY, geography_cells
from eventwire.geo.geography import Geography
from eventwire.records import UNREALIZED_MODALITIES
from eventwire.store.tables import articles, attributions, events

#: ACLED time_precision: 1 day, 2 week, 3 month (year is 3 as well: ACLED has no coarser code).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}

COLUMNS = (
    "event_id",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    *ACLED_GEOGRAPHY,
    "source",
    "notes",
    "fatalities",
    # eventwire additions
    "country_code",
    "admin1_code",
    "injured",
    "attribution",
    "modality",
    "plover",
    "cameo",
    "geonameid",
    "article_id",
    "trigger",
    "trigger_start",
    "trigger_end",
    "location_start",
    "location_end",
    "date_evidence",
    "date_start",
    "date_end",
    "date_from_publication",
    "fatalities_start",
    "fatalities_end",
    "injured_start",
    "injured_end",
    "group_id",
    "pipeline_version",  # eventwire-VERSION+DIGEST of the data files behind it (provenance)
)


def acled_rows(
    engine: Engine, *, include_unrealized: bool = False, geography: Geography | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one ACLED-like row per stored event (planned/hypothetical left out by default).

    With ``geography`` (the gazetteer's names) ``country``/``admin1``/``admin2`` are names and
    ``iso`` ACLED's numeric code, as in ACLED; without it they hold the stored codes.
    """
    query = (
        select(
            events,
            articles.c.source.label("article_source"),
            articles.c.pipeline_version.label("pipeline_version"),
        )
        .join(articles, articles.c.id == events.c.article_id)
        .order_by(events.c.event_date, events.c.id)
    )
    if not include_unrealized:
        query = query.where(events.c.modality.not_in(sorted(UNREALIZED_MODALITIES)))
    with engine.connect() as connection:
        chains: dict[str, list[str]] = {}
        for row in connection.execute(
            select(attributions.c.event_id, attributions.c.name).order_by(
                attributions.c.event_id, attributions.c.rank
            )
        ):
            chains.setdefault(row.event_id, []).append(row.name)
        for row in connection.execute(query):
            yield to_acled(row._mapping, chains.get(row.id, []), geography)


def to_acled(e: Any, chain: list[str], geography: Geography | None = None) -> dict[str, Any]:
    """Map one events-table row (a mapping) and its attribution chain to ACLED-like columns."""
    row = {**_to_acled(e, chain), **geography_cells(e, geography)}
    return {column: row.get(column) for column in COLUMNS}  # in COLUMNS order, every writer alike


def _to_acled(e: Any, chain: list[str]) -> dict[str, Any]:
    date = e["event_date"]
    return {
        "event_id": e["id"],
        "event_date": date,
        "year": int(date[:4])
        if date and date[:4].isdigit()
        else None,  # a foreign row may hold no date
        "time_precision": TIME_PRECISION.get(e["date_precision"] or "", None),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        **actor_columns(e),
        "country_code": e["country_code"],
        "admin1_code": e["admin1"],
        "source": e["article_source"],
        "notes": e["sentence_text"],
        "fatalities": e["fatalities"],
        "injured": e["injured"],
        "attribution": " > ".join(chain),
        "modality": e["modality"],
        "plover": e["plover"],
        "cameo": e["cameo"],
        "geonameid": e["location_geonameid"],
        "article_id": e["article_id"],
        "trigger": e["trigger_text"],
        "trigger_start": e["trigger_start"],
        "trigger_end": e["trigger_end"],
        "location_start": e["location_start"],
        "location_end": e["location_end"],
        "date_evidence": e["date_text"],
        "date_start": e["date_start"],
        "date_end": e["date_end"],
        "date_from_publication": bool(e["date_from_publication"]),
        "fatalities_start": e["fatalities_start"],
        "fatalities_end": e["fatalities_end"],
        "injured_start": e["injured_start"],
        "injured_end": e["injured_end"],
        "group_id": e["group_id"],
        "pipeline_version": e.get("pipeline_version"),
    }


# ------------------------------------------------------------------- actor columns (issue 15)

#: ACLED's actor types (``inter1``/``inter2``): 1 state forces, 2 rebel groups, 3 political
#: militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces;
#: 0 when there is no actor. Read from eventwire's actor kinds and names.
_INTER_BY_KIND = {
    "state_force": 1,
    "government": 1,
    "armed_group": 2,
    "civilians": 7,
    "media": 8,
    "organization": 8,
    "person": 7,
}


def inter_code(
    name: str | None,
    kind: str | None,
    actor_country: str | None = None,
    event_country: str | None = None,
) -> int:
    """ACLED's actor type code for one actor.

    >>> inter_code("Protesters (Kenya)", "other"), inter_code(
    ...     "Military Forces of Israel", "state_force", "IL", "LB"
    ... )
    (6, 8)
    """
    if not name:
        return 0
    if name.startswith("Protesters"):
        return 6
    if name.startswith("Rioters"):
        return 5
    if "Communal Militia" in name or "Ethnic Militia" in name:
        return 4
    if name.startswith(("Unidentified Armed Group", "Pro-Government Militia")):
        return 3
    code = _INTER_BY_KIND.get(kind or "", 8)
    if code == 1 and (
        actor_country is None or (event_country is not None and actor_country != event_country)
    ):
        return 8  # state forces abroad and international missions are ACLED's external forces
    return code


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two actor types, lower first ("17"); one actor alone is "N0".

    >>> interaction(7, 1), interaction(6, 0)
    (17, 60)
    """
    if not inter2 or not inter1:
        return (inter1 or inter2) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def actor_columns(e: Any) -> dict[str, Any]:
    """``actor1`` … ``interaction`` of one events-table row, with ACLED's meanings.

    eventwire codes no associated actors yet: ``assoc_actor_1``/``assoc_actor_2`` stay empty.
    """
    country = e.get("country_code")
    inter1 = inter_code(
        e.get("actor1_name"), e.get("actor1_kind"), e.get("actor1_country"), country
    )
    inter2 = inter_code(
        e.get("actor2_name"), e.get("actor2_kind"), e.get("actor2_country"), country
    )
    return {
        "actor1": e.get("actor1_name"),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": e.get("actor2_name"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
    }
