"""JSONL, one article a line: id, title, text, published, source, url, language, ingested.

``text`` is required; ``ingested`` is the ISO date the article was first ingested (issue 14).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.errors import InputError

FIELDS = ("id", "title", "text", "published", "source", "url", "language", "ingested")


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
    except json.JSONDecodeError as err:
        raise InputError(origin, f"invalid JSON ({err.msg})") from None
    except RecursionError:
        raise InputError(origin, "invalid JSON (nested too deeply)") from None
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        raise InputError(origin, f"invalid JSON ({str(err).split(';')[0]})") from None
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
