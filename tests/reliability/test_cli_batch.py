"""``eventwire run`` as a user runs it: the bad-input corpus, SIGKILL and Ctrl-C mid-batch,
two processes on one database. Each test loads the real pipeline in a subprocess (slow)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.ingest import read_paths
from eventwire.records import Article, Result
from eventwire.store.repository import Store
from tests.reliability.badinputs import cli_env

EVENTWIRE = [str(Path(sys.executable).with_name("eventwire"))]
PLACES = (
    "Alep",
    "Homs",
    "Mossoul",
    "Gao",
    "Ménaka",
    "Kidal",
    "Goma",
    "Sanaa",
    "Taïz",
    "Deir ez-Zor",
)
ACTORS = ("Des hommes armés", "L'armée", "Des jihadistes", "Les rebelles", "La police")


def _write_batch(folder: Path, count: int) -> Path:
    """``count`` small distinct French wire articles, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        place, actor = PLACES[i % len(PLACES)], ACTORS[i % len(ACTORS)]
        body = (
            f"{actor} ont attaqué un village près de {place} le {1 + i % 28} mars 2024, "
            f"tuant {2 + i} civils et blessant {i + 5} autres, "
            "selon une source locale citée par l'agence. "
            f"Les habitants ont fui vers {PLACES[(i + 3) % len(PLACES)]} (dépêche {i})."
        )
        (folder / f"a{i:03d}.txt").write_text(
            f"MONDE\n\nAttaque {i} à {place}\n\n{body}\nSOURCE: AGENCE TEST\n"
        )
    return folder


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EVENTWIRE, "run", *args],
        check=False,
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=900,
        **kwargs,
    )  # type: ignore[call-overload]


def _results(db: Path) -> dict[str, Result]:
    with Store.open(db) as store:
        return {r.article.id: r for r in store.results()}


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _start_and_wait(args: list[str], db: Path, *, at_least: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [*EVENTWIRE, "run", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    deadline = time.monotonic() + 600
    while _stored(db) < at_least:
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "no article committed within 600 s"
        time.sleep(0.05)
    return proc


def _stop_mid_run(folder: Path, db: Path, sent: signal.Signals) -> tuple[int, str]:
    """``eventwire run`` on ``folder``, sent ``sent`` once 3 articles are stored: exit code and
    stderr."""
    proc = _start_and_wait([str(folder), "--db", str(db)], db, at_least=3)
    proc.send_signal(sent)
    _, stderr = proc.communicate(timeout=120)
    return proc.returncode, stderr


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Result]]:
    """60 articles and their results from one uninterrupted run."""
    root = tmp_path_factory.mktemp("batch")
    folder = _write_batch(root / "in", 60)
    db = root / "reference.db"
    done = _run([str(folder), "--db", str(db)])
    assert done.returncode == 0, done.stderr[-3000:]
    results = _results(db)
    assert len(results) == 60 and sum(len(r.events) for r in results.values()) > 0
    return folder, results


@pytest.mark.slow
def test_cli_corpus_batch_stores_every_good_article(
    corpus_dir: Path, tmp_path: Path, corpus: dict
) -> None:
    db = tmp_path / "corpus.db"
    done = _run([str(corpus_dir), "--db", str(db)])
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == sum(item.rejections for item in corpus.values()), errors
    expected = {a.id for a in read_paths([corpus_dir]) if isinstance(a, Article)}
    assert set(_results(db)) == expected


@pytest.mark.slow
def test_cli_sigkill_mid_batch_leaves_no_partial_article_and_rerun_completes(
    reference: tuple[Path, dict[str, Result]], tmp_path: Path
) -> None:
    folder, full = reference
    db = tmp_path / "killed.db"
    _stop_mid_run(folder, db, signal.SIGKILL)
    partial = _results(db)
    assert 3 <= len(partial) < 60
    for article_id, result in partial.items():  # every stored article has all its rows
        assert result == full[article_id]
    done = _run([str(folder), "--db", str(db)])
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{60 - len(partial)} stored, 0 replaced, {len(partial)} unchanged" in done.stderr
    assert _results(db) == full


@pytest.mark.slow
def test_cli_ctrl_c_stops_cleanly_keeping_committed_work(
    reference: tuple[Path, dict[str, Result]], tmp_path: Path
) -> None:
    folder, full = reference
    db = tmp_path / "interrupted.db"
    code, stderr = _stop_mid_run(folder, db, signal.SIGINT)
    assert code == 130, stderr[-3000:]
    assert "Traceback" not in stderr
    assert "Interrupted: " in stderr and "committed articles are kept" in stderr
    kept = _results(db)
    assert kept and all(result == full[article_id] for article_id, result in kept.items())


@pytest.mark.slow
def test_cli_two_processes_on_one_database_lose_nothing(
    reference: tuple[Path, dict[str, Result]], tmp_path: Path
) -> None:
    folder, full = reference
    files = sorted(folder.iterdir())
    db = tmp_path / "shared.db"
    Store.open(db).close()
    first = subprocess.Popen(
        [*EVENTWIRE, "run", *map(str, files[:40]), "--db", str(db)],
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    second = subprocess.Popen(
        [*EVENTWIRE, "run", *map(str, files[20:]), "--db", str(db)],
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    reads = 0
    while first.poll() is None or second.poll() is None:  # a reader while both write
        for article_id, result in _results(db).items():
            assert result == full[article_id]
        reads += 1
        time.sleep(0.2)
    errs = first.communicate()[1], second.communicate()[1]
    assert (first.returncode, second.returncode) == (0, 0), [e[-2000:] for e in errs]
    assert reads > 0 and _results(db) == full
