"""``eventwire sources check``: fetch each feed once and say what came back."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.errors import InputError
from eventwire.ingest.feeds import parse_entries
from eventwire.watch.fetch import Fetcher
from eventwire.watch.sources import Source

__all__ = ["CheckRow", "check_sources", "table"]


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One source's check: HTTP status, entries, the newest entry's date, or the problem."""

    name: str
    url: str
    status: int | None
    entries: int
    newest: str | None
    seconds: float
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_sources(sources: Sequence[Source], fetcher: Fetcher) -> list[CheckRow]:
    """Fetch and parse each source's feed once (one at a time, in file order)."""
    rows = []
    for source in sources:
        started = time.monotonic()
        got = fetcher.get(source.url)
        entries: tuple[object, ...] = ()
        newest = None
        problem = got.error
        if got.ok:
            try:
                parsed = parse_entries(got.content, origin=source.name, base_url=got.url)
                entries = parsed
                newest = max((e.published for e in parsed if e.published), default=None)
                problem = None if parsed else "feed has no entries"
            except InputError as err:
                problem = err.problem
        rows.append(
            CheckRow(
                source.name,
                source.url,
                got.status,
                len(entries),
                newest,
                time.monotonic() - started,
                problem,
            )
        )
    return rows


def table(rows: Sequence[CheckRow]) -> str:
    """A plain-text table, one line per source, ending with a count of failures."""
    head = ("source", "status", "entries", "newest", "time", "problem")
    lines = [
        (
            r.name,
            str(r.status or "-"),
            str(r.entries),
            r.newest or "-",
            f"{r.seconds:.1f}s",
            r.problem or "ok",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [head, *lines]) for i in range(len(head) - 1)]
    out = []
    for row in [head, *lines]:
        out.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
        )
    failed = sum(not r.ok for r in rows)
    out.append(f"{len(rows)} sources, {failed} failed")
    return "\n".join(out)
