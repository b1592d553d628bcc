"""Counts by type, day, month and week, folded in SQL on SQLite and PostgreSQL (issue 17).

``/api/stats`` grouped the matching events by (day, type), 15,000 cells over 100,000 events,
and Python folded them into types, months and weeks: about a third of the request. Here the
database folds them: the cells are one common table expression (read once), and four
grouped selects over it give the rows by type, by day, by month and by (week, type).

A week is named by its Monday (ISO weeks). A date that is no calendar day ("2024-02-30")
has no week; undated events count in the totals and by type only.

    folded = fold_cells(connection, cells)  # cells: (day, type, events, fatalities)
    folded.by_week["2024-03-04"]["Battles"] == {"events": 3, "fatalities": 5}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    String,
    cast,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

__all__ = ["Folded", "MondayOf", "fold_cells"]


class MondayOf(FunctionElement[str]):
    """The Monday (``YYYY-MM-DD``) of the week of an ISO day string; NULL for no calendar day."""

    type = String()
    name = "monday_of"
    inherit_cache = True


@compiles(MondayOf, "sqlite")
def _monday_sqlite(element: MondayOf, compiler: Any, **kw: Any) -> str:
    # date(d, '+0 days') normalizes ("2024-02-30" -> "2024-03-01"), so it equals d only for a
    # calendar day written as ISO; 'weekday 0' moves to the Sunday ending the week.
    (day,) = list(element.clauses)
    d = compiler.process(day, **kw)
    return f"CASE WHEN date({d}, '+0 days') = {d} THEN date({d}, 'weekday 0', '-6 days') END"


@compiles(MondayOf, "postgresql")
def _monday_postgresql(element: MondayOf, compiler: Any, **kw: Any) -> str:
    # A cast of no calendar day raises, and PostgreSQL 15 has no pg_input_is_valid: the form,
    # then the day against the month's last, are tested in nested CASEs (evaluated in order).
    (day,) = list(element.clauses)
    d = compiler.process(day, **kw)
    shape = r"'^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'"
    last = f"extract(day from to_date(substr({d}, 1, 7), 'YYYY-MM') + interval '1 month - 1 day')"
    week = f"to_char(date_trunc('week', CAST({d} AS date)), 'YYYY-MM-DD')"
    return (
        f"CASE WHEN {d} ~ {shape} THEN "
        f"CASE WHEN CAST(substr({d}, 9, 2) AS integer) <= {last} THEN {week} END END"
    )


@dataclass(frozen=True, slots=True)
class Folded:
    """Events and fatalities in total, and events by type, day, month; both by week and type."""

    events: int
    fatalities: int
    by_type: dict[str, int]
    by_day: dict[str, int]
    by_month: dict[str, int]
    by_week: dict[str, dict[str, dict[str, int]]]


def _fold_select(cells: Select[Any]) -> Any:
    """(kind, key, type, events, fatalities) rows: by type, day, month, and (week, type).

    The days are grouped once, with each day's Monday worked out there (once per day, not
    per (day, type) cell: the date functions cost more than the grouping); months are
    folded from the days.
    """
    cte = cells.cte("cells")
    day, kind, n, killed = (cte.c[i] for i in range(4))
    days = (
        select(
            day.label("day"),
            MondayOf(day).label("monday"),
            func.sum(n).label("n"),
            func.sum(killed).label("killed"),
        )
        .where(day.is_not(None))
        .group_by(day)
        .cte("days")
    )
    # Inline constants: PostgreSQL matches the grouped expression with the selected one only
    # when no parameter differs.
    month = func.substr(days.c.day, literal_column("1"), literal_column("7"))
    no_type = cast(null(), String)

    def grouped(name: str, counts: tuple[Any, Any], key: Any, of_type: Any = no_type) -> Any:
        keys = [key] if of_type is no_type else [key, of_type]
        totals = (func.sum(counts[0]), func.coalesce(func.sum(counts[1]), 0))
        return select(literal_column(f"'{name}'"), key, of_type, *totals).group_by(*keys)

    return union_all(
        grouped("type", (n, killed), kind),
        select(literal_column("'day'"), days.c.day, no_type, days.c.n, days.c.killed),
        grouped("month", (days.c.n, days.c.killed), month),
        grouped("week", (n, killed), days.c.monday, kind)
        .select_from(cte.join(days, days.c.day == day))
        .where(days.c.monday.is_not(None)),
    )


def fold_cells(connection: Connection, cells: Select[Any]) -> Folded:
    """Fold ``cells`` (day, type, events, fatalities per (day, type)) in one statement."""
    by: dict[str, dict[str, int]] = {"type": {}, "day": {}, "month": {}}
    weeks: dict[str, dict[str, dict[str, int]]] = {}
    events = fatalities = 0
    for name, key, of_type, count, killed in connection.execute(_fold_select(cells)):
        if name == "week":
            weeks.setdefault(str(key), {})[str(of_type)] = {
                "events": int(count),
                "fatalities": int(killed),
            }
            continue
        if name == "type":
            events += int(count)
            fatalities += int(killed)
        if key is not None:
            by[name][str(key)] = int(count)
    return Folded(
        events=events,
        fatalities=fatalities,
        by_type=dict(sorted(by["type"].items())),
        by_day=dict(sorted(by["day"].items())),
        by_month=dict(sorted(by["month"].items())),
        by_week={w: dict(sorted(t.items())) for w, t in sorted(weeks.items())},
    )
