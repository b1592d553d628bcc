"""Refuse control characters and broken UTF-8 in the path and query string (issue 17).

PostgreSQL refuses a NUL byte in any text parameter (a 500 before this check), and SQLite
ends a LIKE pattern at it (``q=%00`` matched every row). No filter, id or cursor has a use
for control characters or for bytes that are not UTF-8, so one check answers 422 for all of
them, on every database, before a route runs. Values smuggled inside a cursor are checked
where the cursor is decoded (``store/queries.py``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from eventwire.serve.errors import send_json

_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")


def _problem(raw: bytes) -> str | None:
    match = _CONTROL.search(raw)
    if match is not None:
        return f"control character U+{match.group()[0]:04X} is not allowed"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    return None


def request_problem(path: bytes, query: bytes) -> str | None:
    """What is wrong with a raw path and query string, or None.

    >>> request_problem(b"/api/events/%00", b"")
    'path: control character U+0000 is not allowed'
    >>> request_problem(b"/api/events", b"q=%C3%A9&country=SY") is None
    True
    """
    found = _problem(unquote_to_bytes(path))
    if found is not None:
        return f"path: {found}"
    for pair in query.split(b"&"):
        name, _, value = pair.partition(b"=")
        for part, raw in (("name", name), ("value", value)):
            found = _problem(unquote_to_bytes(raw.replace(b"+", b" ")))
            if found is not None:
                shown = unquote_to_bytes(name).decode("utf-8", "replace")
                label = (
                    f"query parameter {shown!r}" if part == "value" else "a query parameter name"
                )
                return f"{label}: {found}"
    return None


class CleanParams:
    """Answer 422 in the error shape when the path or query holds control bytes or bad UTF-8."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
            problem = request_problem(path, scope.get("query_string", b""))
            if problem is not None:
                await send_json(send, 422, problem)
                return
        await self.app(scope, receive, send)
