"""Error analysis on the real development set: the figures, then per article what was missed or
extra.

Runs the pipeline on the annotated articles (or those given), caches the predictions in a JSONL
file so that a second look costs nothing, and prints for each article its gold and predicted
events that happened, paired as the scorer pairs them.

    .venv/bin/python evaluation/realdev/diff.py                       # all annotated articles
    .venv/bin/python evaluation/realdev/diff.py rn-fr-0001 rn-en-0011  # some
    .venv/bin/python evaluation/realdev/diff.py --cached /tmp/pred.jsonl   # reuse predictions
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire.cli.eval_events import print_events_table
from eventwire.evaluate.events import evaluate_events, event_view, field_results, match_events
from eventwire.evaluate.realdev import article_records, load_realdev


def _line(e: dict) -> str:
    loc = (e.get("location") or {}).get("text")
    a1 = (e.get("actor1") or {}).get("name")
    a2 = (e.get("actor2") or {}).get("name")
    src = [a if isinstance(a, str) else a.get("name") for a in e.get("attribution") or ()]
    return (
        f"{e['sub_event_type']} @{loc} {e.get('date')} {a1} -> {a2} "
        f"f={e.get('fatalities')} i={e.get('injured')} {e.get('modality')} {src}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("ids", nargs="*")
    parser.add_argument(
        "--cached", type=Path, help="predictions JSONL: read if it exists, else written"
    )
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    gold, rows = load_realdev()
    if args.ids:
        gold = {"articles": {k: v for k, v in gold["articles"].items() if k in args.ids}}
        rows = [r for r in rows if r["id"] in args.ids]
    if args.cached and args.cached.is_file():
        predictions = [
            json.loads(line) for line in args.cached.read_text(encoding="utf-8").splitlines()
        ]
    else:
        from eventwire.pipeline import load_pipeline

        pipeline = load_pipeline()
        predictions = [r.to_dict() for r in pipeline.extract_many(article_records(rows))]
        if args.cached:
            args.cached.write_text(
                "".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8"
            )
    languages = {r["id"]: r["language"] for r in rows}
    tallies = evaluate_events(gold, predictions, languages=languages)
    print_events_table({k: tallies[k].figures() for k in sorted(tallies)})
    if args.quiet:
        return
    by_id = {p["article"]["id"]: p for p in predictions}
    for article_id, entry in gold["articles"].items():
        g = [e for e in entry["events"] if e["modality"] in ("asserted", "claimed")]
        p = [e for e in by_id[article_id]["events"] if e["modality"] in ("asserted", "claimed")]
        pairs = match_events([event_view(e) for e in g], [event_view(e) for e in p])
        if not g and not p:
            continue
        print(f"\n== {article_id}  gold {len(g)}  predicted {len(p)}  matched {len(pairs)}")
        for gi, pi in pairs:
            wrong = [
                k for k, ok in field_results(event_view(g[gi]), event_view(p[pi])).items() if not ok
            ]
            print(f"  OK   gold {_line(g[gi])}\n       pred {_line(p[pi])}\n       wrong: {wrong}")
        for gi in sorted(set(range(len(g))) - {a for a, _ in pairs}):
            print(f"  MISS {_line(g[gi])}")
        text = by_id[article_id]["article"]["text"]
        for pi in sorted(set(range(len(p))) - {b for _, b in pairs}):
            t = p[pi]["trigger"]
            print(f"  XTRA {_line(p[pi])}  trigger {text[t['start'] : t['end']]!r}")


if __name__ == "__main__":
    main()
