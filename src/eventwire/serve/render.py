"""Turn stored rows and Results into what the API sends: evidence spans, GeoJSON, CSV.

Pure functions; the routes fetch, these shape.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventwire.export.cells import spreadsheet_safe
from eventwire.records import Event, Result, Span
from eventwire.store.queries import SUMMARY_COLUMNS
from eventwire.store.units import CLUSTER_COLUMNS

_ARTICLE_FIELDS = ("id", "title", "text", "language", "published", "source", "url")


def article_out(result: Result) -> dict[str, Any]:
    """The article part of a response (text included)."""
    a = result.article
    return {name: getattr(a, name) for name in _ARTICLE_FIELDS}


def _span(kind: str, span: Span | None, label: str, index: int | None) -> dict[str, Any] | None:
    if span is None or span.end <= span.start:
        return None
    return {
        "kind": kind,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "label": label,
        "events": [] if index is None else [index],
    }


def event_spans(event: Event, index: int | None = None) -> list[dict[str, Any]]:
    """The highlighted evidence of one event: trigger, actors, place, date, figures, sources."""
    loc = event.location
    candidates = [
        _span("trigger", event.trigger, f"{event.event_type} / {event.sub_event_type}", index),
        _span(
            "actor",
            event.actor1.mention if event.actor1 else None,
            f"actor 1: {event.actor1.name}" if event.actor1 else "",
            index,
        ),
        _span(
            "actor",
            event.actor2.mention if event.actor2 else None,
            f"actor 2: {event.actor2.name}" if event.actor2 else "",
            index,
        ),
        _span("place", loc.mention if loc else None, _place_label(loc), index),
        _span("date", event.date_evidence, f"date: {event.date}", index),
        _span("fatalities", event.fatalities_evidence, f"killed: {event.fatalities}", index),
        _span("injured", event.injured_evidence, f"injured: {event.injured}", index),
        _span("modality", event.modality_evidence, f"modality: {event.modality}", index),
    ]
    for rank, source in enumerate(event.attribution):
        candidates.append(
            _span("attribution", source.span, f"source {rank + 1}: {source.name}", index)
        )
    return [c for c in candidates if c is not None]


def _place_label(place: Any) -> str:
    if place is None:
        return ""
    if place.geonameid is None:
        return f"place: {place.mention.text} (unresolved)"
    return f"place: {place.name} ({place.country_code}, geonames {place.geonameid})"


def article_spans(result: Result) -> list[dict[str, Any]]:
    """Every annotated span of an article, merged when several events share one."""
    spans: list[dict[str, Any]] = []
    for place in result.places:
        found = _span("place", place.mention, _place_label(place), None)
        spans += [found] if found else []
    for actor in result.actors:
        found = _span("actor", actor.mention, f"{actor.name} ({actor.kind})", None)
        spans += [found] if found else []
    for index, event in enumerate(result.events):
        spans += event_spans(event, index)
    merged: dict[tuple[str, int, int], dict[str, Any]] = {}
    for span in spans:
        key = (span["kind"], span["start"], span["end"])
        if key in merged:
            merged[key]["events"] = sorted(set(merged[key]["events"]) | set(span["events"]))
        else:
            merged[key] = span
    return sorted(merged.values(), key=lambda s: (s["start"], -s["end"], s["kind"]))


def feature(row: Mapping[str, Any]) -> dict[str, Any]:
    """One event as a GeoJSON Feature; without coordinates, a null geometry (RFC 7946 allows it)."""
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": dict(row)}


def geojson(rows: Sequence[Mapping[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    """A FeatureCollection of one page."""
    return {
        "type": "FeatureCollection",
        "features": [feature(r) for r in rows],
        "next_cursor": next_cursor,
    }


def columns_of(unit: str) -> tuple[str, ...]:
    """The flat columns of a row: the report's, then the cluster's.

    A download (``/api/export``) has the columns of ``eventwire export`` instead
    (``export/columns.py``), built by the same function.
    """
    return SUMMARY_COLUMNS + (CLUSTER_COLUMNS if unit == "event" else ())


def _cell(value: Any) -> Any:
    """A list (the reports' ids or outlets) as one "; "-separated cell, as ACLED lists sources."""
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def csv_text(
    rows: Iterable[Mapping[str, Any]],
    *,
    header: bool = True,
    unit: str = "report",
) -> str:
    """The rows as CSV (with a header unless ``header=False``), in :func:`columns_of` order."""
    columns = columns_of(unit)
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180 line ends: a CR inside a cell is then quoted
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(_cell(row.get(name))) for name in columns])
    return out.getvalue()


def cluster_out(cluster: Mapping[str, Any], reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The real-world event a report belongs to: its reports and where they disagree.

    ``disagreements`` lists, per field, the distinct values the reports give (only fields
    with more than one): the fatalities range, dates, places, event types.
    """
    fields = {
        "fatalities": "fatalities",
        "dates": "event_date",
        "places": "location_name",
        "types": "sub_event_type",
    }
    disagreements: dict[str, list[Any]] = {}
    for label, column in fields.items():
        values = sorted({r[column] for r in reports if r.get(column) is not None})
        if len(values) > 1:
            disagreements[label] = values
    return {**cluster, "reports": list(reports), "disagreements": disagreements}
