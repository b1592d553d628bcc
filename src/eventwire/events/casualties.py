"""How many were killed and injured: figures tied to casualty cues in the event's sentences.

A figure is a number (``events.numbers``) tied to a cue of ``cues.<lang>.v1.yaml``
(``casualties.killed`` / ``casualties.injured``) in one of two ways:

* the cue takes the number as its object: "la mort de 13 terroristes", "killing at least 12",
  "blessant 7 personnes" (only filler words — "de", "at least", "au moins" — between them);
* the number comes first, within eight words and the same clause: "13 morts", "sept autres
  étaient blessés", "two soldiers and three civilians were killed" (coordinated numbers add up: 5).

The most conservative reading wins, as in ACLED: "at least 12" is 12, a range its lower bound,
a vague word ACLED's convention (see ``events.numbers``), noted in ``note``. Numbers that count
years, kilometres, missiles … are skipped, so are subsets ("dont 3 enfants", "including") and
clauses that give a running total ("depuis le début du conflit", "since 2014"). "Aucune victime"
/ "no casualties" give 0; no figure at all gives None, never 0.

``find_casualties`` reads the given sentence windows in order and keeps, for each of killed and
injured, the first figure found: the caller passes the trigger's sentence first, then the
sentences that continue the same event (see ``events.details``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from eventwire.events.numbers import Cues, NumberMention, find_numbers

Category = Literal["killed", "injured"]

# Words allowed between a cue and the number it governs ("la mort de 13", "killing at least 12").
_FILLERS = frozenset(
    [
        "de",
        "d'",
        "des",
        "du",
        "of",
        "the",
        "at",
        "least",
        "au",
        "moins",
        "plus",
        "more",
        "than",
        "some",
        "about",
        "around",
        "nearly",
        "près",
        "environ",
        "quelque",
        "quelques",
        "a",
        "total",
        "un",
        "pas",
        "no",
        "fewer",
        "as",
        "many",
        "jusqu'",
        "jusqu'à",
        "up",
        "to",
        "over",
        "almost",
        "presque",
        "les",
        "le",
        "la",
        "l'",
        "rose",
        "risen",
        "climbed",
        "reached",
        "stands",
        "stood",
        "is",
        "was",
        "has",
        "had",
        "to",
        "s'élève",
        "s'élevait",
        "à",
        "est",
        "passé",
        "atteint",
        "been",
    ]
)
_MAX_FORWARD_WORDS = 8
_QUOTES = frozenset('"«»“”')
_ACRONYM = re.compile(r"\s*\([^()]{1,40}\)")  # "Forces (SDF)"
_AGE = re.compile(
    r"(?:\b(?:de|d'|aged?|âgée?s? de)\s+)?\b[\w-]+[\s-]+(?:ans|years?)(?:-old)?\b", re.IGNORECASE
)
_BEFORE_ARTICLE = re.compile(
    r"(?:\b(?:de|du|par|à|sur|dans|avec|pour|of|by|with|from|on|in|for|to)\s+|\bd')$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty count with the offsets of its evidence (number and cue)."""

    value: int
    start: int
    end: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and injured for one event; None where the text gives no figure."""

    killed: Figure | None = None
    injured: Figure | None = None

    @property
    def note(self) -> str | None:
        notes = [f.note for f in (self.killed, self.injured) if f is not None and f.note]
        return "; ".join(dict.fromkeys(notes)) or None


@dataclass(frozen=True, slots=True)
class _Cue:
    category: Category
    start: int
    end: int


def find_casualties(text: str, cues: Cues, *, windows: Sequence[tuple[int, int]]) -> Casualties:
    """Killed and injured for the event whose sentences are ``windows`` (offsets into ``text``).

    >>> from eventwire.events.numbers import load_cues
    >>> s = "provoquant la mort de 13 terroristes tandis que sept autres étaient blessés"
    >>> c = find_casualties(s, load_cues("fr"), windows=[(0, len(s))])
    >>> c.killed.value, c.injured.value
    (13, 7)
    """
    killed: Figure | None = None
    injured: Figure | None = None
    for start, end in windows:
        found = sentence_casualties(text[start:end], cues)
        if killed is None and found.killed is not None:
            killed = _shift(found.killed, start)
        if injured is None and found.injured is not None:
            injured = _shift(found.injured, start)
    return Casualties(killed, injured)


def _shift(figure: Figure, offset: int) -> Figure:
    return Figure(figure.value, figure.start + offset, figure.end + offset, figure.note)


def sentence_casualties(sentence: str, cues: Cues) -> Casualties:
    """Killed and injured figures stated in one sentence (offsets into ``sentence``)."""
    zeros = _zeros(sentence, cues)
    numbers = [
        n
        for n in find_numbers(sentence, cues)
        if _counts_people(sentence, n, cues)
        and not any(z.start <= n.start < z.end for _, z in zeros)
    ]  # "no one was killed"
    found: dict[Category, Figure] = {}
    for cue in _cues(sentence, cues):
        if cue.category in found:
            continue
        group = _backward(sentence, cue, numbers, cues) or _forward(sentence, cue, numbers, cues)
        if group and not _cumulative(sentence, cue, group, cues):
            found[cue.category] = _figure(sentence, cue, group)
    for category, figure in zeros:
        found.setdefault(category, figure)
    if "killed" not in found:
        single = _singular_victim(sentence, cues, numbers)
        if single is not None:
            found["killed"] = single
    return Casualties(found.get("killed"), found.get("injured"))


def _singular_victim(sentence: str, cues: Cues, numbers: Sequence[NumberMention]) -> Figure | None:
    """One named victim counts 1 (ACLED): "killed the driver", "le chauffeur a été tué".

    Only when no figure follows in the clause ("killed the driver and two passengers" is left
    unknown rather than undercounted), and in French only a singular cue ("tué", not "tués").
    """
    nouns = _escaped(cues, "singular_victims")
    dets = _escaped(cues, "singular_determiners")
    auxes = cues.derived(
        ("casualties.auxes",),
        lambda: "|".join(
            re.escape(a).replace(r"\ ", r"\s+")
            for a in cues.strings("casualties", "passive_auxiliaries")
        ),
    )
    if not nouns or not dets:
        return None
    victim = rf"(?<!\w)(?:{dets})\s*(?:[\w-]+\s+)?(?:{nouns})(?![\w-])"
    for cue in _cues(sentence, cues):
        if cue.category != "killed" or (cues.language == "fr" and sentence[cue.end - 1] in "sS"):
            continue
        after = re.match(rf"\s+{victim}", sentence[cue.end :], re.IGNORECASE)
        before = re.search(
            rf"{victim}\s+(?:[\w'’-]+\s+){{0,3}}?(?:{auxes})\s+$",
            sentence[: cue.start],
            re.IGNORECASE,
        )
        if after is None and before is None:
            continue
        end = cue.end + after.end() if after is not None else cue.end
        start = before.start() if before is not None else cue.start
        if any(
            start <= n.start and n.start < end + 60 and not n.weak and not _is_year(n)
            for n in numbers
        ):
            continue
        return Figure(1, start, end, "one named victim")
    return None


def _cues(sentence: str, cues: Cues) -> list[_Cue]:
    out = []
    categories: tuple[Category, ...] = ("killed", "injured")
    for category in categories:
        for m in cues.regex("casualties", category).finditer(sentence):
            out.append(_Cue(category, m.start(), m.end()))
    return sorted(out, key=lambda c: c.start)


def _counts_people(sentence: str, number: NumberMention, cues: Cues) -> bool:
    after = sentence[number.end : number.end + 30]
    if re.match(rf"[\s-]*(?:{_unit_body(cues)})(?![\w-])", after, re.IGNORECASE):
        return False
    if _is_year(number):
        return False
    months = cues.derived(
        ("casualties.months",),
        lambda: "|".join(re.escape(m) for m in cues.section("dates")["months"]),
    )
    if re.match(rf"\s*(?:{months})(?!\w)", after, re.IGNORECASE):
        return False  # "11 novembre" is a date
    before = sentence[max(0, number.start - 40) : number.start]
    if number.text[:1].isdigit() and re.search(
        rf"(?<!\w)(?:{months})\.?\s+$", before, re.IGNORECASE
    ):
        return False  # "Aug 19", "October 22" is a date; "le 3 mars trois civils" is a count
    if _after_weekday(before, after, number, cues, months):
        return False
    if number.weak and _BEFORE_ARTICLE.search(before):
        return False  # "membres d'une même famille", "the convoy of a commander"
    subset = cues.regex("casualties", "subset").pattern
    if re.search(rf"{subset}\s+(?:[\w'’-]+\s+){{0,2}}$", before, re.IGNORECASE):
        return False
    return not _subset_after(sentence[number.end : number.end + 60], subset, cues)


def _after_weekday(before: str, after: str, number: NumberMention, cues: Cues, months: str) -> bool:
    """ "dans la nuit du dimanche 16 au lundi 17 juillet": a day of the month after a weekday,
    when a month or a second day follows ("On Sunday 16 people died" stays a count)."""
    weekdays = cues.derived(
        ("casualties.weekdays",),
        lambda: "|".join(re.escape(w) for w in cues.section("dates")["weekdays"]),
    )
    if not number.text.isdigit() or number.value > 31:
        return False
    if not re.search(rf"(?<!\w)(?:{weekdays})\s+$", before, re.IGNORECASE):
        return False
    pattern = rf"(?:er|st|nd|rd|th)?\s*(?:(?:au|à|to|and|et|-|–)\s+|,\s*)?(?:{weekdays}|{months})"
    return re.match(pattern, after, re.IGNORECASE) is not None


def _subset_after(after: str, subset: str, cues: Cues) -> bool:
    """ "two officers were among those killed", "huit policiers figuraient parmi les tués": the
    number counts part of a toll, not the toll."""
    copulas = _escaped(cues, "subset_copulas")
    if not copulas:
        return False
    pattern = rf"^\s+(?:[\w'’-]+\s+){{0,3}}?(?:{copulas})\s+(?:{subset})(?!\w)"
    return re.match(pattern, after, re.IGNORECASE) is not None


def _escaped(cues: Cues, key: str) -> str:
    """The casualty cue list ``key`` as a regex alternation of literal words (once per lexicon)."""
    return cues.derived(
        ("casualties.escaped", key),
        lambda: "|".join(re.escape(w) for w in cues.strings("casualties", key)),
    )


def _unit_body(cues: Cues) -> str:
    return "|".join(f"(?:{u})" for u in cues.strings("casualties", "units"))


def _is_year(number: NumberMention) -> bool:
    return number.text.isdigit() and len(number.text) == 4 and 1900 <= number.value <= 2100


def _words(gap: str) -> list[str]:
    """The words and punctuation of a gap; quotes ("« neutralisé » sept") and ages ("un
    enfant de neuf ans") say nothing about whether a number and a cue belong together."""
    gap = _AGE.sub(" ", _ACRONYM.sub(" ", gap.replace("’", "'")))
    return [w for w in re.findall(r"[\w'’-]+|[^\w\s]", gap) if w not in _QUOTES]


def _undated(gap: str, cues: Cues) -> str:
    """The gap without its date ("a tué mardi soir trois civils", "killed on 3 May five"): when
    an event happened says nothing about whether a number and a cue belong together."""
    return cues.derived(("casualties.dates",), lambda: _date_pattern(cues)).sub(" ", gap)


def _date_pattern(cues: Cues) -> re.Pattern[str]:
    dates = cues.section("dates")

    def alternation(words: Iterable[object]) -> str:
        ordered = sorted((str(w) for w in words), key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)

    months = alternation(dates["months"])
    around = alternation(cues.strings("casualties", "time_words"))
    day = r"\d{1,2}(?:er|st|nd|rd|th)?"
    named = (
        rf"(?:{alternation(dates['weekdays'])}|{alternation(dates['day_offsets'])})"
        rf"|{day}\s+(?:{months})\.?(?:\s+\d{{4}})?|(?:{months})\.?\s+{day}(?:,?\s+\d{{4}})?"
    )
    return re.compile(
        rf"(?<![\w-])(?:(?:{around})\s+)*(?:{named})(?:\s+(?:{around}))*(?![\w-])",
        re.IGNORECASE,
    )


def _boundary(gap: str, cues: Cues) -> bool:
    if re.search(r"[.;:!?]", _ACRONYM.sub(" ", gap)):
        return True
    return cues.regex("casualties", "boundaries").search(gap) is not None


def _backward(
    sentence: str, cue: _Cue, numbers: list[NumberMention], cues: Cues
) -> list[NumberMention]:
    """The number(s) the cue governs: "la mort de 13 …", "killing 5 soldiers and 3 civilians"."""
    for index, number in enumerate(numbers):
        if number.start < cue.end:
            continue
        words = _words(_undated(sentence[cue.end : number.start].lower(), cues))
        if number.weak:
            return [number] if not words else []
        if len(words) <= 5 and all(w in _FILLERS for w in words):
            return _coordinated(sentence, numbers, index, cues, step=1)
        return []
    return []


def _forward(
    sentence: str, cue: _Cue, numbers: list[NumberMention], cues: Cues
) -> list[NumberMention]:
    """The number(s) before the cue in its clause: "sept autres étaient blessés"."""
    before = [i for i, n in enumerate(numbers) if n.end <= cue.start]
    if not before:
        return []
    index = before[-1]
    number = numbers[index]
    gap = sentence[number.end : cue.start]
    words = _words(_undated(gap, cues))
    limit = 4 if number.weak else _MAX_FORWARD_WORDS
    if len(words) > limit or _boundary(gap, cues) or (number.weak and "," in gap):
        return []
    if (
        number.weak
        and cues.language == "fr"
        and re.search(r"(?:és|ées|ts|tes)$", sentence[cue.start : cue.end])
    ):
        return []  # "un" does not agree with "tués": the count is elsewhere
    if number.weak and _agent(gap, sentence[cue.start : cue.end], cues):
        return []
    if _other_cue_between(sentence, number.end, cue, cues):
        return []
    return _coordinated(sentence, numbers, index, cues, step=-1)


def _agent(gap: str, cue: str, cues: Cues) -> bool:
    """ "Une frappe a tué des civils": an article before an active killing verb counts the
    agent, not the victims ("un soldat a été tué", "un soldat a péri" still count one)."""
    auxes = _escaped(cues, "active_auxiliaries")
    if not re.search(rf"(?<![\w'’])(?:{auxes})\s+$", gap, re.IGNORECASE):
        return False
    return re.fullmatch(cues.regex("casualties", "agent_verbs"), cue) is not None


def _other_cue_between(sentence: str, start: int, cue: _Cue, cues: Cues) -> bool:
    gap = sentence[start : cue.start]
    return any(cues.regex("casualties", category).search(gap) for category in ("killed", "injured"))


def _coordinated(
    sentence: str, numbers: list[NumberMention], index: int, cues: Cues, *, step: int
) -> list[NumberMention]:
    """``numbers[index]`` and the numbers coordinated with it ("2 soldats et 3 civils").

    An article closes a coordination ("two SDF members and a civilian driver"); a figure
    followed by its breakdown ("Six people, four police officers and two passers-by") is kept whole.
    """
    group = [numbers[index]]
    j = index + step
    while 0 <= j < len(numbers):
        a, b = (group[-1], numbers[j]) if step > 0 else (numbers[j], group[-1])
        gap = sentence[a.end : b.start]
        words = _words(gap)
        weak_ok = numbers[j].weak and step > 0 and _and_before(words)
        if (numbers[j].weak and not weak_ok) or (group[-1].weak and step < 0):
            break
        if not _coordination(gap, words, cues):
            break
        group.append(numbers[j])
        if weak_ok:
            break
        j += step
    return _without_breakdown(sorted(group, key=lambda n: n.start))


def _and_before(words: list[str]) -> bool:
    return bool(words) and words[-1] in ("and", "et")


def _coordination(gap: str, words: list[str], cues: Cues) -> bool:
    """Whether ``gap`` coordinates two figures: a short "and" or comma, no clause boundary and
    no casualty word of its own."""
    joined = any(w in ("and", "et", ",", "as", "ainsi") for w in words)
    if not joined or len(words) > (8 if _and_before(words) else 6) or _boundary(gap, cues):
        return False
    return not any(cues.regex("casualties", c).search(gap) for c in ("killed", "injured"))


def _without_breakdown(group: list[NumberMention]) -> list[NumberMention]:
    """A figure followed by its breakdown ("Six people, four police officers and two
    passers-by") counts once."""
    if len(group) > 2 and group[0].value == sum(n.value for n in group[1:]):
        return group[:1]
    return group


def _cumulative(sentence: str, cue: _Cue, group: list[NumberMention], cues: Cues) -> bool:
    """Whether the clause holding the figure gives a running total ("since 2014, 5,000 dead")."""
    start = min(cue.start, group[0].start)
    end = max(cue.end, group[-1].end)
    left = max((m.end() for m in re.finditer(r"[.;!?]", sentence[:start])), default=0)
    right_match = re.search(r"[.;!?]", sentence[end:])
    right = end + right_match.start() if right_match else len(sentence)
    return cues.regex("casualties", "cumulative").search(sentence[left:right]) is not None


def _figure(sentence: str, cue: _Cue, group: list[NumberMention]) -> Figure:
    value = sum(n.value for n in group)
    notes = [n.note for n in group if n.note]
    if len(group) > 1:
        notes.append(" + ".join(n.text for n in group) + f" = {value}")
    start = min(cue.start, group[0].start)
    end = max(cue.end, group[-1].end)
    return Figure(value, start, end, "; ".join(notes) or None)


def _zeros(sentence: str, cues: Cues) -> list[tuple[Category, Figure]]:
    out: list[tuple[Category, Figure]] = []
    table: tuple[tuple[str, tuple[Category, ...]], ...] = (
        ("zero_both", ("killed", "injured")),
        ("zero_killed", ("killed",)),
        ("zero_injured", ("injured",)),
    )
    for key, categories in table:
        for m in cues.regex("casualties", key).finditer(sentence):
            for category in categories:
                out.append((category, Figure(0, m.start(), m.end(), f"{m.group(0)!r}: none")))
    return out
