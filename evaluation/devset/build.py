"""Build the events dev set: src/*.yaml -> articles.jsonl and gold.json (offsets computed here).

In the sources, toponyms are marked in the text as ``[[surface]]`` or ``[[surface|key]]``
(``key`` in ``src/places.yaml``); events name their location by a toponym's surface
(``"Goma"``, or ``"Goma#2"`` for its second mention), their actors by canonical name
(``src/actors.yaml``); non-events quote their text (``occurrence`` counts from 0). Every
span, place, actor, type and date is checked; a problem stops the build with its article id.

    .venv/bin/python evaluation/devset/build.py           # write articles.jsonl and gold.json
    .venv/bin/python evaluation/devset/build.py --check   # fail if they are out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventwire.events.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
MARK = re.compile(r"\[\[([^\]|]+)(?:\|([a-z0-9_]+))?\]\]")
URL = "https://devset.eventwire.invalid/{id}"
MIN_WORDS, MAX_WORDS = 80, 250
#: ACLED event and sub-event types: the packaged taxonomy (src/eventwire/data/taxonomy.v1.yaml).
TAXONOMY = load_taxonomy()
MODALITIES = ("asserted", "claimed", "denied", "planned", "hypothetical")
ARTICLE_KEYS = {"id", "language", "published", "source", "title", "text", "events", "non_events"}
EVENT_KEYS = {
    "type",
    "actor1",
    "actor2",
    "location",
    "date",
    "fatalities",
    "injured",
    "attribution",
    "modality",
}


class BuildError(Exception):
    """A source entry is inconsistent; the message names the article."""


def _place_key(surface: str, key: str | None, places: dict[str, Any], where: str) -> str:
    if key is not None:
        if key not in places:
            raise BuildError(f"{where}: unknown place key {key!r}")
        return key
    keys = [k for k, p in places.items() if surface in p["names"]]
    if len(keys) != 1:
        raise BuildError(f"{where}: toponym {surface!r} matches places {keys}; add |key")
    return keys[0]


def strip_marks(
    marked: str, places: dict[str, Any], where: str
) -> tuple[str, list[dict[str, Any]]]:
    """Remove ``[[...]]`` marks; return the text and its toponyms with offsets and coordinates."""
    parts: list[str] = []
    toponyms: list[dict[str, Any]] = []
    pos = length = 0
    for m in MARK.finditer(marked):
        parts.append(marked[pos : m.start()])
        length += m.start() - pos
        surface = m.group(1)
        place = places[_place_key(surface, m.group(2), places, where)]
        toponyms.append(
            {
                "text": surface,
                "start": length,
                "end": length + len(surface),
                "geonameid": place["geonameid"],
                "lat": place["lat"],
                "lon": place["lon"],
            }
        )
        parts.append(surface)
        length += len(surface)
        pos = m.end()
    parts.append(marked[pos:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise BuildError(f"{where}: malformed toponym mark")
    return text, toponyms


def _location(ref: str | None, toponyms: list[dict[str, Any]], where: str) -> dict[str, Any] | None:
    if ref is None:
        return None
    surface, _, nth = ref.partition("#")
    found = [t for t in toponyms if t["text"] == surface]
    index = int(nth) - 1 if nth else 0
    if index >= len(found):
        raise BuildError(f"{where}: location {ref!r} is not a marked toponym")
    return dict(found[index])


def _actor(name: str | None, actors: dict[str, list[str]], where: str) -> dict[str, Any] | None:
    if name is None:
        return None
    if name not in actors:
        raise BuildError(f"{where}: actor {name!r} is not in actors.yaml")
    return {"name": name, "aliases": list(actors[name])}


def _event(
    raw: dict[str, Any], toponyms: list[dict[str, Any]], actors: dict[str, list[str]], where: str
) -> dict[str, Any]:
    unknown = set(raw) - EVENT_KEYS
    if unknown:
        raise BuildError(f"{where}: unknown event keys {sorted(unknown)}")
    event_type, _, sub_type = str(raw["type"]).partition(" / ")
    known = TAXONOMY.sub_types.get(sub_type)
    if known is None or known.event_type != event_type:
        raise BuildError(f"{where}: {raw['type']!r} is not an ACLED 'type / sub-type'")
    modality = raw.get("modality", "asserted")
    if modality not in MODALITIES:
        raise BuildError(f"{where}: modality {modality!r} not in {MODALITIES}")
    when = raw.get("date")
    if when is not None:
        date.fromisoformat(str(when))
    for key in ("fatalities", "injured"):
        if raw.get(key) is not None and not isinstance(raw[key], int):
            raise BuildError(f"{where}: {key} must be an integer or null")
    return {
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": _actor(raw.get("actor1"), actors, where),
        "actor2": _actor(raw.get("actor2"), actors, where),
        "location": _location(raw.get("location"), toponyms, where),
        "date": None if when is None else str(when),
        "fatalities": raw.get("fatalities"),
        "injured": raw.get("injured"),
        "attribution": [str(a) for a in raw.get("attribution") or ()],
        "modality": modality,
    }


def _span(text: str, quote: str, occurrence: int, where: str) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(quote, start + 1)
        if start < 0:
            raise BuildError(f"{where}: {quote!r} (occurrence {occurrence}) not in the text")
    return start, start + len(quote)


def build_article(
    raw: dict[str, Any], places: dict[str, Any], actors: dict[str, list[str]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return one article's JSONL record and its gold entry."""
    where = str(raw.get("id"))
    unknown = set(raw) - ARTICLE_KEYS
    if unknown:
        raise BuildError(f"{where}: unknown article keys {sorted(unknown)}")
    text, toponyms = strip_marks(str(raw["text"]).rstrip("\n"), places, where)
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise BuildError(f"{where}: {words} words, expected {MIN_WORDS} to {MAX_WORDS}")
    events = [
        _event(e, toponyms, actors, f"{where} event {i}")
        for i, e in enumerate(raw.get("events") or ())
    ]
    non_events = []
    for item in raw.get("non_events") or ():
        start, end = _span(text, item["text"], item.get("occurrence", 0), where)
        non_events.append({"text": item["text"], "start": start, "end": end, "why": item["why"]})
    article = {
        "id": raw["id"],
        "title": raw["title"],
        "text": text,
        "published": str(raw["published"]),
        "source": raw["source"],
        "url": URL.format(id=raw["id"]),
        "language": raw["language"],
    }
    return article, {"toponyms": toponyms, "events": events, "non_events": non_events}


def build(src: Path = SRC) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Read every source file; return the article records and the gold document."""
    places = yaml.safe_load((src / "places.yaml").read_text(encoding="utf-8"))
    actors = yaml.safe_load((src / "actors.yaml").read_text(encoding="utf-8"))
    articles: list[dict[str, Any]] = []
    gold: dict[str, Any] = {"articles": {}}
    for path in sorted(src.glob("*.yaml")):
        if path.name in ("places.yaml", "actors.yaml"):
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
            article, entry = build_article(raw, places, actors)
            if article["id"] in gold["articles"]:
                raise BuildError(f"{path.name}: duplicate article id {article['id']!r}")
            articles.append(article)
            gold["articles"][article["id"]] = entry
    return articles, gold


def render(articles: list[dict[str, Any]], gold: dict[str, Any]) -> tuple[str, str]:
    """The exact contents of articles.jsonl and gold.json."""
    jsonl = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    return jsonl, json.dumps(gold, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the outputs are stale")
    args = parser.parse_args(argv)
    try:
        jsonl, gold = render(*build())
    except BuildError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    targets = {HERE / "articles.jsonl": jsonl, HERE / "gold.json": gold}
    return write_or_check(targets, check=args.check)


def write_or_check(targets: dict[Path, str], *, check: bool) -> int:
    """Write each file, or with ``check`` only say which are out of date (exit status).

    The multi-report builders use it too (they load this file by path).
    """
    if check:
        stale = [
            p.name
            for p, body in targets.items()
            if not p.exists() or p.read_text(encoding="utf-8") != body
        ]
        if stale:
            print(f"Error: {', '.join(stale)} out of date; run build.py", file=sys.stderr)
            return 1
        return 0
    for path, body in targets.items():
        path.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
