"""JSONL, one article a line: id, title, text, published, source, url, language (only text required)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.errors import InputError

FIELDS = ("id", "title", "text", "published", "source", "url", "language")


def parse_jsonl(
    lines: Iterable[str], *, origin: str
) -> Iterator[tuple[dict[str, Any], str] | InputError]:
    """Yield ``(fields, "origin:line")`` per non-blank line, or an InputError naming the line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            yield parse_line(line, origin=line_origin), line_origin
        except InputError as err:
            yield err


def parse_line(line: str, *, origin: str) -> dict[str, Any]:
    """Parse one JSONL line into article fields; raise InputError when it is not one."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        reason = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
        raise InputError(origin, f"invalid JSON ({reason})") from None
    if not isinstance(obj, dict):
        raise InputError(origin, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "missing or empty 'text' (a non-empty string is required)")
    out: dict[str, Any] = {"text": text}
    for key in FIELDS:
        if key == "text" or obj.get(key) is None:
            continue
        value = obj[key]
        if not isinstance(value, (str, int)):
            raise InputError(origin, f"field {key!r} must be a string, got {type(value).__name__}")
        out[key] = str(value)
    return out
