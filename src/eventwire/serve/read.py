"""Read-only routes: events (filtered, paginated, three formats), one event, articles, stats."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from eventwire.export.acled import export_rows
from eventwire.export.columns import columns_of
from eventwire.export.lookups import open_lookups
from eventwire.export.writers import csv_text, geojson_feature, write_parquet
from eventwire.records import Event
from eventwire.serve import render
from eventwire.serve.answer_cache import AnswerCache
from eventwire.serve.guard import same_token, token_from
from eventwire.serve.schemas import (
    ArticleView,
    ClientConfig,
    ErrorBody,
    EventDetail,
    EventPage,
    Stats,
)
from eventwire.store import queries, units
from eventwire.store.changes import data_version
from eventwire.store.repository import Store

router = APIRouter(prefix="/api", tags=["read"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameter"},
}
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_Text = Annotated[str | None, Query(max_length=200)]
_Many = Annotated[list[str] | None, Query(max_length=200)]
_Unit = Annotated[
    Literal["event", "report"],
    Query(
        description="event (default): one row per real-world event, its reports merged by "
        "dedup; report: one row per article's report of it"
    ),
]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def event_filter(
    bbox: Annotated[
        str | None,
        Query(max_length=100, description="minlon,minlat,maxlon,maxlat", examples=["35,32,43,38"]),
    ] = None,
    date_from: Annotated[
        str | None, Query(alias="from", pattern=_DATE, description="YYYY-MM-DD, inclusive")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", pattern=_DATE, description="YYYY-MM-DD, inclusive")
    ] = None,
    event_type: Annotated[
        list[str] | None, Query(description="ACLED event type; repeatable")
    ] = None,
    sub_event_type: _Many = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Substring of actor 1 or 2: canonical name or the article's words",
        ),
    ] = None,
    country: Annotated[
        list[str] | None, Query(description="ISO 3166-1 alpha-2; repeatable")
    ] = None,
    source: _Many = None,
    modality: Annotated[
        list[Literal["asserted", "claimed", "denied", "planned", "hypothetical"]] | None,
        Query(description="Default: events that happened (not denied, planned or hypothetical)"),
    ] = None,
    include_unrealized: bool = False,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000_000)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in trigger, sentence, place, actors")
    ] = None,
) -> queries.EventFilter:
    """The filters every event query accepts, as one EventFilter."""
    return queries.EventFilter(
        bbox=None if not bbox else queries.BBox.parse(bbox),
        date_from=date_from,
        date_to=date_to,
        event_types=tuple(event_type or ()),
        sub_event_types=tuple(sub_event_type or ()),
        actor=actor or None,
        countries=tuple(country or ()),
        sources=tuple(source or ()),
        modalities=tuple(modality or ()),
        include_unrealized=include_unrealized,
        min_fatalities=min_fatalities,
        text=q or None,
    )


# exclude_unset: unit=report rows stay as they were, without the event rows' empty fields.
@router.get(
    "/events", response_model=EventPage, response_model_exclude_unset=True, responses=_ERRORS
)
def list_events(
    request: Request,
    flt: Annotated[queries.EventFilter, Depends(event_filter)],
    sort: Literal["date", "-date", "fatalities", "-fatalities"] = "-date",
    cursor: Annotated[
        str | None, Query(max_length=400, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    format: Literal["json", "geojson", "csv"] = "json",
    unit: _Unit = "event",
) -> Any:
    """Events matching the filters, one page at a time (``format=json|geojson|csv``)."""
    with _store(request).engine.connect() as connection:
        page = queries.list_events(
            connection, flt, sort=sort, limit=limit, cursor=cursor or None, unit=unit
        )
    if format == "geojson":
        return JSONResponse(
            render.geojson(page.rows, page.next_cursor), media_type="application/geo+json"
        )
    if format == "csv":
        headers = {"x-next-cursor": page.next_cursor} if page.next_cursor else {}
        return Response(
            render.csv_text(page.rows, unit=unit),
            media_type="text/csv; charset=utf-8",
            headers=headers,
        )
    return {
        "ok": True,
        "unit": unit,
        "count": len(page.rows),
        "next_cursor": page.next_cursor,
        "events": list(page.rows),
    }


#: Most events one download holds (the map's "download" button; the CLI's export has no cap).
MAX_EXPORT = 200_000


@router.get(
    "/export",
    responses={
        **_ERRORS,
        200: {
            "description": "Every matching event: CSV, a GeoJSON FeatureCollection or Parquet",
            "content": {
                "text/csv": {},
                "application/geo+json": {},
                "application/vnd.apache.parquet": {},
            },
        },
    },
)
def export_events(
    request: Request,
    flt: Annotated[queries.EventFilter, Depends(event_filter)],
    format: Literal["csv", "geojson", "parquet"] = "csv",
    unit: _Unit = "event",
) -> Response:
    """Every event matching the filters as one file, oldest first (the map's download button)."""
    store = _store(request)
    columns = columns_of(unit)

    def pages() -> Iterator[list[dict[str, Any]]]:
        # One function builds the rows of this download and of `eventwire export`
        # (export/acled.py export_rows): the same columns, the same values.
        cursor, sent = None, 0
        with store.engine.connect() as connection, open_lookups() as lookups:
            while sent < MAX_EXPORT:
                page = queries.list_events(
                    connection, flt, sort="date", limit=queries.MAX_LIMIT, cursor=cursor, unit=unit
                )
                ids = [row["id"] for row in page.rows[: MAX_EXPORT - sent]]
                built = {
                    row["event_id"]: row
                    for row in export_rows(connection, unit=unit, ids=ids, lookups=lookups)
                }
                yield [built[i] for i in ids if i in built]  # in the page's order
                sent += len(page.rows)
                if page.next_cursor is None:
                    return
                cursor = page.next_cursor

    def csv_chunks() -> Iterator[str]:
        yield csv_text([], columns=columns)
        for rows in pages():
            yield csv_text(rows, columns=columns, header=False)

    def geojson_chunks() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        first = True
        for rows in pages():
            for row in rows:
                feature = geojson_feature(row)
                yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
                first = False
        yield "]}\n"

    headers = {"content-disposition": f'attachment; filename="eventwire-events.{format}"'}
    if format == "parquet":  # binary and columnar: built whole (at most MAX_EXPORT rows)
        out = io.BytesIO()
        write_parquet([row for rows in pages() for row in rows], out, columns=columns)
        return Response(
            out.getvalue(), media_type="application/vnd.apache.parquet", headers=headers
        )
    media = "text/csv; charset=utf-8" if format == "csv" else "application/geo+json"
    chunks = csv_chunks() if format == "csv" else geojson_chunks()
    return StreamingResponse(chunks, media_type=media, headers=headers)


@router.get("/events/{event_id}", response_model=EventDetail, responses=_ERRORS)
def get_event(request: Request, event_id: str) -> Any:
    """One event with its evidence spans, its article and the article's other events."""
    store = _store(request)
    with store.engine.connect() as connection:
        summary = queries.event_row(connection, event_id)
        siblings = (
            [] if summary is None else queries.article_event_rows(connection, summary["article_id"])
        )
        same_event = None if summary is None else units.event_reports(connection, event_id)
    result = None if summary is None else store.result(summary["article_id"])
    if summary is None or result is None:
        raise HTTPException(404, f"no event {event_id!r}")
    index = [s["id"] for s in siblings].index(event_id)
    event = result.events[index]
    return {
        "ok": True,
        "event": {"id": event_id, "article_id": result.article.id, **event.to_dict()},
        "summary": summary,
        "evidence": render.event_spans(event, index),
        "article": render.article_out(result),
        "siblings": siblings,
        "group_toll": _group_toll(result.events, index, [s["id"] for s in siblings]),
        "cluster": None if same_event is None else render.cluster_out(*same_event),
    }


def _group_toll(events: Sequence[Event], index: int, ids: Sequence[str]) -> dict[str, Any] | None:
    """The toll of a split event's group, carried by its first copy, for the other copies.

    One strike on four localities is four events (ACLED), and only the first keeps the
    casualties so that they are never counted four times; the evidence view of a mapped copy
    still shows them, marked as the group's.
    """
    event = events[index]
    if event.group_id is None or event.fatalities is not None or event.injured is not None:
        return None
    for i, other in enumerate(events):
        if (
            i != index
            and other.group_id == event.group_id
            and (other.fatalities is not None or other.injured is not None)
        ):
            data = other.to_dict()
            place = other.location
            return {
                "event_id": ids[i],
                "place": None if place is None else (place.name or place.mention.text),
                **{
                    k: data[k]
                    for k in ("fatalities", "fatalities_evidence", "injured", "injured_evidence")
                },
            }
    return None


@router.get("/articles/{article_id}", response_model=ArticleView, responses=_ERRORS)
def get_article(request: Request, article_id: str) -> Any:
    """An article's text with every annotated span: places, actors, triggers, dates, figures,
    sources."""
    store = _store(request)
    result = store.result(article_id)
    if result is None:
        raise HTTPException(404, f"no article {article_id!r}")
    with store.engine.connect() as connection:
        summaries = queries.article_event_rows(connection, article_id)
    return {
        "ok": True,
        "article": render.article_out(result),
        "spans": render.article_spans(result),
        "events": summaries,
        "warnings": list(result.warnings),
    }


@router.get("/stats", response_model=Stats, responses=_ERRORS)
def get_stats(
    request: Request,
    flt: Annotated[queries.EventFilter, Depends(event_filter)],
    unit: _Unit = "event",
) -> Any:
    """Counts of the matching events by type, country, month, day and source.

    By default each real-world event counts once, with its best fatality estimate. An
    answer is kept until the store changes (``serve/answer_cache.py``).
    """
    cache: AnswerCache = request.app.state.answers
    with _store(request).engine.connect() as connection:
        # The counter and the counts are read in one transaction: a kept answer matches the
        # rows of its version, and any later write raises the version (revision 0012).
        key = ("stats", data_version(connection), unit, flt)
        counted = cache.get(
            key,
            lambda: {
                **queries.stats(connection, flt, unit=unit),
                "facets": queries.facets(connection),
            },
        )
    return {"ok": True, **counted}


@router.get("/config", response_model=ClientConfig)
def get_config(request: Request) -> Any:
    """What the map page needs: the optional tile URL, whether writes need a token it lacks."""
    settings = request.app.state.settings
    sent = token_from(
        {k.encode("latin-1"): v.encode("latin-1") for k, v in request.headers.items()}
    )
    return {
        "ok": True,
        "tiles": settings.tiles,
        "tiles_attribution": settings.tiles_attribution,
        "token_required": settings.token is not None,
        "token_sent": settings.token is not None and same_token(sent, settings.token),
        "max_body_bytes": settings.max_body_bytes,
        "extract_max_chars": settings.extract_max_chars,
    }
