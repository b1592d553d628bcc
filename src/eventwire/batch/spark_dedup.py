"""``eventwire spark dedup``: cluster the events of a Spark output with the same pure core.

Events are grouped by type family (``applyInPandas``); each group is clustered by
:func:`eventwire.events.dedup.cluster_events`, whose blocking by day keeps a group's work near
linear. Results are the ``event_clusters`` and ``event_cluster_members`` Parquet tables,
with the columns of ``store/dedup_tables.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.events.dedup import TYPE_FAMILIES, DedupOptions, Member, cluster_members
from eventwire.store.dedup_live import member_from_row
from eventwire.store.dedup_tables import cluster_row, event_clusters
from eventwire.store.tables import events as events_table

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import SparkSession

__all__ = ["dedup_job"]

# Integer columns pandas turns into floats when a group holds nulls.
_INT_COLUMNS = frozenset(c.name for c in events_table.columns if str(c.type) == "INTEGER")


def dedup_job(
    output: str, *, spark: SparkSession, options: DedupOptions = DedupOptions()
) -> dict[str, int]:
    """Write the ``event_clusters`` and ``event_cluster_members`` tables; return row counts."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    from eventwire.batch.spark import _spark_type

    events = spark.read.parquet(f"{output}/events")
    sources = spark.read.parquet(f"{output}/articles").select(
        F.col("id").alias("article_id"), F.col("source").alias("article_source")
    )
    families = F.create_map(*[F.lit(x) for pair in TYPE_FAMILIES.items() for x in pair])
    keyed = events.join(sources, "article_id", "left").withColumn(
        "family", F.coalesce(families[F.col("event_type")], F.col("event_type"))
    )
    columns = [c for c in event_clusters.columns if c.name != "created_at"]
    schema = StructType(
        [StructField(c.name, _spark_type(c)) for c in columns]
        + [StructField("event_ids", ArrayType(StringType()))]
    )

    # Unannotated on purpose: PySpark infers the UDF kind from type hints, and warns when it
    # cannot resolve them (pandas is imported lazily here); without hints it takes the plain
    # grouped-map kind, which is this one. A partial fails the same inference outright.
    def cluster_group(frame):  # type: ignore[no-untyped-def]
        return _cluster_group(options, frame)

    clustered = keyed.groupBy("family").applyInPandas(cluster_group, schema=schema).cache()
    try:
        stamp = F.date_format(F.current_timestamp(), "yyyy-MM-dd'T'HH:mm:ssXXX")
        clustered.drop("event_ids").withColumn("created_at", stamp).write.mode("overwrite").parquet(
            f"{output}/event_clusters"
        )
        members = clustered.select(
            F.col("id").alias("cluster_id"), F.explode("event_ids").alias("event_id")
        )
        members = members.withColumn("article_id", F.regexp_extract("event_id", r"^(.*):\d+$", 1))
        members.write.mode("overwrite").parquet(f"{output}/event_cluster_members")
        return {"event_clusters": clustered.count(), "event_cluster_members": members.count()}
    finally:
        clustered.unpersist()


def _cluster_group(options: DedupOptions, frame: pd.DataFrame) -> pd.DataFrame:
    """The applyInPandas function: one family's event rows -> its cluster rows.

    Called through a one-parameter closure: PySpark counts the parameters to decide whether
    to pass the group key.
    """
    import pandas as pd

    members = _members_of(frame.astype(object).where(frame.notna(), None).to_dict("records"))
    out = []
    for cluster in cluster_members(members, options=options):
        row: dict[str, Any] = cluster_row(cluster, created_at="")
        row.pop("created_at")
        row["event_ids"] = list(cluster.event_ids)
        out.append(row)
    columns = [c.name for c in event_clusters.columns if c.name != "created_at"] + ["event_ids"]
    return pd.DataFrame(out, columns=columns)


def _members_of(records: list[dict[str, Any]]) -> list[Member]:
    """Rebuild members from event rows, keeping the events table's ids."""
    found = (member_from_row(_typed(record)) for record in records)
    return [member for member in found if member is not None]


def _typed(record: dict[str, Any]) -> dict[str, Any]:
    """A row from pandas with its integer columns as ints again (pandas holds an integer
    column with missing values as floats)."""
    return {
        k: (int(v) if isinstance(v, float) and k in _INT_COLUMNS else v) for k, v in record.items()
    }
