"""Compile the actor aliases and national-force phrases, and find them fast in folded text.

Each alias is a regular expression over folded text (any run of spaces or hyphens matches any
other, apostrophes are optional). One alternation of a thousand aliases is slow: ``re`` tries
every alternative at every position of the text. A :class:`Scanner` keeps the same
alternation split by the first characters an alternative can start with; at each position it
looks those characters up and tries only the alternatives that can start there, in their
original order, so it finds exactly what ``finditer`` over the whole alternation finds (issue
14's speed). Hand-written: a keyword automaton (pyahocorasick, flashtext; neither installed)
matches literals, not optional apostrophes and first-alternative-wins order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.events.actor_tables import ActorEntry, Country, fold

__all__ = ["Scanner", "alias_key", "build_scanner", "compile_scanners"]

_OPENING = 3  # characters of an alternative's first word that key its table
_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"
_SEPARATORS = re.compile(r"[\s\-]+")
# What re.IGNORECASE takes for an ASCII letter besides its two cases.
_ASCII_TWINS = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})


@dataclass(frozen=True, slots=True)
class Scanner:
    """An alternation split by opening: ``finditer`` gives what the whole one would.

    ``aliases`` maps an alias key to its entry id; None for a national-force phrase, whose
    named groups ``k<kind>`` and ``c<code>`` say its kind and country.
    """

    starts: re.Pattern[str]  # positions where some alternative may start
    by_opening: Mapping[str, re.Pattern[str]]  # opening -> the alternatives that may start so
    case_sensitive: bool
    aliases: Mapping[str, str] | None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The non-overlapping matches, leftmost first, as ``re.finditer`` gives them."""
        end = 0
        for start in self.starts.finditer(text):
            position = start.start()
            if position < end:
                continue
            pattern = self._candidates(_head(text, position, fold_case=not self.case_sensitive))
            match = pattern.match(text, position) if pattern is not None else None
            if match is not None:
                end = match.end()
                yield match

    def _candidates(self, head: str) -> re.Pattern[str] | None:
        """The alternatives whose opening begins ``head``: the longest opening's table has all."""
        for size in range(len(head), -1, -1):
            pattern = self.by_opening.get(head[:size])
            if pattern is not None:
                return pattern
        return None


def _head(text: str, position: int, *, fold_case: bool) -> str:
    """The first characters at ``position`` without apostrophes, as openings are keyed."""
    width = 2 * _OPENING
    head = text[position : position + width].replace("'", "")
    if len(head) < _OPENING and position + width < len(text):
        head = text[position:].replace("'", "")
    head = head[:_OPENING]
    return head.translate(_ASCII_TWINS).lower() if fold_case else head


def _opening(word: str, *, fold_case: bool) -> str:
    """The key of a literal first word: apostrophes out; under IGNORECASE, lower case and cut
    at the first non-ASCII character (whose case twins the key could not list)."""
    key = word.replace("'", "")
    if fold_case:
        cut = next((i for i, char in enumerate(key) if not char.isascii()), len(key))
        key = key[:cut].lower()
    return key[:_OPENING]


def build_scanner(
    alternatives: Sequence[tuple[str, Sequence[str]]],
    *,
    case_sensitive: bool,
    aliases: Mapping[str, str] | None,
) -> Scanner:
    """A scanner over ``(regex, first words)`` alternatives, kept in their order."""
    flags = 0 if case_sensitive else re.IGNORECASE
    by_key: dict[str, list[int]] = {}
    for index, (_, words) in enumerate(alternatives):
        for word in words:
            by_key.setdefault(_opening(word, fold_case=not case_sensitive), []).append(index)
    compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
    by_opening: dict[str, re.Pattern[str]] = {}
    for key in by_key:
        chosen = sorted({i for size in range(len(key) + 1) for i in by_key.get(key[:size], ())})
        indices = tuple(chosen)
        if indices not in compiled:
            body = "|".join(alternatives[i][0] for i in indices)
            compiled[indices] = re.compile(rf"{_BEFORE}(?:{body}){_AFTER}", flags)
        by_opening[key] = compiled[indices]
    return Scanner(_starts(by_opening, flags), by_opening, case_sensitive, aliases)


def _starts(by_opening: Mapping[str, Any], flags: int) -> re.Pattern[str]:
    """Where a match may start: after no word character or hyphen, where an opening begins
    (apostrophes anywhere in it); anywhere after that boundary if an opening is empty."""
    if "" in by_opening:
        return re.compile(_BEFORE)
    return re.compile(rf"{_BEFORE}(?='*(?:{_trie(set(by_opening))}))", flags)


def _trie(keys: set[str]) -> str:
    """An alternation of non-empty ``keys`` as a trie, so that ``re`` tries each character once:
    ``{"ab", "ac", "b"}`` gives ``a'*(?:b|c)|b``."""
    branches = []
    for char in sorted({key[0] for key in keys}):
        rest = {key[1:] for key in keys if key[0] == char}
        escaped = re.escape(char)
        branches.append(escaped if "" in rest else f"{escaped}'*(?:{_trie(rest)})")
    return "|".join(branches)


def compile_scanners(
    entries: Sequence[ActorEntry], countries: Sequence[Country], forces: Mapping[str, Any]
) -> tuple[Scanner, ...]:
    """Case-sensitive acronyms, everything else folded, then the national-force phrases.

    Alias patterns hold no groups (hundreds of groups make every match slow): the matched
    text's alias key finds its entry. Aliases come longest first, across entries: a regex
    alternation takes the first alternative that matches, and "État islamique au Sahel"
    (ISGS) must win over "État islamique" (IS).
    """
    out: list[Scanner] = []
    for case_sensitive in (True, False):
        aliases: dict[str, str] = {}
        regexes: dict[str, str] = {}
        for entry in entries:
            for alias in entry.aliases:
                if _is_acronym(alias) == case_sensitive:
                    aliases.setdefault(alias_key(alias, lower=not case_sensitive), entry.id)
                    regexes.setdefault(_alias_regex(alias), alias)
        if regexes:
            ordered = sorted(regexes, key=lambda r: (-len(regexes[r]), r))
            alternatives = [(r, [_first_word(regexes[r])]) for r in ordered]
            out.append(build_scanner(alternatives, case_sensitive=case_sensitive, aliases=aliases))
    for body, leads in _force_patterns(countries, forces):
        out.append(build_scanner([(body, leads)], case_sensitive=False, aliases=None))
    return tuple(out)


def alias_key(text: str, *, lower: bool) -> str:
    """What an alias and a text it matched share.

    Folded, apostrophes out, one space between words.
    """
    return " ".join(w for w in _SEPARATORS.split(fold(text, lower=lower).replace("'", "")) if w)


def _words(alias: str) -> list[str]:
    """The folded words of an alias, as its regex spells them."""
    folded = fold(alias, lower=not _is_acronym(alias)).strip()
    return [part for part in _SEPARATORS.split(folded) if part]


def _first_word(alias: str) -> str:
    """The first folded word of an alias ("" for none: it may then start anywhere)."""
    return next(iter(_words(alias)), "")


def _alias_regex(alias: str) -> str:
    """A folded alias as a regex: any run of spaces or hyphens matches any other."""
    return r"[\s\-]+".join(re.escape(p).replace("'", "'?") for p in _words(alias))


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("/", "")
    return len(letters) <= 5 and letters.isupper()


def _fr_demonym_regex(stem: str) -> str:
    """A French demonym with its endings; a combining form ("américano-") opens a compound whose
    first country leads ("frappes américano-britanniques": ACLED codes the leading state)."""
    if stem.endswith("-"):
        return _alias_regex(stem) + r"-\w+"
    return _alias_regex(stem) + r"(?:ne|e|ue)?s?"


def _longest_first(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, the longest first."""
    return "|".join(_alias_regex(w) for w in sorted(words, key=len, reverse=True))


def _force_patterns(
    countries: Sequence[Country], forces: Mapping[str, Any]
) -> list[tuple[str, list[str]]]:
    """National forces: French "armée syrienne" / "armée du Mali", English "Syrian troops".

    Each comes with the first words it can open with: a force word in French, a country's
    demonym or name in English ("" where a kind lists no word: it may open anywhere).
    """

    def words(lang: str) -> str:
        # the longest alias first, so that the alternation prefers it
        return "|".join(
            f"(?P<k{kind}>{_longest_first(ws.get(lang) or ())})" for kind, ws in forces.items()
        )

    def leads(lang: str) -> list[str]:
        found = [_first_word(w) for ws in forces.values() for w in ws.get(lang) or ()]
        empty = any(not (ws.get(lang) or ()) for ws in forces.values())
        return found + ([""] if empty else [])

    fr_tails, en_heads, en_leads = [], [], []
    for c in countries:
        dems = [_fr_demonym_regex(d) for d in c.demonyms_fr]
        names = "|".join(_alias_regex(n) for n in c.names_fr)
        of_name = rf"(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+)(?:{names})"
        fr_tails.append(f"(?P<c{c.code}>{'|'.join(dems)}|{of_name})")
        heads = "|".join(_alias_regex(d) for d in (*c.demonyms_en, c.name))
        en_heads.append(f"(?P<c{c.code}>{heads})")
        en_leads += [_first_word(d) for d in (*c.demonyms_en, c.name)]
    if not countries or not forces:
        return []
    # "US-British strikes": the first country leads; only a demonym may follow the hyphen, so
    # that "US-backed forces" stays the proxy, not the sponsor
    partners = _longest_first([d for c in countries for d in c.demonyms_en])
    return [
        (rf"(?:{words('fr')})\s+(?:{'|'.join(fr_tails)})", leads("fr")),
        (
            rf"(?:{'|'.join(en_heads)})(?:-(?:{partners}))?(?:'s)?\s+(?:{words('en')})",
            en_leads,
        ),
    ]
