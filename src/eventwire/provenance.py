"""What shaped an output: the package version and a content hash of each data file (issue 19).

Every Result carries a ``Provenance``: the eventwire version, and for each data file that
shaped it (taxonomy, trigger, cue and genre lexicons, actors, geo weights, demonyms, exonyms,
extra ``--actors`` files, the gazetteer build) its declared version and the SHA-256 of its
bytes. ``label()`` is the short form stored in ``pipeline_version``.

``data/manifest.json`` pins each packaged file's version and hash; ``tests/test_provenance.py``
fails when a file's content changes while its declared version does not. To change a data
file: edit it, raise its ``version:`` (``triggers.fr.v1`` -> ``triggers.fr.v2``; for a TSV
the first comment line, ``# exonyms.v2:``), then rewrite the manifest with
``python -m eventwire.provenance --write-manifest`` and commit both.

>>> packaged_provenance().label()           # doctest: +SKIP
'eventwire-0.1.0+3f2a9c0d1e7b'
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "DATA_DIR",
    "MANIFEST",
    "DataFile",
    "Provenance",
    "data_file",
    "declared_version",
    "gazetteer_file",
    "manifest_problems",
    "package_version",
    "packaged_files",
    "packaged_provenance",
    "read_manifest",
    "write_manifest",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
MANIFEST = DATA_DIR / "manifest.json"
_YAML_VERSION = re.compile(r"^version:\s*['\"]?([\w.-]+)", re.MULTILINE)
_JSON_VERSION = re.compile(r'"version"\s*:\s*"([\w.-]+)"')
_COMMENT_VERSION = re.compile(r"^#\s*([\w-]+(?:\.[\w-]+)*\.v\d+)\b")


def package_version() -> str:
    """The installed eventwire's version, from its metadata (pyproject.toml is the one source)."""
    try:
        return metadata.version("eventwire")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class DataFile:
    """One input that shaped an output: its name, declared version and content hash."""

    name: str
    version: str
    sha256: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class Provenance:
    """The eventwire version and every data file behind a Result."""

    eventwire: str
    data: tuple[DataFile, ...] = ()

    def label(self) -> str:
        """``eventwire-VERSION+DIGEST``: 12 hex digits over every file's version and hash."""
        digest = hashlib.sha256()
        for item in sorted(self.data, key=lambda d: d.name):
            digest.update(f"{item.name}\0{item.version}\0{item.sha256}\n".encode())
        return f"eventwire-{self.eventwire}+{digest.hexdigest()[:12]}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "eventwire": self.eventwire,
            "label": self.label(),
            "data": [item.to_dict() for item in self.data],
        }

    @classmethod
    def from_dict(cls, fields: Mapping[str, Any]) -> Provenance:
        data = tuple(DataFile(d["name"], d["version"], d["sha256"]) for d in fields["data"])
        return cls(eventwire=str(fields["eventwire"]), data=data)


def declared_version(path: Path) -> str:
    """The version a data file declares: ``version:`` (YAML), ``"version"`` (JSON), or a
    first comment line ``# name.vN: ...`` (TSV)."""
    head = path.read_text(encoding="utf-8")[:4096]
    for pattern in (_YAML_VERSION, _JSON_VERSION, _COMMENT_VERSION):
        match = pattern.search(head)
        if match:
            return match.group(1)
    raise ValueError(
        f"{path}: no version declared; expected a 'version:' key or a first line '# name.v1: ...'"
    )


def data_file(path: Path, *, versioned: bool = True) -> DataFile:
    """Version and SHA-256 of one data file, named by its path under data/ (else as given).

    ``versioned=False`` is for a user's own files (``--actors``): one that declares no
    version is recorded as ``unversioned``; its hash still identifies it.
    """
    resolved = path.resolve()
    name = str(resolved.relative_to(DATA_DIR)) if resolved.is_relative_to(DATA_DIR) else str(path)
    try:
        version = declared_version(path)
    except ValueError:
        if versioned:
            raise
        version = "unversioned"
    return DataFile(name, version, hashlib.sha256(path.read_bytes()).hexdigest())


def packaged_files() -> list[Path]:
    """Every data file shipped in the package, in name order (the manifest excepted)."""
    return sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and p != MANIFEST)


def gazetteer_file(info: Mapping[str, object]) -> DataFile:
    """The gazetteer build, identified by its ``meta`` table (data version, format, sources,
    build time): hashing the ~90 MB file on every load would cost more than it tells."""
    meta = {
        k: str(v) for k, v in info.items() if k not in {"path", "bytes"} and not k.endswith("_rows")
    }
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()
    return DataFile(
        "gazetteer", f"{meta.get('data_version', '?')}/{meta.get('format', '?')}", digest
    )


def packaged_provenance(extra: Iterable[DataFile] = ()) -> Provenance:
    """The Provenance of the packaged data files plus ``extra`` (actor files, gazetteer)."""
    files = tuple(data_file(path) for path in packaged_files())
    return Provenance(eventwire=package_version(), data=files + tuple(extra))


def read_manifest() -> dict[str, dict[str, str]]:
    """``data/manifest.json``: file name under data/ -> {"version", "sha256"}."""
    loaded: dict[str, dict[str, str]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def manifest_problems(
    files: Iterable[DataFile], manifest: Mapping[str, Mapping[str, str]]
) -> list[str]:
    """One line per data file whose content or version disagrees with the manifest."""
    problems = []
    seen = set()
    for item in files:
        seen.add(item.name)
        pinned = manifest.get(item.name)
        if pinned is None:
            problems.append(f"{item.name}: not in data/manifest.json; {_BUMP}")
        elif pinned["sha256"] != item.sha256 and pinned["version"] == item.version:
            problems.append(
                f"{item.name}: content changed but its version is still {item.version}; "
                f"raise the version, then {_BUMP}"
            )
        elif pinned != {"version": item.version, "sha256": item.sha256}:
            problems.append(f"{item.name}: version {item.version} is not the manifest's; {_BUMP}")
    problems += [
        f"{name}: in data/manifest.json but not packaged; {_BUMP}"
        for name in manifest
        if name not in seen
    ]
    return problems


_BUMP = "run `python -m eventwire.provenance --write-manifest`"


def write_manifest() -> Path:
    """Rewrite ``data/manifest.json`` from the files as they are now."""
    entries = {
        d.name: {"version": d.version, "sha256": d.sha256} for d in map(data_file, packaged_files())
    }
    MANIFEST.write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return MANIFEST


def main(argv: list[str]) -> int:
    """``python -m eventwire.provenance [--write-manifest]``: print (or rewrite) the manifest."""
    if argv == ["--write-manifest"]:
        print(write_manifest())
        return 0
    if argv:
        print("usage: python -m eventwire.provenance [--write-manifest]", file=sys.stderr)
        return 2
    print(json.dumps(packaged_provenance().to_dict(), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
