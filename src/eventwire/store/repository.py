"""Save results atomically and read them back; one transaction per article.

``Store.open`` creates the engine and runs the Alembic migrations to head. ``save`` is
idempotent: an article already stored is left as it is unless ``reprocess=True``, which
replaces its extraction in the same transaction.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Self, TypeVar

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import (
    DataError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
    StatementError,
)

from eventwire.errors import StoreError
from eventwire.records import Article, Event, Result
from eventwire.store import dedup_live, rows
from eventwire.store.tables import actors, articles, attributions, events, places
from eventwire.store.unit_table import sync_units

SaveOutcome = Literal["stored", "unchanged", "replaced"]
T = TypeVar("T")
_MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(target: str | Path) -> str:
    """Turn a path or URL into a SQLAlchemy URL (``postgresql://`` uses psycopg 3)."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_db_engine(target: str | Path) -> Engine:
    """Create the engine; SQLite gets WAL, a busy timeout and foreign keys."""
    url = database_url(target)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                # Two processes opening a new database at once would both create the tables
                # ("table ... already exists"): the first takes the write lock for the whole
                # migration, the second waits (busy_timeout), then finds the schema at head.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as err:
        raise StoreError(
            f"{engine.url.render_as_string()}: cannot migrate ({err.__class__.__name__}: {err})"
        ) from None


def _fill_hint(target: str | Path) -> str:
    return f"fill one with `eventwire run examples/ --db {target}`"


def _check_exists(target: str | Path) -> None:
    url = database_url(target)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        raise StoreError(f"{target}: no such database; {_fill_hint(target)}")


def _check_tables(engine: Engine, target: str | Path) -> None:
    from sqlalchemy import inspect

    if not inspect(engine).has_table(articles.name):
        engine.dispose()
        raise StoreError(
            f"{target}: not an eventwire database (no articles table); {_fill_hint(target)}"
        )


class Store:
    """Read and write results; build it with :meth:`open`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, target: str | Path, *, create: bool = True) -> Store:
        """Open (and create or migrate) the database at a path or URL.

        ``create=False`` is for commands that only read (``summary``, ``export``, ``show``,
        ``serve``): a mistyped ``--db`` then fails with one line instead of creating an
        empty database that reports "0 events" (issue 17).
        """
        if not create:
            _check_exists(target)
        try:
            engine = create_db_engine(target)
            if not create:
                _check_tables(engine, target)
            migrate(engine)
        except OperationalError as err:
            raise StoreError(f"{target}: cannot open database ({err.orig})") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _retry(self, work: Callable[[Connection], T], *, attempts: int = 8) -> T:
        """Run ``work`` in one transaction, retrying when the database reports a lock or a race.

        A race: two writers (two ``eventwire run`` on one database) both find an article
        missing and both insert it; the second insert violates the primary key and is
        rolled back. Run again, ``work`` finds the article stored (issue 10).
        """
        for attempt in range(attempts):
            try:
                with self.engine.begin() as connection:
                    return work(connection)
            except IntegrityError as err:
                if attempt == attempts - 1:
                    raise StoreError(
                        f"{self.engine.url.database}: write failed ({err.orig})"
                    ) from None
            except OperationalError as err:
                locked = "locked" in str(err.orig) or "busy" in str(err.orig)
                if not locked or attempt == attempts - 1:
                    raise StoreError(
                        f"{self.engine.url.database}: write failed ({err.orig})"
                    ) from None
                time.sleep(0.05 * 2**attempt * (1 + random.random()))
        raise AssertionError("unreachable")

    def has(self, article_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(select(articles.c.id).where(articles.c.id == article_id))
            return found.first() is not None

    def as_stored(self, article: Article) -> Article:
        """``article`` with the ingestion date it was first stored with, if it is stored.

        Reprocessing reads the article again on a later day; its inferred years are bounded
        by the day it was first ingested, so its dates do not move (issue 14).
        """
        with self.engine.connect() as connection:
            stored = connection.execute(
                select(articles.c.ingested).where(articles.c.id == article.id)
            ).scalar()
        if stored is None or stored == article.ingested:
            return article
        return replace(article, ingested=stored)

    def save(
        self,
        result: Result,
        *,
        reprocess: bool = False,
        also: Callable[[Connection], None] | None = None,
    ) -> SaveOutcome:
        """Store one article and its extraction in a single transaction, its events clustered.

        ``also`` writes more in that same transaction (``eventwire watch`` marks the feed
        item seen there, so that a crash can neither lose nor duplicate it).

        Counts beyond a 32-bit integer (``99999999999999999999999 blessés``) are dropped
        with a warning rather than overflowing the column; a value the database still
        refuses raises StoreError naming the article, and nothing of it is written.
        """
        article_id = result.article.id
        result = storable(result)

        def work(connection: Connection) -> SaveOutcome:
            exists = connection.execute(
                select(articles.c.id).where(articles.c.id == article_id)
            ).first()
            if also is not None:
                also(connection)
            if exists and not reprocess:
                return "unchanged"
            left: list[str] = []
            if exists:
                left = dedup_live.forget_article(connection, article_id)
                for table in (attributions, events, actors, places):
                    connection.execute(delete(table).where(table.c.article_id == article_id))
                connection.execute(delete(articles).where(articles.c.id == article_id))
            _insert(connection, result)
            # Incremental dedup in the same transaction (issue 17): the article's events join
            # the clusters of earlier reports, or start their own.
            written = dedup_live.assign_article(connection, article_id)
            dedup_live.refresh_clusters(connection, sorted(set(left) - set(written)))
            # The map's counts read one row per real-world event (revision 0010).
            sync_units(connection, article_ids=[article_id], cluster_ids=[*left, *written])
            return "replaced" if exists else "stored"

        try:
            return self._retry(work)
        except (DataError, StatementError, OverflowError, ValueError) as err:
            reason = getattr(err, "orig", None) or err
            raise StoreError(
                f"{result.article.origin or article_id}: cannot store article {article_id} "
                f"({type(reason).__name__}: {str(reason)[:200]})"
            ) from None

    def result(self, article_id: str) -> Result | None:
        """Read one article's stored extraction back as a Result."""
        with self.engine.connect() as connection:
            row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                return None
            return rows.result_from_rows(connection, row._mapping)

    def results(self) -> Iterator[Result]:
        """Every stored result, ordered by article id."""
        with self.engine.connect() as connection:
            for row in connection.execute(select(articles).order_by(articles.c.id)):
                yield rows.result_from_rows(connection, row._mapping)

    def counts(self) -> dict[str, int]:
        """Row counts per table, for summaries."""
        with self.engine.connect() as connection:
            out = {}
            for name, table in (
                ("articles", articles),
                ("places", places),
                ("resolved_places", places),
                ("actors", actors),
                ("events", events),
                ("attributions", attributions),
            ):
                query = select(func.count()).select_from(table)
                if name == "resolved_places":
                    query = query.where(places.c.geonameid.is_not(None))
                out[name] = int(connection.execute(query).scalar_one())
            return out


#: Largest count stored: PostgreSQL INTEGER columns are 32-bit.
MAX_COUNT = 2**31 - 1


def storable(result: Result) -> Result:
    """Drop counts no column can hold (with a warning naming them); else return ``result``."""
    warnings = list(result.warnings)
    fixed: list[Event] = []
    for item in result.events:
        changes: dict[str, Any] = {}
        for name in ("fatalities", "injured"):
            value = getattr(item, name)
            if value is not None and not 0 <= value <= MAX_COUNT:
                changes |= {name: None, f"{name}_evidence": None}
                warnings.append(f"{name} {value} out of range (0..{MAX_COUNT:,}); not stored")
        fixed.append(replace(item, **changes) if changes else item)
    if len(warnings) == len(result.warnings):
        return result
    return replace(result, events=tuple(fixed), warnings=tuple(warnings))


def article_row(result: Result) -> dict[str, Any]:
    """The ``articles`` row of a result (the synthetic corpus's bulk loader uses it too)."""
    article = result.article
    return {
        "id": article.id,
        "content_hash": _content_hash(article.text),
        "title": article.title,
        "text": article.text,
        "language": article.language,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "origin": article.origin,
        "warnings": json.dumps(list(result.warnings), ensure_ascii=False),
        "pipeline_version": result.pipeline_version,
        "provenance": rows.provenance_json(result.provenance),
        "ingested": article.ingested,
        "non_events": rows.non_events_json(result.non_events),
        # Milliseconds: the map asks for "articles stored since" (serve/live.py, issue 18).
        "processed_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
    }


def _insert(connection: Connection, result: Result) -> None:
    connection.execute(insert(articles).values(**article_row(result)))
    if result.places:
        connection.execute(insert(places), rows.place_rows(result))
    if result.actors:
        connection.execute(insert(actors), rows.actor_rows(result))
    if result.events:
        connection.execute(insert(events), rows.event_rows(result))
        attribution_rows = rows.attribution_rows(result)
        if attribution_rows:
            connection.execute(insert(attributions), attribution_rows)


def _content_hash(text: str) -> str:
    from eventwire.ingest import article_id

    return article_id(text)
