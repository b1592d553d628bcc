"""Answers of ``/api/stats`` and ``/api/markers`` kept per filter and store version (issue 17).

The counts of 100,000 events cost about 110 ms of CPU and the markers 35 ms, and the map
asks the same ones at every first paint and every return to a filter; under four client
threads on two cores the counts queued to over a second (target: p99 < 200 ms). An answer
is kept under ``(route, store version, filter and options)``: the
version is the change counter every write raises in its own transaction
(``store/changes.py``, revision 0012), read in the transaction that counts, so a kept answer
is never served once a save, a dedup or a delete changed the rows. The cache lives on the app
(``app.state.answers``), holds at most ``size`` answers (least recently used first out), and
computes one key once when several requests ask for it together.

    cache = AnswerCache(size=64)
    answer = cache.get(("stats", version, "event", flt), lambda: compute(connection))
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["AnswerCache"]


class AnswerCache:
    """At most ``size`` answers by key; ``size=0`` keeps none."""

    def __init__(self, *, size: int) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
        self._busy: dict[Hashable, threading.Lock] = {}

    def _lookup(self, key: Hashable) -> dict[str, Any] | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def get(self, key: Hashable, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The answer kept under ``key``, or ``compute()``'s, kept. Treat it as read-only."""
        if self._size <= 0:
            return compute()
        found = self._lookup(key)
        if found is not None:
            return found
        with self._lock:
            busy = self._busy.setdefault(key, threading.Lock())
        with busy:  # a request asking for a key being computed waits for it
            found = self._lookup(key)
            if found is not None:
                return found
            try:
                answer = compute()
                with self._lock:
                    self._kept[key] = answer
                    while len(self._kept) > self._size:
                        self._kept.popitem(last=False)
            finally:
                with self._lock:
                    self._busy.pop(key, None)
        return answer

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)
