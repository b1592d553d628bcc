"""One declared mapping (store/mapping.py) checked against every copy of it (issue 19 item 3):
the records, the SQLAlchemy tables, the row writers, the Spark rows, the API schemas, the
exports."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from eventwire.provenance import DataFile, Provenance
from eventwire.records import Actor, Article, Attribution, Event, Place, Result, Span
from eventwire.store import mapping, rows, tables

STORED = {
    "articles": (mapping.ARTICLE_FIELDS, mapping.RESULT_FIELDS),
    "places": (mapping.PLACE_FIELDS,),
    "actors": (mapping.ACTOR_FIELDS,),
    "events": (mapping.EVENT_FIELDS,),
    "event_attributions": (mapping.ATTRIBUTION_FIELDS,),
}
TABLES = {
    t.name: t
    for t in (tables.articles, tables.places, tables.actors, tables.events, tables.attributions)
}


def _declared(table: str) -> set[str]:
    keys = set(mapping.ROW_KEYS.get(table, ()))
    for fields in STORED[table]:
        keys.update(column for columns in fields.values() for column in columns)
    return keys


def _result() -> Result:
    span = Span("x", 0, 1)
    actor = Actor(span, "X", "military")
    place = Place(span, geonameid=1, name="X", lat=1.0, lon=2.0)
    event = Event(
        "Battles",
        "Armed clash",
        span,
        span,
        actor1=actor,
        location=place,
        attribution=(Attribution("AFP", span),),
    )
    return Result(Article(id="a1", text="x"), places=(place,), actors=(actor,), events=(event,))


def test_mapping_declares_every_record_field() -> None:
    for record, fields in (
        (Article, mapping.ARTICLE_FIELDS),
        (Place, mapping.PLACE_FIELDS),
        (Actor, mapping.ACTOR_FIELDS),
        (Event, mapping.EVENT_FIELDS),
        (Attribution, mapping.ATTRIBUTION_FIELDS),
    ):
        assert {f.name for f in dataclasses.fields(record)} == set(fields), record.__name__
    result_fields = {f.name for f in dataclasses.fields(Result)}
    assert result_fields == set(mapping.RESULT_FIELDS) - {"processed_at"}


def test_mapping_matches_the_sqlalchemy_tables() -> None:
    for name, table in TABLES.items():
        assert {c.name for c in table.columns} == _declared(name), name


def test_mapping_matches_the_row_writers() -> None:
    from eventwire.store.repository import article_row

    result = _result()
    written = {
        "articles": article_row(result),
        "places": rows.place_rows(result)[0],
        "actors": rows.actor_rows(result)[0],
        "events": rows.event_rows(result)[0],
        "event_attributions": rows.attribution_rows(result)[0],
    }
    for name, row in written.items():
        autoincrement = {"id"} if name != "articles" and name != "events" else set()
        assert set(row) == _declared(name) - autoincrement, name


def test_mapping_matches_the_spark_rows_and_schema() -> None:
    from eventwire.batch import spark

    article_columns = _declared("articles") - {"processed_at"}
    children = {f"{name}_json" for name in spark.CHILD_TABLES}
    assert set(spark.result_rows(_result())) == article_columns | children | {"problem"}
    assert set(spark._result_schema().fieldNames()) == article_columns | children | {"problem"}
    for name, table in spark.CHILD_TABLES.items():
        autoincrement = {"id"} if name != "events" else set()
        assert (
            set(spark._array_schema(table).elementType.fieldNames())
            == _declared(table.name) - autoincrement
        )


def _column(reference: str) -> Any:
    table, column = reference.split(".")
    return TABLES[table].columns[column]


def test_mapping_matches_the_api_schemas() -> None:
    from eventwire.serve.schemas import ArticleOut, EventSummary

    assert set(EventSummary.model_fields) == set(mapping.API_EVENT_FIELDS)
    for reference in mapping.API_EVENT_FIELDS.values():
        _column(reference)  # raises KeyError for a column that does not exist
    assert set(ArticleOut.model_fields) == set(mapping.API_ARTICLE_FIELDS)
    assert set(mapping.API_ARTICLE_FIELDS) <= {c.name for c in tables.articles.columns}


def test_mapping_matches_the_export_columns() -> None:
    from eventwire.export.acled import COLUMNS, to_acled

    assert tuple(mapping.EXPORT_COLUMNS) == COLUMNS
    row = {**rows.event_rows(_result())[0], "article_source": "Wire"}
    exported = to_acled(row, ["AFP"])
    assert tuple(exported) == COLUMNS
    for column, reference in mapping.EXPORT_COLUMNS.items():
        if reference is not None and reference.startswith("events."):
            assert (
                exported[column] == row[_column(reference).name]
                or column == "date_from_publication"
            ), column


def test_mapping_declares_the_download_columns() -> None:
    # /api/export writes the columns of `eventwire export` (export/columns.py), one function
    # building both (issues 15, 16): EXPORT_COLUMNS declares them.
    from eventwire.export.columns import COLUMNS, columns_of

    assert columns_of("report") == COLUMNS == tuple(mapping.EXPORT_COLUMNS)


def test_mapping_declares_the_event_unit_columns() -> None:
    """Issue 17: the cluster columns of API rows and exports are declared, and exist."""
    from eventwire.export.acled import COLUMNS
    from eventwire.export.units import EVENT_COLUMNS
    from eventwire.serve.schemas import EventRow, EventSummary
    from eventwire.store.dedup_tables import event_cluster_members, event_clusters
    from eventwire.store.units import CLUSTER_COLUMNS

    assert tuple(mapping.EVENT_ROW_FIELDS) == CLUSTER_COLUMNS
    assert EVENT_COLUMNS == COLUMNS + CLUSTER_COLUMNS
    assert set(EventRow.model_fields) - set(EventSummary.model_fields) == set(CLUSTER_COLUMNS)
    known = {
        **TABLES,
        "event_clusters": event_clusters,
        "event_cluster_members": event_cluster_members,
    }
    for reference in mapping.EVENT_ROW_FIELDS.values():
        table, column = reference.split(".")
        assert column in known[table].columns, reference


def _full_result() -> Result:
    """A Result with every stored field set to a value other than its default."""
    text = "Selon l'AFP, des hommes armés ont attaqué Gao le 3 mai, tuant deux civils."

    def at(words: str) -> Span:
        return Span.of(text, text.index(words), text.index(words) + len(words))

    afp, gao, men = at("AFP"), at("Gao"), at("hommes armés")
    place = Place(gao, 2457163, "Gao", 16.27, -0.04, "ML", "07", "PPLA", 0.9, "event")
    actor = Actor(men, "Unidentified Armed Group (Mali)", "armed_group", "ML", "gunmen")
    event = Event(
        "Violence against civilians",
        "Attack",
        at("attaqué"),
        Span.of(text, 0, len(text)),
        plover="ASSAULT",
        cameo="180",
        actor1=actor,
        actor2=Actor(at("civils"), "Civilians (Mali)", "civilians", "ML", "civilians"),
        location=place,
        geo_precision=1,
        date="2024-05-03",
        date_precision="day",
        date_evidence=at("3 mai"),
        date_from_publication=True,
        fatalities=2,
        fatalities_evidence=at("deux civils"),
        injured=0,
        injured_evidence=at("tuant"),
        casualty_note="two civilians",
        attribution=(Attribution("AFP", afp), Attribution("a witness", None)),
        modality="claimed",
        modality_evidence=at("Selon"),
        confidence=0.85,
        group_id="g1",
        taxonomy_version="acled.v1",
    )
    article = Article(
        "a1", text, "Gao", "fr", "2024-05-04", "Wire", "https://x.test/1", "in.jsonl:3"
    )
    provenance = Provenance("1.2.3", (DataFile("taxonomy.v1.yaml", "acled.v1", "ab" * 32),))
    return Result(
        article,
        places=(place,),
        actors=(actor,),
        events=(event,),
        warnings=("stage 'geo' failed",),
        pipeline_version="eventwire-1.2.3",
        provenance=provenance,
    )


def _unstored(event: Event) -> Event:
    """``event`` less the fields the mapping declares as not stored (``()``)."""
    defaults = {f.name: f.default for f in dataclasses.fields(Event)}
    cleared: dict[str, Any] = {
        name: defaults[name]
        for name, columns in mapping.EVENT_FIELDS.items()
        if columns == () and name != "attribution"  # attribution: its own table
    }
    for name in ("actor1", "actor2"):
        actor = getattr(event, name)
        if actor is not None:
            cleared[name] = dataclasses.replace(
                actor, **dict.fromkeys(mapping.EVENT_ACTOR_UNSTORED)
            )
    return dataclasses.replace(event, **cleared)


def test_spark_result_rows_read_back_to_the_same_result() -> None:
    # The Spark output row and its child JSON lists are the store's rows, and they rebuild
    # the Result field for field (issue 19 item 3: batch/spark.py result_rows).
    from eventwire.batch import spark
    from eventwire.store.repository import article_row

    result = _full_result()
    row = spark.result_rows(result)
    stored = article_row(result)
    assert {k: row[k] for k in spark.ARTICLE_COLUMNS} == {
        k: stored[k] for k in spark.ARTICLE_COLUMNS
    }
    child = {name: json.loads(row[f"{name}_json"]) for name in spark.CHILD_TABLES}
    assert child["events"] == rows.event_rows(result)
    back = spark._result_from_tables(row, child)
    expected = dataclasses.replace(result, events=tuple(_unstored(e) for e in result.events))
    assert back == expected


def test_mapping_declares_the_event_unit_table() -> None:
    """Issue 17: every column of ``event_units`` names the stored column it copies."""
    from eventwire.store.dedup_tables import event_clusters
    from eventwire.store.unit_table import event_units

    assert [c.name for c in event_units.columns] == list(mapping.EVENT_UNIT_COLUMNS)
    known = {**TABLES, "event_clusters": event_clusters}
    for reference in mapping.EVENT_UNIT_COLUMNS.values():
        table, column = reference.split(".")
        assert column in known[table].columns, reference


def test_mapping_matches_the_dedup_cluster_tables() -> None:
    from eventwire.events.dedup import EventCluster
    from eventwire.store.dedup_tables import (
        cluster_row,
        event_cluster_members,
        event_clusters,
        member_rows,
    )

    assert {f.name for f in dataclasses.fields(EventCluster)} == set(mapping.CLUSTER_FIELDS)
    declared = {c for columns in mapping.CLUSTER_FIELDS.values() for c in columns}
    declared |= set(mapping.CLUSTER_ROW_KEYS)
    assert {c.name for c in event_clusters.columns} == declared
    cluster = EventCluster(
        id="c1",
        event_type="Battles",
        sub_event_type="Armed clash",
        event_ids=("a1:0", "a2:1"),
        article_ids=("a1", "a2"),
        sources=("afp",),
        fatalities_min=2,
        fatalities_max=3,
        injured_min=None,
        injured_max=None,
        date="2024-05-03",
        date_precision="day",
        date_first="2024-05-03",
        date_last="2024-05-03",
        location=Place(Span("Gao", 0, 3), 1, "Gao", 16.2, -0.04, "ML", "07"),
        geo_precision=1,
        location_event_id="a1:0",
        date_event_id="a2:1",
    )
    row = cluster_row(cluster, created_at="2024-05-04T00:00:00+00:00")
    assert set(row) == declared
    assert (row["n_events"], row["n_articles"], row["location_name"]) == (2, 2, "Gao")
    members = member_rows(cluster)
    assert {c.name for c in event_cluster_members.columns} == set(mapping.CLUSTER_MEMBER_COLUMNS)
    assert [set(m) for m in members] == [set(mapping.CLUSTER_MEMBER_COLUMNS)] * 2
    assert [m["article_id"] for m in members] == ["a1", "a2"]
