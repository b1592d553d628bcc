"""Frozen records that flow through the pipeline, each value carrying its evidence.

Offsets are Python ``str`` indices into ``Article.text`` (end exclusive), as in the
output schema ``article-output.schema.json``. ``None`` means unknown; there are no
sentinel values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from eventwire.provenance import Provenance

SCHEMA_VERSION = "article-output.v1"

ActorKind = Literal[
    "person",
    "organization",
    "armed_group",
    "state_force",
    "government",
    "media",
    "civilians",
    "other",
]
Modality = Literal["asserted", "claimed", "denied", "planned", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year"]

#: Modalities of events not reported as having happened (denied, or not yet): totals, stats, exports
#: and the map leave them out by default (issue 14).
UNREALIZED_MODALITIES: frozenset[str] = frozenset({"denied", "planned", "hypothetical"})

# GeoNames feature codes of countries and of first-level divisions (Place.contains): an event
# "in Anbar" may be the one "in al-Qaim".
_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR"})
_ADM1_CODES = frozenset({"ADM1", "ADM1H"})


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of ``Article.text``: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Cut a span out of ``text``; e.g. ``Span.of("à Alep", 2, 6).text == "Alep"``."""
        return cls(text[start:end], start, end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested; ``text`` is the body every offset indexes into."""

    id: str
    text: str
    title: str | None = None
    language: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # file[:line] it came from, for error messages
    #: The day (ISO date, UTC) it was first ingested, set once at the ingestion boundary and
    #: stored with it: an undated article's inferred year is the latest one not after it, so a
    #: stored article keeps its dates when reprocessed (issue 14). None: not known.
    ingested: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "language": self.language or "und",
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "ingested": self.ingested,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym mention and what it resolved to (``geonameid`` None when abstaining)."""

    mention: Span
    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    confidence: float = 0.0
    # "event" places may locate events; "in_name" places are nested in names (Damascus University),
    # "adjectival" ones are demonyms ("Syrian": Syria); neither locates an event (issue 16).
    role: Literal["event", "in_name", "adjectival"] = "event"

    @property
    def resolved(self) -> bool:
        return self.geonameid is not None

    def contains(self, other: Place) -> bool:
        """Whether this resolved country or first-level division holds ``other`` (by codes).

        ``Place(..., country_code="SY", feature_code="PCLI").contains(aleppo)`` is True.
        """
        code = self.feature_code or ""
        if self.country_code is None or self.country_code != other.country_code:
            return False
        if code in _COUNTRY_CODES:
            return True
        return code in _ADM1_CODES and self.admin1 is not None and self.admin1 == other.admin1

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.mention.to_dict(),
            "geonameid": self.geonameid,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "feature_code": self.feature_code,
            "confidence": round(min(max(self.confidence, 0.0), 1.0), 4),
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention mapped to a canonical name and kind."""

    mention: Span
    name: str
    kind: ActorKind
    country_code: str | None = None
    dictionary_id: str | None = None  # id in the actor dictionary; None for NER fallbacks

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.mention.to_dict(),
            "name": self.name,
            "kind": self.kind,
            "country_code": self.country_code,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """One source in an attribution chain ("selon X, cité par Y")."""

    name: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """One event of an article, ACLED-typed, every field backed by a span."""

    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Span
    plover: str | None = None
    cameo: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    geo_precision: int | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_evidence: Span | None = None
    date_from_publication: bool = False
    date_year_inferred: bool = False  # undated article: the year was inferred from the text
    fatalities: int | None = None
    fatalities_evidence: Span | None = None
    injured: int | None = None
    injured_evidence: Span | None = None
    casualty_note: str | None = None
    attribution: tuple[Attribution, ...] = ()
    modality: Modality = "asserted"
    modality_evidence: Span | None = None
    confidence: float = 0.5
    group_id: str | None = None  # events split per location share one group id
    taxonomy_version: str | None = None
    #: Other mentions of the same incident folded into this event (lead, recap, second source).
    mentions: tuple[Span, ...] = ()

    @property
    def happened(self) -> bool:
        return self.modality not in UNREALIZED_MODALITIES

    def to_dict(self) -> dict[str, Any]:
        def opt(span: Span | None) -> dict[str, Any] | None:
            return None if span is None else span.to_dict()

        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "plover": self.plover,
            "cameo": self.cameo,
            "trigger": self.trigger.to_dict(),
            "actor1": None if self.actor1 is None else self.actor1.to_dict(),
            "actor2": None if self.actor2 is None else self.actor2.to_dict(),
            "location": None if self.location is None else self.location.to_dict(),
            "geo_precision": self.geo_precision,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_evidence": opt(self.date_evidence),
            "date_from_publication": self.date_from_publication,
            "date_year_inferred": self.date_year_inferred,
            "fatalities": self.fatalities,
            "fatalities_evidence": opt(self.fatalities_evidence),
            "injured": self.injured,
            "injured_evidence": opt(self.injured_evidence),
            "casualty_note": self.casualty_note,
            "attribution": [a.to_dict() for a in self.attribution],
            "modality": self.modality,
            "modality_evidence": opt(self.modality_evidence),
            "sentence": self.sentence.to_dict(),
            "confidence": round(min(max(self.confidence, 0.0), 1.0), 4),
            "group_id": self.group_id,
            "taxonomy_version": self.taxonomy_version,
            "mentions": [m.to_dict() for m in self.mentions],
        }


#: Why a mention that reads like an event is not one of the article's events (issue 14).
NonEventReason = Literal["background", "cumulative", "generic", "non_conflict"]


@dataclass(frozen=True, slots=True)
class NonEvent:
    """A trigger kept as context, not as an event.

    Its sentence, what it would have been, and why.
    """

    trigger: Span
    sentence: Span
    sub_event_type: str
    reason: NonEventReason
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.sentence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "sub_event_type": self.sub_event_type,
            "reason": self.reason,
            "date": self.date,
        }


@dataclass(frozen=True, slots=True)
class Result:
    """What eventwire extracted from one article; ``to_dict()`` is the schema object."""

    article: Article
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    pipeline_version: str | None = None
    non_events: tuple[NonEvent, ...] = ()
    #: The eventwire version and every data file behind this Result (issue 19); None when
    #: unknown (a Result built by hand, or stored before provenance was recorded).
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "places": [p.to_dict() for p in self.places],
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "non_events": [n.to_dict() for n in self.non_events],
            "warnings": list(self.warnings),
            "schema_version": SCHEMA_VERSION,
            "pipeline_version": self.pipeline_version,
            "provenance": None if self.provenance is None else self.provenance.to_dict(),
        }


@dataclass(frozen=True)
class Document:
    """The state one article carries through the stages; each stage returns a new one.

    ``nlp`` holds the spaCy ``Doc`` once the nlp stage has run (None for articles in a
    language eventwire does not extract). Stages fill ``places``, ``actors``, ``events``.
    """

    article: Article
    nlp: Any = None
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    non_events: tuple[NonEvent, ...] = ()

    def evolve(self, **changes: Any) -> Document:
        """Return a copy with ``changes`` applied (the record stays frozen)."""
        return replace(self, **changes)

    def result(
        self, pipeline_version: str | None = None, provenance: Provenance | None = None
    ) -> Result:
        return Result(
            article=self.article,
            places=self.places,
            actors=self.actors,
            events=self.events,
            warnings=self.warnings,
            pipeline_version=pipeline_version,
            non_events=self.non_events,
            provenance=provenance,
        )


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read, decoded or parsed: ``Error: origin: problem``."""

    origin: str
    problem: str

    def line(self) -> str:
        return f"Error: {self.origin}: {self.problem}"
