"""The store's change counter (revision 0012) rises with every write the counts depend on."""

from __future__ import annotations

from sqlalchemy import delete, update

from eventwire.store.changes import data_version
from eventwire.store.dedup_tables import dedup_store, event_clusters
from eventwire.store.repository import Store
from eventwire.store.tables import articles
from tests.store.test_unit_counts import ALEPPO, GAO, _report


def _version(store: Store) -> int:
    with store.engine.connect() as connection:
        return data_version(connection)


def test_data_version_rises_with_every_write_and_only_then(db_url: str) -> None:
    with Store.open(db_url) as store:
        seen = [_version(store)]

        def wrote() -> None:
            seen.append(_version(store))
            assert seen[-1] > seen[-2], seen

        store.save(_report("v1", "Agence A", (ALEPPO, 13)))
        wrote()
        assert _version(store) == seen[-1]  # reading changes nothing
        store.save(_report("v2", "Journal B", (ALEPPO, 11), (GAO, 4)))
        wrote()
        store.save(_report("v2", "Journal B", (GAO, 4)), reprocess=True)
        wrote()
        dedup_store(store)
        wrote()
        with store.engine.begin() as connection:  # a write by hand, past every code path
            connection.execute(update(articles).values(source="Radio C"))
        wrote()
        with store.engine.begin() as connection:
            connection.execute(delete(event_clusters))
        wrote()
