"""``GET /api/markers``: every marker of the map in one compact answer (issue 17).

The map painted from GeoJSON pages of 500 full event rows fetched one after the other;
this answer holds, for up to ``limit`` real-world events, only what a marker, its tooltip
and the table view show, as arrays under one ``columns`` header, gzipped when the browser
accepts it. ``/api/events?format=geojson`` and ``/api/export`` stay as they were.
"""

from __future__ import annotations

import gzip
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.serve.read import event_filter
from eventwire.serve.schemas import ErrorBody, MarkerSet
from eventwire.store import markers, queries
from eventwire.store.repository import Store

router = APIRouter(prefix="/api", tags=["read"])
#: Below this size gzip saves less than it costs.
_GZIP_FROM = 1024


def _body(payload: dict[str, object], accept_encoding: str) -> tuple[bytes, dict[str, str]]:
    """The JSON body, gzipped (fastest level: the answer is built per request) if accepted."""
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(raw) < _GZIP_FROM or "gzip" not in accept_encoding.lower():
        return raw, {"vary": "accept-encoding"}
    return gzip.compress(raw, compresslevel=1), {
        "content-encoding": "gzip",
        "vary": "accept-encoding",
    }


@router.get(
    "/markers",
    response_model=MarkerSet,
    responses={422: {"model": ErrorBody, "description": "Invalid parameter"}},
)
def get_markers(
    request: Request,
    flt: Annotated[queries.EventFilter, Depends(event_filter)],
    limit: Annotated[int, Query(ge=1, le=markers.MAX_MARKERS)] = 2500,
) -> Response:
    """The map's markers: the real-world events matching the filters, newest first.

    One row per event, its values in the order of ``columns`` (id, point, type, date, best
    fatality estimate, and what the tooltip and table show); ``truncated`` when more matched.
    """
    store: Store = request.app.state.store
    with store.engine.connect() as connection:
        found = markers.marker_rows(connection, flt, limit=limit)
    payload: dict[str, object] = {
        "ok": True,
        "unit": "event",
        "count": len(found.rows),
        "truncated": found.truncated,
        "columns": list(markers.MARKER_COLUMNS),
        "rows": [list(row) for row in found.rows],
    }
    body, headers = _body(payload, request.headers.get("accept-encoding", ""))
    return Response(body, media_type="application/json", headers=headers)
