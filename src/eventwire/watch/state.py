"""The watcher's tables and their readers and writers; Alembic revision 0004 creates them.

``watch_sources``   one row per source: validators (ETag, Last-Modified), last poll, failures
``watch_items``     one row per feed item seen; written in the transaction that stores its
                    article, so a crash loses and duplicates nothing (issue 18)
``watch_stories``   event id -> story id: the first report's event id (incremental dedup)
``watch_alerts``    every alert decided, with its delivery; unique per rule, story and state

They sit in their own MetaData, as store/dedup_tables.py does, so that revision 0001 never
creates them early.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

__all__ = [
    "MAX_ATTEMPTS",
    "SourceState",
    "item_hash",
    "mark_item",
    "now_iso",
    "pending_alert_items",
    "record_poll",
    "source_states",
    "unseen",
    "watch_alerts",
    "watch_items",
    "watch_sources",
    "watch_stories",
]

#: A page that fails this many polls in a row is given up (marked seen, outcome "failed").
MAX_ATTEMPTS = 3

metadata = MetaData()

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", String(64)),
    Column("last_poll_at", String(40)),
    Column("last_ok_at", String(40)),
    Column("failures", Integer, nullable=False, default=0),  # consecutive
    Column("last_status", Text),
    Column("items_stored", Integer, nullable=False, default=0),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),
    Column("key_hash", String(32), nullable=False),  # of the entry's key (guid or link)
    Column("item_key", Text, nullable=False),
    Column("url", Text),
    Column("article_id", String(64)),  # None: rejected or given up
    Column("outcome", String(16), nullable=False),  # stored, unchanged, rejected, failed
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=1),
    Column("alerted", Integer, nullable=False, default=0),  # 1 once its alerts are decided
    Column("seen_at", String(40), nullable=False),
    Index("ux_watch_items_key", "source", "key_hash", unique=True),
    Index("ix_watch_items_alerted", "alerted"),
)

watch_stories = Table(
    "watch_stories",
    metadata,
    Column("event_id", String(80), primary_key=True),
    Column("story_id", String(80), nullable=False),
    Index("ix_watch_stories_story", "story_id"),
)

watch_alerts = Table(
    "watch_alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(200), nullable=False),
    Column("story_id", String(80), nullable=False),
    Column("event_id", String(80), nullable=False),
    Column("kind", String(10), nullable=False),  # new, update
    Column("label", Text, nullable=False),
    Column("fingerprint", String(32), nullable=False),  # of (toll, outlets) when decided
    Column("fatalities", Integer),
    Column("sources", Text, nullable=False),  # JSON list
    Column("payload", Text, nullable=False),  # the JSON line sent
    Column("created_at", String(40), nullable=False),
    Column("delivered_at", String(40)),
    Column("error", Text),
    Index("ux_watch_alerts_state", "rule", "story_id", "fingerprint", unique=True),
)


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the database remembers of one source between runs."""

    etag: str | None
    last_modified: str | None
    last_poll_at: str | None
    failures: int


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def item_hash(key: str) -> str:
    """32 hex digits of a feed item's key (guids and links may be longer than an index allows)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def source_states(engine: Engine) -> dict[str, SourceState]:
    """Every source's remembered state, by name."""
    with engine.connect() as connection:
        rows = connection.execute(select(watch_sources))
        return {
            r.name: SourceState(r.etag, r.last_modified, r.last_poll_at, r.failures) for r in rows
        }


def record_poll(
    engine: Engine,
    *,
    name: str,
    url: str,
    ok: bool,
    status: str,
    etag: str | None,
    last_modified: str | None,
    stored: int,
) -> None:
    """Remember one poll of a source: validators when it answered, the failure count otherwise."""
    now = now_iso()
    with engine.begin() as connection:
        row = connection.execute(select(watch_sources).where(watch_sources.c.name == name)).first()
        failures = 0 if ok else (1 if row is None else row.failures + 1)
        values: dict[str, object] = {
            "url": url,
            "last_poll_at": now,
            "last_status": status,
            "failures": failures,
        }
        if ok:
            values["last_ok_at"] = now
            if row is None or row.url != url or etag or last_modified:
                values |= {"etag": etag, "last_modified": last_modified}
        if row is None:
            connection.execute(
                insert(watch_sources).values(name=name, items_stored=stored, **values)
            )
        else:
            values["items_stored"] = row.items_stored + stored
            connection.execute(
                update(watch_sources).where(watch_sources.c.name == name).values(**values)
            )


def unseen(engine: Engine, source: str, keys: Iterable[str]) -> set[str]:
    """The keys not seen yet, with those whose page failed fewer than MAX_ATTEMPTS times."""
    by_hash = {item_hash(k): k for k in keys}
    if not by_hash:
        return set()
    done: set[str] = set()
    query = select(watch_items.c.key_hash, watch_items.c.outcome, watch_items.c.attempts).where(
        watch_items.c.source == source, watch_items.c.key_hash.in_(list(by_hash))
    )
    with engine.connect() as connection:
        for row in connection.execute(query):
            if row.outcome != "retry" or row.attempts >= MAX_ATTEMPTS:
                done.add(row.key_hash)
    return {k for h, k in by_hash.items() if h not in done}


def mark_item(
    connection: Connection,
    *,
    source: str,
    key: str,
    url: str | None,
    article_id: str | None,
    outcome: str,
    error: str | None = None,
) -> None:
    """Record a feed item as seen (or to retry: outcome ``retry``) in the caller's transaction."""
    digest = item_hash(key)
    where = (watch_items.c.source == source) & (watch_items.c.key_hash == digest)
    row = connection.execute(select(watch_items.c.attempts).where(where)).first()
    attempts = 1 if row is None else row.attempts + 1
    if outcome == "retry" and attempts >= MAX_ATTEMPTS:
        outcome = "failed"
    values = {
        "url": url,
        "article_id": article_id,
        "outcome": outcome,
        "error": error,
        "attempts": attempts,
        "seen_at": now_iso(),
        "alerted": 0 if article_id else 1,
    }
    if row is None:
        connection.execute(
            insert(watch_items).values(source=source, key_hash=digest, item_key=key, **values)
        )
    else:
        connection.execute(update(watch_items).where(where).values(**values))


def pending_alert_items(engine: Engine) -> list[tuple[int, str]]:
    """(item id, article id) of stored items whose alerts are not decided yet, oldest first."""
    query = (
        select(watch_items.c.id, watch_items.c.article_id)
        .where(watch_items.c.alerted == 0, watch_items.c.article_id.is_not(None))
        .order_by(watch_items.c.id)
    )
    with engine.connect() as connection:
        return [(r.id, r.article_id) for r in connection.execute(query)]
