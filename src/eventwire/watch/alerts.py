"""Alerts: decide them for a stored article (pure rules, one transaction), then deliver them.

Never twice: an alert is unique per (rule, story, state), where a story is one real event
(stories.py) and its state is its highest toll and its outlets. The first alert of a story
under a rule is ``new``; a later report that raises the toll or adds an outlet gives an
``update`` labelled with what changed; any other report gives nothing. Alerts are written
before they are sent and marked delivered after, so a crash in between re-sends them on restart.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import httpx
from sqlalchemy import Connection, Engine, insert, select, update

from eventwire.events.dedup import DedupOptions
from eventwire.records import Event, Result
from eventwire.watch.rules import Rule, Subject
from eventwire.watch.state import now_iso, watch_alerts, watch_items
from eventwire.watch.stories import Assignment, StoryState, assign_stories, story_state

__all__ = ["Delivery", "decide_alerts", "deliver_pending"]


_DEDUP = DedupOptions()


@dataclass(frozen=True, slots=True)
class _Decision:
    kind: str
    label: str


def decide_alerts(
    connection: Connection,
    result: Result,
    rules: Sequence[Rule],
    *,
    item_id: int | None,
    map_url: str,
    options: DedupOptions = _DEDUP,
) -> int:
    """Write the alerts ``result`` calls for (in the caller's transaction); returns how many.

    Marks the feed item ``item_id`` as alerted in the same transaction, so that each stored
    item is decided once, even across a crash.
    """
    count = 0
    for assignment in assign_stories(connection, result, options=options):
        state = story_state(connection, assignment.story_id)
        subject = _subject(assignment, state)
        for rule in rules:
            if not rule.matches(subject):
                continue
            decision = _decide(connection, rule, assignment, state)
            if decision is None:
                continue
            payload = _payload(result, assignment, state, rule, decision, map_url=map_url)
            fingerprint = hashlib.sha256(
                f"{state.fatalities}|{'|'.join(state.sources)}".encode()
            ).hexdigest()[:32]
            exists = connection.execute(
                select(watch_alerts.c.id).where(
                    watch_alerts.c.rule == rule.name,
                    watch_alerts.c.story_id == assignment.story_id,
                    watch_alerts.c.fingerprint == fingerprint,
                )
            ).first()
            if exists is not None:
                continue
            connection.execute(
                insert(watch_alerts).values(
                    rule=rule.name,
                    story_id=assignment.story_id,
                    event_id=assignment.event_id,
                    kind=decision.kind,
                    label=decision.label,
                    fingerprint=fingerprint,
                    fatalities=state.fatalities,
                    sources=json.dumps(list(state.sources), ensure_ascii=False),
                    payload=json.dumps(payload, ensure_ascii=False),
                    created_at=now_iso(),
                )
            )
            count += 1
    if item_id is not None:
        connection.execute(update(watch_items).where(watch_items.c.id == item_id).values(alerted=1))
    return count


def _subject(assignment: Assignment, state: StoryState) -> Subject:
    event = assignment.member.event
    place = event.location
    actors = tuple(
        t for a in (event.actor1, event.actor2) if a is not None for t in (a.name, a.mention.text)
    )
    return Subject(
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        country=place.country_code if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        fatalities=state.fatalities,
        actors=actors,
        report=assignment.report,
    )


def _decide(
    connection: Connection, rule: Rule, assignment: Assignment, state: StoryState
) -> _Decision | None:
    """new, update (labelled with what changed) or nothing, against the rule's last alert."""
    last = connection.execute(
        select(watch_alerts.c.fatalities, watch_alerts.c.sources)
        .where(watch_alerts.c.rule == rule.name, watch_alerts.c.story_id == assignment.story_id)
        .order_by(watch_alerts.c.id.desc())
    ).first()
    if last is None:
        first = (
            "new event" if assignment.report == "new" else "known event, first alert for this rule"
        )
        return _Decision("new", first)
    changes = []
    if state.fatalities is not None and state.fatalities > (last.fatalities or 0):
        before = last.fatalities if last.fatalities is not None else "none"
        changes.append(f"higher toll: {before} -> {state.fatalities}")
    added = sorted(set(state.sources) - set(json.loads(last.sources)))
    if added:
        changes.append(f"new source: {', '.join(added)}")
    return _Decision("update", "; ".join(changes)) if changes else None


def _payload(
    result: Result,
    assignment: Assignment,
    state: StoryState,
    rule: Rule,
    decision: _Decision,
    *,
    map_url: str,
) -> dict[str, Any]:
    event: Event = assignment.member.event
    place = event.location
    article = result.article
    base = map_url.rstrip("/")
    return {
        "alert": decision.kind,
        "label": decision.label,
        "rule": rule.name,
        "story": assignment.story_id,
        "report": assignment.report,
        "event_id": assignment.event_id,
        "link": f"{base}/#event={quote(assignment.event_id, safe='')}",
        "api": f"{base}/api/events/{quote(assignment.event_id, safe='')}",
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date,
        "place": (place.name or place.mention.text) if place else None,
        "country": place.country_code if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "fatalities": state.fatalities,
        "report_fatalities": event.fatalities,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "trigger": event.trigger.text,
        "sources": list(state.sources),
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "published": article.published,
        },
    }


class Delivery:
    """Sends alert lines to stdout, files and webhooks; the HTTP client is passed in."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        out: TextIO = sys.stdout,
        timeout_s: float = 10.0,
        retries: int = 2,
    ) -> None:
        self.client = client
        self.out = out
        self.timeout_s = timeout_s
        self.retries = retries

    def send(self, line: str, targets: Sequence[str]) -> list[str]:
        """Send one JSON line to every target; returns one error line per target that failed."""
        errors = []
        for target in targets:
            try:
                self._send_one(line, target)
            except (OSError, httpx.HTTPError, RuntimeError) as err:
                errors.append(f"{target}: {type(err).__name__}: {err}"[:300])
        return errors

    def _send_one(self, line: str, target: str) -> None:
        if target == "stdout":
            self.out.write(line + "\n")
            self.out.flush()
        elif target.startswith("file:"):
            with (
                Path(target.removeprefix("file:"))
                .expanduser()
                .open("a", encoding="utf-8") as handle
            ):
                handle.write(line + "\n")
        else:
            for attempt in range(self.retries + 1):
                response = self.client.post(
                    target,
                    content=line.encode("utf-8"),
                    timeout=self.timeout_s,
                    headers={"content-type": "application/json"},
                )
                if response.status_code < 500 and response.status_code != 429:
                    break
                time.sleep(0.5 * 2**attempt)
            if response.status_code >= 300:
                raise RuntimeError(f"webhook answered HTTP {response.status_code}")


def deliver_pending(engine: Engine, delivery: Delivery, rules: Sequence[Rule]) -> int:
    """Send every alert not delivered yet, oldest first, and mark it; returns how many."""
    targets = {rule.name: rule.to for rule in rules}
    with engine.connect() as connection:
        pending = connection.execute(
            select(watch_alerts.c.id, watch_alerts.c.rule, watch_alerts.c.payload)
            .where(watch_alerts.c.delivered_at.is_(None))
            .order_by(watch_alerts.c.id)
        ).all()
    for row in pending:
        errors = delivery.send(row.payload, targets.get(row.rule, ("stdout",)))
        with engine.begin() as connection:
            connection.execute(
                update(watch_alerts)
                .where(watch_alerts.c.id == row.id)
                .values(delivered_at=now_iso(), error="; ".join(errors) or None)
            )
    return len(pending)
