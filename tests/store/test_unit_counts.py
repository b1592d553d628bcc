"""``event_units`` and the counts read from it (issue 17), on both databases.

Each step (save, re-save, an article's events withdrawn, a full dedup) is checked three
ways: figures derived by hand, a brute-force count in Python over the events and clusters
tables, and the table itself against what :func:`unit_rows` computes from scratch.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Integer, Select, String, delete, literal, select, union_all

from eventwire.records import UNREALIZED_MODALITIES, Article, Event, Modality, Place, Result, Span
from eventwire.store import queries
from eventwire.store.dedup_tables import dedup_store, event_cluster_members, event_clusters
from eventwire.store.periods import fold_cells
from eventwire.store.queries import EventFilter
from eventwire.store.repository import _MIGRATIONS, Store
from eventwire.store.tables import articles, events
from eventwire.store.unit_table import event_units, rebuild_units, unit_rows

ALEPPO = (170063, "Alep", 36.20, 37.16, "SY")
HOMS = (169577, "Homs", 34.73, 36.72, "SY")
GAO = (2457163, "Gao", 16.27, -0.04, "ML")


def _event(
    text: str, at: int, where: tuple[Any, ...], killed: int | None, modality: Modality
) -> Event:
    """The event of the sentence of ``text`` starting at ``at`` (it names one place)."""
    geonameid, name, lat, lon, country = where
    start = text.index(name, at)
    place = Place(
        Span.of(text, start, start + len(name)),
        geonameid=geonameid,
        name=name,
        lat=lat,
        lon=lon,
        country_code=country,
        feature_code="PPL",
        confidence=0.9,
    )
    return Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span.of(text, at + 4, at + 10),
        sentence=Span.of(text, at, text.index(".", at) + 1),
        location=place,
        geo_precision=1,
        date="2019-04-02",
        date_precision="day",
        fatalities=killed,
        modality=modality,
    )


def _report(
    article_id: str,
    source: str,
    *reports: tuple[tuple[Any, ...], int | None],
    modality: Modality = "asserted",
) -> Result:
    """One invented article of one sentence per (place, killed), all on 2 April 2019."""
    sentences = [f"Une frappe a touché {where[1]} ce jour-là." for where, _ in reports]
    text = " ".join(sentences) or "Rien ne s'est passé ce jour-là."
    found, at = [], 0
    for sentence, (where, killed) in zip(sentences, reports, strict=True):
        found.append(_event(text, at, where, killed, modality))
        at += len(sentence) + 1
    return Result(article=Article(id=article_id, text=text, source=source), events=tuple(found))


def _brute_force(connection: Connection) -> dict[str, Any]:
    """The default counts of real-world events, recomputed in Python from the base tables."""
    outlet = dict(connection.execute(select(articles.c.id, articles.c.source)).all())
    rows = {r.id: r for r in connection.execute(select(events))}
    clusters = {r.id: r for r in connection.execute(select(event_clusters))}
    members: dict[str, list[str]] = {}
    for cid, eid in connection.execute(
        select(event_cluster_members.c.cluster_id, event_cluster_members.c.event_id)
    ):
        members.setdefault(cid, []).append(eid)
    clustered = {e for ids in members.values() for e in ids}
    units = [
        (rows[c.representative_id], c.fatalities_best, members[c.id]) for c in clusters.values()
    ]
    units += [(r, r.fatalities, [r.id]) for r in rows.values() if r.id not in clustered]
    units = [u for u in units if u[0].modality not in UNREALIZED_MODALITIES]
    reports = [rows[e] for _, _, ids in units for e in ids]
    return {
        "events": len(units),
        "fatalities": sum(killed or 0 for _, killed, _ in units),
        "reports": len(reports),
        "articles": len({r.article_id for r in reports}),
        "by_country": dict(Counter(u[0].country_code for u in units)),
        "by_day": dict(Counter(u[0].event_date for u in units)),
        "by_source": dict(
            Counter(s for _, _, ids in units for s in {outlet[rows[e].article_id] for e in ids})
        ),
    }


def _check(store: Store, **expected: Any) -> dict[str, Any]:
    """The counts equal the hand figures, the brute-force count, and the table a rebuild."""
    with store.engine.connect() as connection:
        got = queries.stats(connection, EventFilter(), unit="event")
        assert {k: got[k] for k in expected} == expected
        assert {k: got[k] for k in _brute_force(connection)} == _brute_force(connection)
        kept = {tuple(r) for r in connection.execute(select(*event_units.c))}
        fresh = {tuple(r) for r in connection.execute(unit_rows())}
        assert kept == fresh
    return got


def test_counts_follow_save_resave_withdrawal_and_dedup(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("k1", "Agence A", (ALEPPO, 13)))
        store.save(_report("k2", "Journal B", (ALEPPO, 11), (GAO, 4)))
        store.save(_report("k3", "Radio C", (HOMS, 3)))
        store.save(_report("k4", "Radio C", (HOMS, 50), modality="planned"))
        # Aleppo reported twice (best estimate: the lower median, 11), Gao and Homs once;
        # the planned strike did not happen and counts nowhere.
        _check(
            store,
            events=3,
            fatalities=11 + 4 + 3,
            reports=4,
            articles=3,
            by_country={"ML": 1, "SY": 2},
            by_source={"Agence A": 1, "Journal B": 2, "Radio C": 1},
        )
        store.save(_report("k2", "Journal B", (ALEPPO, 20)), reprocess=True)
        # Gao is no longer reported; Aleppo's figures are now 13 and 20: lower median 13.
        _check(store, events=2, fatalities=13 + 3, reports=3, by_country={"SY": 2})
        store.save(_report("k1", "Agence A"), reprocess=True)
        # The first Aleppo report withdrawn: the event stands on the second report alone.
        _check(store, events=2, fatalities=20 + 3, reports=2, articles=2)
        dedup_store(store)
        _check(store, events=2, fatalities=20 + 3, reports=2, articles=2)


def test_counts_filter_on_the_event_row_and_on_any_report(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("f1", "Agence A", (ALEPPO, 13)))
        store.save(_report("f2", "Journal B", (ALEPPO, 11)))
        store.save(_report("f3", "Radio C", (GAO, 30)))
        with store.engine.connect() as connection:

            def count(flt: EventFilter) -> tuple[int, int, int]:
                got = queries.stats(connection, flt, unit="event")
                return got["events"], got["fatalities"], got["reports"]

            assert count(EventFilter(countries=("SY",))) == (1, 11, 2)
            # The killed filter reads the best estimate (11), not a report's figure (13).
            assert count(EventFilter(min_fatalities=12)) == (1, 30, 1)
            # An outlet keeps every event it reported, counted once with all its reports.
            assert count(EventFilter(sources=("Journal B",))) == (1, 11, 2)
            assert count(EventFilter(text="Gao")) == (1, 30, 1)
            assert count(EventFilter(bbox=queries.BBox.parse("-1,15,1,17"))) == (1, 30, 1)


def test_the_migration_fills_the_table_from_stored_events(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("m1", "Agence A", (ALEPPO, 13)))
        store.save(_report("m2", "Journal B", (ALEPPO, 11), (HOMS, 2)))
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0009")
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        got = _check(store, events=2, fatalities=11 + 2, reports=3)
        assert got["by_day"] == {"2019-04-02": 2}


def test_a_full_dedup_rewrites_the_rows_of_a_database_stored_before_it(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("d1", "Agence A", (ALEPPO, 13)))
        store.save(_report("d2", "Journal B", (ALEPPO, 11)))
        with store.engine.begin() as connection:  # as stored before incremental dedup
            connection.execute(delete(event_cluster_members))
            connection.execute(delete(event_clusters))
            rebuild_units(connection)
        _check(store, events=2, fatalities=13 + 11, reports=2)
        dedup_store(store)
        _check(store, events=1, fatalities=11, reports=2, by_source={"Agence A": 1, "Journal B": 1})


def _cells(*rows: tuple[str | None, str, int, int]) -> Select[Any]:
    """(day, type, events, fatalities) cells given by hand, as a select."""
    types = (String(), String(), Integer(), Integer())
    hand = union_all(
        *(select(*(literal(v, t) for v, t in zip(row, types, strict=True))) for row in rows)
    ).subquery("hand")
    return select(*hand.c)


def test_fold_days_into_weeks_months_and_types_in_sql(db_url: str) -> None:
    cells = _cells(
        ("2024-03-06", "Battles", 2, 5),  # a Wednesday: the week of Monday 4 March
        ("2024-03-10", "Battles", 1, 0),  # the Sunday of that week
        ("2024-03-06", "Riots", 1, 1),
        ("2024-03-11", "Riots", 1, 1),  # the next Monday
        ("2024-02-29", "Riots", 1, 2),  # a leap day, a Thursday: the week of 26 February
        ("2023-01-01", "Riots", 1, 0),  # a Sunday: its week began in 2022
        ("2024-02-30", "Battles", 9, 9),  # no calendar day: no week
        (None, "Battles", 4, 4),  # undated: in the totals and by type only
    )
    with Store.open(db_url) as store, store.engine.connect() as connection:
        folded = fold_cells(connection, cells)
    assert folded.by_week == {
        "2022-12-26": {"Riots": {"events": 1, "fatalities": 0}},
        "2024-02-26": {"Riots": {"events": 1, "fatalities": 2}},
        "2024-03-04": {
            "Battles": {"events": 3, "fatalities": 5},
            "Riots": {"events": 1, "fatalities": 1},
        },
        "2024-03-11": {"Riots": {"events": 1, "fatalities": 1}},
    }
    assert (folded.events, folded.fatalities) == (20, 22)
    assert folded.by_type == {"Battles": 16, "Riots": 4}
    assert folded.by_month == {"2023-01": 1, "2024-02": 10, "2024-03": 5}
    assert folded.by_day["2024-03-06"] == 3 and folded.by_day["2024-02-30"] == 9
    assert len(folded.by_day) == 6
