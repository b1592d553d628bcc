"""Numbers in French and English news text: digits, number words and vague quantities.

``find_numbers`` scans a text for "13", "20.000", "20,000", "1 200", "treize", "vingt et un",
"two hundred", "une dizaine", "dozens of" and ranges ("10 à 15", "between 10 and 15"); each
mention keeps its offsets and, for a range or a vague word, the most conservative value (the
lower bound, ACLED's convention: several/many 10, dozens 12, hundreds 100) and a note.

The cue lists (number words here, and those the other Events II modules read) live in
``eventwire/data/lexicons/cues.<lang>.v1.yaml``; ``load_cues`` reads one, and the pipeline
passes it to every function that reads cues (issue 19).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

import yaml

from eventwire.errors import InputError

LANGUAGES = ("fr", "en")
_SEPARATORS = "[ \u00a0\u202f.,']"
_DIGITS = re.compile(rf"(?<![\w.,])(\d{{1,3}}(?:{_SEPARATORS}\d{{3}})+|\d+)(?![\w]|[.,]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


#: The keys the code reads in each section of ``cues.<lang>.v1.yaml``: :func:`load_cues` rejects
#: a lexicon that lacks one, and :meth:`Cues.strings` any key not declared here (issue 19).
CUE_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "numbers": ("words", "multipliers", "joiners", "weak", "approximate", "range_joiners"),
        "casualties": (
            "killed",
            "injured",
            "zero_both",
            "zero_killed",
            "zero_injured",
            "singular_victims",
            "singular_determiners",
            "passive_auxiliaries",
            "units",
            "subset",
            "subset_copulas",
            "boundaries",
            "cumulative",
            "time_words",
            "active_auxiliaries",
            "agent_verbs",
        ),
        "attribution": (
            "relay",
            "prepositions",
            "speech_lemmas",
            "document_nouns",
            "person_titles",
            "toll_nouns",
            "claim_lemmas",
        ),
        "modality": (
            "denial_lemmas",
            "planned_lemmas",
            "hypothetical_lemmas",
            "negation_words",
            "hypothetical_marks",
        ),
        "dates": (
            "months",
            "weekdays",
            "day_offsets",
            "anaphoric",
            "week_last",
            "week_this",
            "month_last",
            "month_this",
            "year_last",
            "weekday_last",
            "ago",
            "ago_units",
            "not_event_date",
            "speech_before",
            "period_openers",
            "period_nouns",
        ),
    }
)
#: Keys a language may leave out, read as empty: stance and belief verbs, which only the broad
#: PolNeAR reading of English attribution uses.
OPTIONAL_CUE_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    # v14 anonymous_*: an unnamed source keeps its type (events/source_phrase.py)
    {
        "attribution": (
            "opinion_lemmas",
            "anonymous_nouns",
            "anonymous_qualifiers",
            "toll_participles",
            "same_source_words",
        )
    }
)
_RECENT = 32  # texts whose derived values a Cues keeps (every event of an article asks again)
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Cues:
    """One language's cue lexicon (read-only view of ``cues.<lang>.v1.yaml``).

    It also memoizes what is computed from it (compiled regexes, the dates of the article being
    read), per instance: no module-level state (issue 19).
    """

    language: str
    version: str
    data: Mapping[str, Any]
    _derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)
    _recent: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def section(self, name: str) -> Mapping[str, Any]:
        """Return one top-level section, e.g. ``cues.section("casualties")``."""
        value = self.data.get(name)
        if not isinstance(value, Mapping):
            raise InputError(f"cues.{self.language}.v1.yaml", f"section {name!r} is missing")
        return value

    def strings(self, section: str, key: str) -> tuple[str, ...]:
        """Return a list entry as a tuple of strings.

        A key not declared in :data:`CUE_KEYS` (a typo in the code) raises InputError.
        """
        declared = CUE_KEYS.get(section, ())
        if key not in declared and key not in OPTIONAL_CUE_KEYS.get(section, ()):
            raise InputError(
                f"cues.{self.language}.v1.yaml",
                f"{section}.{key} is not a cue key; expected one of {', '.join(declared)}",
            )
        return self.derived(
            ("strings", section, key),
            lambda: tuple(str(v) for v in self.section(section).get(key) or ()),
        )

    def regex(self, section: str, key: str) -> re.Pattern[str]:
        """Compile a list of regexes into one case-insensitive, word-bounded alternation."""
        parts = self.strings(section, key)
        return self.derived(("regex", section, key), lambda: _compile_alternation(parts))

    def derived(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """``build()``, computed once per instance: a value that only depends on this lexicon."""
        with self._lock:
            if key in self._derived:
                return cast(_T, self._derived[key])
        value = build()
        with self._lock:
            self._derived[key] = value
        return value

    def recent(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """``build()`` for a value of one text, kept while that text is among the last read."""
        with self._lock:
            if key in self._recent:
                return cast(_T, self._recent[key])
        value = build()
        with self._lock:
            if len(self._recent) >= _RECENT:
                self._recent.pop(next(iter(self._recent)))
            self._recent[key] = value
        return value


def _compile_alternation(parts: tuple[str, ...]) -> re.Pattern[str]:
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    body = "|".join(f"(?:{p})" for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def load_cues(language: str, path: Path | None = None) -> Cues:
    """Read the cue lexicon of ``language`` ("fr" or "en"), the packaged one unless ``path``.

    Every key of :data:`CUE_KEYS` must be there: a missing one is an error here, not a rule
    that silently never fires.

    >>> load_cues("fr").version.startswith("cues.fr.v")
    True
    """
    if language not in LANGUAGES:
        raise InputError(
            "language", f"no cue lexicon for {language!r}; expected one of {LANGUAGES}"
        )
    name = f"cues.{language}.v1.yaml"
    if path is None:
        source = resources.files("eventwire") / "data" / "lexicons" / name
        origin, text = f"eventwire/data/lexicons/{name}", source.read_text(encoding="utf-8")
    else:
        origin, text = str(path), Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data:
        raise InputError(origin, "expected a mapping with a 'version'")
    missing = [
        f"{section}.{key}"
        for section, keys in CUE_KEYS.items()
        for key in keys
        if not isinstance(data.get(section), dict) or key not in data[section]
    ]
    if missing:
        raise InputError(origin, f"missing cue key(s) {', '.join(missing)}")
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


def parse_number_words(words: Sequence[str], cues: Cues) -> int | None:
    """Read a sequence of number words ("vingt", "et", "un") as an integer, else None.

    >>> parse_number_words(["quatre", "vingt", "dix"], load_cues("fr"))
    90
    """
    section = cues.section("numbers")
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
            if value == 20 and previous == "quatre" and cues.language == "fr":
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


def parse_number(phrase: str, cues: Cues) -> int | None:
    """Read a whole phrase as a number: digits, number words or a vague quantity.

    >>> parse_number("une dizaine", load_cues("fr")), parse_number("two hundred", load_cues("en"))
    (10, 200)
    """
    found = find_numbers(phrase, cues)
    if len(found) != 1 or phrase[: found[0].start].strip() or phrase[found[0].end :].strip():
        return None
    return found[0].value


def find_numbers(text: str, cues: Cues) -> tuple[NumberMention, ...]:
    """Every number mention in ``text``, in order, ranges merged into their lower bound.

    >>> [m.value for m in find_numbers("tuant 13 et blessant sept autres", load_cues("fr"))]
    [13, 7]
    """
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
            value = 1 if is_weak else parse_number_words(words, cues)
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
    patterns = cues.derived(
        ("numbers.approximate",),
        lambda: tuple(
            (phrase, re.compile(rf"(?<![\w-]){_quotable(phrase)}(?![\w-])", re.IGNORECASE))
            for phrase in sorted(table, key=len, reverse=True)
        ),
    )
    out = []
    for phrase, pattern in patterns:
        for match in pattern.finditer(text):
            note = f"approximate: {match.group(0)!r} read as {table[phrase]}"
            out.append(
                NumberMention(
                    int(table[phrase]), match.start(), match.end(), match.group(0), True, note=note
                )
            )
    return out


def _quotable(phrase: str) -> str:
    """``phrase`` as a regex whose words may be parted by an opening quote: a "dozen soldiers"."""
    return r"\s+[\"«“]?\s*".join(re.escape(word) for word in phrase.split())


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
