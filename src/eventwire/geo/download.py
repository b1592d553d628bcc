"""Fetch GeoNames dumps from the download server, verify them, import them (issue 4).

Files go to ``<download_dir>`` (by default ``$EVENTWIRE_HOME/downloads``) through a
``.part`` file renamed when complete; each is checked (zip integrity, first rows have the
expected columns) before :func:`~eventwire.geo.geonames_dump.import_files` reads it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import httpx

from eventwire.errors import GazetteerError
from eventwire.geo.gazetteer import eventwire_home
from eventwire.geo.geonames_dump import ImportReport, file_kind, import_files

__all__ = ["DEFAULT_BASE_URL", "download", "dump_names", "fetch"]

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
_SUPPORT_FILES = ("countryInfo.txt", "admin1CodesASCII.txt", "admin2Codes.txt")
_EXPECTED_COLUMNS = {"geoname": 19, "admin1": 4, "admin2": 4}
_CHECKED_ROWS = 20


def dump_names(countries: Sequence[str] | None, *, all_countries: bool = False) -> list[str]:
    """File names to fetch: ``["SY.zip", "IQ.zip", *support files]`` or allCountries.zip."""
    if all_countries:
        main = ["allCountries.zip"]
    else:
        if not countries:
            raise GazetteerError("download: give --countries XX,YY or --all")
        codes = [c.strip().upper() for c in countries if c.strip()]
        bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
        if bad:
            raise GazetteerError(f"download: {', '.join(bad)}: not ISO 3166 alpha-2 codes")
        main = [f"{c}.zip" for c in codes]
    return [*main, *_SUPPORT_FILES]


def fetch(url: str, target: Path, *, client: httpx.Client) -> Path:
    """Stream ``url`` to ``target`` (via ``target.part``); GazetteerError on HTTP failure."""
    part = target.with_name(target.name + ".part")
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise GazetteerError(
                    f"{url}: HTTP {response.status_code}; check the base URL and the country code"
                )
            with part.open("wb") as out:
                for chunk in response.iter_bytes(1 << 20):
                    out.write(chunk)
    except httpx.HTTPError as err:
        part.unlink(missing_ok=True)
        raise GazetteerError(f"{url}: download failed ({err})") from None
    part.replace(target)
    return target


def verify(path: Path) -> None:
    """Check a fetched dump: zip integrity and the column count of its first rows."""
    if path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                broken = archive.testzip()
                member = next(
                    (
                        m
                        for m in archive.namelist()
                        if m.endswith(".txt") and not m.lower().startswith("readme")
                    ),
                    None,
                )
                if broken is not None or member is None:
                    raise GazetteerError(
                        f"{path}: corrupt zip ({broken or 'no .txt dump'}); "
                        "delete it and download again"
                    )
                with archive.open(member) as handle:
                    head = [handle.readline() for _ in range(_CHECKED_ROWS)]
        except zipfile.BadZipFile as err:
            raise GazetteerError(f"{path}: not a zip file ({err}); delete it and retry") from None
    else:
        with path.open("rb") as handle:
            head = [handle.readline() for _ in range(_CHECKED_ROWS)]
    expected = _EXPECTED_COLUMNS.get(file_kind(path))
    rows = [r for r in head if r.strip() and not r.startswith(b"#")]
    if expected is None or not rows:
        return
    for number, row in enumerate(rows, start=1):
        got = len(row.rstrip(b"\r\n").split(b"\t"))
        if got != expected:
            raise GazetteerError(
                f"{path}: row {number} has {got} columns, expected {expected}; "
                "is this a GeoNames dump?"
            )


def download(
    countries: Sequence[str] | None,
    *,
    into: Path,
    base_url: str = DEFAULT_BASE_URL,
    all_countries: bool = False,
    download_dir: Path | None = None,
    timeout: float = 60.0,
) -> ImportReport:
    """Fetch the dumps of ``countries`` (or all), verify them and import them into ``into``.

    ``download(["SY", "IQ"], into=default_path())`` adds Syria and Iraq to the active gazetteer.
    """
    folder = download_dir or eventwire_home() / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    base = base_url if base_url.endswith("/") else base_url + "/"
    fetched = []
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for name in dump_names(countries, all_countries=all_countries):
            path = fetch(base + name, folder / name, client=client)
            verify(path)
            fetched.append(path)
    return import_files(fetched, into=into)
