"""Pydantic models of the HTTP edge: request bodies and documented response shapes.

Inside eventwire, records are frozen dataclasses; these models exist only so that the
API validates what it receives and OpenAPI (``/docs``) shows what it returns.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ExtractRequest(BaseModel):
    """Body of ``POST /api/extract``: exactly one of ``text`` or ``html``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain article text.")
    html: str | None = Field(None, description="An HTML page; its main text is extracted.")
    published: str | None = Field(None, max_length=40, description="Publication date, ISO 8601.")
    source: str | None = Field(None, max_length=200, description="Outlet name.")
    language: Literal["fr", "en"] | None = Field(None, description="Skip language detection.")
    title: str | None = Field(None, max_length=1000)

    @model_validator(mode="after")
    def _one_body(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class ErrorBody(BaseModel):
    """Every error: ``{"ok": false, "error": "...", "status": 404}``."""

    ok: Literal[False] = False
    error: str
    status: int


class EventSummary(BaseModel):
    """One event as a flat, ACLED-like row."""

    model_config = ConfigDict(extra="allow")

    id: str
    article_id: str
    event_date: str | None = None
    event_type: str
    sub_event_type: str
    actor1_name: str | None = None
    actor2_name: str | None = None
    location_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    modality: str
    trigger_text: str | None = None
    sentence_text: str | None = None
    according_to: str | None = None
    source: str | None = None


class EventRow(EventSummary):
    """A row of ``GET /api/events``: with ``unit=event`` (the default) one real-world event.

    Its fields are its representative report's (the most precisely located), except
    ``fatalities``: the best estimate, the lower median of the figures its reports give.
    """

    cluster_id: str | None = Field(None, description="The dedup cluster; null for one report.")
    reports: int | None = Field(None, description="How many reports of the event were stored.")
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    date_first: str | None = None
    date_last: str | None = None
    event_ids: list[str] | None = None
    article_ids: list[str] | None = None
    sources: list[str] | None = Field(None, description="Every outlet that reported it.")


class EventPage(BaseModel):
    """A page of events; pass ``next_cursor`` back as ``cursor`` for the next one."""

    ok: Literal[True] = True
    unit: Literal["event", "report"] = "event"
    count: int
    next_cursor: str | None
    events: list[EventRow]


class MarkerSet(BaseModel):
    """The map's markers: one array per real-world event, its values in ``columns`` order."""

    ok: Literal[True] = True
    unit: Literal["event"] = "event"
    count: int
    truncated: bool = Field(description="More events matched than ``limit``.")
    columns: list[str] = Field(
        description="id, longitude, latitude, event_type, sub_event_type, event_date, "
        "fatalities (best estimate), injured, location_name, country_code, actor1_name, "
        "actor2_name, source, reports"
    )
    rows: list[list[Any]]


class EvidenceSpan(BaseModel):
    """A highlighted piece of the article text and what it stands for."""

    kind: Literal[
        "trigger", "actor", "place", "date", "fatalities", "injured", "attribution", "modality"
    ]
    start: int
    end: int
    text: str
    label: str
    events: list[int] = Field(default_factory=list, description="Indexes of the events it backs.")


class ArticleOut(BaseModel):
    id: str
    title: str | None
    text: str
    language: str | None
    published: str | None
    source: str | None
    url: str | None


class EventDetail(BaseModel):
    """One event with its evidence spans, its article and the article's other events."""

    ok: Literal[True] = True
    event: dict[str, Any]
    summary: EventSummary
    evidence: list[EvidenceSpan]
    article: ArticleOut
    siblings: list[EventSummary]
    group_toll: dict[str, Any] | None = Field(
        default=None,
        description="For a copy of an event split per place: the toll its group's "
        "first copy carries (event_id, place, fatalities, injured and their evidence).",
    )
    cluster: dict[str, Any] | None = Field(
        default=None,
        description="The real-world event this report belongs to: its figures, every report "
        "of it (summaries) and the fields they disagree on (fatalities, dates, places, types).",
    )


class ArticleView(BaseModel):
    """An article's text with every annotated span."""

    ok: Literal[True] = True
    article: ArticleOut
    spans: list[EvidenceSpan]
    events: list[EventSummary]
    warnings: list[str]


class Stats(BaseModel):
    """Counts of the events matching the filters."""

    ok: Literal[True] = True
    unit: Literal["event", "report"] = "event"
    events: int = Field(description="Real-world events (unit=event) or reports (unit=report).")
    reports: int = Field(description="Reports of those events (each article's account).")
    articles: int
    fatalities: int
    by_type: dict[str, int]
    by_country: dict[str, int]
    by_month: dict[str, int]
    by_day: dict[str, int]
    by_source: dict[str, int]
    by_week: dict[str, dict[str, dict[str, int]]] = Field(
        description="Per week (its Monday) and event type: {events, fatalities}."
    )
    facets: dict[str, list[str]]


class ClientConfig(BaseModel):
    """What the map page needs to know about this server."""

    ok: Literal[True] = True
    tiles: str | None
    tiles_attribution: str | None
    token_required: bool = Field(description="Writes (and POST /api/extract) need the token.")
    token_sent: bool = Field(
        description="This request carried the token (header or the page's cookie)."
    )
    max_body_bytes: int
    extract_max_chars: int
