"""Fill an event's when, how many, according to whom and whether it happened (issue 7).

``fill_details(event, doc, cues)`` is the one place that wires ``dates``, ``casualties``,
``attribution`` and ``modality`` together; each of those is a pure function tested on its own.

The event's **window** is its trigger's sentence followed by up to two sentences that continue the
same event: in the same paragraph, sharing a noun or proper-noun lemma with the trigger's
sentence ("les missiles"), holding no other event's trigger and no "another attack"/"par ailleurs"
break. Casualties read the window in order (the sample's figures are two sentences after the
trigger); attribution falls back on it when the trigger's sentence names no source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from itertools import islice
from typing import Any

from eventwire.events.attribution import (
    Source,
    attribution_chain,
    clause_span,
    counted_by_toll,
    event_sources,
    outlets,
    resolve_pronoun,
)
from eventwire.events.casualties import find_casualties
from eventwire.events.dates import event_date, find_dates
from eventwire.events.modality import modality
from eventwire.events.numbers import Cues
from eventwire.nlp.memo import per_doc
from eventwire.records import Attribution, Document, Event, Span

_MAX_FOLLOWING = 2
_HAPPENED = frozenset({"asserted", "claimed"})
_DEFINITE = frozenset(
    {"le", "la", "les", "l'", "ce", "cet", "cette", "ces", "the", "this", "these", "those"}
)
_BREAKS = {
    "fr": r"\b(?:par ailleurs|d'autre part|ailleurs|une autre attaque|un autre attentat|"
    r"dans un autre|en outre|séparément)\b",
    "en": r"\b(?:another attack|in another|separately|in a separate|elsewhere|meanwhile|"
    r"in other news)\b",
}
_STOP_LEMMAS = frozenset(
    {"être", "avoir", "faire", "be", "have", "do", "an", "année", "year", "jour", "day"}
)


def fill_details(event: Event, doc: Document, cues: Mapping[str, Cues]) -> Event:
    """Return ``event`` with date, casualties, attribution and modality filled from ``doc``.

    ``cues`` holds the cue lexicon of each language read (``fr``, ``en``). Other languages (or
    a document without a parse) keep only the dates the English cues find, else the
    publication date, flagged as such. A planned, hypothetical or denied event takes its date
    from its own sentence only.
    """
    article = doc.article
    text, own = article.text, cues.get(article.language or "")
    following: list[tuple[int, int]] = []
    if doc.nlp is not None and own is not None:
        trigger = token_at(doc.nlp, event.trigger.start)
        if trigger is not None:
            others = [e for e in doc.events if e.trigger.start != event.trigger.start]
            kin = [e.trigger.start for e in others if _retells(e, event, doc.nlp)]
            window = event_window(
                trigger.sent,
                own,
                other_triggers=[e.trigger.start for e in others],
                kin_triggers=kin,
                trigger=trigger.idx,
            )
            window = [_within(window[0], event.sentence), *window[1:]]
            event = _fill_parsed(event, doc, text, own, trigger, window)
            following = [(p.start_char, p.end_char) for p in window]
    dated = event_date(
        text,
        own or cues["en"],
        sentence=(event.sentence.start, event.sentence.end),
        trigger=(event.trigger.start, event.trigger.end),
        following=following,
        published=article.published,
        today=ingestion_date(article.ingested),
        context=event.modality in _HAPPENED,
    )
    if dated is None:
        return replace(
            event,
            date=None,
            date_precision=None,
            date_evidence=None,
            date_from_publication=False,
            date_year_inferred=False,
        )
    return replace(
        event,
        date=dated.date,
        date_precision=dated.precision,
        date_evidence=None if dated.evidence is None else Span.of(text, *dated.evidence),
        date_from_publication=dated.from_publication,
        date_year_inferred=dated.year_inferred,
    )


def ingestion_date(ingested: str | None) -> date | None:
    """The upper bound of an undated article's inferred year: the day it was ingested.

    Passed in with the article (issue 14), never read from the clock: a stored article keeps
    its dates when reprocessed. None (an article built by hand) infers no weekday year.
    """
    return None if ingested is None else date.fromisoformat(ingested[:10])


def _retells(other: Event, event: Event, nlp_doc: Any) -> bool:
    """Whether ``other`` may be ``event`` told again: same type, and the same place (or none),
    or a definite noun ("Les affrontements", "the clashes") pointing back at it."""
    if other.event_type != event.event_type:
        return False
    if not _placed_in_sentence(other) or not _placed_in_sentence(event):
        return True  # "Four fighters were killed": a place from elsewhere in the text says nothing
    if _place(other) == _place(event):
        return True
    token = token_at(nlp_doc, other.trigger.start)
    return (
        token is not None
        and token.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)
    )


def _placed_in_sentence(event: Event) -> bool:
    """Whether the event's place is named in its own sentence (not the article's focus)."""
    place = event.location
    return place is not None and event.sentence.start <= place.mention.start < event.sentence.end


def _place(event: Event) -> str:
    place = event.location
    if place is None:
        return ""
    return str(place.geonameid) if place.geonameid is not None else place.mention.text.lower()


def _fill_parsed(
    event: Event, doc: Document, text: str, cues: Cues, trigger: Any, window: list[Any]
) -> Event:
    spans = [(s.start_char, s.end_char) for s in window]
    counts = find_casualties(text, cues, windows=spans)
    figure = counts.killed or counts.injured
    uncut = event_window(trigger.sent, cues, trigger=trigger.idx) if len(window) == 1 else window
    chain = attribution_chain(
        window,
        trigger,
        cues,
        focus=None if figure is None else figure.start,
        following=uncut[1] if len(uncut) > 1 else None,
        preceding=_paragraph_before(trigger.sent),
    )
    publishers = outlets(doc.article.source, text)
    chain = event_sources(chain, publishers, pronouns=True)  # "a-t-il dit" still makes it claimed
    sources = event_sources([resolve_pronoun(s, doc.nlp, cues) for s in chain], publishers)
    # Claimed only when the event itself is reported on someone's word: a source in the
    # trigger's own sentence. A source named later gives the toll, not the event (dev set rule).
    first = clause_span(window[0])  # with the reporting clause the parser cut off
    own = bool(chain) and first.start_char <= chain[0].cue_start < first.end_char
    own = own and not counted_by_toll(trigger, cues)  # the speaker gives the toll only
    reading = modality(
        trigger, cues, attributed=(chain[0].cue_start, chain[0].cue_end) if own else None
    )
    return replace(
        event,
        fatalities=None if counts.killed is None else counts.killed.value,
        fatalities_evidence=_span(text, counts.killed),
        injured=None if counts.injured is None else counts.injured.value,
        injured_evidence=_span(text, counts.injured),
        casualty_note=counts.note,
        attribution=tuple(_attribution(text, s) for s in sources),
        modality=reading.modality,
        modality_evidence=None if reading.evidence is None else Span.of(text, *reading.evidence),
    )


_PARAGRAPH_REACH = 3  # sentences back to the "According to X," that opens a run of claims


def _paragraph_before(sentence: Any) -> list[Any]:
    """Up to three parser sentences before ``sentence`` in its paragraph, nearest first."""
    doc = sentence.doc
    out: list[Any] = []
    while len(out) < _PARAGRAPH_REACH and sentence.start > 0:
        previous = doc[sentence.start - 1].sent
        if "\n" in doc[previous.start : sentence.start].text.strip():
            break
        if any("\n" in t.text_with_ws for t in doc[previous.end - 1 : sentence.start]):
            break
        out.append(previous)
        sentence = previous
    return out


def _span(text: str, figure: Any) -> Span | None:
    return None if figure is None else Span.of(text, figure.start, figure.end)


def _attribution(text: str, source: Source) -> Attribution:
    if source.pronoun and source.name_start < source.start:
        return Attribution(source.name, Span.of(text, source.start, source.end))
    return Attribution(source.name, Span.of(text, source.name_start, source.name_end))


def token_at(nlp_doc: Any, offset: int) -> Any:
    """The token covering character ``offset``, or None (spaCy's char lookup, not a scan)."""
    if offset < 0 or len(nlp_doc) == 0 or offset >= nlp_doc[-1].idx + len(nlp_doc[-1].text_with_ws):
        return None  # (Doc.text rebuilds the whole text on every call)
    span = nlp_doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[0]
    return token if token.idx <= offset < token.idx + max(len(token), 1) else None


def event_window(
    sentence: Any,
    cues: Cues,
    *,
    other_triggers: Sequence[int] = (),
    kin_triggers: Sequence[int] = (),
    trigger: int | None = None,
) -> list[Any]:
    """The trigger's sentence and the following sentences that continue the same event.

    Sentences are the parser's, cut again at line breaks and at a full stop before a capital
    (``pieces``): a parser sentence may run over a paragraph break. ``trigger`` (an offset)
    picks the piece the window starts from. A sentence holding another event's trigger ends
    the window, unless that event is of the same type and the sentence names no date of its
    own ("Les affrontements … ont fait sept morts" after "ont attaqué lundi": one clash
    told twice).
    """
    doc = sentence.doc
    parts = pieces(sentence)
    at = trigger if trigger is not None else sentence.start_char
    index = next((i for i, p in enumerate(parts) if p.start_char <= at < p.end_char), 0)
    first = parts[index]
    following = parts[index + 1 :]
    if sentence.end < len(doc):
        # Lazily: only the first few pieces are needed, not those of the whole rest of the text.
        following += list(
            islice((p for s in doc[sentence.end :].sents for p in pieces(s)), _MAX_FOLLOWING)
        )
    window = [first]
    lemmas = _content_lemmas(first)
    breaks = re.compile(_BREAKS.get(cues.language, r"(?!x)x"), re.IGNORECASE)
    previous = first
    for candidate in following[:_MAX_FOLLOWING]:
        if "\n" in _gap(doc, previous, candidate) or "\n" in candidate.text.strip():
            break
        if breaks.search(candidate.text):
            break
        if not lemmas & _content_lemmas(candidate) and not _continues(candidate):
            break
        inside = [t for t in other_triggers if candidate.start_char <= t < candidate.end_char]
        if inside and (set(inside) - set(kin_triggers) or find_dates(candidate.text, cues)):
            break
        window.append(candidate)
        previous = candidate
    return window


def _within(piece: Any, sentence: Span) -> Any:
    """The piece cut to the event's own sentence: a clause the extractor told apart (", while a
    bomb killed three …") keeps its toll and its sources to itself."""
    start, end = max(piece.start_char, sentence.start), min(piece.end_char, sentence.end)
    if (start, end) == (piece.start_char, piece.end_char) or start >= end:
        return piece
    cut = piece.doc.char_span(start, end, alignment_mode="contract")
    return piece if cut is None or len(cut) == 0 else cut


def _continues(piece: Any) -> bool:
    """Whether the piece goes on telling what came before: the parser cut a sentence mid-clause
    (it opens on a comma or a small letter: ", ont rapporté mercredi des sources", "said
    officials"), or its subject is a third-person pronoun pointing back ("Elle a coûté la vie à
    deux soldats", "It left six dead")."""
    first = piece.text[:1]
    return first in ",;" or first.islower() or _pronoun_subject(piece[0])


def _pronoun_subject(token: Any) -> bool:
    return (
        token.pos_ == "PRON"
        and token.dep_.startswith("nsubj")
        and "3" in token.morph.get("Person")
        and not {"Rel", "Int"} & set(token.morph.get("PronType"))
    )


def _gap(doc: Any, before: Any, after: Any) -> str:
    """The text between two spans, from their tokens (``Doc.text`` rebuilds the whole text)."""
    return str(doc[before.end - 1].whitespace_) + "".join(
        t.text_with_ws for t in doc[before.end : after.start]
    )


def pieces(sentence: Any) -> list[Any]:
    """``sentence`` cut at line breaks and at a full stop followed by a capital or a quote."""
    # Each event's window cuts the same sentences again: once per document.
    key = ("pieces", sentence.start, sentence.end)
    return list(per_doc(sentence.doc, key, None, lambda: tuple(_pieces(sentence))))


def _pieces(sentence: Any) -> list[Any]:
    doc = sentence.doc
    out, start = [], sentence.start
    for token in sentence:
        cut = None
        if token.is_space and "\n" in token.text:
            cut = token.i
        elif token.text in (".", "!", "?") and token.i + 1 < sentence.end:
            nxt = doc[token.i + 1]
            while nxt.is_space and nxt.i + 1 < sentence.end:
                nxt = doc[nxt.i + 1]
            if nxt.text[:1].isupper() or nxt.text[:1] in '«"“':
                cut = token.i + 1
        if cut is not None and cut > start:
            out.append(_strip(doc[start:cut]))
            start = cut
    if start < sentence.end:
        out.append(_strip(doc[start : sentence.end]))
    return [p for p in out if p is not None] or [sentence]


def _strip(span: Any) -> Any:
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def _content_lemmas(sentence: Any) -> frozenset[str]:
    key = ("content_lemmas", sentence.start, sentence.end)
    return per_doc(sentence.doc, key, None, lambda: _lemmas_of(sentence))


def _lemmas_of(sentence: Any) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower()
        for t in sentence
        if t.pos_ in ("NOUN", "PROPN")
        and not t.is_stop
        and len(t.text) > 2
        and t.lemma_.lower() not in _STOP_LEMMAS
    )
