"""Geoparsing evaluation on gold corpora, in two modes (issue 5).

``resolve``: the gold toponym spans are given, only resolution is scored.
``e2e``: from raw text, spaCy and ``recognize`` find the toponyms; recognition is scored
by exact span and resolution on the toponyms recognised exactly (Gritta et al.).
Adjectival toponyms ("Turkish" linked to Turkey) are scored, as LGL, TR-News and
GeoWebNews annotate them, unless ``adjectival=False`` or the corpus does not annotate them
(GeoVirus); eventwire reads them as demonyms naming a country. Plural nationality nouns
("Americans") are people, not toponyms, and are not predicted as places.

>>> report = evaluate_corpus(read_corpus(path), gazetteer=gaz, weights=w, mode="resolve")  # doctest: +SKIP
>>> round(report.resolution.accuracy_161, 3)                                              # doctest: +SKIP
0.87
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from eventwire.evaluate.geocorpora import GoldCorpus, GoldDoc, GoldToponym
from eventwire.evaluate.geometrics import (
    RecognitionScore,
    ResolutionScore,
    Resolved,
    recognition_score,
    resolution_score,
)
from eventwire.geo.demonyms import Demonyms
from eventwire.geo.gazetteer import Gazetteer
from eventwire.geo.recognize import Mention, find_demonyms, recognize, with_hint
from eventwire.geo.resolve import Lookup, Weights, demonym_places, resolve
from eventwire.records import Place, Span

Mode = Literal["resolve", "e2e"]
_LANGUAGE = "en"  # every shared gold corpus is English


@dataclass(frozen=True, slots=True)
class CorpusReport:
    """Scores of one corpus in one mode."""

    corpus: str
    mode: Mode
    docs: int
    recognition: RecognitionScore | None
    resolution: ResolutionScore
    gold_ids: int  # distinct gold GeoNames ids in the scored documents
    missing_ids: int  # of which the gazetteer in use has no record
    seconds: float


def gold_mentions(doc: GoldDoc, lexicon: Demonyms) -> list[Mention]:
    """The gold spans as mentions (adjectival ones as demonyms), plus the text's demonyms."""
    out: list[Mention] = []
    for top in doc.toponyms:
        span = Span.of(doc.text, top.start, top.end)
        codes = lexicon.countries(top.text, language=_LANGUAGE)
        if codes:
            out.append(Mention(span, kind="demonym", source="pattern", countries=codes))
        else:
            out.append(with_hint(doc.text, Mention(span, source="pattern")))
    taken = [(t.start, t.end) for t in doc.toponyms]
    out += find_demonyms(doc.text, language=_LANGUAGE, lexicon=lexicon, taken=taken)
    return sorted(out, key=lambda m: m.span.start)


def predict(
    mentions: Sequence[Mention], gazetteer: Gazetteer, *, weights: Weights, lookup: Lookup
) -> list[Place]:
    """Places for toponym mentions, plus the countries that demonym mentions name."""
    places = resolve(mentions, gazetteer, weights=weights, lookup=lookup)
    return sorted(places + demonym_places(mentions, lookup), key=lambda p: p.mention.start)


def _scored(doc: GoldDoc, adjectival: bool) -> list[GoldToponym]:
    return [t for t in doc.toponyms if adjectival or t.kind != "adjectival"]


def _pairs(gold: Iterable[GoldToponym], places: Sequence[Place]) -> Iterator[Resolved]:
    by_span = {(p.mention.start, p.mention.end): p for p in places}
    for top in gold:
        if top.lat is None or top.lon is None:
            continue
        place = by_span.get((top.start, top.end))
        if place is None:
            continue
        yield Resolved(top.lat, top.lon, top.geonameid, place.lat, place.lon, place.geonameid)


def evaluate_corpus(
    corpus: GoldCorpus,
    *,
    gazetteer: Gazetteer,
    weights: Weights,
    lexicon: Demonyms,
    mode: Mode,
    nlp: Any = None,
    adjectival: bool = True,
) -> CorpusReport:
    """Score ``corpus`` in ``mode``; ``e2e`` needs ``nlp``, an English spaCy pipeline."""
    started = time.perf_counter()
    adjectival = adjectival and corpus.adjectival
    lookup = Lookup(gazetteer)
    items: list[Resolved] = []
    recognition = RecognitionScore(0, 0, 0) if mode == "e2e" else None
    texts = [d.text for d in corpus.docs]
    parsed = nlp.pipe(texts, batch_size=16) if mode == "e2e" else iter(texts)
    for doc, parsed_doc in zip(corpus.docs, parsed, strict=True):
        gold = _scored(doc, adjectival)
        if mode == "resolve":
            mentions = gold_mentions(doc, lexicon)
        else:
            mentions = recognize(parsed_doc, language=_LANGUAGE, known=lookup.known,
                                 prominent=lookup.prominent, demonyms=lexicon)
            mentions = [m for m in mentions if not _people_noun(m, lexicon)]
        places = predict(mentions, gazetteer, weights=weights, lookup=lookup)
        if mode == "e2e":
            kept = [p for p in places if adjectival or not _is_demonym_place(p, mentions)]
            assert recognition is not None
            recognition += recognition_score(
                [(t.start, t.end) for t in gold], [(p.mention.start, p.mention.end) for p in kept]
            )
            places = kept
        items += _pairs(gold, places)
    ids = {t.geonameid for d in corpus.docs for t in _scored(d, adjectival) if t.geonameid}
    missing = sum(gazetteer.get(i) is None for i in ids)
    return CorpusReport(corpus.name, mode, len(corpus.docs), recognition,
                        resolution_score(items), len(ids), missing,
                        time.perf_counter() - started)


def _people_noun(mention: Mention, lexicon: Demonyms) -> bool:
    """A plural nationality noun ("Americans", "Turks"): people, not an adjectival toponym
    (the corpora annotate "American" in "American troops", hardly ever "Americans")."""
    word = mention.span.text
    return (mention.kind == "demonym" and word.endswith("s") and len(word) > 4
            and bool(lexicon.countries(word[:-1], language=_LANGUAGE)))


def _is_demonym_place(place: Place, mentions: Sequence[Mention]) -> bool:
    return any(m.kind == "demonym" and m.span == place.mention for m in mentions)
