"""`eventwire watch` and `eventwire sources check` as users run them: subprocesses, signals,
kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.watch import pages
from tests.watch.server import Reply, Site

REPO = Path(__file__).resolve().parents[2]
ITEMS = 8


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p)
    return {
        **os.environ,
        "PYTHONPATH": path,
        "NO_COLOR": "1",
        "PYTHONUNBUFFERED": "1",
        "COLUMNS": "200",
    }


def _cli(*args: str) -> list[str]:
    """The command line of ``eventwire ARGS`` in this interpreter."""
    return [sys.executable, "-m", "eventwire.cli", *args]


def _command(tmp_path: Path, *extra: str) -> list[str]:
    sources, db = str(tmp_path / "sources.yaml"), str(tmp_path / "watch.db")
    return _cli("watch", sources, "--db", db, "--min-interval", "0", "--timeout", "2", *extra)


def _run(
    command: list[str], *, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run a command to its end, its output captured, with the test environment."""
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=_env(), timeout=timeout, check=False
    )


def _once(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``eventwire watch --once`` to its end."""
    return _run(_command(tmp_path, "--once"))


def _sources(tmp_path: Path, site: Site, *, page_delay: float = 0.0) -> None:
    """A sources file with alert rules, and a feed of ITEMS distinct reports plus the Ménaka
    attack."""
    items = [(f"urn:many:{n}", f"/many/{n}.html", f"Rassemblement {n}") for n in range(ITEMS - 1)]
    items.append(("urn:many:menaka", "/many/menaka.html", "Ménaka"))
    for n in range(ITEMS - 1):
        site.set(
            f"/many/{n}.html",
            Reply(
                200,
                pages.article_page(
                    f"Rassemblement {n}",
                    pages.numbered_text(n),
                    published="2025-12-03",
                    site_name="Sahel Matin",
                ),
                delay=page_delay,
            ),
        )
    site.set(
        "/many/menaka.html",
        Reply(
            200,
            pages.article_page(
                "Ménaka", pages.FR_MENAKA, published="2025-12-03", site_name="Sahel Matin"
            ),
            delay=page_delay,
        ),
    )
    site.set("/feeds/many.xml", Reply(200, pages.rss("Sahel Matin", items), etag='"many"'))
    alerts = tmp_path / "alerts.jsonl"
    feed = site.url("/feeds/many.xml")
    (tmp_path / "sources.yaml").write_text(
        "sources:\n"
        f"  - {{name: Sahel Matin, url: '{feed}', language: fr, interval: 1m}}\n"
        "alerts:\n"
        "  - {name: sahel-deadly, country: [ML, BF], min_fatalities: 5,\n"
        f"     to: [stdout, 'file:{alerts}']}}\n"
        f"  - {{name: battles-ml, country: ML, event_type: Battles, to: 'file:{alerts}'}}\n",
        encoding="utf-8",
    )


def _stored(tmp_path: Path) -> int:
    db = tmp_path / "watch.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=30) as connection:
        try:
            return int(
                connection.execute(
                    "select count(*) from watch_items where article_id is not null"
                ).fetchone()[0]
            )
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def _wait_for(
    tmp_path: Path, count: int, process: subprocess.Popen[str], limit: float = 120
) -> None:
    deadline = time.monotonic() + limit
    while _stored(tmp_path) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the watcher stored nothing in time"
        time.sleep(0.05)


def _check_nothing_lost_or_twice(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "watch.db") as connection:
        items = connection.execute("select item_key, article_id from watch_items").fetchall()
        articles = connection.execute("select id from articles").fetchall()
        alert_rows = connection.execute(
            "select rule, story_id, fingerprint, delivered_at from watch_alerts"
        ).fetchall()
    assert len(items) == ITEMS and all(a is not None for _, a in items)
    assert sorted(a for _, a in items) == sorted(a for (a,) in articles)
    lines = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    keys = [(a["rule"], a["story"], a["fatalities"]) for a in lines]
    assert len(keys) == len(set(keys)) == len(alert_rows) == 2
    assert all(row[3] is not None for row in alert_rows)


@pytest.mark.slow
def test_cli_watch_once_twice(tmp_path: Path, site: Site) -> None:
    _sources(tmp_path, site)
    first = _once(tmp_path)
    assert first.returncode == 0, first.stderr
    assert (
        f"Sahel Matin: ok (HTTP 200), {ITEMS} items, {ITEMS} new: "
        f"{ITEMS} stored, 0 unchanged, 0 rejected; 2 alerts"
    ) in first.stderr
    (alert,) = [json.loads(line) for line in first.stdout.splitlines()]
    assert (alert["rule"], alert["alert"], alert["fatalities"], alert["place"]) == (
        "sahel-deadly",
        "new",
        6,
        "Ménaka",
    )
    second = _once(tmp_path)
    assert second.returncode == 0, second.stderr
    assert (second.stdout, "Sahel Matin: not modified (HTTP 304), 0 items, 0 new") == (
        "",
        second.stderr.splitlines()[1][
            : len("Sahel Matin: not modified (HTTP 304), 0 items, 0 new")
        ],
    )
    _check_nothing_lost_or_twice(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_cli_watch_signal_finishes_the_item_in_hand_and_exits_cleanly(
    tmp_path: Path, site: Site, sent: signal.Signals, code: int
) -> None:
    _sources(tmp_path, site)
    process = subprocess.Popen(
        _command(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )
    _wait_for(tmp_path, 2, process)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert f"Stopped by {sent.name}: committed articles are kept; a restart resumes." in stderr
    assert "Traceback" not in stderr
    done = _stored(tmp_path)
    assert 2 <= done
    again = _once(tmp_path)
    assert again.returncode == 0, again.stderr
    _check_nothing_lost_or_twice(tmp_path)


@pytest.mark.slow
def test_cli_watch_kill_9_during_a_poll_then_restart_loses_and_duplicates_nothing(
    tmp_path: Path, site: Site
) -> None:
    _sources(tmp_path, site, page_delay=0.1)
    process = subprocess.Popen(
        _command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env()
    )
    _wait_for(tmp_path, 3, process)
    process.kill()
    process.wait(30)
    assert 3 <= _stored(tmp_path) < ITEMS
    again = _once(tmp_path)
    assert again.returncode == 0, again.stderr
    _check_nothing_lost_or_twice(tmp_path)


def test_cli_sources_check_prints_a_table_and_fails_on_a_broken_feed(
    tmp_path: Path, site: Site
) -> None:
    site.set("/feeds/good.xml", Reply(200, pages.rss("Good", [("urn:1", "/a", "A")])))
    site.set("/feeds/broken.xml", Reply(200, b"<html><body>down for maintenance</body></html>"))
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"sources:\n  - {{name: Good, url: '{site.url('/feeds/good.xml')}'}}\n"
        f"  - {{name: Broken, url: '{site.url('/feeds/broken.xml')}'}}\n",
        encoding="utf-8",
    )
    done = _run(_cli("sources", "check", str(path), "--min-interval", "0"), timeout=120)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["source", "status", "entries", "newest", "time", "problem"]
    assert lines[1].split()[:4] == ["Good", "200", "1", "2025-12-03T09:00:00Z"] and lines[
        1
    ].endswith("ok")
    assert lines[2].split()[:3] == ["Broken", "200", "0"] and "not an RSS/Atom feed" in lines[2]
    assert lines[3] == "2 sources, 1 failed"


def test_cli_watch_bad_sources_file_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - {name: A, url: 'https://x.org', interval: soon}\n", encoding="utf-8"
    )
    done = _run(_cli("watch", str(path), "--once", "--db", str(tmp_path / "w.db")), timeout=120)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: {path}: sources[0] (A): interval 'soon' is not a duration; "
        "expected e.g. 15m, 1h or 300\n"
    )


@pytest.mark.slow
def test_cli_watch_example_sources_against_the_local_server(tmp_path: Path, site: Site) -> None:
    """Issue 18's "done when": examples/sources.yaml --once (its hosts pointed at this machine)
    stores the new articles and prints the alerts its rules match; a second run does nothing."""
    from urllib.parse import urlsplit

    from eventwire.watch.sources import load_sources

    text = (REPO / "examples" / "sources.yaml").read_text(encoding="utf-8")
    for source in load_sources(REPO / "examples" / "sources.yaml"):
        parts = urlsplit(source.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        text = text.replace(source.url, site.url(path))
        site.set(path, Reply(200, pages.rss(source.name, []), etag='"empty"'))
    rfi = urlsplit(load_sources(REPO / "examples" / "sources.yaml")[0].url).path
    site.set(
        rfi,
        Reply(
            200, pages.rss("RFI Afrique", [("urn:rfi:1", "/afrique/menaka", "Ménaka")]), etag='"r1"'
        ),
    )
    site.set(
        "/afrique/menaka",
        Reply(
            200,
            pages.article_page("Ménaka", pages.FR_MENAKA, published="2025-12-03", site_name="RFI"),
        ),
    )
    (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
    command = _cli("watch", "sources.yaml", "--db", "watch.db", "--once", "--min-interval", "0")
    first = _run(command, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (alert,) = [json.loads(line) for line in first.stdout.splitlines()]
    assert (alert["rule"], alert["place"], alert["fatalities"], alert["article"]["source"]) == (
        "sahel-deadly",
        "Ménaka",
        6,
        "RFI",
    )
    assert json.loads((tmp_path / "alerts.jsonl").read_text()) == alert
    assert first.stderr.count(": ok (HTTP 200)") == 12
    second = _run(command, cwd=tmp_path)
    assert (
        second.returncode,
        second.stdout,
        second.stderr.count(": not modified (HTTP 304), 0 items, 0 new"),
    ) == (0, "", 12)
