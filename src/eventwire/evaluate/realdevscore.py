"""Figures of the real development set from the pipeline's output (issue 13, item 1).

``realdev_figures`` takes the gold document of :func:`eventwire.evaluate.realdev.load_realdev`,
the articles' rows and the pipeline's output (schema dicts, one per article) and returns:

* ``events``: the event table of ``eventwire eval events`` (:mod:`eventwire.evaluate.events`),
  per language and for all;
* ``geo``: recognition and accuracy@161 of the output's ``places`` against the gold toponyms
  (:mod:`eventwire.evaluate.geoscore`), and ``geo_gold_spans``: the resolver given the gold
  spans, when a gazetteer is passed;
* ``located``: the share of predicted events that happened (asserted or claimed) with
  coordinates;
* ``quiet``: over the articles whose gold has no event, the share with no predicted event
  that happened.

>>> quiet_share({"articles": {"a": {"events": []}, "b": {"events": [{}]}}}, {"a": []})
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventwire.evaluate.events import HAPPENED_MODALITIES, evaluate_events
from eventwire.evaluate.geocorpora import GoldDoc, GoldToponym
from eventwire.evaluate.geoparse import gold_span_places
from eventwire.evaluate.geoscore import GeoTally, GoldLevel, GoldPoint, score_document

# Gold kinds of the annotation guide -> the level a resolution is judged at.
_LEVELS: dict[str, GoldLevel] = {"country": "country", "adm1": "adm1"}
_FEATURE_CODES = {"country": "PCLI", "adm1": "ADM1"}


def gold_points(entry: Mapping[str, Any], country_of: Mapping[int, str]) -> list[GoldPoint]:
    """An article's gold toponyms as points; ``country_of`` gives the ISO code of a gold id."""
    out = []
    for top in entry.get("toponyms", ()):
        gid = top.get("geonameid")
        level = _LEVELS.get(top.get("kind"), "point")
        out.append(
            GoldPoint(
                top["start"],
                top["end"],
                top.get("lat"),
                top.get("lon"),
                gid,
                level,
                country_of.get(gid) if gid else None,
            )
        )
    return out


def _happened(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [e for e in events if e.get("modality") in HAPPENED_MODALITIES]


def located_share(predictions: Iterable[Mapping[str, Any]]) -> tuple[int, int]:
    """(events that happened with coordinates, events that happened) over all predictions."""
    happened = [e for p in predictions for e in _happened(p["events"])]
    located = sum((e.get("location") or {}).get("lat") is not None for e in happened)
    return located, len(happened)


def quiet_share(
    gold: Mapping[str, Any], events_by_id: Mapping[str, Sequence[Any]]
) -> tuple[int, int]:
    """(no-event articles with no predicted event that happened, no-event articles)."""
    empty = [i for i, entry in gold["articles"].items() if not entry.get("events")]
    quiet = sum(not _happened(events_by_id.get(i, ())) for i in empty)
    return quiet, len(empty)


def _gold_doc(article_id: str, text: str, entry: Mapping[str, Any]) -> GoldDoc:
    tops = tuple(
        GoldToponym(
            t["start"],
            t["end"],
            t["text"],
            t.get("geonameid"),
            t.get("lat"),
            t.get("lon"),
            _FEATURE_CODES.get(t.get("kind", "")),
        )
        for t in entry.get("toponyms", ())
    )
    return GoldDoc(article_id, text, tops)


def realdev_figures(
    gold: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    predictions: Sequence[Mapping[str, Any]],
    *,
    country_of: Mapping[int, str],
    resolver: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Every figure of the real development set (see the module doc).

    ``resolver`` holds ``gazetteer``, ``weights``, ``lexicon`` and ``lookup`` for the
    gold-span figures; without it they are left out.
    """
    languages = {str(r["id"]): str(r.get("language") or "und") for r in rows}
    by_id = {p["article"]["id"]: p for p in predictions}
    tallies = evaluate_events(gold, predictions, languages=languages)
    order = sorted(k for k in tallies if k != "all") + ["all"]
    texts = {str(r["id"]): str(r["text"]) for r in rows}
    geo, spans = _geo_tallies(
        gold, texts, by_id, languages, order, country_of=country_of, resolver=resolver
    )
    events_by_id = {i: p["events"] for i, p in by_id.items()}
    located, happened = located_share(by_id[i] for i in gold["articles"] if i in by_id)
    quiet, empty = quiet_share(gold, events_by_id)
    return {
        "articles": len(gold["articles"]),
        "events": {k: tallies[k].figures() for k in order},
        "geo": {k: geo[k].figures() for k in order},
        "geo_gold_spans": {k: spans[k].figures() for k in order} if resolver is not None else None,
        "located": {"located": located, "happened": happened, "share": _ratio(located, happened)},
        "quiet": {"quiet": quiet, "no_event_articles": empty, "share": _ratio(quiet, empty)},
    }


def _geo_tallies(
    gold: Mapping[str, Any],
    texts: Mapping[str, str],
    by_id: Mapping[str, Mapping[str, Any]],
    languages: Mapping[str, str],
    order: Sequence[str],
    *,
    country_of: Mapping[int, str],
    resolver: Mapping[str, Any] | None,
) -> tuple[dict[str, GeoTally], dict[str, GeoTally]]:
    """Place tallies per language and "all": the pipeline's places, and (with ``resolver``) the
    resolver's given the gold spans."""
    geo: dict[str, GeoTally] = {k: GeoTally() for k in order}
    spans: dict[str, GeoTally] = {k: GeoTally() for k in order}
    for article_id, entry in gold["articles"].items():
        points = gold_points(entry, country_of)
        places = by_id[article_id]["places"] if article_id in by_id else []
        language = languages.get(article_id, "und")
        tally = score_document(points, places)
        for key in (language, "all"):
            geo[key].add(tally)
        if resolver is not None:
            doc = _gold_doc(article_id, texts[article_id], entry)
            given = score_document(points, gold_span_places(doc, language=language, **resolver))
            for key in (language, "all"):
                spans[key].add(given)
    return geo, spans


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def gold_countries(gold: Mapping[str, Any], gazetteer: Any) -> dict[int, str]:
    """The ISO code of every gold toponym's GeoNames id that ``gazetteer`` holds."""
    out: dict[int, str] = {}
    for entry in gold["articles"].values():
        for top in entry.get("toponyms", ()):
            gid = top.get("geonameid")
            if gid and gid not in out:
                record = gazetteer.get(gid)
                if record is not None and record.country_code:
                    out[gid] = record.country_code
    return out
