"""One declared mapping (store/mapping.py) checked against every copy of it (issue 19 item 3):
the records, the SQLAlchemy tables, the row writers, the Spark rows, the API schemas, the exports."""

from __future__ import annotations

import dataclasses
from typing import Any

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


def test_mapping_declares_the_event_unit_columns() -> None:
    """Issue 17: the cluster columns of API rows and exports are declared, and exist."""
    from eventwire.export.acled import COLUMNS
    from eventwire.export.units import EVENT_COLUMNS
    from eventwire.serve.schemas import EventRow, EventSummary
    from eventwire.store.dedup_tables import event_cluster_members, event_clusters
    from eventwire.store.units import CLUSTER_COLUMNS

    assert tuple(mapping.CLUSTER_FIELDS) == CLUSTER_COLUMNS
    assert EVENT_COLUMNS == COLUMNS + CLUSTER_COLUMNS
    assert set(EventRow.model_fields) - set(EventSummary.model_fields) == set(CLUSTER_COLUMNS)
    known = {
        **TABLES,
        "event_clusters": event_clusters,
        "event_cluster_members": event_cluster_members,
    }
    for reference in mapping.CLUSTER_FIELDS.values():
        table, column = reference.split(".")
        assert column in known[table].columns, reference
