"""Every ACLED column, in ACLED's order and with ACLED's meaning, in the CLI's and the API's
CSV alike (issues 15, 16): a hand-made store of three invented reports, read with pandas."""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventwire.cli.main import build_app
from eventwire.records import Actor, Article, Event, Place, Result, Span
from eventwire.serve.settings import ServeSettings
from eventwire.store.repository import Store
from tests.serve.conftest import LiveServer, free_port, serve_in_thread

#: ACLED's public column list, written out here (not imported) so that a change fails.
ACLED = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def _result(
    text: str, words: dict[str, str], kind: tuple[str, str], where: tuple[str, float, float, str]
) -> Result:
    """One report of one event; ``words`` maps roles (actor1, actor2, place) to its words."""

    def at(role: str) -> Span:
        start = text.index(words[role])
        return Span.of(text, start, start + len(words[role]))

    name, lat, lon, country = where
    actors = {
        role: Actor(at(role), words[f"{role}_name"], words[f"{role}_kind"], country)
        for role in ("actor1", "actor2")
        if role in words
    }
    place = Place(at("place"), 1000 + len(text), name, lat, lon, country, None, "PPL")
    event = Event(
        kind[0],
        kind[1],
        at("trigger"),
        Span.of(text, 0, len(text)),
        actor1=actors.get("actor1"),
        actor2=actors.get("actor2"),
        location=place,
        geo_precision=1,
        date=words["date"],
        date_precision="day",
        fatalities=int(words["killed"]) if "killed" in words else None,
        date_year_inferred="year_inferred" in words,
    )
    article = Article(id=f"a{len(text)}", text=text, source=words["outlet"])
    return Result(article, places=(place,), events=(event,))


def _reports() -> list[Result]:
    attack = _result(
        "Des hommes armés ont tué trois villageois à Ménaka.",
        {
            "actor1": "hommes armés",
            "actor1_name": "Unidentified Armed Group (Mali)",
            "actor1_kind": "armed_group",
            "actor2": "villageois",
            "actor2_name": "Civilians (Mali)",
            "actor2_kind": "civilians",
            "trigger": "tué",
            "place": "Ménaka",
            "date": "2024-03-05",
            "killed": "3",
            "outlet": "Studio Tamani",  # outlets.v1.tsv: reports on Mali
        },
        ("Violence against civilians", "Attack"),
        ("Ménaka", 15.92, 2.40, "ML"),
    )
    march = _result(
        "Hundreds of teachers marched peacefully through Kisumu.",
        {
            "actor1": "teachers",
            "actor1_name": "Protesters (Kenya)",
            "actor1_kind": "other",
            "trigger": "marched",
            "place": "Kisumu",
            "date": "2024-03-04",
            "year_inferred": "an undated article: its year read from the text",
            "outlet": "Invented Daily",  # in no registry
        },
        ("Protests", "Peaceful protest"),
        ("Kisumu", -0.10, 34.76, "KE"),
    )
    strike = _result(
        "A drone struck a checkpoint outside Qamishli, killing two.",
        {
            "trigger": "struck",
            "place": "Qamishli",
            "date": "2024-03-06",
            "killed": "2",
            "outlet": "Rudaw",  # outlets.v1.tsv: reports on Iraq, in Syria's region
        },
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Qamishli", 37.05, 41.23, "SY"),
    )
    return [attack, march, strike]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    db = tmp_path_factory.mktemp("acled") / "events.db"
    before = int(time.time())
    with Store.open(db) as store:
        for result in _reports():
            store.save(result)
    return db, before, int(time.time()) + 1


@pytest.fixture(scope="module")
def server(stored: tuple[Path, int, int]) -> Iterator[LiveServer]:
    yield from serve_in_thread(ServeSettings(db=stored[0], port=free_port()))


@pytest.fixture(autouse=True)
def _no_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a gazetteer, country holds the stored code (export/geography.py): the same
    # on every machine.
    monkeypatch.setenv("EVENTWIRE_HOME", str(tmp_path))


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _cli_csv(db: Path, *options: str) -> str:
    result = CliRunner().invoke(build_app(), ["export", "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


#: What ACLED's codebook makes of each invented report, oldest first.
EXPECTED = {
    "event_date": ["2024-03-04", "2024-03-05", "2024-03-06"],
    "year": ["2024"] * 3,
    "time_precision": ["1"] * 3,
    "disorder_type": ["Demonstrations", "Political violence", "Political violence"],
    "event_type": ["Protests", "Violence against civilians", "Explosions/Remote violence"],
    "actor1": ["Protesters (Kenya)", "Unidentified Armed Group (Mali)", ""],
    "inter1": ["6", "3", "0"],
    "actor2": ["", "Civilians (Mali)", ""],
    "inter2": ["0", "7", "0"],
    "interaction": ["60", "37", "0"],
    "civilian_targeting": ["", "Civilian targeting", ""],
    "region": ["Eastern Africa", "Western Africa", "Middle East"],
    "country": ["KE", "ML", "SY"],
    "location": ["Kisumu", "Ménaka", "Qamishli"],
    "source": ["Invented Daily", "Studio Tamani", "Rudaw"],
    "source_scale": ["", "National", "Regional"],
    "fatalities": ["0", "3", "2"],  # no figure reported: ACLED's 0, said in tags
    "tags": ["fatalities=no report; year inferred", "", ""],
}


def _check(frame: pd.DataFrame, stored: tuple[Path, int, int]) -> None:
    assert list(frame.columns[: len(ACLED)]) == ACLED
    assert frame["event_id"].is_unique  # eventwire's id, kept after ACLED's columns
    assert list(frame.columns).index("event_id") > len(ACLED) - 1
    for column, values in EXPECTED.items():
        assert list(frame[column]) == values, column
    for event_id, cnty in zip(frame["event_id"], frame["event_id_cnty"], strict=True):
        number = int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16)
        assert cnty[3:] == str(number)
    assert [c[:3] for c in frame["event_id_cnty"]] == ["KEN", "MLI", "SYR"]
    _, before, after = stored
    assert all(before - 1 <= int(t) <= after for t in frame["timestamp"])


def test_cli_csv_has_every_acled_column_with_acleds_meaning(
    stored: tuple[Path, int, int],
) -> None:
    _check(_frame(_cli_csv(stored[0])), stored)
    _check(_frame(_cli_csv(stored[0], "--unit", "report")), stored)


@pytest.mark.parametrize("unit", ["event", "report"])
def test_api_csv_is_the_cli_csv(
    server: LiveServer, stored: tuple[Path, int, int], unit: str
) -> None:
    with server.client() as http:
        api = _frame(http.get("/api/export", params={"unit": unit}).text)
    cli = _frame(_cli_csv(stored[0], "--unit", unit))
    _check(api, stored)
    pd.testing.assert_frame_equal(api, cli)


def test_api_parquet_and_geojson_carry_the_same_columns(
    server: LiveServer, stored: tuple[Path, int, int]
) -> None:
    import pyarrow.parquet as pq

    with server.client() as http:
        table = pq.read_table(io.BytesIO(http.get("/api/export?format=parquet").content))
        features = http.get("/api/export?format=geojson").json()["features"]
    header = list(_frame(_cli_csv(stored[0])).columns)
    assert table.column_names == header
    assert table.column("fatalities").to_pylist() == [0, 3, 2]
    properties = features[1]["properties"]
    assert set(properties) == set(header) - {"latitude", "longitude"}
    assert properties["civilian_targeting"] == "Civilian targeting"


def test_an_inferred_year_keeps_the_days_precision_and_says_so_in_tags() -> None:
    from eventwire.export.acled import to_acled
    from eventwire.store.rows import event_rows

    (report, *_) = _reports()
    stored = {**event_rows(report)[0], "article_source": "Studio Tamani", "stored_at": None}
    row = to_acled({**stored, "date_year_inferred": 1}, [])
    assert (row["time_precision"], row["tags"]) == (1, "year inferred")
    assert to_acled(stored, [])["tags"] is None  # a dated article: nothing to say
