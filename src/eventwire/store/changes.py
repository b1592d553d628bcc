"""The store's change counter: raised by every write to what the map counts (revision 0012).

Triggers on ``articles``, ``events``, ``event_units`` and the dedup clusters raise
``store_changes.n`` in the writing transaction, whichever process or code path writes. An
answer computed from the rows read in the same transaction as the counter stays right for
as long as the counter keeps that value (``serve/answer_cache.py``).

    version = data_version(connection)
"""

from __future__ import annotations

from sqlalchemy import Connection, text

__all__ = ["data_version"]


def data_version(connection: Connection) -> int:
    """The current value of the change counter (0 for a store never written since 0012)."""
    found = connection.execute(text("SELECT n FROM store_changes WHERE id = 1")).scalar_one()
    return int(found)
