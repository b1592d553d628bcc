"""Geoparsing evaluation on the gold corpora, on what ``eventwire extract`` outputs (issues 5, 13).

Two sources of predicted places are scored by :mod:`eventwire.evaluate.geoscore`:

* ``pipeline_places``: the ``places`` of the full pipeline's output for each document's raw
  text, exactly what ``eventwire extract`` writes (recognition P/R/F1, accuracy@161 over all
  gold toponyms and over the recognised ones);
* ``gold_span_places``: the resolver given the gold spans (resolution alone; gold
  adjectives are passed as demonyms, as the corpora link "Turkish" to Turkey).

Gold adjectival toponyms ("Turkish") and names nested in larger names ("Damascus
University") are not toponyms under ``../shared/ANNOTATION.md``: they are left out of the
gold and a place predicted on them is neither right nor wrong. Only the held-out 30 % of
each corpus is scored by default; the weights are fitted on the other 70 %.

>>> figures = corpus_figures(read_corpus(path).split("heldout"), pipeline=p, gazetteer=gaz,
...                          weights=w, lexicon=lex)                     # doctest: +SKIP
>>> round(figures["e2e"]["acc161_all"], 3)                               # doctest: +SKIP
0.8
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eventwire.evaluate.geocalib import place_reliability
from eventwire.evaluate.geocorpora import GoldCorpus, GoldDoc, GoldToponym
from eventwire.evaluate.geoscore import GoldPoint, level_of, score_documents
from eventwire.geo.demonyms import Demonyms
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.recognize import Mention, find_demonyms, with_hint
from eventwire.geo.resolve import Lookup, Weights, demonym_places, resolve
from eventwire.records import Article, Place, Span

_LANGUAGE = "en"  # every shared gold corpus is English


def gold_mentions(doc: GoldDoc, lexicon: Demonyms, *, language: str = _LANGUAGE) -> list[Mention]:
    """The gold spans as mentions (adjectival ones as demonyms), plus the text's demonyms."""
    out: list[Mention] = []
    for top in doc.toponyms:
        span = Span.of(doc.text, top.start, top.end)
        codes = lexicon.countries(top.text, language=language)
        if codes:
            out.append(Mention(span, kind="demonym", source="pattern", countries=codes))
        else:
            out.append(with_hint(doc.text, Mention(span, source="pattern")))
    taken = [(t.start, t.end) for t in doc.toponyms]
    out += find_demonyms(doc.text, language=language, lexicon=lexicon, taken=taken)
    return sorted(out, key=lambda m: m.span.start)


def predict(
    mentions: Sequence[Mention], gazetteer: Gazetteer, *, weights: Weights, lookup: Lookup
) -> list[Place]:
    """Places for toponym mentions, plus the countries that demonym mentions name."""
    places = resolve(mentions, gazetteer, weights=weights, lookup=lookup)
    return sorted(places + demonym_places(mentions, lookup), key=lambda p: p.mention.start)


def gold_points(toponyms: Sequence[GoldToponym], gazetteer: Gazetteer) -> list[GoldPoint]:
    """Gold toponyms as points to score; level and country from the gazetteer's record of the id."""
    out = []
    for top in toponyms:
        code, country = top.feature_code, None
        record = gazetteer.get(top.geonameid) if top.geonameid else None
        if record is not None:
            code, country = code or record.feature_code, record.country_code
        out.append(
            GoldPoint(
                top.start,
                top.end,
                top.lat,
                top.lon,
                top.geonameid,
                level_of(code),
                country,
                scored=top.kind == "toponym",
            )
        )
    return out


def pipeline_places(
    docs: Sequence[GoldDoc], pipeline: Any, *, prefix: str, language: str = _LANGUAGE
) -> Iterator[list[dict[str, Any]]]:
    """The ``places`` that ``pipeline`` outputs for each document's text, in order."""
    articles = [Article(id=f"{prefix}-{d.id}", text=d.text, language=language) for d in docs]
    for result in pipeline.extract_many(articles):
        yield result.to_dict()["places"]


def gold_span_places(
    doc: GoldDoc,
    gazetteer: Gazetteer,
    *,
    weights: Weights,
    lexicon: Demonyms,
    lookup: Lookup,
    language: str = _LANGUAGE,
) -> list[dict[str, Any]]:
    """The places the resolver gives the gold spans, as schema dicts."""
    mentions = gold_mentions(doc, lexicon, language=language)
    return [p.to_dict() for p in predict(mentions, gazetteer, weights=weights, lookup=lookup)]


def corpus_figures(
    corpus: GoldCorpus, *, pipeline: Any, gazetteer: Gazetteer, weights: Weights, lexicon: Demonyms
) -> dict[str, Any]:
    """End-to-end figures (from ``pipeline``'s places) and resolution given gold spans, with
    the reliability of the places' confidence (``geocalib``) for both."""
    lookup = Lookup(gazetteer)
    golds = [gold_points(d.toponyms, gazetteer) for d in corpus.docs]
    e2e_places = list(pipeline_places(corpus.docs, pipeline, prefix=corpus.name))
    span_places = [
        gold_span_places(d, gazetteer, weights=weights, lexicon=lexicon, lookup=lookup)
        for d in corpus.docs
    ]
    e2e = score_documents(zip(golds, e2e_places, strict=True))
    spans = score_documents(zip(golds, span_places, strict=True))
    ids = {p.geonameid for g in golds for p in g if p.scored and p.geonameid}
    return {
        "corpus": corpus.name,
        "docs": len(corpus.docs),
        "excluded": sum(not p.scored for g in golds for p in g),
        "gold_ids": len(ids),
        "gold_ids_missing": sum(gazetteer.get(i) is None for i in ids),
        "e2e": e2e.figures(),
        "resolve": spans.figures(),
        "reliability": {
            "e2e": place_reliability(zip(golds, e2e_places, strict=True)).figures(),
            "resolve": place_reliability(zip(golds, span_places, strict=True)).figures(),
        },
    }
