"""A consistent copy of a SQLite database, safe while another process writes to it.

SQLite in WAL mode (``repository._sqlite_pragmas``) keeps recent commits in
``events.db-wal`` until a checkpoint moves them into ``events.db``; copying the main file
alone (``cp events.db``) loses them, and copying it while a checkpoint runs gives a torn
file. The backup API reads every page through SQLite under one read transaction, WAL
included, so the copy is one committed state (issue 17). PostgreSQL has ``pg_dump``.

    copied = backup_sqlite(Path("events.db"), Path("events-copy.db"))
    copied.articles, copied.events, copied.pages
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import StoreError

_COUNTS = ("PRAGMA page_count", "SELECT count(*) FROM articles", "SELECT count(*) FROM events")


@dataclass(frozen=True, slots=True)
class Copied:
    """What a backup holds: pages, and the articles and events in them."""

    pages: int
    articles: int
    events: int


def backup_sqlite(source: Path, target: Path) -> Copied:
    """Copy ``source`` to ``target`` through SQLite's backup API; say what the copy holds.

    The copy is written beside ``target`` and renamed into place once complete and checked,
    so ``target`` never holds half a database.
    """
    if not source.is_file():
        raise StoreError(f"{source}: no such database")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)  # one step: every page under one read transaction
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            copied = Copied(*(int(dst.execute(sql).fetchone()[0]) for sql in _COUNTS))
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        if check != "ok":
            raise StoreError(
                f"{target}: the copy fails SQLite's check ({check}); the source may be damaged"
            )
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except sqlite3.Error as err:
        raise StoreError(f"{source}: cannot back up ({err})") from None
    finally:
        partial.unlink(missing_ok=True)
    return copied
