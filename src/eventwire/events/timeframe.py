"""The article's time frame: an event dated well before publication is background (issue 14).

News reports what happened in the last days; "Kidal avait été reprise en 2013", "the base was
overrun back in 2019" or "last year's attack" are context. An event whose whole period (its day,
or the last day of its month or year for "en mars", "in 2019") ends more than ``days_before``
days before publication is not one of the article's events; it is kept as a
:class:`~eventwire.records.NonEvent` with reason ``background``. So is an event dated by a year
alone ("en 2017", "in 2021"), even in an undated article: news gives the day of what it reports,
a bare year situates history. An event dated only by the publication day, or undated, is inside
the frame (nothing says otherwise).

An event counted from a starting point ("depuis fin 2021, ils se sont emparés de …", "fighting
has intensified since the army launched an offensive") sums up a period: :func:`counts_from`
tells it, and the stage keeps it as a ``cumulative`` non-event. So does :func:`running_total`: a
toll in the thousands ("plus de 17 000 civils ont péri dans des attaques") or a killing whose
subject is a war or a campaign ("the war has killed thousands") sums up a period, not one incident.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from eventwire.events.dates import find_dates, parse_published
from eventwire.events.details import token_at
from eventwire.events.numbers import Cues
from eventwire.records import Event

__all__ = ["ReportingWindow", "counts_from", "over_periods", "period_end", "running_total"]

_VERBAL = frozenset({"VERB", "AUX"})
#: A toll from this many dead up is a war's running total: single incidents that large are so rare
#: that a report giving one names it, and ACLED splits even those by place and day.
RUNNING_TOLL = 1000
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "agent", "obl:agent"})


def period_end(event: Event) -> date | None:
    """The last day the event's date can mean: the day, or the end of its week, month or year."""
    if event.date is None:
        return None
    try:
        day = date.fromisoformat(event.date[:10])
    except ValueError:
        return None
    if event.date_precision == "year":
        return date(day.year, 12, 31)
    if event.date_precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    if event.date_precision == "week":
        return day + timedelta(days=6)
    return day


@dataclass(frozen=True, slots=True)
class ReportingWindow:
    """Days before publication that still count as the article's news (default a week)."""

    days_before: int = 7

    def is_background(self, event: Event, published: str | None) -> bool:
        """Whether ``event`` ended before the window opened (``published``: the article's date)."""
        reference = parse_published(published)
        end = period_end(event)
        if end is None or event.date_from_publication:
            return False
        if event.date_precision == "year":
            return True
        if reference is None:
            return False
        return end < reference - timedelta(days=self.days_before)


def counts_from(event: Event, nlp_doc: Any, cues: Cues) -> bool:
    """Whether the event's clause counts from a starting point ("since 2011", "depuis avril").

    The opener (``dates.period_openers``) governs the trigger's clause: as a subordinating mark
    ("since the army launched …") or as the preposition of a phrase that names a time (a date,
    a year, a period noun of ``dates.period_nouns``), so "tirés depuis le Liban" stays an event.
    An event dated by a day of its own sentence is not summed up.
    """
    if nlp_doc is None or not _undated_in_sentence(event):
        return False
    token = token_at(nlp_doc, event.trigger.start)
    if token is None:
        return False
    openers = {w.casefold() for w in cues.strings("dates", "period_openers")}
    nouns = {w.casefold() for w in cues.strings("dates", "period_nouns")}
    # the trigger's own clause, or the clause it is the subject of ("fighting has intensified")
    governed = token.dep_ != "ROOT" and (
        token.pos_ not in _VERBAL or token.dep_.startswith("nsubj")
    )
    heads = [token, token.head] if governed else [token]
    return any(_opens(child, openers, nouns, cues) for h in heads for child in h.children)


def _opens(child: Any, openers: set[str], nouns: set[str], cues: Cues) -> bool:
    """Whether a dependent of the clause is "since …" / "depuis …" naming a time, or a clause."""
    if child.lower_ in openers and child.dep_ in ("mark", "prep", "case"):
        return child.dep_ == "mark" or _names_time(child, nouns, cues)
    marks = [g for g in child.children if g.lower_ in openers and g.dep_ in ("case", "mark")]
    return bool(marks) and (marks[0].dep_ == "mark" or _names_time(child, nouns, cues))


def _undated_in_sentence(event: Event) -> bool:
    evidence = event.date_evidence
    if event.date_from_publication or evidence is None:
        return True
    return not event.sentence.start <= evidence.start < event.sentence.end


def _names_time(phrase: Any, nouns: set[str], cues: Cues) -> bool:
    """Whether a phrase names a time: a date phrase, a year, a period noun ("le début", "weeks")."""
    words = list(phrase.subtree)
    if any(w.lower_ in nouns or (w.like_num and len(w.text) == 4) for w in words):
        return True
    text = phrase.doc.text[words[0].idx : words[-1].idx + len(words[-1])]
    return bool(find_dates(text, cues))


def running_total(event: Event, nlp_doc: Any, campaigns: frozenset[str]) -> bool:
    """Whether the event's toll sums up a period: :data:`RUNNING_TOLL` dead or more, or a trigger
    whose subject (or passive agent) is a campaign or war noun ("the war has killed", "tués par la
    guerre")."""
    if event.fatalities is not None and event.fatalities >= RUNNING_TOLL:
        return True
    token = token_at(nlp_doc, event.trigger.start) if nlp_doc is not None else None
    if token is None or not campaigns:
        return False
    agents = [c for c in token.children if c.dep_ in _SUBJECTS]
    agents += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    return any(a.lemma_.casefold() in campaigns or a.lower_ in campaigns for a in agents)


def over_periods(event: Event, nlp_doc: Any, cues: Cues) -> bool:
    """Whether the trigger is a noun that fills plural periods: "after months of fighting",
    "des années de guerre" sum up a period, no one incident (issue 14). The period nouns are
    ``dates.period_nouns``; "a day of fighting" (singular) may be one incident and stays.

    The noun hangs on the period noun through "of" (English: the preposition's object) or
    carries "de" (French: a noun modifier).
    """
    token = token_at(nlp_doc, event.trigger.start) if nlp_doc is not None else None
    # a gerund counts as a noun here: "weeks of fighting" (the parser tags it VERB)
    if token is None or not (token.pos_ == "NOUN" or token.tag_ == "VBG"):
        return False
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ == "of":
        head = head.head
    elif not (token.dep_ == "nmod" and any(c.dep_ == "case" for c in token.children)):
        return False
    nouns = {w.casefold() for w in cues.strings("dates", "period_nouns")}
    return (
        head is not token
        and head.pos_ == "NOUN"
        and head.lower_ in nouns
        and "Plur" in head.morph.get("Number")
    )
