"""Incremental dedup: does a newly stored event report an event the database already holds?

``eventwire dedup`` reclusters the whole database (events/dedup.py); a watcher cannot do that
for every new article. Here each new event is compared, with dedup's own ``pair_score``, to the
stored events of its type family dated at most ``reach_days`` away (dedup's blocking reach);
the best match's story is its story, else it opens a new one named after its own event id.
``watch_stories`` keeps the event -> story map, so a story's toll and outlets can be read back
when a later report comes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import Connection, func, insert, select

from eventwire.events.dedup import DedupOptions, Member, members_of, pair_score, parse_day
from eventwire.records import Result
from eventwire.store import rows
from eventwire.store.tables import articles, events
from eventwire.watch.state import watch_stories

__all__ = ["Assignment", "StoryState", "assign_stories", "story_state"]


_DEDUP = DedupOptions()


@dataclass(frozen=True, slots=True)
class Assignment:
    """One new event and the story it belongs to."""

    event_id: str
    story_id: str
    report: Literal["new", "known"]
    member: Member


@dataclass(frozen=True, slots=True)
class StoryState:
    """A story's highest toll and its outlets, over every report stored so far."""

    fatalities: int | None
    sources: tuple[str, ...]


def assign_stories(
    connection: Connection, result: Result, *, options: DedupOptions = _DEDUP
) -> list[Assignment]:
    """Give each event that happened in ``result`` a story, and record it (idempotent)."""
    out = []
    candidates: list[Member] | None = None
    for member in members_of([result]):
        known = connection.execute(
            select(watch_stories.c.story_id).where(watch_stories.c.event_id == member.event_id)
        ).scalar()
        if known is not None:  # decided before a crash: decide nothing twice
            out.append(
                Assignment(
                    member.event_id, known, "new" if known == member.event_id else "known", member
                )
            )
            continue
        if candidates is None:
            candidates = _candidates(connection, result, options)
        scored = [
            (s, c.event_id)
            for c in candidates
            if (s := pair_score(member, c, options=options)) is not None
        ]
        if not scored:
            story, report = member.event_id, "new"
        else:
            match = max(scored, key=lambda item: (item[0], item[1]))[1]
            story = _story_of(connection, match)
            report = "known"
        connection.execute(insert(watch_stories).values(event_id=member.event_id, story_id=story))
        out.append(Assignment(member.event_id, story, report, member))  # type: ignore[arg-type]
    return out


def story_state(connection: Connection, story_id: str, *, without: str | None = None) -> StoryState:
    """The toll and outlets of a story's stored reports (leaving out event ``without``)."""
    query = (
        select(events.c.fatalities, articles.c.source, articles.c.id)
        .join(watch_stories, watch_stories.c.event_id == events.c.id)
        .join(articles, articles.c.id == events.c.article_id)
        .where(watch_stories.c.story_id == story_id)
    )
    if without is not None:
        query = query.where(events.c.id != without)
    tolls, sources = [], set()
    for row in connection.execute(query):
        if row.fatalities is not None:
            tolls.append(row.fatalities)
        sources.add(row.source or f"article:{row.id}")
    return StoryState(max(tolls) if tolls else None, tuple(sorted(sources)))


def _story_of(connection: Connection, event_id: str) -> str:
    """The story of a stored event; an event stored before watching opens its own story."""
    story = connection.execute(
        select(watch_stories.c.story_id).where(watch_stories.c.event_id == event_id)
    ).scalar()
    if story is None:
        connection.execute(insert(watch_stories).values(event_id=event_id, story_id=event_id))
        return event_id
    return str(story)


def _candidates(connection: Connection, result: Result, options: DedupOptions) -> list[Member]:
    """Stored events of other articles dated within ``reach_days`` of one of ``result``'s events."""
    days = sorted({d for e in result.events if e.happened and (d := parse_day(e.date)) is not None})
    if not days:
        return []
    low = (days[0] - timedelta(days=options.reach_days)).isoformat()
    high = (days[-1] + timedelta(days=options.reach_days)).isoformat()
    ids = (
        connection.execute(
            select(events.c.article_id)
            .distinct()
            .where(
                func.substr(events.c.event_date, 1, 10).between(low, high),
                events.c.article_id != result.article.id,
            )
        )
        .scalars()
        .all()
    )
    found = []
    for article_id in ids:
        row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is not None:
            found.append(rows.result_from_rows(connection, dict(row._mapping)))
    return members_of(found)
