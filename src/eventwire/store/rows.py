"""Convert between records and table rows, both ways (pure functions)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from eventwire.provenance import Provenance
from eventwire.records import (
    Actor,
    Article,
    Attribution,
    Event,
    NonEvent,
    Place,
    Result,
    Span,
)
from eventwire.store.tables import actors, attributions, events, places


def event_id(article_id: str, idx: int) -> str:
    return f"{article_id}:{idx}"


def _span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _span_of(row: Mapping[Any, Any], prefix: str) -> Span | None:
    if row[f"{prefix}_start"] is None:
        return None
    return Span(row[f"{prefix}_text"] or "", row[f"{prefix}_start"], row[f"{prefix}_end"])


def place_rows(result: Result) -> list[dict[str, Any]]:
    return [
        {
            "article_id": result.article.id,
            "idx": i,
            "text": p.mention.text,
            "start": p.mention.start,
            "end": p.mention.end,
            "geonameid": p.geonameid,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "feature_code": p.feature_code,
            "confidence": p.confidence,
            "role": p.role,
        }
        for i, p in enumerate(result.places)
    ]


def actor_rows(result: Result) -> list[dict[str, Any]]:
    return [
        {
            "article_id": result.article.id,
            "idx": i,
            "text": a.mention.text,
            "start": a.mention.start,
            "end": a.mention.end,
            "name": a.name,
            "kind": a.kind,
            "country_code": a.country_code,
            "dictionary_id": a.dictionary_id,
        }
        for i, a in enumerate(result.actors)
    ]


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_kind": actor.kind if actor else None,
        f"{prefix}_country": actor.country_code if actor else None,
        f"{prefix}_dictionary_id": actor.dictionary_id if actor else None,
        **_span_cols(prefix, actor.mention if actor else None),
    }


def event_rows(result: Result) -> list[dict[str, Any]]:
    out = []
    for i, e in enumerate(result.events):
        loc = e.location
        out.append(
            {
                "id": event_id(result.article.id, i),
                "article_id": result.article.id,
                "idx": i,
                "event_type": e.event_type,
                "sub_event_type": e.sub_event_type,
                "plover": e.plover,
                "cameo": e.cameo,
                **_span_cols("trigger", e.trigger),
                **_span_cols("sentence", e.sentence),
                **_actor_cols("actor1", e.actor1),
                **_actor_cols("actor2", e.actor2),
                **_span_cols("location", loc.mention if loc else None),
                "location_geonameid": loc.geonameid if loc else None,
                "location_name": loc.name if loc else None,
                "latitude": loc.lat if loc else None,
                "longitude": loc.lon if loc else None,
                "country_code": loc.country_code if loc else None,
                "admin1": loc.admin1 if loc else None,
                "feature_code": loc.feature_code if loc else None,
                "location_confidence": loc.confidence if loc else None,
                "geo_precision": e.geo_precision,
                "event_date": e.date,
                "date_precision": e.date_precision,
                "date_from_publication": int(e.date_from_publication),
                "date_year_inferred": int(e.date_year_inferred),
                **_span_cols("date", e.date_evidence),
                "fatalities": e.fatalities,
                **_span_cols("fatalities", e.fatalities_evidence),
                "injured": e.injured,
                **_span_cols("injured", e.injured_evidence),
                "casualty_note": e.casualty_note,
                "modality": e.modality,
                **_span_cols("modality", e.modality_evidence),
                "confidence": e.confidence,
                "group_id": e.group_id,
                "taxonomy_version": e.taxonomy_version,
            }
        )
    return out


def attribution_rows(result: Result) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event_id(result.article.id, i),
            "article_id": result.article.id,
            "rank": rank,
            "name": a.name,
            **_span_cols("span", a.span),
        }
        for i, e in enumerate(result.events)
        for rank, a in enumerate(e.attribution)
    ]


def place_from_row(row: Mapping[Any, Any]) -> Place:
    return Place(
        mention=Span(row["text"], row["start"], row["end"]),
        geonameid=row["geonameid"],
        name=row["name"],
        lat=row["lat"],
        lon=row["lon"],
        country_code=row["country_code"],
        admin1=row["admin1"],
        feature_code=row["feature_code"],
        confidence=row["confidence"] or 0.0,
        role=row["role"] or "event",
    )


def actor_from_row(row: Mapping[Any, Any]) -> Actor:
    return Actor(
        mention=Span(row["text"], row["start"], row["end"]),
        name=row["name"],
        kind=row["kind"],
        country_code=row["country_code"],
        dictionary_id=row["dictionary_id"],
    )


def _event_actor(row: Mapping[Any, Any], prefix: str) -> Actor | None:
    span = _span_of(row, prefix)
    if row[f"{prefix}_name"] is None or span is None:
        return None
    return Actor(
        span,
        row[f"{prefix}_name"],
        row[f"{prefix}_kind"],
        row[f"{prefix}_country"],
        # .get: rows written before revision 0007 (old Spark output) have no such key
        row.get(f"{prefix}_dictionary_id"),
    )


def event_from_row(row: Mapping[Any, Any], chain: tuple[Attribution, ...]) -> Event:
    loc_span = _span_of(row, "location")
    location = None
    if loc_span is not None:
        location = Place(
            mention=loc_span,
            geonameid=row["location_geonameid"],
            name=row["location_name"],
            lat=row["latitude"],
            lon=row["longitude"],
            country_code=row["country_code"],
            admin1=row["admin1"],
            feature_code=row["feature_code"],
            confidence=row["location_confidence"] or 0.0,
        )
    trigger = _span_of(row, "trigger")
    sentence = _span_of(row, "sentence")
    assert trigger is not None and sentence is not None  # NOT NULL by construction
    return Event(
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        trigger=trigger,
        sentence=sentence,
        plover=row["plover"],
        cameo=row["cameo"],
        actor1=_event_actor(row, "actor1"),
        actor2=_event_actor(row, "actor2"),
        location=location,
        geo_precision=row["geo_precision"],
        date=row["event_date"],
        date_precision=row["date_precision"],
        date_evidence=_span_of(row, "date"),
        date_from_publication=bool(row["date_from_publication"]),
        # .get: rows written before revision 0011 (old Spark output) have no such key
        date_year_inferred=bool(row.get("date_year_inferred")),
        fatalities=row["fatalities"],
        fatalities_evidence=_span_of(row, "fatalities"),
        injured=row["injured"],
        injured_evidence=_span_of(row, "injured"),
        casualty_note=row["casualty_note"],
        attribution=chain,
        modality=row["modality"],
        modality_evidence=_span_of(row, "modality"),
        confidence=row["confidence"] if row["confidence"] is not None else 0.5,
        group_id=row["group_id"],
        taxonomy_version=row["taxonomy_version"],
    )


def provenance_json(provenance: Provenance | None) -> str | None:
    """The ``articles.provenance`` column: Provenance.to_dict() as JSON, or NULL."""
    return None if provenance is None else json.dumps(provenance.to_dict(), ensure_ascii=False)


def provenance_from_row(row: Mapping[Any, Any]) -> Provenance | None:
    """The Provenance of an article row; None for rows stored before revision 0005."""
    raw = row.get("provenance")
    return None if raw is None else Provenance.from_dict(json.loads(raw))


def non_events_json(non_events: tuple[NonEvent, ...]) -> str:
    """The ``articles.non_events`` column: each NonEvent.to_dict(), as a JSON list."""
    return json.dumps([n.to_dict() for n in non_events], ensure_ascii=False)


def non_events_from_row(row: Mapping[Any, Any]) -> tuple[NonEvent, ...]:
    """The non-events of an article row; none for rows stored before revision 0011."""
    raw = row.get("non_events")
    return tuple(_non_event(item) for item in json.loads(raw or "[]"))


def _non_event(item: Mapping[str, Any]) -> NonEvent:
    trigger = item["trigger"]
    return NonEvent(
        trigger=Span(trigger["text"], trigger["start"], trigger["end"]),
        sentence=Span(item["text"], item["start"], item["end"]),
        sub_event_type=item["sub_event_type"],
        reason=item["reason"],
        date=item["date"],
    )


def article_from_row(row: Mapping[Any, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        language=row["language"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
        origin=row["origin"],
        ingested=row.get("ingested"),  # None for rows stored before revision 0011
    )


def result_from_rows(connection: Connection, row: Mapping[Any, Any]) -> Result:
    """Rebuild a Result from an article row and its child rows."""
    article_id = row["id"]
    place_list = connection.execute(
        select(places).where(places.c.article_id == article_id).order_by(places.c.idx)
    )
    actor_list = connection.execute(
        select(actors).where(actors.c.article_id == article_id).order_by(actors.c.idx)
    )
    chains: dict[str, list[Attribution]] = {}
    for a in connection.execute(
        select(attributions)
        .where(attributions.c.article_id == article_id)
        .order_by(attributions.c.event_id, attributions.c.rank)
    ):
        m = a._mapping
        chains.setdefault(m["event_id"], []).append(Attribution(m["name"], _span_of(m, "span")))
    event_list = connection.execute(
        select(events).where(events.c.article_id == article_id).order_by(events.c.idx)
    )
    return Result(
        article=article_from_row(row),
        places=tuple(place_from_row(p._mapping) for p in place_list),
        actors=tuple(actor_from_row(a._mapping) for a in actor_list),
        events=tuple(
            event_from_row(e._mapping, tuple(chains.get(e._mapping["id"], ()))) for e in event_list
        ),
        warnings=tuple(json.loads(row["warnings"] or "[]")),
        pipeline_version=row["pipeline_version"],
        non_events=non_events_from_row(row),
        provenance=provenance_from_row(row),
    )
