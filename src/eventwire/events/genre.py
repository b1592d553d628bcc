"""Is the article about political violence or protest at all? The document genre gate (issue 14).

Sport, markets, disasters and accidents use the words of war ("l'attaquant a fusillé le
gardien", "stocks plunged", "the storm killed four"). The gate reads the whole text, not one
trigger: an article whose distinct *domain* terms (sport, economy, disaster, accident, cyber,
culture) are at least ``min_domain`` and outnumber its distinct *conflict* terms (armed actors,
weapons, crowd violence) is a non-conflict article. Its event mentions become non-events,
except one whose own sentence names a conflict term (a bomb at a stadium is still an event).
The terms are data: ``data/lexicons/genre.<language>.v1.yaml``, which also lists the
``campaigns``: nouns naming a campaign or a war over a period, never one incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

import yaml

from eventwire.errors import InputError

__all__ = [
    "Genre",
    "GenreCues",
    "article_genre",
    "load_genre_cues",
    "names_conflict",
    "off_topic",
    "term_pattern",
]


@dataclass(frozen=True, slots=True)
class GenreCues:
    """Compiled term lists of one language."""

    language: str
    version: str
    min_domain: int
    conflict: re.Pattern[str]
    domains: Mapping[str, re.Pattern[str]]
    #: lemmas naming a campaign or a war over a period ("offensive", "guerre"), never one incident
    campaigns: frozenset[str] = frozenset()
    #: words only sport or markets use ("striker", "buteur"): their sentence tells no event
    #: unless it also names a conflict term, whatever the article's verdict; None: none
    other_senses: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Genre:
    """What the gate found: the distinct terms of each side and the verdict."""

    conflict_terms: frozenset[str]
    domain_terms: Mapping[str, frozenset[str]]

    @property
    def domain(self) -> str | None:
        """The non-conflict domain with the most terms, or None."""
        best = max(self.domain_terms.items(), key=lambda kv: len(kv[1]), default=None)
        return best[0] if best is not None and best[1] else None

    def is_conflict(self, min_domain: int) -> bool:
        """False when the domain terms (all domains together) reach ``min_domain`` and outnumber
        conflict terms."""
        domain = (
            frozenset().union(*self.domain_terms.values()) if self.domain_terms else frozenset()
        )
        return not (len(domain) >= min_domain and len(domain) > len(self.conflict_terms))


def term_pattern(terms: Iterable[str], origin: str) -> re.Pattern[str]:
    """One case-insensitive whole-word regex for a term list (a trailing * matches any ending)."""
    parts = []
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise InputError(origin, f"expected non-empty strings, got {term!r}")
        stem = term.strip()
        body = re.escape(stem.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if stem.endswith("*") else ""))
    if not parts:
        raise InputError(origin, "an empty term list")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def load_genre_cues(language: str) -> GenreCues:
    """Read ``genre.<language>.v1.yaml``; a missing key or an empty list is an error at load time.

    >>> load_genre_cues("fr").version
    'genre.fr.v4'
    """
    name = f"genre.{language}.v1.yaml"
    origin = f"eventwire/data/lexicons/{name}"
    source = resources.files("eventwire") / "data" / "lexicons" / name
    if not source.is_file():
        raise InputError(origin, f"no genre lexicon for language {language!r}")
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise InputError(origin, "expected a mapping")
    for key in ("version", "min_domain", "conflict", "domains", "campaigns", "other_senses"):
        if key not in raw:
            raise InputError(origin, f"missing key {key!r}")
    if not isinstance(raw["domains"], dict) or not raw["domains"]:
        raise InputError(origin, "'domains' must map domain names to term lists")
    if not isinstance(raw["campaigns"], list) or not raw["campaigns"]:
        raise InputError(origin, "'campaigns' must be a non-empty list of lemmas")
    return GenreCues(
        language=language,
        version=str(raw["version"]),
        min_domain=int(raw["min_domain"]),
        conflict=term_pattern(raw["conflict"], f"{origin}: conflict"),
        domains={
            str(k): term_pattern(v, f"{origin}: domains.{k}") for k, v in raw["domains"].items()
        },
        campaigns=frozenset(str(w).casefold() for w in raw["campaigns"]),
        other_senses=term_pattern(raw["other_senses"] or (), f"{origin}: other_senses"),
    )


def _terms(pattern: re.Pattern[str], text: str) -> frozenset[str]:
    return frozenset(" ".join(m.group(0).casefold().split()) for m in pattern.finditer(text))


def article_genre(text: str, cues: GenreCues) -> Genre:
    """Count the distinct conflict and domain terms of ``text``.

    >>> cues = load_genre_cues("en")
    >>> genre = article_genre("The striker scored twice as the club won the league.", cues)
    >>> genre.is_conflict(cues.min_domain)
    False
    """
    domains = {name: _terms(pattern, text) for name, pattern in cues.domains.items()}
    return Genre(_terms(cues.conflict, text), {k: v for k, v in domains.items() if v})


def names_conflict(sentence: str, cues: GenreCues) -> bool:
    """Whether a sentence names an armed actor, a weapon or crowd violence."""
    return cues.conflict.search(sentence) is not None


def off_topic(sentence: str, cues: GenreCues, *, conflict_article: bool) -> bool:
    """Whether a sentence tells no conflict event: it names no conflict term, and its article is
    no conflict article or the sentence uses a word only sport or markets use (issue 14).

    >>> cues = load_genre_cues("en")
    >>> off_topic("The striker fired home from close range.", cues, conflict_article=True)
    True
    >>> off_topic("Gunmen shot the striker at close range.", cues, conflict_article=True)
    False
    """
    if names_conflict(sentence, cues):
        return False
    if not conflict_article:
        return True
    return cues.other_senses is not None and cues.other_senses.search(sentence) is not None
