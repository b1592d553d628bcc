"""``eventwire export`` writes one row per real-world event by default (issue 17)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.store.repository import Store
from tests.store.test_dedup_live import ALEPPO, HOMS, _report


def _db(tmp_path: Path) -> str:
    db = tmp_path / "events.db"
    with Store.open(db) as store:
        store.save(_report("r1", "Agence A", 13, ALEPPO))
        store.save(_report("r2", "Journal B", 11, ALEPPO))
        store.save(_report("r3", "Radio C", 20, ALEPPO, "2018-11-12"))
        store.save(_report("r4", "Radio C", 3, HOMS))
    return str(db)


def _rows(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(build_app(), ["export", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_export_has_one_row_per_event_with_its_reports(tmp_path: Path) -> None:
    rows = _rows("--db", _db(tmp_path))
    assert len(rows) == 2
    aleppo = next(r for r in rows if r["reports"] == "3")
    # Figures 11, 13, 20: the lower median 13, the range 11-20; never the sum 44.
    assert (aleppo["fatalities"], aleppo["fatalities_min"], aleppo["fatalities_max"]) == (
        "13",
        "11",
        "20",
    )
    assert aleppo["source"] == "Agence A; Journal B; Radio C"  # ACLED lists sources with ";"
    assert aleppo["event_ids"] == "r1:0; r2:0; r3:0"
    assert aleppo["event_id"] in {"r1:0", "r2:0", "r3:0"}
    homs = next(r for r in rows if r["reports"] == "1")
    assert (homs["fatalities"], homs["source"]) == ("3", "Radio C")


def test_export_unit_report_keeps_one_row_per_report(tmp_path: Path) -> None:
    rows = _rows("--db", _db(tmp_path), "--unit", "report")
    assert sorted(r["fatalities"] for r in rows) == ["11", "13", "20", "3"]
    assert "reports" not in rows[0]


def test_export_refuses_an_unknown_unit(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app(), ["export", "--db", _db(tmp_path), "--unit", "x"])
    assert result.exit_code != 0 and "--unit" in result.output
