"""Real databases and real uvicorn servers on free ports, shared by the serve tests.

Two databases:

* ``read_db`` holds the seed article and two short English wire stories, with events whose
  spans are placed by hand on the real text (offsets found with ``str.index``), so the API's
  filters have exact, deterministic expectations (test_api.py);
* ``pipeline_db`` holds what the real, full pipeline (``load_pipeline``) finds in the seed
  article and the repository's ``examples/`` folder, the data ``make demo`` shows on the map
  (test_browser.py). The pipeline loads once per session and also serves /api/extract.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from eventwire.config import Settings
from eventwire.ingest import article_id, read_paths
from eventwire.pipeline import Pipeline, load_pipeline
from eventwire.records import Actor, Article, Attribution, Event, Place, Result, Span
from eventwire.serve import ServeSettings, create_app
from eventwire.store.repository import Store

TOKEN = "test-token-5f2a"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

BEIRUT_TEXT = (
    "Hundreds of people marched through central Beirut on Sunday 3 March 2024 against the rise "
    "in fuel prices, organisers said.\n\n"
    "Near Martyrs' Square the riot police fired tear gas at the crowd, injuring 12 protesters, "
    "according to the Lebanese Red Cross.\n\n"
    "A general strike is planned for next week, the unions announced."
)
TRIPOLI_TEXT = (
    "Clashes between two armed factions killed 9 people in Tripoli, in northern Lebanon, "
    "on 15 February 2024, a local official told reporters.\n\n"
    "The fighting in the Bab al-Tabbaneh district lasted several hours."
)


class Text:
    """Find spans in one text by their words (the n-th occurrence after ``after``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def span(self, words: str, *, after: str | None = None) -> Span:
        start = 0 if after is None else self.text.index(after)
        begin = self.text.index(words, start)
        return Span.of(self.text, begin, begin + len(words))

    def sentence(self, inside: Span) -> Span:
        dot = self.text.rfind(". ", 0, inside.start)
        begin = max(dot + 2 if dot >= 0 else 0, self.text.rfind("\n", 0, inside.start) + 1)
        end = self.text.find(".", inside.end)
        return Span.of(self.text, begin, len(self.text) if end < 0 else end + 1)


def _place(
    t: Text,
    words: str,
    *,
    gid: int,
    name: str,
    lat: float,
    lon: float,
    cc: str,
    after: str | None = None,
) -> Place:
    return Place(t.span(words, after=after), gid, name, lat, lon, cc, None, "PPL", 0.9)


def seed_result(text: str) -> Result:
    """The seed article (Hachd al-Chaabi vs Daech, Al-Tanf): three realized events and a
    hypothetical one."""
    t = Text(text)
    hachd = Actor(t.span("Hachd al-Chaabi"), "Hachd al-Chaabi", "armed_group", "IQ")
    daech = Actor(
        t.span("Daech", after="tentative d'infiltration"), "Islamic State (Daech)", "armed_group"
    )
    hachd2 = Actor(
        t.span("Hachd", after="hauts commandants"), "Hachd al-Chaabi", "armed_group", "IQ"
    )
    syrie = _place(t, "Syrie", gid=163843, name="Syria", lat=35.0, lon=38.0, cc="SY")
    tanf = _place(
        t,
        "Al-Tanf",
        gid=9999001,
        name="Al-Tanf",
        lat=33.49,
        lon=38.62,
        cc="SY",
        after="tiré des missiles",
    )
    baghouz = _place(
        t, "al-Baghouz", gid=9999002, name="Al-Baghuz Fawqani", lat=34.45, lon=40.93, cc="SY"
    )
    golan = _place(t, "Golan", gid=294045, name="Golan Heights", lat=33.0, lon=35.75, cc="SY")
    trigger1 = t.span("repoussée")
    trigger2 = t.span("tiré des missiles")
    trigger3 = t.span("se sont abattus")
    trigger4 = t.span("emploiera")
    events = (
        Event(
            "Battles",
            "Armed clash",
            trigger1,
            t.sentence(trigger1),
            actor1=hachd,
            actor2=daech,
            location=syrie,
            geo_precision=3,
            date="2018-11-11",
            date_precision="day",
            date_evidence=t.span("dimanche 11 novembre"),
        ),
        Event(
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            trigger2,
            t.sentence(trigger2),
            actor1=hachd2,
            location=tanf,
            geo_precision=1,
            date="2018-11-11",
            date_precision="day",
            attribution=(Attribution("Ghassem Mosleh", t.span("Ghassem Mosleh")),),
        ),
        Event(
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            trigger3,
            t.sentence(trigger3),
            actor1=hachd2,
            location=baghouz,
            geo_precision=1,
            date="2018-11-12",
            date_precision="day",
            fatalities=13,
            fatalities_evidence=t.span("13 terroristes"),
            injured=7,
            injured_evidence=t.span("sept autres"),
            attribution=(
                Attribution("Sumaria News", t.span("Sumaria News")),
                Attribution("Ghassem Mosleh", t.span("Ghassem Mosleh")),
            ),
        ),
        Event(
            "Strategic developments",
            "Other",
            trigger4,
            t.sentence(trigger4),
            location=golan,
            geo_precision=3,
            date="2018-11-20",
            date_precision="week",
            modality="hypothetical",
            modality_evidence=t.span("imaginaire"),
        ),
    )
    article = Article(
        article_id(text),
        text,
        "La Résistance a repoussé une première offensive",
        "fr",
        "2018-11-13",
        "Press TV (fr)",
        None,
        "000_8944336be7ce94b5.txt",
    )
    return Result(
        article, (syrie, tanf, baghouz, golan), (hachd, daech, hachd2), events, (), "test-fixture"
    )


def beirut_result() -> Result:
    t = Text(BEIRUT_TEXT)
    police = Actor(t.span("riot police"), "Police Forces of Lebanon", "state_force", "LB")
    crowd = Actor(t.span("people"), "Protesters (Lebanon)", "civilians", "LB")
    beirut = _place(t, "Beirut", gid=276781, name="Beirut", lat=33.89, lon=35.50, cc="LB")
    square = _place(
        t, "Martyrs' Square", gid=9999003, name="Martyrs' Square", lat=33.896, lon=35.507, cc="LB"
    )
    march, gas, strike = t.span("marched"), t.span("fired tear gas"), t.span("general strike")
    events = (
        Event(
            "Protests",
            "Peaceful protest",
            march,
            t.sentence(march),
            actor1=crowd,
            location=beirut,
            geo_precision=1,
            date="2024-03-03",
            date_precision="day",
            date_evidence=t.span("Sunday 3 March 2024"),
            attribution=(Attribution("organisers", t.span("organisers")),),
        ),
        Event(
            "Protests",
            "Excessive force against protesters",
            gas,
            t.sentence(gas),
            actor1=police,
            location=square,
            geo_precision=1,
            date="2024-03-03",
            date_precision="day",
            injured=12,
            injured_evidence=t.span("12 protesters"),
            attribution=(Attribution("Lebanese Red Cross", t.span("Lebanese Red Cross")),),
        ),
        Event(
            "Protests",
            "Peaceful protest",
            strike,
            t.sentence(strike),
            location=beirut,
            geo_precision=1,
            date="2024-03-10",
            date_precision="week",
            modality="planned",
            modality_evidence=t.span("planned"),
        ),
    )
    article = Article(
        article_id(BEIRUT_TEXT),
        BEIRUT_TEXT,
        "Fuel protest in Beirut",
        "en",
        "2024-03-03",
        "Test Wire",
    )
    return Result(article, (beirut, square), (crowd, police), events, (), "test-fixture")


def tripoli_result() -> Result:
    t = Text(TRIPOLI_TEXT)
    tripoli = _place(t, "Tripoli", gid=266826, name="Tripoli", lat=34.4367, lon=35.8497, cc="LB")
    factions = Actor(
        t.span("two armed factions"), "Unidentified Armed Group (Lebanon)", "armed_group", "LB"
    )
    trigger = t.span("Clashes")
    event = Event(
        "Battles",
        "Armed clash",
        trigger,
        t.sentence(trigger),
        actor1=factions,
        location=tripoli,
        geo_precision=1,
        date="2024-02-15",
        date_precision="day",
        date_evidence=t.span("15 February 2024"),
        fatalities=9,
        fatalities_evidence=t.span("9 people"),
        attribution=(Attribution("a local official", t.span("a local official")),),
    )
    article = Article(
        article_id(TRIPOLI_TEXT),
        TRIPOLI_TEXT,
        "Clashes in Tripoli",
        "en",
        "2024-02-16",
        "Another Wire",
    )
    return Result(article, (tripoli,), (factions,), (event,), (), "test-fixture")


@pytest.fixture(scope="session")
def results(sample_path: Path) -> tuple[Result, ...]:
    """Three articles, eight events (six that happened, one planned, one hypothetical)."""
    return (seed_result(sample_path.read_text(encoding="utf-8")), beirut_result(), tripoli_result())


def fill(db: Path, results: tuple[Result, ...]) -> Path:
    with Store.open(db) as store:
        for result in results:
            store.save(result)
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """A running server: its base URL, the app (for its state) and the database path."""

    url: str
    app: Any
    db: Path

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kwargs)


def serve_in_thread(settings: ServeSettings) -> Iterator[LiveServer]:
    """Run uvicorn in a thread until the generator is closed (httpx's tests do the same)."""
    app = create_app(settings)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=settings.port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{settings.port}", app, Path(str(settings.db)))
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def serve_db(db: str | Path, **options: Any) -> Iterator[LiveServer]:
    """A live server over ``db`` on a free loopback port; ``options`` go to ServeSettings.

    The one shape every server fixture of these tests starts (``yield from serve_db(...)``).
    """
    yield from serve_in_thread(ServeSettings(db=db, port=free_port(), **options))


def test_pipeline(settings: Settings) -> Pipeline:
    """The extraction pipeline of the hand-made ``server``: real language and spaCy stages.

    test_api.py only checks the HTTP contract of /api/extract (limits, 422s), so that server
    stops after spaCy; ``write_server`` and ``pipeline_server`` run the full pipeline.
    """
    from eventwire.language import load_detector
    from eventwire.nlp.models import Models
    from eventwire.nlp.stage import LanguageStage, NlpStage

    return Pipeline([LanguageStage(load_detector()), NlpStage(Models(settings.models))])


test_pipeline.__test__ = False  # type: ignore[attr-defined]  # not a test, despite its name


@pytest.fixture(scope="session")
def read_db(tmp_path_factory: pytest.TempPathFactory, results: tuple[Result, ...]) -> Path:
    return fill(tmp_path_factory.mktemp("serve") / "events.db", results)


@pytest.fixture(scope="session")
def server(read_db: Path) -> Iterator[LiveServer]:
    """A server over the read database; its token guards writes."""
    yield from serve_db(read_db, token=TOKEN, pipeline_factory=test_pipeline)


@pytest.fixture(scope="session")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


@pytest.fixture(scope="session")
def token() -> str:
    """The token the ``server`` fixture requires for writes."""
    return TOKEN


@pytest.fixture(scope="session")
def db_counts(server: LiveServer) -> Any:
    """A function returning the server database's row counts (articles, events)."""
    from eventwire.store.queries import table_counts

    def counts() -> dict[str, int]:
        with server.app.state.store.engine.connect() as connection:
            return dict(table_counts(connection))

    return counts


@pytest.fixture(scope="module")
def write_server(
    tmp_path_factory: pytest.TempPathFactory, full_pipeline: Pipeline
) -> Iterator[LiveServer]:
    """A server over a fresh database, for tests that store extractions (full pipeline).

    The server still builds its pipeline lazily, on the first /api/extract call; the
    factory hands it the session's already loaded one.
    """
    db = tmp_path_factory.mktemp("serve-write") / "events.db"
    Store.open(db).close()
    yield from serve_db(db, token=TOKEN, pipeline_factory=lambda _settings: full_pipeline)


# The real, full pipeline over real articles: what `make demo` + `eventwire serve` show.


@pytest.fixture(scope="session")
def full_pipeline() -> Pipeline:
    """The full pipeline (language, spaCy, actors, gazetteer, events), loaded once (~15-25 s)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def pipeline_results(full_pipeline: Pipeline, sample_path: Path) -> tuple[Result, ...]:
    """The full pipeline's Results for the seed article and every article under ``examples/``."""
    items = list(read_paths([EXAMPLES, sample_path]))
    rejected = [item for item in items if not isinstance(item, Article)]
    assert rejected == [], f"unreadable inputs: {rejected}"
    return tuple(full_pipeline.extract_many([item for item in items if isinstance(item, Article)]))


@pytest.fixture(scope="session")
def pipeline_db(
    tmp_path_factory: pytest.TempPathFactory, pipeline_results: tuple[Result, ...]
) -> Path:
    return fill(tmp_path_factory.mktemp("serve-pipeline") / "events.db", pipeline_results)


@pytest.fixture(scope="session")
def pipeline_server(pipeline_db: Path, full_pipeline: Pipeline) -> Iterator[LiveServer]:
    """A server over the pipeline's database; /api/extract runs the same full pipeline."""
    yield from serve_db(pipeline_db, token=TOKEN, pipeline_factory=lambda _settings: full_pipeline)
