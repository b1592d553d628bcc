"""``GET /api/live``: events stored since a time or an event, for the map to follow a watcher.

    GET /api/live                       -> {"latest": "2025-12-05T01:31:23+00:00", "events": []}
    GET /api/live?since=<latest>        -> the events of articles stored at or after that time

``eventwire watch`` (issue 18) writes into the database the map reads; the page asks this
route every 30 s with the ``latest`` it was given and marks what comes back as new. ``since``
is inclusive because ``processed_at`` has one-second steps: the page drops ids it already has.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel
from sqlalchemy import func, select

from eventwire.serve.schemas import ErrorBody, EventSummary
from eventwire.store import queries
from eventwire.store.repository import Store
from eventwire.store.tables import articles, events

router = APIRouter(prefix="/api", tags=["live"])

#: Events per answer at most; a page asking every 30 s rarely gets near it.
MAX_LIVE = 500


class LiveEvent(EventSummary):
    """An event summary with the time its article was stored."""

    processed_at: str


class LivePage(BaseModel):
    """Events stored since ``since``; pass ``latest`` back as ``since`` next time."""

    ok: Literal[True] = True
    latest: str | None
    count: int
    events: list[LiveEvent]


@router.get(
    "/live",
    response_model=LivePage,
    responses={404: {"model": ErrorBody, "description": "Unknown since_id"}},
)
def live_events(
    request: Request,
    since: Annotated[
        str | None,
        Query(max_length=40, description="ISO time, inclusive (the latest of the previous answer)"),
    ] = None,
    since_id: Annotated[
        str | None, Query(max_length=80, description="An event id: events stored since it")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIVE)] = 200,
) -> Any:
    """Events of the articles stored since a time (or since an event); none without either."""
    store: Store = request.app.state.store
    with store.engine.connect() as connection:
        if since_id is not None:
            since = connection.execute(
                select(articles.c.processed_at)
                .join(events, events.c.article_id == articles.c.id)
                .where(events.c.id == since_id)
            ).scalar()
            if since is None:
                raise HTTPException(404, f"no event {since_id!r}")
        latest = connection.execute(select(func.max(articles.c.processed_at))).scalar()
        if since is None:
            return {"ok": True, "latest": latest, "count": 0, "events": []}
        found = _since(connection, since, limit)
    last = found[-1]["processed_at"] if len(found) >= limit else latest
    return {"ok": True, "latest": last or since, "count": len(found), "events": found}


def _since(connection: Any, since: str, limit: int) -> list[dict[str, Any]]:
    """Event summaries of articles stored at or after ``since``, oldest first, about ``limit``."""
    query = (
        select(articles.c.id, articles.c.processed_at)
        .where(articles.c.processed_at >= since)
        .order_by(articles.c.processed_at, articles.c.id)
    )
    found: list[dict[str, Any]] = []
    for row in connection.execute(query):
        rows = queries.article_event_rows(connection, row.id)
        found += [{**r, "processed_at": row.processed_at} for r in rows]
        if len(found) >= limit:
            break
    return found
