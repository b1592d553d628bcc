"""The real development set: annotations of published articles kept apart from their texts.

``evaluation/realdev/gold/<id>.yaml`` annotates one article of
``../shared/data/realnews/articles.jsonl`` (see ``evaluation/realdev/GUIDE.md``). The texts are
not in the repository: this module reads them from ``../shared`` at evaluation time, checks
each file's SHA-256 against the text, and turns the short quotes of the annotation into
character offsets, giving a gold document in the format of ``evaluation/devset/gold.json``
that :mod:`eventwire.evaluate.events` scores.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date as Date
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import EvaluationError

REALDEV = Path("evaluation/realdev")
ARTICLES = Path("data/realnews/articles.jsonl")
MODALITIES = frozenset({"asserted", "claimed", "denied", "planned", "hypothetical"})
NON_EVENT_REASONS = frozenset(
    {
        "background",
        "cumulative",
        "generic",
        "habitual",
        "planned",
        "hypothetical",
        "denied",
        "figurative",
        "non_conflict",
        "recap",
    }
)
TOPONYM_KINDS = frozenset({"town", "adm1", "adm2", "country", "region", "feature"})
MAX_QUOTE_WORDS = 12
# A sentence ends at . ! ? or a line break, optionally followed by a closing quote.
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"']?(?=\s)|\n")


def find_shared(start: Path | None = None) -> Path:
    """The ``shared`` folder: $EVENTWIRE_SHARED, else ``shared/`` beside the repository or above."""
    if "EVENTWIRE_SHARED" in os.environ:
        candidates = [Path(os.environ["EVENTWIRE_SHARED"])]
    else:
        here = (start or Path.cwd()).resolve()
        candidates = [parent / "shared" for parent in (here, *here.parents)] + [
            Path("/work/shared")
        ]
    for path in candidates:
        if (path / ARTICLES).is_file():
            return path
    raise EvaluationError(
        f"the real articles ({ARTICLES}) were not found in {', '.join(map(str, candidates))}; "
        "clone eventwire next to shared/ or set EVENTWIRE_SHARED"
    )


def read_texts(articles_path: Path) -> dict[str, dict[str, Any]]:
    """Every row of the realnews articles.jsonl by id."""
    try:
        lines = articles_path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise EvaluationError(f"{articles_path}: cannot read ({err.strerror})") from None
    rows = [json.loads(line) for line in lines if line.strip()]
    return {row["id"]: row for row in rows}


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _word_occurrences(text: str, surface: str) -> list[int]:
    """Starts of whole-word, case-sensitive occurrences of ``surface`` in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text)]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (a quote may itself cross a sentence end)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    after = _SENTENCE_END.search(text, end)
    if after is not None:
        right = after.end()
    while left < right and text[left].isspace():
        left += 1
    return left, right


class _Reader:
    """Turns one annotation file into a gold entry, naming the file and field in every error."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, where: str, problem: str) -> EvaluationError:
        return EvaluationError(f"{self.path}: {where}: {problem}")

    def quote(self, where: str, quote: Any) -> tuple[int, int]:
        if not isinstance(quote, str) or not quote.strip():
            raise self.fail(where, "expected a non-empty quote")
        if len(quote.split()) > MAX_QUOTE_WORDS:
            raise self.fail(
                where, f"quote longer than {MAX_QUOTE_WORDS} words (never copy the text)"
            )
        start = self.text.find(quote)
        if start < 0:
            raise self.fail(where, f"quote {quote!r} not found in the text")
        return start, start + len(quote)

    def mention(self, where: str, surface: Any, occurrence: Any) -> tuple[int, int]:
        if not isinstance(surface, str) or not surface:
            raise self.fail(where, "expected the place's surface text")
        starts = _word_occurrences(self.text, surface)
        index = 0 if occurrence is None else occurrence
        if not isinstance(index, int) or not 0 <= index < len(starts):
            raise self.fail(
                where, f"{surface!r} occurs {len(starts)} times as a word; no occurrence {index}"
            )
        return starts[index], starts[index] + len(surface)

    def coordinates(self, where: str, item: Mapping[str, Any]) -> dict[str, Any]:
        gid, lat, lon = item.get("geonameid"), item.get("lat"), item.get("lon")
        if gid is not None and not isinstance(gid, int):
            raise self.fail(where, f"geonameid must be an integer or null, got {gid!r}")
        place: dict[str, Any] = {"geonameid": gid}
        for name, value, bound in (("lat", lat, 90), ("lon", lon, 180)):
            if not isinstance(value, (int, float)) or not -bound <= value <= bound:
                raise self.fail(where, f"{name} must be a number within ±{bound}, got {value!r}")
            place[name] = float(value)
        return place

    def toponyms(self, items: Any) -> list[dict[str, Any]]:
        out = []
        for i, item in enumerate(items or ()):
            where = f"toponyms[{i}]"
            if not isinstance(item, Mapping):
                raise self.fail(where, "expected a mapping")
            surface = item.get("text")
            starts = (
                _word_occurrences(self.text, surface)
                if isinstance(surface, str) and surface
                else []
            )
            if not starts or not isinstance(surface, str):
                raise self.fail(where, f"{surface!r} does not occur as a word in the text")
            chosen = item.get("occurrences", "all")
            if chosen == "all":
                indices = list(range(len(starts)))
            elif isinstance(chosen, list) and all(
                isinstance(k, int) and 0 <= k < len(starts) for k in chosen
            ):
                indices = chosen
            else:
                raise self.fail(
                    where,
                    f"occurrences must be 'all' or indices below {len(starts)}, got {chosen!r}",
                )
            if item.get("kind") not in TOPONYM_KINDS:
                raise self.fail(
                    where, f"kind must be one of {sorted(TOPONYM_KINDS)}, got {item.get('kind')!r}"
                )
            place = self.coordinates(where, item)
            for k in indices:
                out.append(
                    {
                        "text": surface,
                        "start": starts[k],
                        "end": starts[k] + len(surface),
                        "kind": item["kind"],
                        **place,
                    }
                )
        return sorted(out, key=lambda t: t["start"])

    def count(self, where: str, value: Any) -> Any:
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            return value
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) for v in value)
            and 0 <= value[0] <= value[1]
        ):
            return list(value)
        raise self.fail(where, f"expected a count, null or [low, high], got {value!r}")

    def day(self, where: str, value: Any) -> Any:
        days = value if isinstance(value, list) else [value]
        if value is None:
            return None
        try:
            parsed = [v if isinstance(v, Date) else Date.fromisoformat(str(v)) for v in days]
        except ValueError:
            raise self.fail(
                where, f"expected an ISO date or [first, last], got {value!r}"
            ) from None
        if len(parsed) not in (1, 2) or parsed[0] > parsed[-1]:
            raise self.fail(where, f"expected an ISO date or [first, last], got {value!r}")
        iso = [d.isoformat() for d in parsed]
        return iso[0] if len(iso) == 1 else iso

    def actor(self, where: str, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, Mapping) or not isinstance(value.get("name"), str):
            raise self.fail(where, "expected null or {name, aliases}")
        aliases = value.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail(where, "aliases must be a list of strings")
        return {"name": value["name"], "aliases": list(aliases)}

    def event(self, i: int, item: Any, sub_types: Mapping[str, str]) -> dict[str, Any]:
        where = f"events[{i}]"
        if not isinstance(item, Mapping):
            raise self.fail(where, "expected a mapping")
        sub = item.get("sub_event_type")
        if not isinstance(sub, str) or sub not in sub_types:
            raise self.fail(where, f"unknown sub_event_type {sub!r}")
        if item.get("event_type") != sub_types[sub]:
            raise self.fail(
                where, f"{sub!r} belongs to {sub_types[sub]!r}, not {item.get('event_type')!r}"
            )
        if item.get("modality") not in MODALITIES:
            raise self.fail(where, f"modality must be one of {sorted(MODALITIES)}")
        attribution = item.get("attribution") or []
        if not isinstance(attribution, list) or not all(
            isinstance(a, str) and a for a in attribution
        ):
            raise self.fail(where, "attribution must be a list of names")
        location = None
        loc = item.get("location")
        if loc is not None:
            if not isinstance(loc, Mapping):
                raise self.fail(where, "location must be a mapping or null")
            start, end = self.mention(f"{where}.location", loc.get("text"), loc.get("occurrence"))
            precision = loc.get("precision", 1)
            if precision not in (1, 2, 3):
                raise self.fail(f"{where}.location", "precision must be 1, 2 or 3")
            location = {
                "text": loc["text"],
                "start": start,
                "end": end,
                "precision": precision,
                **self.coordinates(f"{where}.location", loc),
            }
        evidence = None
        if item.get("evidence") is not None:
            start, end = self.quote(f"{where}.evidence", item["evidence"])
            evidence = {"start": start, "end": end}
        return {
            "event_type": item["event_type"],
            "sub_event_type": sub,
            "actor1": self.actor(f"{where}.actor1", item.get("actor1")),
            "actor2": self.actor(f"{where}.actor2", item.get("actor2")),
            "location": location,
            "date": self.day(f"{where}.date", item.get("date")),
            "fatalities": self.count(f"{where}.fatalities", item.get("fatalities")),
            "injured": self.count(f"{where}.injured", item.get("injured")),
            "attribution": list(attribution),
            "modality": item["modality"],
            "evidence": evidence,
        }

    def non_events(self, items: Any) -> list[dict[str, Any]]:
        out = []
        for i, item in enumerate(items or ()):
            where = f"non_events[{i}]"
            if not isinstance(item, Mapping) or item.get("why") not in NON_EVENT_REASONS:
                raise self.fail(
                    where, f"expected {{quote, why}} with why in {sorted(NON_EVENT_REASONS)}"
                )
            start, end = sentence_span(self.text, *self.quote(where, item.get("quote")))
            out.append({"start": start, "end": end, "why": item["why"]})
        return out


def read_annotation(
    path: Path, rows: Mapping[str, Mapping[str, Any]], sub_types: Mapping[str, str]
) -> tuple[str, dict[str, Any]]:
    """One annotation file as ``(article id, gold entry)``; EvaluationError says what is wrong."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, ValueError) as err:  # ValueError: a date such as 2024-02-30
        raise EvaluationError(f"{path}: cannot read ({err})") from None
    if not isinstance(doc, Mapping) or doc.get("id") not in rows:
        raise EvaluationError(f"{path}: 'id' must name an article of realnews, got {doc!r:.60}")
    row = rows[doc["id"]]
    if doc.get("sha256") != sha256_text(row["text"]):
        raise EvaluationError(
            f"{path}: sha256 does not match the text of {doc['id']} (text changed?)"
        )
    reader = _Reader(path, row["text"])
    events = doc.get("events")
    if not isinstance(events, list):
        raise reader.fail("events", "expected a list (empty when the article has no event)")
    entry = {
        "toponyms": reader.toponyms(doc.get("toponyms")),
        "events": [reader.event(i, e, sub_types) for i, e in enumerate(events)],
        "non_events": reader.non_events(doc.get("non_events")),
    }
    return doc["id"], entry


def load_realdev(
    gold_dir: Path = REALDEV / "gold",
    shared: Path | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The gold document (``{"articles": {id: entry}}``) and the annotated articles' rows."""
    from eventwire.events.taxonomy import load_taxonomy

    articles_path = (shared or find_shared()) / ARTICLES
    rows = read_texts(articles_path)
    taxonomy = load_taxonomy()
    sub_types = {name: sub.event_type for name, sub in taxonomy.sub_types.items()}
    paths = sorted(gold_dir.glob("*.yaml"))
    if not paths:
        raise EvaluationError(f"{gold_dir}: no annotation files (*.yaml)")
    articles: dict[str, Any] = {}
    for path in paths:
        article_id, entry = read_annotation(path, rows, sub_types)
        articles[article_id] = entry
    return {"articles": articles}, [rows[i] for i in articles]


def article_records(rows: Iterable[Mapping[str, Any]]) -> list[Any]:
    """The realnews rows as :class:`eventwire.records.Article`, as ``eventwire run`` reads them."""
    from eventwire.ingest import make_article

    fields = ("id", "title", "text", "language", "published", "source", "url")
    return [
        make_article(
            {k: row.get(k) for k in fields}, origin=f"realnews:{row['id']}", max_chars=1_000_000
        )
        for row in rows
    ]


def review_counts(gold_dir: Path = REALDEV / "gold") -> dict[str, int]:
    """Articles reviewed a second time and fields changed by that review."""
    reviewed = changes = 0
    for path in sorted(gold_dir.glob("*.yaml")):
        review = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("review") or {}
        if isinstance(review.get("changes"), int):
            reviewed += 1
            changes += review["changes"]
    return {"files": len(list(gold_dir.glob("*.yaml"))), "reviewed": reviewed, "changes": changes}


def ids_by_language(ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for article_id in ids:
        out.setdefault(article_id.split("-")[1], []).append(article_id)
    return out
