from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import GazetteerError
from eventwire.geo import geonames_dump
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.geonames_dump import file_kind, import_files, parse_alternate, parse_geoname

TANF = (
    "8658486\tAl-Tanf\tAl-Tanf\tAt Tanf,At-Tanf,التنف\t33.49\t38.66\tS\tMILB\tSY\t\t"
    "13\t\t\t\t0\t\t600\tAsia/Damascus\t2020-01-01"
)


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


@pytest.mark.slow
def test_import_real_lebanon_dump_keeps_every_row(lb_gazetteer_path: Path) -> None:
    assert _count(lb_gazetteer_path, "places") == 24_209  # README: LB.txt has 24,209 rows
    with Gazetteer.open(lb_gazetteer_path) as gaz:
        assert gaz.admin1_name("LB", "04") == "Beyrouth"
        assert gaz.country("LB") is not None


def test_import_reports_malformed_rows_with_file_and_line(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(
        "\n".join([TANF, "123\tonly three", TANF.replace("33.49", "north"), "\t".join(["x"] * 19)])
        + "\n",
        encoding="utf-8",
    )
    report = import_files([dump], into=tmp_path / "g.sqlite")
    assert (report.rows, report.skipped) == (1, 3)
    assert report.problems == (
        "SY.txt:2: expected 19 tab-separated columns, got 2",
        "SY.txt:3: latitude 'north' is not a number",
        "SY.txt:4: geonameid 'x' is not an integer",
    )


def test_import_reads_zip_and_finds_by_arabic_name(tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "not data")
        zf.writestr("SY.txt", TANF + "\n")
    import_files([archive], into=tmp_path / "g.sqlite")
    with Gazetteer.open(tmp_path / "g.sqlite") as gaz:
        assert [c.feature_code for c in gaz.candidates("التنف")] == ["MILB"]
        assert gaz.candidates("al-Tanf")[0].match == "exact"


def test_import_adds_to_existing_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"
    first = tmp_path / "a.txt"
    first.write_text(TANF + "\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(TANF.replace("8658486", "1").replace("Al-Tanf", "Baghouz") + "\n")
    import_files([first], into=target)
    import_files([second], into=target)
    assert _count(target, "places") == 2
    assert not Path(f"{target}.importing").exists()


def test_import_alternate_names_keeps_wanted_languages(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(TANF + "\n", encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(
        "1\t8658486\tfr\tEt-Tanf\t\t\t\t\t\t\n"
        "2\t8658486\tlink\thttps://example.org/tanf\t\t\t\t\t\t\n"
        "3\t8658486\tru\tЭт-Танф\t\t\t\t\t\t\n"
        "4\t8658486\tla\tTanfum Vetus\t\t\t\t1\t\t\n",
        encoding="utf-8",
    )
    import_files([alternates, dump], into=tmp_path / "g.sqlite")
    with Gazetteer.open(tmp_path / "g.sqlite") as gaz:
        assert gaz.candidates("Et-Tanf", fuzzy=False)[0].geonameid == 8658486
        assert gaz.candidates("Tanfum Vetus", fuzzy=False)[0].geonameid == 8658486
        assert gaz.candidates("https://example.org/tanf", fuzzy=False) == []


@pytest.mark.slow
def test_import_resumes_after_interruption(
    tmp_path: Path, geonames_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nl.sqlite"
    real_parse = geonames_dump.parse_geoname
    calls = {"n": 0}

    def interrupted(fields: list[str]):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 7_000:
            raise KeyboardInterrupt
        return real_parse(fields)

    monkeypatch.setattr(geonames_dump, "_COMMIT_EVERY", 2_000)
    monkeypatch.setattr(geonames_dump, "parse_geoname", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_files([geonames_dir / "NL.txt"], into=target)
    assert not target.exists() and Path(f"{target}.importing").exists()
    monkeypatch.setattr(geonames_dump, "parse_geoname", real_parse)
    report = import_files([geonames_dir / "NL.txt"], into=target)
    assert report.rows == 22_852 - 6_000  # README: 22,852 rows; 3 checkpoints of 2,000 kept
    assert _count(target, "places") == 22_852


def test_import_missing_file_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="nope.txt: no such GeoNames dump file"):
        import_files([tmp_path / "nope.txt"], into=tmp_path / "g.sqlite")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("allCountries.zip", "geoname"),
        ("SY.txt", "geoname"),
        ("cities500.zip", "geoname"),
        ("alternateNamesV2.zip", "alternate"),
        ("admin1CodesASCII.txt", "admin1"),
        ("admin2Codes.txt", "admin2"),
        ("countryInfo.txt", "country"),
    ],
)
def test_file_kind_from_name(name: str, kind: str) -> None:
    assert file_kind(Path(name)) == kind


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=0, max_size=22))
def test_parse_geoname_raises_only_value_error(fields: list[str]) -> None:
    try:
        place, _names = parse_geoname(fields)
    except ValueError:
        return
    assert place.name == fields[1].strip() and -90 <= place.lat <= 90


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=0, max_size=12))
def test_parse_alternate_raises_only_value_error(fields: list[str]) -> None:
    try:
        parse_alternate(fields)
    except ValueError:
        pass


def test_parse_geoname_round_trips_columns() -> None:
    place, names = parse_geoname(TANF.split("\t"))
    assert (place.geonameid, place.feature_code, place.country_code, place.admin1) == (
        8658486,
        "MILB",
        "SY",
        "13",
    )
    assert names == ["Al-Tanf", "Al-Tanf", "At Tanf", "At-Tanf", "التنف"]
