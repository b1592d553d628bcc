"""Build the French<->English multi-report set: reports.yaml -> articles.jsonl, clusters.json.

The same builder as ``../multireport/build.py``, with the places (GeoNames ids and coordinates,
for the evaluator's alignment radius) given in reports.yaml. ``--check`` fails when stale.

    .venv/bin/python evaluation/multireport-fren/build.py [--check]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location(
    "multireport_build", HERE.parent / "multireport" / "build.py"
)
assert _SPEC is not None and _SPEC.loader is not None
shared = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(shared)


VERSION = "multireport-fren.v1"


def _with_countries(doc: str, places: dict[str, dict[str, object]]) -> str:
    """Add each mention's country (ISO alpha-2) to its location: the cross-border cases."""
    parsed = json.loads(doc)
    for cluster in parsed["clusters"]:
        for mention in cluster:
            mention["location"]["country_code"] = places[mention["location"]["text"]]["country"]
    return json.dumps(parsed, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the outputs are stale")
    args = parser.parse_args(argv)
    source = yaml.safe_load((HERE / "reports.yaml").read_text(encoding="utf-8"))
    places = {
        name: {"names": [name], **{k: v for k, v in where.items() if k != "country"}}
        for name, where in source["places"].items()
    }
    try:
        jsonl, doc = shared.render(*shared.build(source["reports"], places))
    except shared.BuildError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    doc = _with_countries(doc, source["places"]).replace(shared.VERSION, VERSION, 1)
    targets = {HERE / "articles.jsonl": jsonl, HERE / "clusters.json": doc}
    return shared.write_or_check(targets, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
