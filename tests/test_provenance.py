"""Provenance (issue 19): one version string, every data file pinned, recorded on every output."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

import eventwire
from eventwire.pipeline import Pipeline, pipeline_provenance
from eventwire.provenance import (
    DataFile,
    Provenance,
    data_file,
    manifest_problems,
    packaged_files,
    packaged_provenance,
    read_manifest,
)
from eventwire.records import Article
from eventwire.store.repository import Store

REPO = Path(__file__).resolve().parents[1]


def test_provenance_manifest_pins_every_packaged_data_file() -> None:
    # Fails when a data file's content changes while its declared version does not; the
    # message says how to bump (see CONTRIBUTING.md, "Changing a data file").
    assert manifest_problems(map(data_file, packaged_files()), read_manifest()) == []


def test_provenance_manifest_covers_the_lexicons_taxonomy_actors_and_weights() -> None:
    names = set(read_manifest())
    for name in (
        "taxonomy.v1.yaml",
        "actors.v2.yaml",
        "roles.v1.yaml",
        "geo-weights.v2.json",
        "lexicons/genre.fr.v1.yaml",
        "lexicons/cues.en.v1.yaml",
        "lexicons/triggers.fr.v1.yaml",
    ):
        assert name in names


@pytest.mark.parametrize(
    ("new_text", "expected"),
    [
        ("version: cues.xx.v1\nx: 2\n", "content changed but its version is still cues.xx.v1"),
        ("version: cues.xx.v2\nx: 2\n", "version cues.xx.v2 is not the manifest's"),
        ("version: cues.xx.v1\nx: 1\n", None),
    ],
)
def test_provenance_manifest_problems_catch_an_edit_without_a_bump(
    tmp_path: Path, new_text: str, expected: str | None
) -> None:
    path = tmp_path / "cues.xx.v1.yaml"
    path.write_text("version: cues.xx.v1\nx: 1\n")
    pinned = data_file(path)
    path.write_text(new_text)
    problems = manifest_problems(
        [data_file(path)], {pinned.name: {"version": pinned.version, "sha256": pinned.sha256}}
    )
    assert [expected in p for p in problems] == ([] if expected is None else [True])


def test_provenance_version_is_single_sourced_from_pyproject() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert eventwire.__version__ == declared
    assert packaged_provenance().eventwire == declared


def test_provenance_unversioned_user_file_is_named_and_hashed(tmp_path: Path) -> None:
    from eventwire.config import Settings

    mine = tmp_path / "my-actors.yaml"
    mine.write_text("actors: []\n")
    provenance = pipeline_provenance(
        Settings(actor_files=(mine,)), gazetteer_info={"data_version": "d.v1", "format": "g.v3"}
    )
    by_name = {d.name: d for d in provenance.data}
    assert by_name[str(mine)].version == "unversioned"
    assert by_name["gazetteer"].version == "d.v1/g.v3"
    assert len(by_name) == len(packaged_files()) + 2


def test_provenance_is_on_every_result_and_survives_the_store(tmp_path: Path) -> None:
    provenance = Provenance("9.9.9", (DataFile("taxonomy.v1.yaml", "acled.v1", "ab" * 32),))
    result = Pipeline([], provenance=provenance).extract(Article(id="a1", text="un"))
    assert result.to_dict()["provenance"] == {
        "eventwire": "9.9.9",
        "label": provenance.label(),
        "data": [{"name": "taxonomy.v1.yaml", "version": "acled.v1", "sha256": "ab" * 32}],
    }
    assert result.pipeline_version == provenance.label()
    with Store.open(tmp_path / "p.db") as store:
        store.save(result)
        (stored,) = list(store.results())
    assert stored.provenance == provenance


def test_provenance_label_changes_with_any_file_hash() -> None:
    one = Provenance("1.0", (DataFile("a", "a.v1", "0" * 64),))
    other = Provenance("1.0", (DataFile("a", "a.v1", "1" * 64),))
    assert one.label() != other.label()
    assert one.label().startswith("eventwire-1.0+")


def test_provenance_exports_name_the_pipeline_version(tmp_path: Path) -> None:
    import io
    import json

    import pyarrow.parquet as pq

    from eventwire.export.acled import acled_rows
    from eventwire.export.writers import write_geojson, write_parquet
    from eventwire.records import Event, Span

    provenance = Provenance("9.9.9", (DataFile("taxonomy.v1.yaml", "acled.v1", "cd" * 32),))
    event = Event("Battles", "Armed clash", Span("x", 0, 1), Span("x", 0, 1))
    result = Pipeline([], provenance=provenance).extract(Article(id="a1", text="x"))
    with Store.open(tmp_path / "e.db") as store:
        store.save(dataclasses.replace(result, events=(event,)))
        rows = list(acled_rows(store.engine))
    assert [row["pipeline_version"] for row in rows] == [provenance.label()]
    write_parquet(rows, tmp_path / "e.parquet")
    assert (
        pq.read_schema(tmp_path / "e.parquet").metadata[b"eventwire"]
        == eventwire.__version__.encode()
    )
    out = io.StringIO()
    write_geojson(rows, out)
    assert json.loads(out.getvalue())["eventwire"] == eventwire.__version__
