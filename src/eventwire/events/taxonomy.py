"""The ACLED event typology with its PLOVER and CAMEO equivalents, read from one versioned table.

The table is ``eventwire/data/taxonomy.v1.yaml``; every event records ``taxonomy.version``
(``acled.v1``) so that a later table never silently re-labels stored events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import InputError
from eventwire.events import acled

__all__ = ["SubType", "Taxonomy", "load_taxonomy"]


@dataclass(frozen=True, slots=True)
class SubType:
    """One ACLED sub-event type and where it sits in the other typologies."""

    name: str
    event_type: str
    plover: str | None
    cameo: str | None
    case2021: str | None = None


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The mapping table: ACLED sub-event type name -> :class:`SubType`."""

    version: str
    event_types: tuple[str, ...]
    sub_types: Mapping[str, SubType]
    non_events: frozenset[str] = frozenset()

    def __getitem__(self, name: str) -> SubType:
        """Look a sub-event type up by its exact ACLED name, e.g. ``taxonomy["Grenade"]``."""
        return self.sub_types[name]

    def by_case2021(self, label: str) -> SubType | None:
        """The sub-type behind a CASE 2021 label (``ART_MISS_ATTACK``); None for non-events."""
        for sub in self.sub_types.values():
            if sub.case2021 == label:
                return sub
        return None


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read the taxonomy table (the packaged ``taxonomy.v1.yaml`` by default).

    >>> load_taxonomy()["Shelling/artillery/missile attack"].event_type
    'Explosions/Remote violence'
    """
    if path is None:
        source = resources.files("eventwire") / "data" / "taxonomy.v1.yaml"
        origin, text = "eventwire/data/taxonomy.v1.yaml", source.read_text(encoding="utf-8")
    else:
        origin, text = str(path), Path(path).read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text), origin)


def _parse(raw: Any, origin: str) -> Taxonomy:
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), str):
        raise InputError(origin, "expected a mapping with a 'version' string")
    event_types = tuple(raw.get("event_types") or ())
    subs: dict[str, SubType] = {}
    for i, row in enumerate(raw.get("sub_event_types") or ()):
        if not isinstance(row, dict) or not {"name", "event_type"} <= row.keys():
            raise InputError(origin, f"sub_event_types[{i}]: expected name and event_type")
        if row["event_type"] not in event_types:
            raise InputError(
                origin, f"sub_event_types[{i}]: unknown event_type {row['event_type']!r}"
            )
        subs[row["name"]] = SubType(
            name=row["name"],
            event_type=row["event_type"],
            plover=row.get("plover"),
            cameo=None if row.get("cameo") is None else str(row["cameo"]),
            case2021=row.get("case2021"),
        )
    _check_names(event_types, subs, origin)
    return Taxonomy(
        version=raw["version"],
        event_types=event_types,
        sub_types=subs,
        non_events=frozenset(raw.get("non_events") or ()),
    )


def _check_names(event_types: tuple[str, ...], subs: Mapping[str, SubType], origin: str) -> None:
    """Every name the rules refer to (:mod:`eventwire.events.acled`) must be in the table."""
    missing = [n for n in acled.EVENT_TYPES if n not in event_types]
    missing += [n for n in acled.SUB_EVENT_TYPES if n not in subs]
    if missing:
        raise InputError(
            origin,
            f"no event or sub-event type named {', '.join(map(repr, missing))}; "
            "expected every name of eventwire.events.acled",
        )
