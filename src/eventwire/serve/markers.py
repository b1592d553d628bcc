"""``GET /api/markers``: every marker of the map in one compact answer (issue 17).

The map painted from GeoJSON pages of 500 full event rows fetched one after the other;
this answer holds, for up to ``limit`` real-world events, only what a marker, its tooltip
and the table view show, as arrays under one ``columns`` header, gzipped when the browser
accepts it. ``/api/events?format=geojson`` and ``/api/export`` stay as they were.
"""

from __future__ import annotations

import gzip
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from eventwire.serve.answer_cache import AnswerCache
from eventwire.serve.read import event_filter
from eventwire.serve.schemas import ErrorBody, MarkerSet
from eventwire.store import markers, queries
from eventwire.store.changes import data_version
from eventwire.store.repository import Store

router = APIRouter(prefix="/api", tags=["read"])
#: Below this size gzip saves less than it costs.
_GZIP_FROM = 1024


def _body(payload: dict[str, Any], accept_encoding: str) -> tuple[bytes, dict[str, str]]:
    """The JSON body, gzipped (fastest level: the answer is built per request) if accepted."""
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(raw) < _GZIP_FROM or "gzip" not in accept_encoding.lower():
        return raw, {"vary": "accept-encoding"}
    return gzip.compress(raw, compresslevel=1), {
        "content-encoding": "gzip",
        "vary": "accept-encoding",
    }


def _payload(found: markers.Markers) -> dict[str, Any]:
    return {
        "ok": True,
        "unit": "event",
        "count": len(found.rows),
        "truncated": found.truncated,
        "columns": list(markers.MARKER_COLUMNS),
        "rows": [list(row) for row in found.rows],
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
    cache: AnswerCache = request.app.state.answers
    with store.engine.connect() as connection:
        # Kept until a write raises the store's version, read in this transaction (revision
        # 0012): every first paint of the map asks for the same markers.
        # The encoded body is kept: JSON and gzip of 2,500 rows cost more than the query.
        accept = request.headers.get("accept-encoding", "")
        key = ("markers", data_version(connection), flt, limit, "gzip" in accept.lower())

        def encoded() -> dict[str, Any]:
            found = markers.marker_rows(connection, flt, limit=limit)
            body, headers = _body(_payload(found), accept)
            return {"body": body, "headers": headers}

        kept = cache.get(key, encoded)
    return Response(kept["body"], media_type="application/json", headers=kept["headers"])
