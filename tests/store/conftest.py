"""The store tests run twice: on a SQLite file and on the real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    yield request.getfixturevalue("db_url_postgres")
