"""Writers for ACLED-like rows: CSV, GeoJSON, Parquet; and JSONL of whole results."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from eventwire.export.cells import spreadsheet_safe
from eventwire.export.columns import COLUMNS
from eventwire.records import Result


def write_csv(
    rows: Iterable[dict[str, Any]],
    out: IO[str],
    *,
    columns: Sequence[str] = COLUMNS,
    header: bool = True,
) -> int:
    """Write rows as CSV in ``columns`` order; text that would run as a formula is escaped."""
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    if header:
        writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: spreadsheet_safe(row.get(name)) for name in columns})
        count += 1
    return count


def csv_text(
    rows: Iterable[dict[str, Any]], *, columns: Sequence[str] = COLUMNS, header: bool = True
) -> str:
    """:func:`write_csv` into a string: one chunk of a streamed download."""
    out = io.StringIO()
    write_csv(rows, out, columns=columns, header=header)
    return out.getvalue()


def geojson_feature(row: dict[str, Any]) -> dict[str, Any]:
    """One GeoJSON Feature; events without coordinates get a null geometry (RFC 7946 allows it)."""
    geometry = None
    if row.get("latitude") is not None and row.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
    properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    return {
        "type": "Feature",
        "id": row["event_id"],
        "geometry": geometry,
        "properties": properties,
    }


def write_geojson(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    features = [geojson_feature(r) for r in rows]
    from eventwire.provenance import package_version

    # "eventwire" is a foreign member (RFC 7946 section 6.1): the version that wrote the file.
    collection = {"type": "FeatureCollection", "eventwire": package_version(), "features": features}
    json.dump(collection, out, ensure_ascii=False)
    return len(features)


def write_parquet(
    rows: Iterable[dict[str, Any]], path: Path | BinaryIO, *, columns: Sequence[str] = COLUMNS
) -> int:
    """Write rows as one Parquet file (a path, or a binary file object) in ``columns`` order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.provenance import package_version

    materialized = list(rows)
    data = {name: [r.get(name) for r in materialized] for name in columns}
    # File-level provenance; each row's pipeline_version names its data files (issue 19).
    table = pa.table(data).replace_schema_metadata({"eventwire": package_version()})
    pq.write_table(table, path)
    return len(materialized)


def write_jsonl(results: Iterable[Result], out: IO[str]) -> int:
    count = 0
    for result in results:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count
