"""Month and weekday names, French and English, lower case: words that date, never name.

Several stages refuse them as something else (a place, a speaker, a trigger); one list serves all.
"""

from __future__ import annotations

MONTHS = frozenset(
    (
        *("january", "february", "march", "april", "may", "june", "july"),
        *("august", "september", "october", "november", "december"),
        *("janvier", "février", "mars", "avril", "mai", "juin", "juillet"),
        *("août", "septembre", "octobre", "novembre", "décembre"),
    )
)
WEEKDAYS = frozenset(
    (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    )
)
