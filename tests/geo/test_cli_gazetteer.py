from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.errors import GazetteerError
from eventwire.geo.build_default import DATA_VERSION
from eventwire.geo.gazetteer import DEFAULT_FILENAME

TANF = (
    "8658486\tAl-Tanf\tAl-Tanf\tAt Tanf\t33.49\t38.66\tS\tMILB\tSY\t\t"
    "13\t\t\t\t0\t\t600\tAsia/Damascus\t2020-01-01"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_import_then_geocode(runner: CliRunner, tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(TANF + "\n", encoding="utf-8")
    target = tmp_path / "g.sqlite"
    app = build_app()
    result = runner.invoke(app, ["gazetteer", "import", str(dump), "--gazetteer", str(target)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["geocode", "at-Tanf", "--gazetteer", str(target)])
    assert result.exit_code == 0
    assert "8658486" in result.stdout and "S.MILB" in result.stdout


def test_cli_import_reports_bad_rows_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(TANF + "\nbroken row\n", encoding="utf-8")
    result = runner.invoke(
        build_app(), ["gazetteer", "import", str(dump), "--gazetteer", str(tmp_path / "g.sqlite")]
    )
    assert result.exit_code == 1
    assert "Error: SY.txt:2: expected 19 tab-separated columns, got 1" in result.output


def test_cli_geocode_missing_gazetteer_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        build_app(), ["geocode", "Alep", "--gazetteer", str(tmp_path / "none.sqlite")]
    )
    assert isinstance(result.exception, GazetteerError)
    assert "none.sqlite: gazetteer file not found" in str(result.exception)


@pytest.mark.slow
def test_cli_import_into_default_keeps_bundled_data(
    runner: CliRunner,
    tmp_path: Path,
    default_gazetteer_path: Path,
    geonames_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(default_gazetteer_path, home / DEFAULT_FILENAME)
    monkeypatch.setenv("EVENTWIRE_HOME", str(home))
    monkeypatch.delenv("EVENTWIRE_GAZETTEER", raising=False)
    app = build_app()
    result = runner.invoke(app, ["gazetteer", "import", str(geonames_dir / "LB.txt")])
    assert result.exit_code == 0, result.output
    lebanese = runner.invoke(app, ["geocode", "Es Saïdé", "--country", "LB", "--no-fuzzy"])
    assert lebanese.exit_code == 0 and "S.TMB" in lebanese.stdout  # only in the LB dump
    kept = runner.invoke(app, ["geocode", "Mossoul", "--limit", "1"])
    assert "99072" in kept.stdout
    info = json.loads(runner.invoke(app, ["gazetteer", "info"]).stdout)
    assert info["imported"] == "LB.txt" and info["data_version"] == DATA_VERSION


def test_cli_add_places_then_the_stage_prefers_them(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp_fr, default_gazetteer
) -> None:
    from eventwire.geo.layer import load_layers
    from eventwire.geo.stage import GeoStage
    from eventwire.records import Article, Document

    monkeypatch.setenv("EVENTWIRE_HOME", str(tmp_path / "home"))
    places = tmp_path / "camps.csv"
    places.write_text("name,lat,lon,feature_code,country_code\nCamp Zorbalek,14.25,-1.5,CMP,BF\n")
    result = runner.invoke(build_app(), ["gazetteer", "add-places", str(places)])
    assert result.exit_code == 0, result.output
    assert "1 places" in result.stderr
    text = "Des hommes armés ont attaqué mardi le Camp Zorbalek, au Burkina Faso."
    doc = Document(article=Article(id="x", text=text, language="fr"), nlp=nlp_fr(text))
    stage = GeoStage(default_gazetteer, layers=load_layers())
    found = {p.mention.text: p for p in stage(doc).places}
    assert found["Camp Zorbalek"].lat == 14.25


def test_cli_add_places_rejects_a_bad_file(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTWIRE_HOME", str(tmp_path / "home"))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nNowhere,abc,1\n")
    result = runner.invoke(build_app(), ["gazetteer", "add-places", str(bad)])
    assert result.exit_code != 0
    assert not (tmp_path / "home" / "places" / "bad.csv").exists()
