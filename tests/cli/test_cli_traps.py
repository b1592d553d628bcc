"""CLI traps of issue 17: a mistyped --db, impossible dates, and copying a live database."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.ingest import article_id
from eventwire.records import Article, Result
from eventwire.store.repository import Store

REPO = Path(__file__).resolve().parents[2]
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]
HINT = "fill one with `eventwire run examples/ --db {db}`"


def _eventwire(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EVENTWIRE, *args], check=False, capture_output=True, text=True, cwd=cwd, timeout=300
    )


def _result(text: str) -> Result:
    return Result(
        Article(article_id(text), text, None, "fr", "2024-03-06", "Wire"), (), (), (), (), "test"
    )


@pytest.mark.parametrize(
    "command",
    [["summary"], ["export"], ["export", "-f", "geojson"], ["show", "abc"], ["serve"], ["dedup"]],
)
def test_cli_read_only_commands_refuse_a_missing_database(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "typo.db"
    done = _eventwire(*command, "--db", str(db))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"Error: {db}: no such database; {HINT.format(db=db)}\n"
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_cli_read_only_commands_refuse_a_file_without_tables(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    done = _eventwire("summary", "--db", str(db))
    assert done.returncode == 1
    assert (
        done.stderr
        == f"Error: {db}: not an eventwire database (no articles table); {HINT.format(db=db)}\n"
    )


def test_cli_read_only_commands_refuse_an_empty_postgres_database(db_url_postgres: str) -> None:
    done = _eventwire("export", "--db", db_url_postgres)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"Error: {db_url_postgres}: not an eventwire database (no articles table)"
    )
    import psycopg

    with psycopg.connect(db_url_postgres) as conn:  # nothing was created
        assert conn.execute(
            "select count(*) from pg_tables where schemaname = 'public'"
        ).fetchone() == (0,)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("not a date", "'not a date' is not a date"),
        ("2024-02-30", "'2024-02-30' is not a date (day is out of range for month)"),
        ("2023-02-29", "'2023-02-29' is not a date (day is out of range for month)"),
        ("2024-13-01", "'2024-13-01' is not a date (month must be in 1..12)"),
        ("2024-02-29T25:00", "'2024-02-29T25:00' has no valid time after the date"),
    ],
)
def test_cli_published_must_be_a_real_date(tmp_path: Path, value: str, problem: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Des combats ont eu lieu à Alep.", encoding="utf-8")
    done = _eventwire("run", str(article), "--db", str(tmp_path / "x.db"), "--published", value)
    assert done.returncode == 2
    assert done.stderr == (
        f"Error: --published: {problem}; "
        "expected ISO 8601, e.g. 2024-02-29 or 2024-02-29T08:30:00Z\n"
    )
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("command", ["run", "extract"])
def test_cli_ingested_must_be_a_real_date(tmp_path: Path, command: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Des combats ont eu lieu à Alep.", encoding="utf-8")
    done = _eventwire(command, str(article), "--ingested", "2024-11-31")
    assert done.returncode == 2
    assert done.stderr == (
        "Error: --ingested: '2024-11-31' is not a date (day is out of range for month); "
        "expected ISO 8601, e.g. 2024-02-29 or 2024-02-29T08:30:00Z\n"
    )


def test_cli_published_in_jsonl_is_checked_per_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Un texte.", "published": "2024-02-30"}\n', encoding="utf-8")
    done = _eventwire("extract", str(feed), "--format", "jsonl")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines()[0] == (
        f"Error: {feed}:1: field 'published': "
        "'2024-02-30' is not a date (day is out of range for month); "
        "expected ISO 8601, e.g. 2024-02-29 or 2024-02-29T08:30:00Z"
    )


def _rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from articles").fetchone()[0])


def test_cli_backup_keeps_the_commits_cp_loses(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    store = Store.open(db)  # stays open, as a running server's would
    try:
        with store.engine.connect() as conn:  # no checkpoint: commits stay in the -wal file
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        for n in range(20):
            store.save(_result(f"Article numéro {n}: des combats ont eu lieu à Alep."))
        assert (tmp_path / "live.db-wal").stat().st_size > 0
        shutil.copy(db, tmp_path / "cp.db")  # what the README warns against
        done = _eventwire("backup", "--db", str(db), str(tmp_path / "copy.db"))
    finally:
        store.close()
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("20 articles, 0 events (") and done.stderr.endswith(
        f"copied to {tmp_path / 'copy.db'}\n"
    )
    assert _rows(tmp_path / "copy.db") == 20
    assert not (tmp_path / "copy.db-wal").exists()  # one self-contained file
    assert _rows_or_none(tmp_path / "cp.db") in (
        None,
        *range(20),
    )  # cp: the WAL's commits are missing


def _rows_or_none(db: Path) -> int | None:
    try:
        return _rows(db)
    except sqlite3.OperationalError:  # "no such table": even the schema was still in the WAL
        return None


def test_cli_backup_refuses_to_overwrite_and_explains_postgres(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Store.open(db).close()
    (tmp_path / "out.db").write_bytes(b"keep")
    done = _eventwire("backup", "--db", str(db), str(tmp_path / "out.db"))
    assert (done.returncode, done.stderr) == (
        1,
        f"Error: {tmp_path / 'out.db'}: already exists; pass --force to replace it\n",
    )
    assert (tmp_path / "out.db").read_bytes() == b"keep"
    done = _eventwire(
        "backup", "--db", "postgresql://me:secret@db.example/events", str(tmp_path / "x.dump")
    )
    assert done.returncode == 1 and "secret" not in done.stderr
    assert done.stderr == (
        "Error: postgresql://me:***@db.example/events: eventwire backup copies SQLite files; "
        "for PostgreSQL run "
        f"`pg_dump --format=custom --file {tmp_path / 'x.dump'} "
        "'postgresql://me:***@db.example/events'` (one consistent snapshot)\n"
    )
