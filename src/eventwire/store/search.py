"""Free-text filters served by an index: SQLite FTS5 (trigram) and PostgreSQL pg_trgm (issue 17).

The API's ``q=`` and ``actor=`` filters keep an event when one of its text columns *contains*
the words, ignoring case. A plain ``LIKE '%…%'`` reads every row (1.9 s p50 at 100,000 events,
``eventwire bench api``); both databases have an index for exactly this question:

- SQLite: the ``events_fts`` FTS5 table with the ``trigram`` tokenizer, which answers
  substring queries; triggers on ``events`` keep it in the same transaction as every insert,
  delete (a re-saved article, a cascade) and update. Revision 0008 creates and fills it.
- PostgreSQL: GIN ``gin_trgm_ops`` indexes on the same columns, which ``ILIKE '%…%'`` uses as
  it is; PostgreSQL maintains them itself.

A trigram index cannot look up fewer than three characters: shorter text falls back to LIKE.

    condition = contains_any(events, TEXT_COLUMNS, "Alep")
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, Connection, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType

__all__ = [
    "ACTOR_COLUMNS",
    "COMMON",
    "FTS_TABLE",
    "TEXT_COLUMNS",
    "contains",
    "contains_any",
    "fts_query",
    "is_common",
    "like_pattern",
]

#: The events columns ``q=`` searches, and the ``actor=`` subset: each one indexed.
TEXT_COLUMNS: tuple[str, ...] = (
    "trigger_text",
    "sentence_text",
    "location_name",
    "location_text",
    "actor1_name",
    "actor2_name",
    "actor1_text",
    "actor2_text",
)
ACTOR_COLUMNS: tuple[str, ...] = ("actor1_name", "actor2_name", "actor1_text", "actor2_text")
FTS_TABLE = "events_fts"
#: Trigram indexes find only strings of at least three characters.
_MIN_INDEXED = 3


def like_pattern(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, its wildcards taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_query(columns: tuple[str, ...], value: str) -> str:
    """An FTS5 query: ``value`` as one phrase (taken literally) in any of ``columns``.

    >>> fts_query(("a", "b"), "Alep")
    '{a b} : "Alep"'
    """
    phrase = value.replace('"', '""')
    return f'{{{" ".join(columns)}}} : "{phrase}"'


class _ContainsCI(FunctionElement[bool]):
    """``column`` contains a LIKE pattern, ignoring case (see the two compilers below)."""

    type = Boolean()
    name = "contains_ci"
    inherit_cache = True


def _like_sql(compiler: Any, column: Any, operator: str, pattern: Any, **kw: Any) -> str:
    """``column LIKE|ILIKE pattern`` with the backslash escape of :func:`like_pattern`."""
    return (
        f"{compiler.process(column, **kw)} {operator} {compiler.process(pattern, **kw)} ESCAPE '\\'"
    )


@compiles(_ContainsCI)
def _contains_ilike(element: _ContainsCI, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return _like_sql(compiler, column, "ILIKE", pattern, **kw)


@compiles(_ContainsCI, "sqlite")
def _contains_like_sqlite(element: _ContainsCI, compiler: Any, **kw: Any) -> str:
    # SQLite's LIKE already ignores ASCII case, as its lower() does; SQLAlchemy's ilike()
    # wraps both sides in lower(), which made free-text filters 5x slower (bench api).
    column, pattern = list(element.clauses)
    return _like_sql(compiler, column, "LIKE", pattern, **kw)


def contains(column: Any, value: str) -> ColumnElement[bool]:
    """``column`` contains ``value``, ignoring case, by LIKE (no index)."""
    return _ContainsCI(column, literal(like_pattern(value)))


class _Indexed(FunctionElement[Any]):
    """Any of some text columns contains a value: FTS5 on SQLite, ILIKE elsewhere."""

    # No Boolean type: SQLite would compare it with 1 ("x IN (...) = 1"), and then search
    # every row instead of looking the matches up by primary key.
    type = NullType()
    name = "contains_indexed"
    inherit_cache = True


@compiles(_Indexed)
def _indexed_ilike(element: _Indexed, compiler: Any, **kw: Any) -> str:
    # PostgreSQL: the pg_trgm GIN index of each column serves ILIKE '%…%' (revision 0008).
    _id, _match, pattern, *columns = list(element.clauses)
    parts = [_like_sql(compiler, c, "ILIKE", pattern, **kw) for c in columns]
    return "(" + " OR ".join(parts) + ")"


@compiles(_Indexed, "sqlite")
def _indexed_fts5(element: _Indexed, compiler: Any, **kw: Any) -> str:
    event_id, match, *_ = list(element.clauses)
    return (
        f"{compiler.process(event_id, **kw)} IN (SELECT event_id FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH {compiler.process(match, **kw)})"
    )


def contains_any(
    table: Any, columns: tuple[str, ...], value: str, *, indexed: bool = True
) -> ColumnElement[bool]:
    """Some of ``table``'s ``columns`` (of :data:`TEXT_COLUMNS`) contains ``value``, ignoring case.

    ``table`` is ``events`` or an alias of it; the index answers when ``value`` is long enough,
    unless ``indexed=False`` (each row is tested: see :func:`is_common`).
    """
    c = table.c
    if len(value) < _MIN_INDEXED or not indexed:
        return or_(*(contains(c[name], value) for name in columns))
    return _Indexed(
        c.id,
        literal(fts_query(columns, value)),
        literal(like_pattern(value)),
        *(c[name] for name in columns),
    )


#: Matches from which testing rows in page order beats looking every match up (SQLite).
COMMON = 2000


def is_common(connection: Connection, columns: tuple[str, ...], value: str) -> bool:
    """Whether at least :data:`COMMON` events match, on SQLite (PostgreSQL's planner decides).

    A page of 100 events among 2,000 matches of 100,000 is found after about 5,000 rows in
    page order; looking 11,000 matches up by id took a second (``actor=shabaab``, bench api).
    """
    if connection.dialect.name != "sqlite" or len(value) < _MIN_INDEXED:
        return False
    found = connection.exec_driver_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)",
        (fts_query(columns, value), COMMON),
    ).scalar_one()
    return int(found) >= COMMON
