"""Countries an article's title names ("Mali: la population célèbre ...", "LEBANON").

A title is not part of the text the places are read in, but it says what country the
report is about: its country names and demonyms are focus evidence, weaker than a toponym of
the text (issue 16), counted with the actors' countries.

>>> title_countries("Mali : des combats à Kidal", lookup, demonyms, language="fr")  # doctest: +SKIP
['ML']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from eventwire.geo.demonyms import Demonyms
from eventwire.geo.gazetteer import Candidate

__all__ = ["title_countries"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LONGEST = 4  # "République démocratique du Congo": names of up to four words


def title_countries(
    title: str | None,
    candidates: Callable[[str], Sequence[Candidate]],
    demonyms: Demonyms,
    *,
    language: str,
) -> list[str]:
    """ISO codes of the countries ``title`` names or whose demonyms it uses, in order.

    ``candidates`` is the gazetteer lookup: only a country matched exactly counts.
    """
    if not title:
        return []
    words = [m.group() for m in _WORD.finditer(title)]
    out: list[str] = []
    i = 0
    while i < len(words):
        size, code = _country_at(words, i, candidates)
        if code is None:
            found = demonyms.countries(words[i], language=language)
            code = found[0] if len(found) == 1 else None
        if code is not None:
            out.append(code)
        i += size
    return out


def _country_at(
    words: Sequence[str], i: int, candidates: Callable[[str], Sequence[Candidate]]
) -> tuple[int, str | None]:
    """(words used, country code) of the longest country name starting at ``words[i]``."""
    if not words[i][:1].isupper():
        return 1, None
    for size in range(min(_LONGEST, len(words) - i), 0, -1):
        name = " ".join(words[i : i + size])
        top = next(iter(candidates(name)), None)
        if (
            top is not None
            and top.match == "exact"
            and top.feature_code.startswith("PCL")
            and top.country_code
        ):
            return size, top.country_code
    return 1, None
