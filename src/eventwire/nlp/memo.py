"""A value computed once per parsed document and kept on that ``Doc`` (issue 14's speed).

Several event steps ask the same question of the same sentence: its sources are read to keep
reporters out of the roles, twice per event, then again for the event's attribution chain.
The answer depends only on the parse and on the lexicon that reads it, so it is kept in the
``Doc``'s own ``user_data``: it lives and dies with the document, never in module state, and a
different lexicon object (another language, a test's own cues) computes afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

__all__ = ["doc_text", "per_doc"]

_SLOT = "eventwire.memo"
_T = TypeVar("_T")


def per_doc(doc: Any, key: Hashable, lexicon: object, build: Callable[[], _T]) -> _T:
    """``build()`` for ``doc`` (a spaCy ``Doc``), computed once per ``key`` and ``lexicon``.

    >>> # per_doc(sent.doc, ("sources", sent.start, sent.end), cues, lambda: read(sent, cues))
    """
    memo: dict[Hashable, tuple[object, Any]] = doc.user_data.setdefault(_SLOT, {})
    entry = memo.get(key)
    if entry is not None and entry[0] is lexicon:
        return cast(_T, entry[1])
    value = build()
    memo[key] = (lexicon, value)
    return value


def doc_text(doc: Any) -> str:
    """``doc.text``, joined once per document (spaCy rebuilds it from the tokens on every call).

    >>> # doc_text(doc) == doc.text
    """
    return per_doc(doc, "text", None, lambda: str(doc.text))
