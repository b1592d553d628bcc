"""The article's time frame: an event dated well before publication is background (issue 14).

News reports what happened in the last days; "Kidal avait été reprise en 2013", "the base was
overrun back in 2019" or "last year's attack" are context. An event whose whole period (its day,
or the last day of its month or year for "en mars", "in 2019") ends more than ``days_before``
days before publication is not one of the article's events; it is kept as a
:class:`~eventwire.records.NonEvent` with reason ``background``. So is an event dated by a year
alone ("en 2017", "in 2021"), even in an undated article: news gives the day of what it reports,
a bare year situates history. An event dated only by the publication day, or undated, is inside
the frame (nothing says otherwise).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.events.dates import parse_published
from eventwire.records import Event

__all__ = ["ReportingWindow", "period_end"]


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
        """Whether ``event`` ended before the window opened (``published`` is the article's date)."""
        reference = parse_published(published)
        end = period_end(event)
        if end is None or event.date_from_publication:
            return False
        if event.date_precision == "year":
            return True
        if reference is None:
            return False
        return end < reference - timedelta(days=self.days_before)
