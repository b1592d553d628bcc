"""Fill an event's when, how many, according to whom and whether it happened (issue 7).

``fill_details(event, doc)`` is the one place that wires ``dates``, ``casualties``,
``attribution`` and ``modality`` together; each of those is a pure function tested on its own.

The event's **window** is its trigger's sentence followed by up to two sentences that continue the
same event: in the same paragraph, sharing a noun or proper-noun lemma with the trigger's
sentence ("les missiles"), holding no other event's trigger and no "another attack"/"par ailleurs"
break. Casualties read the window in order (the sample's figures are two sentences after the
trigger); attribution falls back on it when the trigger's sentence names no source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from eventwire.events.attribution import Source, attribution_chain, resolve_pronoun
from eventwire.events.casualties import find_casualties
from eventwire.events.dates import event_date
from eventwire.events.modality import modality
from eventwire.records import Attribution, Document, Event, Span

_MAX_FOLLOWING = 2
_BREAKS = {
    "fr": r"\b(?:par ailleurs|d'autre part|ailleurs|une autre attaque|un autre attentat|"
    r"dans un autre|en outre|séparément)\b",
    "en": r"\b(?:another attack|in another|separately|in a separate|elsewhere|meanwhile|"
    r"in other news)\b",
}
_STOP_LEMMAS = frozenset({"être", "avoir", "faire", "be", "have", "do", "an", "année", "year", "jour", "day"})


def fill_details(event: Event, doc: Document) -> Event:
    """Return ``event`` with date, casualties, attribution and modality filled from ``doc``.

    Languages other than French and English (or a document without a parse) keep only the
    publication date, flagged as such.
    """
    article = doc.article
    text, language = article.text, article.language or ""
    dated = event_date(text, language if language in ("fr", "en") else "en",
                       sentence=(event.sentence.start, event.sentence.end),
                       trigger=(event.trigger.start, event.trigger.end),
                       published=article.published, today=date.today())
    if dated is not None:
        event = replace(
            event, date=dated.date, date_precision=dated.precision,
            date_evidence=None if dated.evidence is None else Span.of(text, *dated.evidence),
            date_from_publication=dated.from_publication,
        )
    if doc.nlp is None or language not in ("fr", "en"):
        return event
    trigger = _token_at(doc.nlp, event.trigger.start)
    if trigger is None:
        return event
    other = [e.trigger.start for e in doc.events if e.trigger.start != event.trigger.start]
    window = event_window(trigger.sent, language, other_triggers=other)
    return _fill_parsed(event, doc, text, language, trigger, window)


def _fill_parsed(event: Event, doc: Document, text: str, language: str, trigger: Any,
                 window: list[Any]) -> Event:
    spans = [(s.start_char, s.end_char) for s in window]
    counts = find_casualties(text, language, windows=spans)
    chain = attribution_chain(window, trigger, language)
    sources = [resolve_pronoun(s, doc.nlp) for s in chain]
    reading = modality(trigger, language,
                       attributed=(chain[0].cue_start, chain[0].cue_end) if chain else None)
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


def _span(text: str, figure: Any) -> Span | None:
    return None if figure is None else Span.of(text, figure.start, figure.end)


def _attribution(text: str, source: Source) -> Attribution:
    if source.pronoun and source.name_start < source.start:
        return Attribution(source.name, Span.of(text, source.start, source.end))
    return Attribution(source.name, Span.of(text, source.name_start, source.name_end))


def _token_at(nlp_doc: Any, offset: int) -> Any:
    for token in nlp_doc:
        if token.idx <= offset < token.idx + max(len(token), 1):
            return token
    return None


def event_window(sentence: Any, language: str, *, other_triggers: Sequence[int] = ()) -> list[Any]:
    """The trigger's sentence and the following sentences that continue the same event."""
    doc = sentence.doc
    window = [sentence]
    lemmas = _content_lemmas(sentence)
    breaks = re.compile(_BREAKS.get(language, r"(?!x)x"), re.IGNORECASE)
    following = list(doc[sentence.end :].sents) if sentence.end < len(doc) else []
    previous = sentence
    for candidate in following[:_MAX_FOLLOWING]:
        if "\n" in doc.text[previous.end_char : candidate.start_char] or "\n" in candidate.text.strip():
            break
        if breaks.search(candidate.text) or any(
            candidate.start_char <= t < candidate.end_char for t in other_triggers
        ):
            break
        if not lemmas & _content_lemmas(candidate):
            break
        window.append(candidate)
        previous = candidate
    return window


def _content_lemmas(sentence: Any) -> set[str]:
    return {t.lemma_.lower() for t in sentence if t.pos_ in ("NOUN", "PROPN")
            and not t.is_stop and len(t.text) > 2 and t.lemma_.lower() not in _STOP_LEMMAS}
