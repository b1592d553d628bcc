"""The two event stages: ``actors`` (every actor mention) and ``events`` (typed, located events).

Both constructors only store what they are given; load the tables with
:func:`~eventwire.events.actors.load_actor_dictionary`,
:func:`~eventwire.events.triggers.load_lexicons`, :func:`~eventwire.events.numbers.load_cues`,
:func:`~eventwire.events.roles.load_frames` and :func:`~eventwire.events.taxonomy.load_taxonomy`
(``pipeline.build_stages`` does).

>>> from eventwire.events.actors import load_actor_dictionary
>>> from eventwire.events.numbers import load_cues
>>> from eventwire.events.roles import load_frames
>>> from eventwire.events.taxonomy import load_taxonomy
>>> from eventwire.events.triggers import load_lexicons
>>> actors = load_actor_dictionary()
>>> stages = [ActorStage(actors),
...           EventStage({"fr": load_lexicons("fr"), "en": load_lexicons("en")}, load_taxonomy(),
...                      actors, cues={"fr": load_cues("fr"), "en": load_cues("en")},
...                      frames=load_frames())]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar

from eventwire.events.actors import ActorDictionary, ner_actors
from eventwire.events.codebook import Codebook, retype
from eventwire.events.details import fill_details
from eventwire.events.extract import Candidate, find_candidates, merge_mentions, split_by_place
from eventwire.events.generic import is_campaign, is_generic
from eventwire.events.genre import GenreCues, article_genre, off_topic
from eventwire.events.incidents import (
    consolidate,
    names_struck_place,
    refers_to_context,
    situate,
)
from eventwire.events.numbers import Cues
from eventwire.events.roles import Frames
from eventwire.events.taxonomy import Taxonomy
from eventwire.events.timeframe import ReportingWindow, counts_from, over_periods, running_total
from eventwire.events.triggers import Lexicon
from eventwire.records import Actor, Document, Event, NonEvent, NonEventReason
from eventwire.stage import Stage

__all__ = ["ActorStage", "EventStage", "find_actors"]

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "X"})


def find_actors(doc: Document, dictionary: ActorDictionary) -> tuple[Actor, ...]:
    """Every actor mention of the article: dictionary names, unnamed groups, then NER persons/orgs.

    Unnamed groups ("militaires", "civils") count only as nouns: "questions militaires" is no actor.
    Country names alone are places, never actor mentions.
    """
    text = doc.article.text
    found = dictionary.find(text)
    if doc.nlp is None:
        return tuple(found)
    kept = [a for a in found if not dictionary.is_generic(a) or _is_nominal(doc.nlp, a)]
    return tuple(sorted([*kept, *ner_actors(doc.nlp, kept, text)], key=lambda a: a.mention.start))


class ActorStage(Stage):
    """Fill ``doc.actors`` with every actor mention (the geoparser then skips those spans)."""

    name: ClassVar[str] = "actors"
    requires: ClassVar[tuple[str, ...]] = ("nlp",)
    assigns: ClassVar[tuple[str, ...]] = ("actors",)

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary

    def __call__(self, doc: Document) -> Document:
        return doc.evolve(actors=find_actors(doc, self.dictionary))


class EventStage(Stage):
    """Fill ``doc.events``: detect, type, find actors, locate, details, time frame, fold, split.

    Mentions dated before the reporting window become ``doc.non_events`` (background); the
    mentions left are folded per incident (:func:`~eventwire.events.incidents.consolidate`).
    """

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("nlp", "places", "actors")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(
        self,
        lexicons: Mapping[str, Lexicon],
        taxonomy: Taxonomy,
        actors: ActorDictionary,
        *,
        cues: Mapping[str, Cues],
        frames: Frames,
        window: ReportingWindow = ReportingWindow(),
        genre: Mapping[str, GenreCues] | None = None,
        codebook: Codebook | None = None,
    ) -> None:
        self.lexicons = lexicons
        self.taxonomy = taxonomy
        self.actors = actors
        self.cues = cues
        self.frames = frames
        self.window = window
        self.genre = genre or {}
        self.codebook = codebook

    def __call__(self, doc: Document) -> Document:
        lexicon = self.lexicons.get(doc.article.language or "")
        cues = self.cues.get(doc.article.language or "")
        if doc.nlp is None or lexicon is None or cues is None:
            return doc
        filled = self._candidates(doc, lexicon, cues)
        reasons = self._reasons(filled, doc, cues)
        current = [c for c, reason in zip(filled, reasons, strict=True) if reason is None]
        non_events = tuple(
            NonEvent(
                c.event.trigger, c.event.sentence, c.event.sub_event_type, reason, c.event.date
            )
            for c, reason in zip(filled, reasons, strict=True)
            if reason is not None
        )
        return doc.evolve(
            events=tuple(self._events(current, doc)), non_events=doc.non_events + non_events
        )

    def _candidates(self, doc: Document, lexicon: Lexicon, cues: Cues) -> list[Candidate]:
        """Every event mention, its details filled."""
        candidates = find_candidates(
            doc,
            lexicon,
            self.taxonomy,
            self.actors,
            cues=cues,
            frames=self.frames,
            with_context=True,
        )
        # fill_details reads doc.events to know where another event's sentences begin.
        seen = doc.evolve(events=tuple(c.event for c in candidates if c.context is None))
        return [replace(c, event=fill_details(c.event, seen, self.cues)) for c in candidates]

    def _reasons(
        self, filled: list[Candidate], doc: Document, cues: Cues
    ) -> list[NonEventReason | None]:
        """Per mention, why it is no news (None: it is): its own reason, or the context event
        it refers to."""
        genre = self.genre.get(doc.article.language or "")
        # the title counts too: a sports headline says what the article is about
        whole = f"{doc.article.title or ''}\n{doc.article.text}"
        conflict = genre is None or article_genre(whole, genre).is_conflict(genre.min_domain)
        found = [
            c.context or self._non_event_reason(c, doc, cues, genre, conflict_article=conflict)
            for c in filled
        ]
        return list(refers_to_context(filled, found))

    def _events(self, current: list[Candidate], doc: Document) -> list[Event]:
        """The news mentions folded per incident, retyped by the codebook, split by place."""
        incidents = consolidate(merge_mentions(current, self.taxonomy), doc.article.text)
        if self.codebook is not None:
            language = doc.article.language or ""
            incidents = [
                replace(c, event=retype(c.event, self.codebook, self.taxonomy, language))
                for c in incidents
            ]
        return [
            e
            for c in incidents
            for e in split_by_place(situate(c), doc.article.id, doc.article.text)
        ]

    def _non_event_reason(
        self,
        candidate: Candidate,
        doc: Document,
        cues: Cues,
        genre: GenreCues | None,
        *,
        conflict_article: bool,
    ) -> NonEventReason | None:
        """Why a mention is context, not news: older than the window, counted from a starting
        point or a war's running total, a generic statement or a campaign noun (the genre
        cues' ``campaigns``), or a sentence without a conflict term of its own in a non-conflict
        article or naming a word only sport or markets use
        (:func:`~eventwire.events.genre.off_topic`)."""
        event = candidate.event
        campaigns = genre.campaigns if genre is not None else frozenset()
        if self.window.is_background(event, doc.article.published):
            return "background"
        if (
            counts_from(event, doc.nlp, cues)
            or running_total(event, doc.nlp, campaigns)
            or over_periods(event, doc.nlp, cues)
        ):
            return "cumulative"
        if is_generic(event, candidate.rank, doc.nlp) or is_campaign(
            event, names_struck_place(candidate), doc.nlp, campaigns
        ):
            return "generic"
        if genre is not None and off_topic(
            event.sentence.text, genre, conflict_article=conflict_article
        ):
            return "non_conflict"
        return None


def _is_nominal(nlp_doc: Any, actor: Actor) -> bool:
    span = nlp_doc.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand")
    return span is not None and span.root.pos_ in _NOMINAL
