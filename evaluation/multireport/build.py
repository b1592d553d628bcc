"""Build the multi-report set: reports.yaml -> articles.jsonl and clusters.json.

Each mention's location is located in its article's text (first occurrence) and given the
coordinates of ``../devset/src/places.yaml``; an article may not mention one event
twice. ``--check`` fails when the outputs are stale.

    .venv/bin/python evaluation/multireport/build.py [--check]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
# The events dev set's builder: its ``write_or_check`` writes (or checks) these outputs too.
_DEVSET = importlib.util.spec_from_file_location(
    "devset_build", HERE.parent / "devset" / "build.py"
)
assert _DEVSET is not None and _DEVSET.loader is not None
devset_build = importlib.util.module_from_spec(_DEVSET)
_DEVSET.loader.exec_module(devset_build)
write_or_check = devset_build.write_or_check
PLACES = HERE.parent / "devset" / "src" / "places.yaml"
URL = "https://multireport.eventwire.invalid/{id}"
VERSION = "multireport.v1"


class BuildError(Exception):
    """A report is inconsistent; the message names the article."""


def _place(name: str, places: dict[str, Any], where: str) -> dict[str, Any]:
    found = [p for p in places.values() if name in p["names"]]
    if len(found) != 1:
        raise BuildError(f"{where}: location {name!r} matches {len(found)} places in places.yaml")
    return found[0]


def build(
    reports: list[dict[str, Any]], places: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Return the article records and the clusters document."""
    articles: list[dict[str, Any]] = []
    clusters: dict[str, list[dict[str, Any]]] = {}
    for raw in reports:
        where = raw["id"]
        text = raw["text"]
        articles.append(
            {
                "id": raw["id"],
                "title": raw["title"],
                "text": text,
                "published": raw["published"],
                "source": raw["source"],
                "url": URL.format(id=raw["id"]),
                "language": raw["language"],
            }
        )
        for index, mention in enumerate(raw["mentions"]):
            name = mention["location"]
            start = text.find(name)
            if start < 0:
                raise BuildError(f"{where}: location {name!r} not in the text")
            place = _place(name, places, where)
            clusters.setdefault(mention["cluster"], []).append(
                {
                    "mention_id": f"{where}#{index}",
                    "article_id": where,
                    "event_type": mention["type"],
                    "location": {
                        "text": name,
                        "start": start,
                        "end": start + len(name),
                        "geonameid": place["geonameid"],
                        "lat": place["lat"],
                        "lon": place["lon"],
                    },
                    "date": mention.get("date"),
                    "fatalities": mention.get("fatalities"),
                    "injured": mention.get("injured"),
                }
            )
    for key, members in clusters.items():
        if len({m["article_id"] for m in members}) != len(members):
            raise BuildError(f"cluster {key}: one article mentions the same event twice")
    ordered = [clusters[k] for k in sorted(clusters)]
    doc = {
        "version": VERSION,
        "cluster_ids": sorted(clusters),
        "clusters": ordered,
    }
    return articles, doc


def render(articles: list[dict[str, Any]], doc: dict[str, Any]) -> tuple[str, str]:
    jsonl = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    return jsonl, json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the outputs are stale")
    args = parser.parse_args(argv)
    reports = yaml.safe_load((HERE / "reports.yaml").read_text(encoding="utf-8"))
    places = yaml.safe_load(PLACES.read_text(encoding="utf-8"))
    try:
        jsonl, doc = render(*build(reports, places))
    except BuildError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    targets = {HERE / "articles.jsonl": jsonl, HERE / "clusters.json": doc}
    return write_or_check(targets, check=args.check)


if __name__ == "__main__":
    raise SystemExit(main())
