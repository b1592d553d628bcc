"""Validate annotation files: quotes found, enums, dates, SHA-256; prints the resolved spans.

.venv/bin/python evaluation/realdev/check.py evaluation/realdev/gold/rn-fr-0001.yaml
.venv/bin/python evaluation/realdev/check.py evaluation/realdev/gold/*.yaml --quiet
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventwire.errors import EvaluationError
from eventwire.evaluate.realdev import ARTICLES, find_shared, read_annotation, read_texts
from eventwire.events.taxonomy import load_taxonomy


def main() -> int:
    quiet = "--quiet" in sys.argv
    paths = [Path(a) for a in sys.argv[1:] if a != "--quiet"]
    rows = read_texts(find_shared() / ARTICLES)
    sub_types = {name: sub.event_type for name, sub in load_taxonomy().sub_types.items()}
    failed = 0
    for path in paths:
        try:
            article_id, entry = read_annotation(path, rows, sub_types)
        except EvaluationError as err:
            print(f"ERROR {err}")
            failed += 1
            continue
        text = rows[article_id]["text"]
        print(
            f"ok {path}: {len(entry['toponyms'])} toponyms, {len(entry['events'])} events, "
            f"{len(entry['non_events'])} non-events"
        )
        if quiet:
            continue
        for t in entry["toponyms"]:
            surface = text[t["start"] : t["end"]]
            print(f"  toponym {t['start']}-{t['end']} {surface!r} {t['kind']} {t['geonameid']}")
        for e in entry["events"]:
            loc = e["location"]
            where = f"{loc['text']}@{loc['start']} p{loc['precision']}" if loc else None
            print(
                f"  event {e['sub_event_type']} | {where} | {e['date']} | "
                f"{(e['actor1'] or {}).get('name')} -> {(e['actor2'] or {}).get('name')} | "
                f"f={e['fatalities']} i={e['injured']} | {e['modality']} {e['attribution']}"
            )
        for n in entry["non_events"]:
            print(f"  non-event {n['why']}: {text[n['start'] : n['end']][:90]!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
