"""Gazetteer fixtures: the bundled default built once per session, LB imported once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.build_default import DATA_VERSION, build_default
from eventwire.geo.gazetteer import DEFAULT_FILENAME, Gazetteer
from eventwire.geo.geonames_dump import import_files
from eventwire.geo.names import NAME_KEY_VERSION


def _usable(path: Path) -> bool:
    try:
        with Gazetteer.open(path) as gaz:
            info = gaz.info()
    except GazetteerError:
        return False
    return info.get("data_version") == DATA_VERSION and info.get("name_key") == NAME_KEY_VERSION


@pytest.fixture(scope="session")
def default_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled default: reused from $EVENTWIRE_HOME (so CI builds it once), else built."""
    home = os.environ.get("EVENTWIRE_HOME")
    folder = Path(home) if home else tmp_path_factory.mktemp("eventwire-home")
    path = folder / DEFAULT_FILENAME
    if not _usable(path):
        build_default(into=path)
    return path


@pytest.fixture(scope="session")
def default_gazetteer(default_gazetteer_path: Path) -> Iterator[Gazetteer]:
    with Gazetteer.open(default_gazetteer_path) as gaz:
        yield gaz


@pytest.fixture(scope="session")
def geonames_dir(shared_data: Path) -> Path:
    return shared_data / "geonames"


@pytest.fixture(scope="session")
def lb_gazetteer_path(tmp_path_factory: pytest.TempPathFactory, geonames_dir: Path) -> Path:
    """A gazetteer made from the real Lebanon dump, its admin codes and countryInfo."""
    path = tmp_path_factory.mktemp("lb") / "lb.sqlite"
    import_files(
        [
            geonames_dir / "LB.txt",
            geonames_dir / "admin1CodesASCII.txt",
            geonames_dir / "countryInfo.txt",
        ],
        into=path,
    )
    return path


@pytest.fixture(scope="session")
def lb_gazetteer(lb_gazetteer_path: Path) -> Iterator[Gazetteer]:
    with Gazetteer.open(lb_gazetteer_path) as gaz:
        yield gaz
