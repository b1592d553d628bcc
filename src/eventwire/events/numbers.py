"""Numbers in French and English news text: digits, number words and vague quantities.

``find_numbers`` scans a text for "13", "20.000", "20,000", "1 200", "treize", "vingt et un",
"two hundred", "une dizaine", "dozens of" and ranges ("10 à 15", "between 10 and 15"); each
mention keeps its offsets and, for a range or a vague word, the most conservative value (the
lower bound, ACLED's convention: several/many 10, dozens 12, hundreds 100) and a note.

The cue lists (number words here, and those the other Events II modules read) live in
``eventwire/data/lexicons/cues.<lang>.v1.yaml``; ``load_cues`` reads one once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from eventwire.errors import InputError

LANGUAGES = ("fr", "en")
_SEPARATORS = "[ \u00a0\u202f.,']"
_DIGITS = re.compile(rf"(?<![\w.,])(\d{{1,3}}(?:{_SEPARATORS}\d{{3}})+|\d+)(?![\w]|[.,]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Cues:
    """One language's cue lexicon (read-only view of ``cues.<lang>.v1.yaml``)."""

    language: str
    version: str
    data: Mapping[str, Any]

    def section(self, name: str) -> Mapping[str, Any]:
        """Return one top-level section, e.g. ``cues.section("casualties")``."""
        value = self.data.get(name)
        if not isinstance(value, Mapping):
            raise InputError(f"cues.{self.language}.v1.yaml", f"section {name!r} is missing")
        return value

    def strings(self, section: str, key: str) -> tuple[str, ...]:
        """Return a list entry as a tuple of strings (empty when absent)."""
        return tuple(str(v) for v in self.section(section).get(key) or ())

    def regex(self, section: str, key: str) -> re.Pattern[str]:
        """Compile a list of regexes into one case-insensitive, word-bounded alternation."""
        return _compile_alternation(self.strings(section, key))


@cache
def _compile_alternation(parts: tuple[str, ...]) -> re.Pattern[str]:
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    body = "|".join(f"(?:{p})" for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def load_cues(language: str) -> Cues:
    """Read the cue lexicon of ``language`` ("fr" or "en"); e.g. ``load_cues("fr").version``.

    Cached: the lexicon is immutable data shipped with the package.
    """
    if language not in LANGUAGES:
        raise InputError(
            "language", f"no cue lexicon for {language!r}; expected one of {LANGUAGES}"
        )
    path = resources.files("eventwire") / "data" / "lexicons" / f"cues.{language}.v1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Cues(language=language, version=str(data["version"]), data=MappingProxyType(data))


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in a text: ``text[start:end]`` reads as ``value``."""

    value: int
    start: int
    end: int
    text: str
    approximate: bool = False  # a vague word ("une dizaine", "dozens") or a range
    weak: bool = False  # an article that may mean one ("un soldat", "a soldier")
    note: str | None = None


def parse_digits(token: str) -> int | None:
    """Read "13", "20.000", "20,000", "1 200" (grouped thousands) as an integer, else None.

    >>> parse_digits("20.000")
    20000
    """
    token = token.strip()
    if re.fullmatch(r"\d+", token):
        return int(token)
    if re.fullmatch(rf"\d{{1,3}}(?:{_SEPARATORS}\d{{3}})+", token):
        return int(re.sub(r"\D", "", token))
    return None


def parse_number_words(words: Sequence[str], language: str) -> int | None:
    """Read a sequence of number words ("vingt", "et", "un") as an integer, else None.

    >>> parse_number_words(["quatre", "vingt", "dix"], "fr")
    90
    """
    section = load_cues(language).section("numbers")
    units: Mapping[str, int] = section["words"]
    multipliers: Mapping[str, int] = section["multipliers"]
    joiners = set(section.get("joiners") or ())
    total = current = 0
    seen = False
    previous = ""
    for raw in words:
        word = raw.lower()
        if word in joiners and seen:
            continue
        if word in units:
            value = int(units[word])
            # French "quatre-vingt(s)" is 4 x 20, not 4 + 20.
            if value == 20 and previous == "quatre" and language == "fr":
                current += 80 - 4
            else:
                current += value
        elif word in multipliers:
            factor = int(multipliers[word])
            if factor >= 1000:
                total += max(current, 1) * factor
                current = 0
            else:
                current = max(current, 1) * factor
        else:
            return None
        seen = True
        previous = word
    return total + current if seen else None


def parse_number(phrase: str, language: str) -> int | None:
    """Read a whole phrase as a number: digits, number words or a vague quantity.

    >>> parse_number("une dizaine", "fr"), parse_number("two hundred", "en")
    (10, 200)
    """
    found = find_numbers(phrase, language)
    if len(found) != 1 or phrase[: found[0].start].strip() or phrase[found[0].end :].strip():
        return None
    return found[0].value


def find_numbers(text: str, language: str) -> tuple[NumberMention, ...]:
    """Every number mention in ``text``, in order, ranges merged into their lower bound.

    >>> [m.value for m in find_numbers("tuant 13 et blessant sept autres", "fr")]
    [13, 7]
    """
    cues = load_cues(language)
    mentions = _approximate(text, cues) + _digit_mentions(text) + _word_mentions(text, cues)
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept: list[NumberMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue  # inside a longer mention already kept
        kept.append(mention)
    return tuple(_merge_ranges(text, kept, cues))


def _digit_mentions(text: str) -> list[NumberMention]:
    out = []
    for match in _DIGITS.finditer(text):
        value = parse_digits(match.group(1))
        if value is not None:
            out.append(NumberMention(value, match.start(1), match.end(1), match.group(1)))
    return out


def _word_mentions(text: str, cues: Cues) -> list[NumberMention]:
    section = cues.section("numbers")
    weak = {str(w) for w in section.get("weak") or ()}
    vocabulary = set(section["words"]) | set(section["multipliers"]) | weak
    joiners = set(section.get("joiners") or ())
    out: list[NumberMention] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and run[-1].group(0).lower() in joiners:
            run.pop()
        if run:
            words = [m.group(0) for m in run]
            is_weak = len(words) == 1 and words[0].lower() in weak
            value = 1 if is_weak else parse_number_words(words, cues.language)
            start, end = run[0].start(), run[-1].end()
            if value is not None:
                out.append(NumberMention(value, start, end, text[start:end], weak=is_weak))
        run.clear()

    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group(0).lower()
        gap = text[run[-1].end() : match.start()] if run else ""
        joined = not run or re.fullmatch(r"[\s\-\u00a0]*", gap) is not None
        if word in weak and word not in section["words"]:
            flush()  # "a"/"an" never joins a number ("two and a half")
            run.append(match)
            flush()
        elif word in vocabulary or (word in joiners and run):
            if not joined:
                flush()
            run.append(match)
        else:
            flush()
    flush()
    return out


def _approximate(text: str, cues: Cues) -> list[NumberMention]:
    table: Mapping[str, int] = cues.section("numbers").get("approximate") or {}
    out = []
    for phrase in sorted(table, key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)
        for match in pattern.finditer(text):
            note = f"approximate: {match.group(0)!r} read as {table[phrase]}"
            out.append(
                NumberMention(
                    int(table[phrase]), match.start(), match.end(), match.group(0), True, note=note
                )
            )
    return out


def _merge_ranges(text: str, mentions: list[NumberMention], cues: Cues) -> list[NumberMention]:
    joiners = cues.strings("numbers", "range_joiners")
    joiner = "|".join(re.escape(j) for j in joiners)
    out: list[NumberMention] = []
    for mention in mentions:
        if out and not mention.weak and not out[-1].weak:
            previous = out[-1]
            gap = text[previous.end : mention.start]
            if re.fullmatch(rf"\s*(?:{joiner})\s*", gap, re.IGNORECASE) and previous.value < (
                mention.value
            ):
                low = previous.value
                span_text = text[previous.start : mention.end]
                note = f"range {span_text!r}: lower bound {low}"
                out[-1] = NumberMention(
                    low, previous.start, mention.end, span_text, True, note=note
                )
                continue
        out.append(mention)
    return out
