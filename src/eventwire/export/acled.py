"""ACLED rows for stored events: ACLED's columns first, eventwire's evidence after.

:func:`to_acled` builds every exported row, for ``eventwire export`` and ``/api/export``
alike; :func:`export_rows` reads the stored rows it needs (all, or those of one API page).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, select

from eventwire.export import codebook
from eventwire.export.columns import COLUMNS, EVENT_COLUMNS
from eventwire.export.geography import geography_cells
from eventwire.export.lookups import Lookups
from eventwire.geo.outlets import INTERNATIONAL, Outlets
from eventwire.records import UNREALIZED_MODALITIES
from eventwire.store.tables import articles, attributions, events

__all__ = ["COLUMNS", "acled_rows", "export_rows", "to_acled"]


def acled_rows(
    engine: Engine,
    *,
    include_unrealized: bool = False,
    lookups: Lookups | None = None,
    unit: str = "report",
) -> Iterator[dict[str, Any]]:
    """Yield one ACLED row per stored report, or per real-world event with ``unit="event"``
    (planned/hypothetical left out by default).

    With ``lookups.geography`` (the gazetteer's names) ``country``/``admin1``/``admin2`` are
    names and ``iso`` ACLED's numeric code, as in ACLED; without it they hold the stored codes.
    """
    with engine.connect() as connection:
        yield from export_rows(
            connection, include_unrealized=include_unrealized, lookups=lookups, unit=unit
        )


def _report_query(ids: Sequence[str] | None, include_unrealized: bool) -> Any:
    query = (
        select(
            events,
            articles.c.source.label("article_source"),
            articles.c.pipeline_version.label("pipeline_version"),
            articles.c.processed_at.label("stored_at"),
        )
        .join(articles, articles.c.id == events.c.article_id)
        .order_by(events.c.event_date, events.c.id)
    )
    if ids is not None:
        query = query.where(events.c.id.in_(list(ids)))
    elif not include_unrealized:
        query = query.where(events.c.modality.not_in(sorted(UNREALIZED_MODALITIES)))
    return query


def _chains(connection: Connection, ids: Sequence[str] | None) -> dict[str, list[str]]:
    """Event id -> its attribution chain, nearest source first."""
    query = select(attributions.c.event_id, attributions.c.name).order_by(
        attributions.c.event_id, attributions.c.rank
    )
    if ids is not None:
        query = query.where(attributions.c.event_id.in_(list(ids)))
    chains: dict[str, list[str]] = {}
    for row in connection.execute(query):
        chains.setdefault(row.event_id, []).append(row.name)
    return chains


def export_rows(
    connection: Connection,
    *,
    unit: str = "report",
    ids: Sequence[str] | None = None,
    include_unrealized: bool = False,
    lookups: Lookups | None = None,
) -> Iterator[dict[str, Any]]:
    """The exported rows of the stored events, oldest first.

    ``ids``: only these events (an API page, filtered already), whatever their modality.
    ``unit="event"``: one row per real-world event, its representative report's with the
    cluster's figures (``export/units.py``); other reports of a cluster give no row.
    """
    from eventwire.export.units import clusters_by_event, unit_cells

    clusters = clusters_by_event(connection, ids) if unit == "event" else {}
    chains = _chains(connection, ids)
    for row in connection.execute(_report_query(ids, include_unrealized)):
        e: Mapping[str, Any] = dict(row._mapping)
        cells = unit_cells(e, clusters.get(e["id"])) if unit == "event" else None
        if unit != "event" or cells is not None:
            yield to_acled(e, chains.get(e["id"], []), lookups, unit=cells)


def to_acled(
    e: Mapping[str, Any],
    chain: Sequence[str],
    lookups: Lookups | None = None,
    *,
    unit: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One events-table row (a mapping) and its attribution chain as an exported row.

    ``unit``: the real-world event's cells (``export/units.py unit_cells``) that replace the
    report's: ``fatalities`` (the reports' best estimate), the outlets, the cluster columns.
    """
    lookups = lookups or Lookups()
    row = {**_to_acled(e, chain), **geography_cells(e, lookups.geography)}
    outlets: list[str | None] = [e.get("article_source")]
    if unit is not None:
        row.update(unit)
        outlets = list(unit["outlets"]) or outlets
        row["source"] = "; ".join(o for o in outlets if o) or row["source"]
    row.update(_codebook_cells(e, row, outlets, lookups))
    columns = COLUMNS if unit is None else EVENT_COLUMNS
    return {column: row.get(column) for column in columns}  # in order, every writer alike


def _outlet_country(registry: Outlets | None, outlet: str | None) -> str | None:
    """The country an outlet reports on, ``INTERNATIONAL`` for a listed wire, else None."""
    if registry is None or not outlet:
        return None
    country = registry.country(outlet)
    if country is None and registry.is_outlet(outlet):
        return INTERNATIONAL  # "Reuters", "AFP": listed with "-", they report on every country
    return country


def _codebook_cells(
    e: Mapping[str, Any], row: Mapping[str, Any], outlets: list[str | None], lookups: Lookups
) -> dict[str, Any]:
    """ACLED's derived columns (``export/codebook.py``) of a row built so far."""
    country = e.get("country_code")
    registry = lookups.outlets
    countries = [_outlet_country(registry, o) for o in outlets]
    return {
        "event_id_cnty": codebook.event_id_cnty(country, e["id"]),
        "disorder_type": codebook.disorder_type(e["event_type"], e["sub_event_type"]),
        "civilian_targeting": codebook.civilian_targeting(
            e["event_type"], e["sub_event_type"], row["inter2"]
        ),
        "region": lookups.regions.get(country.upper()) if country else None,
        "source_scale": codebook.source_scale(countries, country, lookups.regions),
        "fatalities": row["fatalities"] or 0,  # ACLED: 0 when no figure is reported
        "tags": codebook.tags(
            fatalities_known=row["fatalities"] is not None,
            year_inferred=bool(e.get("date_year_inferred")),
        ),
        "timestamp": codebook.timestamp(row.get("stored_at") or e.get("stored_at")),
    }


def _to_acled(e: Mapping[str, Any], chain: Sequence[str]) -> dict[str, Any]:
    date = e["event_date"]
    return {
        "event_id": e["id"],
        "event_date": date,
        "year": int(date[:4])
        if date and date[:4].isdigit()
        else None,  # a foreign row may hold no date
        "time_precision": codebook.time_precision(e["date_precision"]),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        **actor_columns(e),
        "country_code": e["country_code"],
        "admin1_code": e["admin1"],
        "source": e.get("article_source"),
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
