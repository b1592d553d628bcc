"""Alert rules: which stored events an analyst wants to hear about, and where to send them.

Rules sit under ``alerts:`` in the sources file or in a file of their own::

    alerts:
      - name: sahel-deadly
        country: [ML, BF, NE]            # the event's country is one of these
        event_type: [Battles, Violence against civilians]
        min_fatalities: 5                # the story's highest toll is at least 5
        actor: JNIM                      # in actor 1 or actor 2 (name or the article's words)
        within: {lat: 14.35, lon: -3.6, km: 150}
        report: new                      # new: a first report; known: a later report; any (default)
        to: [stdout, "file:alerts.jsonl", "https://hooks.example.org/eventwire"]

Every condition given must hold; a rule without conditions matches every event that happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire.errors import InputError
from eventwire.events.dedup import haversine_km
from eventwire.watch.sources import named_mapping, parse_named, read_yaml

__all__ = ["Near", "Rule", "Subject", "load_rules", "parse_rules"]

Report = Literal["new", "known", "any"]
_KEYS = frozenset(
    {
        "name",
        "country",
        "event_type",
        "sub_event_type",
        "min_fatalities",
        "actor",
        "within",
        "report",
        "to",
    }
)


@dataclass(frozen=True, slots=True)
class Near:
    """A circle: within ``km`` of (``lat``, ``lon``)."""

    lat: float
    lon: float
    km: float


@dataclass(frozen=True, slots=True)
class Subject:
    """What a rule looks at: one event, with the toll and outlets of its story so far."""

    event_type: str
    sub_event_type: str
    country: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None  # the story's highest toll
    actors: tuple[str, ...]  # names and the article's words of actor 1 and 2
    report: Literal["new", "known"]  # first report of its story, or a later one


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule; empty tuples and None mean "any"."""

    name: str
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    min_fatalities: int | None = None
    actor: str | None = None
    within: Near | None = None
    report: Report = "any"
    to: tuple[str, ...] = ("stdout",)

    def matches(self, subject: Subject) -> bool:
        """Whether every condition of the rule holds for ``subject``."""
        if self.countries and subject.country not in self.countries:
            return False
        if self.event_types and subject.event_type not in self.event_types:
            return False
        if self.sub_event_types and subject.sub_event_type not in self.sub_event_types:
            return False
        if self.min_fatalities is not None and (subject.fatalities or 0) < self.min_fatalities:
            return False
        if self.actor is not None and not any(
            self.actor.casefold() in a.casefold() for a in subject.actors
        ):
            return False
        if self.report != "any" and subject.report != self.report:
            return False
        if self.within is not None:
            if subject.lat is None or subject.lon is None:
                return False
            return (
                haversine_km(self.within.lat, self.within.lon, subject.lat, subject.lon)
                <= self.within.km
            )
        return True


def load_rules(path: str | Path) -> tuple[Rule, ...]:
    """The rules under ``alerts:`` of a YAML file (none when it has no such key)."""
    return parse_rules(read_yaml(path).get("alerts"), origin=str(path))


def parse_rules(entries: object, *, origin: str) -> tuple[Rule, ...]:
    """Validate a list of rule mappings; names must be unique."""
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise InputError(origin, "expected a list of rules under 'alerts:'")
    return parse_named(entries, origin=origin, key="alerts", parse=_rule)


def _rule(item: object, where: str) -> Rule:
    entry, name, label = named_mapping(item, where, _KEYS, expected="a name")
    minimum = entry.get("min_fatalities")
    if minimum is not None and (
        isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0
    ):
        raise InputError(label, f"min_fatalities {minimum!r} is not a whole number >= 0")
    actor = entry.get("actor")
    if actor is not None and (not isinstance(actor, str) or not actor.strip()):
        raise InputError(label, "actor must be a name or words, e.g. JNIM")
    report = entry.get("report", "any")
    if report not in ("new", "known", "any"):
        raise InputError(label, f"report {report!r}; expected new, known or any")
    return Rule(
        name=name.strip(),
        countries=tuple(c.upper() for c in _words(entry, "country", label)),
        event_types=_words(entry, "event_type", label),
        sub_event_types=_words(entry, "sub_event_type", label),
        min_fatalities=minimum,
        actor=actor.strip() if isinstance(actor, str) else None,
        within=_near(entry.get("within"), label),
        report=report,
        to=_targets(entry.get("to", ["stdout"]), label),
    )


def _words(entry: Mapping[str, object], key: str, label: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v for v in values)
    ):
        raise InputError(label, f"{key} must be a word or a list of words, e.g. [ML, BF]")
    return tuple(values)


def _near(value: object, label: str) -> Near | None:
    if value is None:
        return None
    expected = "within must be {lat: ..., lon: ..., km: ...}"
    if not isinstance(value, dict) or set(value) != {"lat", "lon", "km"}:
        raise InputError(label, expected)
    numbers = [value[k] for k in ("lat", "lon", "km")]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        raise InputError(label, expected + " with numbers")
    lat, lon, km = (float(n) for n in numbers)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise InputError(
            label,
            f"within ({lat}, {lon}, {km} km) is out of range; lat -90..90, lon -180..180, km > 0",
        )
    return Near(lat, lon, km)


def _targets(value: object, label: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        raise InputError(label, "to must be stdout, file:PATH or an http(s) URL, or a list of them")
    for target in values:
        if not isinstance(target, str) or not (
            target == "stdout" or target.startswith(("file:", "http://", "https://"))
        ):
            raise InputError(
                label, f"alert target {target!r}; expected stdout, file:PATH or an http(s) URL"
            )
    return tuple(values)
