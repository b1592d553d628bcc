"""Plain text in the wire layout: optional one-word section line, a title line, body,
optional trailing ``SOURCE: NAME`` line."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SOURCE = re.compile(r"^\s*SOURCE\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_MAX_TITLE = 200


@dataclass(frozen=True, slots=True)
class WireText:
    """The parts of a wire-layout text file."""

    title: str | None
    body: str
    source: str | None
    section: str | None


def parse_wire(text: str) -> WireText:
    """Split a wire-layout text into section, title, body and source.

    >>> parse_wire("TV\\n\\nTitre\\n\\nCorps.\\nSOURCE: PRESS TV").source
    'PRESS TV'
    """
    lines = text.strip("\n").split("\n")
    source = None
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and (match := _SOURCE.match(lines[-1])):
        source = match.group("name")
        lines.pop()
    section = None
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) >= 3 and _is_section(lines[nonblank[0]]):
        section = lines[nonblank[0]].strip()
        lines = lines[nonblank[0] + 1 :]
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
    title = None
    if len(nonblank) >= 2 and _is_title(lines[nonblank[0]]):
        title = lines[nonblank[0]].strip()
        lines = lines[nonblank[0] + 1 :]
    body = "\n".join(lines).strip()
    return WireText(title=title, body=body, source=source, section=section)


def _is_section(line: str) -> bool:
    word = line.strip()
    return 0 < len(word) <= 30 and " " not in word and not word.endswith(".")


def _is_title(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= _MAX_TITLE and not stripped.endswith((".", ":", ";", ","))
