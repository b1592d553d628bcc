"""The sources file: ``sources: [{name, url, language?, country?, interval?, tags?}]``.

>>> load_sources("examples/sources.yaml")[0].name   # doctest: +SKIP
'RFI Afrique'

Every problem is one :class:`InputError` naming the file and the entry:
``sources.yaml: sources[3] (Radio Okapi): interval '15x' is not a duration; expected e.g. 15m, 1h``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from eventwire.errors import InputError

__all__ = [
    "DEFAULT_INTERVAL_S",
    "Source",
    "load_sources",
    "named_mapping",
    "parse_interval",
    "parse_named",
    "read_yaml",
]

#: GDELT's update period; a feed polled more often gains little and costs its server.
DEFAULT_INTERVAL_S = 15 * 60
_KEYS = frozenset({"name", "url", "language", "country", "interval", "tags"})
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Source:
    """One feed to watch; ``country`` is the outlet's ISO 3166-1 code."""

    name: str
    url: str
    language: str | None = None
    country: str | None = None
    interval_s: float = DEFAULT_INTERVAL_S
    tags: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


def parse_interval(value: object) -> float:
    """Seconds in a duration: ``parse_interval("15m") == 900``; a bare number is seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if match is None:
            raise ValueError(f"{str(value)!r} is not a duration")
        seconds = float(match.group(1)) * _UNIT_S[match.group(2) or "s"]
    if seconds <= 0:
        raise ValueError(f"{value!r} is not a positive duration")
    return seconds


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping; InputError when unreadable, invalid or not a mapping."""
    import yaml

    origin = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(origin, f"cannot read ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise InputError(origin, "not UTF-8 text; expected a YAML file") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{origin}:{mark.line + 1}" if mark is not None else origin
        raise InputError(where, f"invalid YAML ({getattr(err, 'problem', None) or err})") from None
    if not isinstance(data, dict):
        raise InputError(
            origin, f"expected a mapping with a 'sources:' list, got {type(data).__name__}"
        )
    return data


def load_sources(path: str | Path) -> tuple[Source, ...]:
    """Read and validate the sources of a YAML file; names must be unique."""
    data = read_yaml(path)
    origin = str(path)
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise InputError(origin, "expected a non-empty list under 'sources:'")
    return parse_named(entries, origin=origin, key="sources", parse=_source)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_N = TypeVar("_N", bound=_Named)


def parse_named(
    entries: Sequence[object], *, origin: str, key: str, parse: Callable[[object, str], _N]
) -> tuple[_N, ...]:
    """Parse each entry of the list under ``key`` with ``parse(entry, where)``; a name given
    twice is an error at its second entry (sources and alert rules alike)."""
    parsed: list[_N] = []
    for index, entry in enumerate(entries):
        where = f"{origin}: {key}[{index}]"
        item = parse(entry, where)
        if any(p.name == item.name for p in parsed):
            raise InputError(where, f"duplicate name {item.name!r}; names must be unique")
        parsed.append(item)
    return tuple(parsed)


def named_mapping(
    entry: object, where: str, keys: frozenset[str], *, expected: str, missing: str = ""
) -> tuple[dict[str, Any], str, str]:
    """One entry of a named list (a source, an alert rule) checked: a mapping of known ``keys``
    with a name. Returns the mapping, the name and the label errors about it start with."""
    if not isinstance(entry, dict):
        raise InputError(where, f"expected a mapping with {expected}, got {type(entry).__name__}")
    name = entry.get("name")
    label = f"{where} ({name})" if isinstance(name, str) and name.strip() else where
    unknown = sorted(str(k) for k in entry if k not in keys)
    if unknown:
        raise InputError(label, f"unknown key {unknown[0]!r}; expected {', '.join(sorted(keys))}")
    if not isinstance(name, str) or not name.strip():
        raise InputError(label, f"missing 'name'{missing}")
    return entry, name, label


def _source(item: object, where: str) -> Source:
    entry, name, label = named_mapping(
        item,
        where,
        _KEYS,
        expected="name and url",
        missing=" (the outlet's name, e.g. RFI Afrique)",
    )
    url = entry.get("url")
    if (
        not isinstance(url, str)
        or urlsplit(url).scheme not in ("http", "https")
        or not urlsplit(url).netloc
    ):
        raise InputError(label, f"url {url!r} is not an http(s) URL; expected the feed's address")
    language = _code(entry.get("language"), 2, "language", "an ISO 639-1 code such as fr", label)
    country = _code(entry.get("country"), 2, "country", "an ISO 3166-1 code such as ML", label)
    try:
        interval = parse_interval(entry.get("interval", DEFAULT_INTERVAL_S))
    except ValueError as err:
        raise InputError(label, f"interval {err}; expected e.g. 15m, 1h or 300") from None
    tags = entry.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InputError(label, "tags must be a list of words, e.g. [sahel, fr]")
    return Source(
        name=name.strip(),
        url=url.strip(),
        language=language.lower() if language else None,
        country=country.upper() if country else None,
        interval_s=interval,
        tags=tuple(tags),
    )


def _code(value: object, size: int, key: str, expected: str, label: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != size or not value.isalpha():
        raise InputError(label, f"{key} {value!r} is not {expected}")
    return value
