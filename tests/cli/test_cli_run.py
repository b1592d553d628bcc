"""End to end through the real command: the seed article, the examples, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from eventwire.store.repository import Store

REPO = Path(__file__).resolve().parents[2]
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def _eventwire(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EVENTWIRE, *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=REPO,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def sample_output(sample_path: Path) -> dict:
    done = _eventwire("extract", str(sample_path), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    return json.loads(line)


@pytest.mark.slow
def test_cli_extract_sample_is_valid_and_sourced(sample_output: dict, schema: dict) -> None:
    jsonschema.validate(sample_output, schema)
    assert sample_output["article"]["source"] == "FRENCH PRESS TV"
    assert sample_output["article"]["language"] == "fr"


@pytest.mark.slow
def test_cli_extract_sample_finds_places_and_actors(sample_output: dict) -> None:
    text = sample_output["article"]["text"]
    places = {p["text"]: p for p in sample_output["places"]}
    assert {"Deir ez-Zor", "Syrie", "Irak", "Jordanie", "Hasaké", "al-Soussa", "Al-Rukban"} <= set(
        places
    )
    assert places["Syrie"]["country_code"] == "SY" and places["Irak"]["country_code"] == "IQ"
    assert places["al-Soussa"]["country_code"] == "SY"
    assert "Hachd al-Chaabi" not in places and "Daech" not in places
    actors = {a["text"]: a["name"] for a in sample_output["actors"]}
    assert actors["Hachd al-Chaabi"] == "Popular Mobilization Forces"
    assert actors["Daech"] == "Islamic State"
    for item in sample_output["places"] + sample_output["actors"]:
        assert text[item["start"] : item["end"]] == item["text"]


@pytest.mark.slow
def test_cli_extract_sample_missile_event(sample_output: dict) -> None:
    missile = [
        e
        for e in sample_output["events"]
        if e["sub_event_type"] == "Shelling/artillery/missile attack"
    ]
    assert missile, [e["sub_event_type"] for e in sample_output["events"]]
    first = missile[0]
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["actor1"]["name"] == "Popular Mobilization Forces"
    assert first["actor2"]["name"] == "Islamic State (Syria)"  # ACLED codes the branch (actors.v2)
    assert first["date"] == "2018-11-11" and first["date_precision"] == "day"
    assert (first["fatalities"], first["injured"]) == (13, 7)
    assert [a["name"] for a in first["attribution"]] == ["Ghassem Mosleh", "Sumaria News"]
    assert first["modality"] == "claimed"
    located = {e["location"]["text"] for e in missile if e["location"]}
    assert {"al-Soussa", "al-Baghouz"} <= located
    soussa = next(e for e in missile if e["location"] and e["location"]["text"] == "al-Soussa")
    assert soussa["location"]["country_code"] == "SY"
    assert sum(e["fatalities"] or 0 for e in missile) == 13  # never multiplied across localities
    planned = [e for e in sample_output["events"] if e["trigger"]["text"] == "créer"]
    assert planned and planned[0]["modality"] == "planned"


def _run_twice_adds_nothing(db: str, sample_path: Path) -> None:
    inputs = [str(sample_path), str(REPO / "examples")]
    first = _eventwire("run", *inputs, "--db", db, "--quiet")
    assert first.returncode == 0, first.stderr
    with Store.open(db) as store:
        counts = store.counts()
    assert counts["articles"] == 9 and counts["events"] > 5  # the seed and 8 examples
    second = _eventwire("run", *inputs, "--db", db)
    assert second.returncode == 0, second.stderr
    assert "0 stored, 0 replaced, 9 unchanged, 0 rejected" in second.stderr
    with Store.open(db) as store:
        assert store.counts() == counts


@pytest.mark.slow
def test_cli_run_twice_adds_no_rows_sqlite(tmp_path: Path, sample_path: Path) -> None:
    _run_twice_adds_nothing(str(tmp_path / "e.db"), sample_path)


@pytest.mark.slow
def test_cli_run_twice_adds_no_rows_postgresql(db_url_postgres: str, sample_path: Path) -> None:
    _run_twice_adds_nothing(db_url_postgres, sample_path)


@pytest.mark.slow
def test_cli_run_reports_bad_files_and_stores_the_rest(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    tmp_path = tmp_path / "inputs"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text(
        "Titre\n\nDes hommes armés ont attaqué Ménaka mardi 5 mars 2024.\n"
    )
    (tmp_path / "bad.jsonl").write_text(
        '{"text": "Protesters marched in Goma on Friday."}\n{oops\n'
    )
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    done = _eventwire("run", str(tmp_path), "--db", db, "--quiet")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        (
            f"Error: {tmp_path / 'bad.jsonl'}:2: "
            "invalid JSON (Expecting property name enclosed in double quotes)"
        ),
        (
            f"Error: {tmp_path / 'image.png'}: "
            "binary file (PNG image), expected text, HTML, JSONL or a feed"
        ),
    ]
    with Store.open(db) as store:
        assert store.counts()["articles"] == 2


@pytest.mark.slow
def test_cli_run_reads_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    text = "Thousands of people protested peacefully in Sanaa on Friday, witnesses said."
    done = _eventwire("run", "-", "--db", db, "--published", "2024-05-12", "--quiet", stdin=text)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        (result,) = list(store.results())
    assert result.article.published == "2024-05-12" and result.article.language == "en"
    assert any(e.event_type == "Protests" for e in result.events)


@pytest.mark.slow
def test_cli_run_reprocess_keeps_the_first_ingestion_date_and_so_the_inferred_year(
    tmp_path: Path,
) -> None:
    # Undated: "lundi 11 novembre" is 2024-11-11 for a text ingested on 2024-12-01, and would
    # be 2030-11-11 if its year were taken from a later day of processing (issue 14).
    text = (
        "Lundi 11 novembre, des assaillants ont attaqué un poste de gendarmerie à Ménaka, "
        "tuant trois gendarmes, selon une source locale."
    )
    db = str(tmp_path / "e.db")
    for name, ingested in (("first", "2024-12-01"), ("later", "2030-12-01")):
        line = {"id": "undated-1", "text": text, "language": "fr", "ingested": ingested}
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n")
    done = _eventwire("run", str(tmp_path / "first.jsonl"), "--db", db, "--quiet")
    assert done.returncode == 0, done.stderr
    again = ("run", str(tmp_path / "later.jsonl"), "--db", db, "--reprocess", "--quiet")
    done = _eventwire(*again)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        result = store.result("undated-1")
    assert result is not None and result.article.ingested == "2024-12-01"
    dated = [(e.date, e.date_year_inferred) for e in result.events if e.happened]
    assert dated == [("2024-11-11", True)]
