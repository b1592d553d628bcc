"""Incremental dedup as articles are stored, stable cluster ids (issue 17), on both databases."""

from __future__ import annotations

from sqlalchemy import select

from eventwire.events.dedup import cluster_id_of
from eventwire.records import Article, Event, Place, Result, Span
from eventwire.store.dedup_tables import dedup_store, event_cluster_members, event_clusters
from eventwire.store.repository import Store

ALEPPO = (170063, "Alep", 36.20, 37.16, "SY")
HAYTAN = (170500, "Haytan", 36.28, 37.21, "SY")  # about 10 km from Aleppo
HOMS = (169577, "Homs", 34.73, 36.72, "SY")  # about 170 km away
# Two invented border towns 6 km apart on either side of a border.
WEST_TOWN = (900001, "Ouestville", 12.00, 3.00, "NE")
EAST_TOWN = (900002, "Estville", 12.00, 3.05, "NG")


def _report(
    article_id: str, source: str, killed: int | None, where: tuple, day: str = "2018-11-11"
) -> Result:
    geonameid, name, lat, lon, country = where
    text = f"Une frappe a fait des victimes à {name} ce jour-là."
    start = text.index(name)
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
    event = Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span.of(text, 4, 10),
        sentence=Span.of(text, 0, len(text)),
        location=place,
        geo_precision=1,
        date=day,
        date_precision="day",
        fatalities=killed,
    )
    return Result(article=Article(id=article_id, text=text, source=source), events=(event,))


def _clusters(store: Store) -> dict[str, list[str]]:
    with store.engine.connect() as connection:
        out: dict[str, list[str]] = {}
        for cid, eid in connection.execute(
            select(event_cluster_members.c.cluster_id, event_cluster_members.c.event_id)
        ):
            out.setdefault(cid, []).append(eid)
    return {cid: sorted(ids) for cid, ids in out.items()}


def test_saving_assigns_each_report_to_its_event(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("b1", "Agence A", 13, ALEPPO))
        store.save(_report("b2", "Journal B", 11, HAYTAN, "2018-11-12"))
        store.save(_report("b3", "Radio C", 3, HOMS))
        assert _clusters(store) == {
            cluster_id_of(["b1:0"]): ["b1:0", "b2:0"],
            cluster_id_of(["b3:0"]): ["b3:0"],
        }


def test_ids_keep_the_first_report_and_survive_a_full_dedup(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("z9", "Agence A", 13, ALEPPO))  # arrives first
        store.save(_report("a1", "Journal B", 11, ALEPPO))
        before = _clusters(store)
        assert before == {cluster_id_of(["z9:0"]): ["a1:0", "z9:0"]}
        dedup_store(store)
        dedup_store(store)
        assert _clusters(store) == before


def test_a_fresh_full_dedup_derives_ids_from_the_earliest_event_id() -> None:
    from eventwire.events.dedup import cluster_events

    clusters = cluster_events([_report("z9", "A", 13, ALEPPO), _report("a1", "B", 11, ALEPPO)])
    assert [c.id for c in clusters] == [cluster_id_of(["a1:0"])]


def test_reprocessing_moves_a_report_and_keeps_the_other_cluster_id(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("b1", "Agence A", 13, ALEPPO))
        store.save(_report("b2", "Journal B", 11, ALEPPO))
        store.save(_report("b2", "Journal B", 11, HOMS), reprocess=True)
        assert _clusters(store) == {
            cluster_id_of(["b1:0"]): ["b1:0"],
            cluster_id_of(["b2:0"]): ["b2:0"],
        }
        with store.engine.connect() as connection:
            row = connection.execute(
                select(event_clusters).where(event_clusters.c.id == cluster_id_of(["b1:0"]))
            ).one()
        assert (row.n_events, row.fatalities_min, row.fatalities_max) == (1, 13, 13)


def test_no_merge_across_a_border_or_across_days(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(_report("w1", "Agence A", 2, WEST_TOWN))
        store.save(_report("e1", "Journal B", 2, EAST_TOWN))  # 5 km away, another country
        store.save(_report("h1", "Agence A", 2, HOMS, "2018-11-01"))
        store.save(_report("h2", "Journal B", 2, HOMS, "2018-11-05"))  # four days later
        assert sorted(len(ids) for ids in _clusters(store).values()) == [1, 1, 1, 1]


def test_the_cluster_row_holds_the_range_and_the_lower_median(db_url: str) -> None:
    with Store.open(db_url) as store:
        for article_id, killed in (("k1", 5), ("k2", 3), ("k3", 4), ("k4", None)):
            store.save(_report(article_id, f"Outlet {article_id}", killed, ALEPPO))
        with store.engine.connect() as connection:
            row = connection.execute(select(event_clusters)).one()
    # Figures 3, 4, 5 (one report gives none): range 3-5, lower median 4, not the sum 12.
    assert (row.n_events, row.fatalities_min, row.fatalities_max) == (4, 3, 5)
    assert row.fatalities_best == 4
