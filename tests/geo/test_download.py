from __future__ import annotations

import functools
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.download import download, dump_names
from eventwire.geo.gazetteer import Gazetteer


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dump_server(tmp_path: Path, geonames_dir: Path) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on a free port serving LB.zip and the support files."""
    root = tmp_path / "www"
    root.mkdir()
    with zipfile.ZipFile(root / "LB.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(geonames_dir / "LB.txt", "LB.txt")
    for name in ("countryInfo.txt", "admin1CodesASCII.txt", "admin2Codes.txt"):
        shutil.copyfile(geonames_dir / name, root / name)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", root
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_download_fetches_verifies_and_imports(
    dump_server: tuple[str, Path], tmp_path: Path
) -> None:
    base_url, _ = dump_server
    target = tmp_path / "g.sqlite"
    report = download(["lb"], into=target, base_url=base_url, download_dir=tmp_path / "dl")
    assert report.skipped == 0
    with Gazetteer.open(target) as gaz:
        assert gaz.candidates("Trablous")[0].geonameid == 266826
        assert gaz.admin1_name("LB", "04") == "Beyrouth"
    assert (tmp_path / "dl" / "LB.zip").is_file()
    assert not list((tmp_path / "dl").glob("*.part"))


def test_download_unknown_country_names_url(dump_server: tuple[str, Path], tmp_path: Path) -> None:
    base_url, _ = dump_server
    with pytest.raises(GazetteerError, match=r"/SY\.zip: HTTP 404"):
        download(
            ["SY"], into=tmp_path / "g.sqlite", base_url=base_url, download_dir=tmp_path / "dl"
        )
    assert not (tmp_path / "g.sqlite").exists()


def test_download_rejects_corrupt_zip(dump_server: tuple[str, Path], tmp_path: Path) -> None:
    base_url, root = dump_server
    (root / "IQ.zip").write_bytes(b"PK\x03\x04 truncated garbage")
    with pytest.raises(GazetteerError, match=r"IQ\.zip: not a zip file"):
        download(
            ["IQ"], into=tmp_path / "g.sqlite", base_url=base_url, download_dir=tmp_path / "dl"
        )


def test_download_rejects_wrong_row_shape(dump_server: tuple[str, Path], tmp_path: Path) -> None:
    base_url, root = dump_server
    with zipfile.ZipFile(root / "JO.zip", "w") as zf:
        zf.writestr("JO.txt", "1\tAmman\tnot enough columns\n")
    with pytest.raises(GazetteerError, match="JO.zip: row 1 has 3 columns, expected 19"):
        download(
            ["JO"], into=tmp_path / "g.sqlite", base_url=base_url, download_dir=tmp_path / "dl"
        )


@pytest.mark.parametrize(
    ("countries", "all_countries", "first"),
    [(["sy", "IQ"], False, ["SY.zip", "IQ.zip"]), (None, True, ["allCountries.zip"])],
)
def test_dump_names(countries: list[str] | None, all_countries: bool, first: list[str]) -> None:
    names = dump_names(countries, all_countries=all_countries)
    assert names[: len(first)] == first and "countryInfo.txt" in names


@pytest.mark.parametrize("bad", [["Syria"], ["1Q"], []])
def test_dump_names_rejects_bad_codes(bad: list[str]) -> None:
    with pytest.raises(GazetteerError):
        dump_names(bad)
