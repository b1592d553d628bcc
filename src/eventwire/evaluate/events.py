"""Score extracted events against the authored gold of ``evaluation/devset`` (issue 6, item 4).

Predictions are schema dicts (``Result.to_dict()``); the gold is the dev set's ``gold.json``
(``{"articles": {id: {"toponyms", "events", "non_events"}}}``). Within one article, gold
and predicted events are paired one-to-one, greedily by decreasing similarity:

* a pair is only possible when both event types are in the same family (political
  violence: Battles, Explosions/Remote violence, Violence against civilians;
  demonstrations: Protests, Riots; Strategic developments);
* similarity = 0.40 location + 0.25 date + 0.20 actors + 0.15 type, where location is 1
  when the spans overlap, the GeoNames ids are equal or the normalized names are equal,
  0.75 within 161 km, else 0; date is 1 when equal, 0.5 within two days; actors is 1 when
  a predicted actor matches a gold actor (name or alias); type is 1 for the same
  sub-event type, 0.5 for the same event type;
* pairs below ``MIN_SIMILARITY`` (0.4) are not matched: a correct location alone, or the
  right date and actor, is enough; the right type alone is not.

Two matchings are made: over events that happened (modality asserted or claimed) on both
sides, and over all events (denied, planned and hypothetical ones too). Field accuracies
are taken on the pairs of the all-events matching; for Battles, whose two sides ACLED does
not order, actor1/actor2 also count as right when swapped. A gold non-event counts as
"extracted as happened" when a predicted event that happened has its trigger inside the
non-event's span.

>>> normalize_name("Hachd al-Chaabi") == normalize_name("HACHD AL CHAABI")
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.evaluate.geometrics import ACCURACY_RADIUS_KM, haversine_km
from eventwire.events import acled

MIN_SIMILARITY = 0.4
#: Stricter than ``Event.happened``: a denied event is reported, not asserted (issue 6).
HAPPENED_MODALITIES = frozenset({"asserted", "claimed"})
FAMILIES: Mapping[str, str] = {
    acled.BATTLES: "violence",
    acled.EXPLOSIONS: "violence",
    acled.VIOLENCE_AGAINST_CIVILIANS: "violence",
    acled.PROTESTS: "demonstrations",
    acled.RIOTS: "demonstrations",
    acled.STRATEGIC_DEVELOPMENTS: "strategic",
}
#: Per-field accuracy keys, in the order the table prints them.
FIELDS = (
    "sub_event_type",
    "event_type",
    "date",
    "fatalities",
    "injured",
    "actor1",
    "actor2",
    "attribution_nearest",
    "attribution_chain",
    "modality",
    "location_161km",
)


#: ACLED names carry a regime period ("Military Forces of Mali (2021-)"); names compare without it.
_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)")


def normalize_name(name: str) -> str:
    """Casefold, strip diacritics, punctuation and an ACLED period: ``"Daech"`` equals ``"DAÉCH"``.

    >>> a, b = "Military Forces of Mali (2021-)", "military forces of mali"
    >>> normalize_name(a) == normalize_name(b)
    True
    """
    decomposed = unicodedata.normalize("NFKD", _PERIOD.sub(" ", name).replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


@dataclass(frozen=True, slots=True)
class Loc:
    """A location as both sides give it; every part may be missing."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


#: A count as gold gives it: exact, unknown (None) or a range ``(low, high)`` for vague figures.
Count = int | tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class EventView:
    """The fields the evaluator compares, read from a gold or a predicted event dict."""

    event_type: str
    sub_event_type: str
    actor1: frozenset[str]  # normalized name and aliases; empty when no actor
    actor2: frozenset[str]
    location: Loc | None
    date: str | None
    fatalities: Count
    injured: Count
    attribution: tuple[str, ...]
    modality: str
    trigger: tuple[int, int] | None = None
    #: Last day of a gold period ("dans la nuit de lundi à mardi"); ``date`` is its first day.
    date_last: str | None = None

    @property
    def happened(self) -> bool:
        return self.modality in HAPPENED_MODALITIES


def _actor_names(actor: Any) -> frozenset[str]:
    """Gold: the name and aliases; prediction: the canonical name and the article's words."""
    if not isinstance(actor, Mapping) or not actor.get("name"):
        return frozenset()
    names = [str(actor["name"]), *(str(a) for a in actor.get("aliases") or ())]
    if actor.get("text"):
        names.append(str(actor["text"]))
    return frozenset(normalize_name(n) for n in names)


def _count(value: Any) -> Count:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None if value is None else int(value)


def count_ok(gold: Count, pred: Count) -> bool:
    """A range accepts unknown or any value inside it; otherwise the counts must be equal."""
    if isinstance(gold, tuple):
        return pred is None or (isinstance(pred, int) and gold[0] <= pred <= gold[1])
    return gold == pred


def _loc(obj: Any) -> Loc | None:
    if not isinstance(obj, Mapping):
        return None
    return Loc(
        text=obj.get("text"),
        start=obj.get("start"),
        end=obj.get("end"),
        geonameid=obj.get("geonameid"),
        lat=obj.get("lat"),
        lon=obj.get("lon"),
    )


def _attribution_names(items: Any) -> tuple[str, ...]:
    names = (i.get("name") if isinstance(i, Mapping) else i for i in items or ())
    return tuple(normalize_name(str(n)) for n in names if n)


def event_view(event: Mapping[str, Any]) -> EventView:
    """Read the compared fields from a gold event or a schema event dict."""
    trigger = event.get("trigger")
    date = event.get("date")
    first, last = (date[0], date[-1]) if isinstance(date, (list, tuple)) else (date, date)
    return EventView(
        event_type=str(event.get("event_type") or ""),
        sub_event_type=str(event.get("sub_event_type") or ""),
        actor1=_actor_names(event.get("actor1")),
        actor2=_actor_names(event.get("actor2")),
        location=_loc(event.get("location")),
        date=str(first)[:10] if first else None,
        date_last=str(last)[:10] if last else None,
        fatalities=_count(event.get("fatalities")),
        injured=_count(event.get("injured")),
        attribution=_attribution_names(event.get("attribution")),
        modality=str(event.get("modality") or "asserted"),
        trigger=(trigger["start"], trigger["end"]) if isinstance(trigger, Mapping) else None,
    )


def _distance_km(a: Loc, b: Loc) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(float(a.lat), float(a.lon), float(b.lat), float(b.lon))  # type: ignore[arg-type]


def location_score(gold: Loc | None, pred: Loc | None) -> float:
    """1 for the same mention or place, 0.75 within 161 km, else 0."""
    if gold is None or pred is None:
        return 0.0
    spans = None not in (gold.start, gold.end, pred.start, pred.end)
    if spans and pred.start < gold.end and gold.start < pred.end:  # type: ignore[operator]
        return 1.0
    if gold.geonameid is not None and gold.geonameid == pred.geonameid:
        return 1.0
    if gold.text and pred.text and normalize_name(gold.text) == normalize_name(pred.text):
        return 1.0
    distance = _distance_km(gold, pred)
    return 0.75 if distance is not None and distance <= ACCURACY_RADIUS_KM else 0.0


def _days_outside(gold: EventView, pred: str | None) -> int | None:
    """Days between ``pred`` and the gold day or period (0 inside it); None when unknown."""
    if gold.date is None or pred is None:
        return None
    try:
        day = Date.fromisoformat(pred)
        first = Date.fromisoformat(gold.date)
        last = Date.fromisoformat(gold.date_last or gold.date)
    except ValueError:
        return None
    return max((first - day).days, (day - last).days, 0)


def _date_score(gold: EventView, pred: str | None) -> float:
    days = _days_outside(gold, pred)
    if days is None:
        return 0.0
    return 1.0 if days == 0 else 0.5 if days <= 2 else 0.0


def similarity(gold: EventView, pred: EventView) -> float:
    """How likely ``pred`` reports the ``gold`` event; 0 across event-type families."""
    family = FAMILIES.get(gold.event_type)
    if family is None or family != FAMILIES.get(pred.event_type):
        return 0.0
    actors = 1.0 if (gold.actor1 | gold.actor2) & (pred.actor1 | pred.actor2) else 0.0
    if gold.sub_event_type.casefold() == pred.sub_event_type.casefold():
        kind = 1.0
    else:
        kind = 0.5 if gold.event_type == pred.event_type else 0.0
    return (
        0.40 * location_score(gold.location, pred.location)
        + 0.25 * _date_score(gold, pred.date)
        + 0.20 * actors
        + 0.15 * kind
    )


def match_events(
    gold: Sequence[EventView], pred: Sequence[EventView], *, threshold: float = MIN_SIMILARITY
) -> list[tuple[int, int]]:
    """Pair gold and predicted events one-to-one, best similarity first; returns index pairs.

    >>> g = event_view({"event_type": "Protests", "sub_event_type": "Peaceful protest",
    ...                 "date": "2024-01-02", "actor1": {"name": "Protesters (Mali)"}})
    >>> match_events([g], [g])
    [(0, 0)]
    """
    scored = [(similarity(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)]
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, gi, pi in scored:
        if score < threshold or gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def _singular(word: str) -> str:
    """A word without its plural ending: "sources" -> "source", "witnesses" -> "witness".

    Both sides are folded alike (issue 15): "security sources" and "security source", "sources
    locales" and "source locale" name the same kind of speaker, and the guide asks for the
    speaker's noun phrase, not its grammatical number.
    """
    if word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _names_match(gold: str, pred: str) -> bool:
    """Attribution names match when equal or one's words are a run inside the other's.

    Words compare without their plural ending (:func:`_singular`).
    """
    if gold == pred:
        return True
    short, long = sorted(
        ([_singular(w) for w in gold.split()], [_singular(w) for w in pred.split()]), key=len
    )
    return bool(short) and any(
        long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)
    )


def _actor_ok(gold: frozenset[str], pred: frozenset[str]) -> bool:
    return gold == pred if not gold or not pred else bool(gold & pred)


def field_results(gold: EventView, pred: EventView) -> dict[str, bool]:
    """Whether each compared field of a matched pair is right (see ``FIELDS``)."""
    distance = None
    if gold.location is not None and pred.location is not None:
        distance = _distance_km(gold.location, pred.location)
    chain_ok = len(gold.attribution) == len(pred.attribution) and all(
        _names_match(g, p) for g, p in zip(gold.attribution, pred.attribution)
    )
    if gold.attribution and pred.attribution:
        nearest_ok = _names_match(gold.attribution[0], pred.attribution[0])
    else:
        nearest_ok = not gold.attribution and not pred.attribution
    actor1_ok = _actor_ok(gold.actor1, pred.actor1)
    actor2_ok = _actor_ok(gold.actor2, pred.actor2)
    if gold.event_type == acled.BATTLES and not (actor1_ok and actor2_ok):
        swapped = _actor_ok(gold.actor1, pred.actor2) and _actor_ok(gold.actor2, pred.actor1)
        actor1_ok = actor2_ok = swapped
    return {
        "sub_event_type": gold.sub_event_type.casefold() == pred.sub_event_type.casefold(),
        "event_type": gold.event_type == pred.event_type,
        "date": _days_outside(gold, pred.date) == 0 or (gold.date is None and pred.date is None),
        "fatalities": count_ok(gold.fatalities, pred.fatalities),
        "injured": count_ok(gold.injured, pred.injured),
        "actor1": actor1_ok,
        "actor2": actor2_ok,
        "attribution_nearest": nearest_ok,
        "attribution_chain": chain_ok,
        "modality": gold.modality == pred.modality,
        "location_161km": (
            pred.location is None
            if gold.location is None
            else distance is not None and distance <= ACCURACY_RADIUS_KM
        ),
    }


@dataclass(slots=True)
class Tally:
    """Counts behind every figure; tallies of several articles add up."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_all: int = 0
    fp_all: int = 0
    fn_all: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    non_events: int = 0
    non_events_extracted: int = 0
    articles: int = 0

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts to this tally."""
        for name in (
            "tp",
            "fp",
            "fn",
            "tp_all",
            "fp_all",
            "fn_all",
            "matched",
            "non_events",
            "non_events_extracted",
            "articles",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key in FIELDS:
            self.correct[key] += other.correct[key]

    def figures(self) -> dict[str, float | int | None]:
        """P/R/F1, field accuracies and the non-event share; None where undefined."""
        out: dict[str, float | int | None] = {"articles": self.articles}
        for suffix, (tp, fp, fn) in (
            ("", (self.tp, self.fp, self.fn)),
            ("_all", (self.tp_all, self.fp_all, self.fn_all)),
        ):
            p, r, f = prf(tp, fp, fn)
            out |= {f"precision{suffix}": p, f"recall{suffix}": r, f"f1{suffix}": f}
            out |= {f"gold{suffix}": tp + fn, f"predicted{suffix}": tp + fp}
        out["matched_all"] = self.matched
        for key in FIELDS:
            out[f"acc_{key}"] = self.correct[key] / self.matched if self.matched else None
        out["non_events"] = self.non_events
        out["non_events_extracted_share"] = (
            self.non_events_extracted / self.non_events if self.non_events else None
        )
        return out


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1; None when a denominator is 0 (F1 None if P or R is)."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    if p is None or r is None:
        return p, r, None
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _inside(trigger: tuple[int, int] | None, span: Mapping[str, Any]) -> bool:
    return trigger is not None and span["start"] <= trigger[0] and trigger[1] <= span["end"]


def score_article(gold: Mapping[str, Any], predicted: Sequence[Mapping[str, Any]]) -> Tally:
    """Count one article: ``gold`` is its entry in gold.json, ``predicted`` its schema events."""
    g_all = [event_view(e) for e in gold.get("events", ())]
    p_all = [event_view(e) for e in predicted]
    tally = Tally(articles=1)
    g_hap = [e for e in g_all if e.happened]
    p_hap = [e for e in p_all if e.happened]
    pairs = match_events(g_hap, p_hap)
    tally.tp, tally.fn, tally.fp = len(pairs), len(g_hap) - len(pairs), len(p_hap) - len(pairs)
    pairs_all = match_events(g_all, p_all)
    tally.tp_all = len(pairs_all)
    tally.fn_all, tally.fp_all = len(g_all) - len(pairs_all), len(p_all) - len(pairs_all)
    tally.matched = len(pairs_all)
    for gi, pi in pairs_all:
        for key, ok in field_results(g_all[gi], p_all[pi]).items():
            tally.correct[key] += ok
    non_events = list(gold.get("non_events", ()))
    tally.non_events = len(non_events)
    tally.non_events_extracted = sum(
        any(p.happened and _inside(p.trigger, span) for p in p_all) for span in non_events
    )
    return tally


def evaluate_events(
    gold: Mapping[str, Any],
    predictions: Iterable[Mapping[str, Any]],
    *,
    languages: Mapping[str, str] | None = None,
) -> dict[str, Tally]:
    """Tally every gold article by language, plus ``"all"``; missing predictions count as none.

    ``languages`` maps article id to language (default: the prediction's
    ``article.language``); predictions for articles absent from the gold are ignored.
    """
    by_id = {p["article"]["id"]: p for p in predictions}
    tallies: dict[str, Tally] = {"all": Tally()}
    for article_id, entry in gold["articles"].items():
        pred = by_id.get(article_id)
        events = pred["events"] if pred is not None else []
        language = (languages or {}).get(article_id)
        if language is None and pred is not None:
            language = pred["article"].get("language")
        tally = score_article(entry, events)
        tallies["all"].add(tally)
        tallies.setdefault(language or "und", Tally()).add(tally)
    return tallies


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold.json (``{"articles": {id: {...}}}``); EvaluationError names what is wrong."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise EvaluationError(f"{path}: cannot read ({err.strerror})") from None
    except json.JSONDecodeError as err:
        raise EvaluationError(f"{path}:{err.lineno}: invalid JSON ({err.msg})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), dict):
        raise EvaluationError(f'{path}: expected an object {{"articles": {{id: {{...}}}}}}')
    for article_id, entry in gold["articles"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("events", []), list):
            raise EvaluationError(
                f"{path}: article {article_id!r}: expected an object with an 'events' list"
            )
    return gold
