"""When an event happened: find date phrases, normalize them, pick the event's date.

Three steps, each a pure function:

1. ``find_dates(text, cues)`` finds date phrases with our own regexes over month and weekday
   names, relative words and numeric dates (dateparser on long text is slow and wrong).
2. ``resolve(mention, cues, reference=...)`` turns one phrase into a date and a precision.
   Absolute phrases go to dateparser (``languages=[lang]``, the reference date as RELATIVE_BASE,
   PREFER_DATES_FROM "past"); our rules come on top:

   * **weekday rule** — a weekday with a day and month but no year ("dimanche 11 novembre")
     takes the most recent year, not after the reference date, in which that day *is* that
     weekday (dateparser ignores the weekday). Without any reference the upper bound is today:
     "dimanche 11 novembre" alone gives 2018-11-11 (the last Sunday 11 November before 2026).
   * relative words ("hier", "samedi dernier", "mardi", "last Tuesday", "la semaine dernière",
     "earlier this month", "il y a trois jours") count back from the reference date; a bare
     weekday is the latest such day on or before it, "dernier"/"last" strictly before it;
     week precision dates the Monday of that week, month precision the 1st, year precision 1 Jan.

   Anaphoric phrases ("le lendemain", "le même jour", "the next day", "hours later") count
   from the last day the text named before them, else from the reference date.

3. ``event_date(...)`` picks the event's date (issue 7, the context rule):
   the date phrase in the trigger's sentence nearest the trigger; else the nearest preceding
   phrase in the same paragraph; else the nearest preceding day named in an earlier paragraph;
   else the publication date (``from_publication=True``, no evidence); else — no publication
   date — the article's reference date inferred from its own dated phrases
   (``infer_reference``: the latest phrase that fixes a year by itself, a full date or the
   weekday rule), with that phrase as evidence; else None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Literal

import dateparser

from eventwire.errors import InputError
from eventwire.events.numbers import Cues, find_numbers
from eventwire.records import DatePrecision

Kind = Literal[
    "full",
    "day_month",
    "month_year",
    "month",
    "year",
    "numeric",
    "offset",
    "weekday",
    "week",
    "month_rel",
    "year_rel",
    "ago",
    "anaphoric",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase ``text`` at ``start:end`` with the parts it names."""

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday 0 … Sunday 6
    offset: int = (
        0  # days for "offset"/"anaphoric"; -1 "last"/0 "this" for week/month/year; count for "ago"
    )
    unit: str | None = None  # for "ago": day/week/month/year
    strict: bool = False  # weekday "dernier"/"last": strictly before the reference
    excluded: bool = False  # opens a span ("depuis le 3 mars"): not an event date
    #: the day a source spoke ("officials said Sunday", "ont indiqué jeudi"): the event's date
    #: only when the text gives nothing better (issue 14)
    speech: bool = False


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A normalized date and how precise it is."""

    date: date
    precision: DatePrecision


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date chosen for an event, with the phrase that gave it."""

    date: str
    precision: DatePrecision
    evidence: tuple[int, int] | None  # offsets of the phrase; None for the publication date
    #: the report's day, not the event's own: the publication date, or the day a source spoke
    #: ("officials said Sunday") when the text gives no day of the event (issue 14)
    from_publication: bool = False
    #: No publication date and no year in the phrase: the year comes from the weekday rule or
    #: the text's other dates, bounded by the processing day (issue 14).
    year_inferred: bool = False


# --------------------------------------------------------------------------- rules


def weekday_year(day: int, month: int, weekday: int, *, not_after: date) -> date:
    """The latest date ``day``/``month`` on or before ``not_after`` falling on ``weekday``.

    >>> weekday_year(11, 11, 6, not_after=date(2026, 1, 1))
    datetime.date(2018, 11, 11)
    """
    if not (1 <= month <= 12 and 1 <= day <= 31 and 0 <= weekday <= 6):
        raise InputError("date", f"no such day/month/weekday: {day}/{month}/{weekday}")
    for year in range(not_after.year, max(not_after.year - 401, 0), -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February outside leap years, 31 of a 30-day month
        if candidate <= not_after and candidate.weekday() == weekday:
            return candidate
    raise InputError("date", f"{day}/{month} never falls on weekday {weekday}")


def parse_published(published: str | None) -> date | None:
    """Read an ISO date or datetime ("2018-11-13", "2018-11-13T08:00:00Z"), else None."""
    if not published:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


# --------------------------------------------------------------------------- finding


def _patterns(cues: Cues) -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    """The date regexes built from ``cues`` (compiled once per lexicon)."""
    return cues.derived("date_patterns", lambda: _build_patterns(cues))


def _build_patterns(cues: Cues) -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    section = cues.section("dates")
    month = _alternation(section["months"], suffix=r"\.?")
    weekday = _alternation(section["weekdays"])
    flags = re.IGNORECASE
    day = r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d{2})"
    out: list[tuple[Kind, re.Pattern[str]]] = [
        ("numeric", re.compile(r"(?<!\d)(?P<iso>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?!\d)")),
        (
            "full",
            re.compile(
                rf"(?<!\w)(?:(?P<weekday>{weekday}),?\s+)?(?:the\s+)?(?:{day}|premier)(?:\s+of)?\s+"
                rf"(?P<month>{month})(?:,?\s+{year})?(?!\w)",
                flags,
            ),
        ),
        (
            "full",
            re.compile(
                rf"(?<!\w)(?:(?P<weekday>{weekday}),?\s+)?(?P<month>{month})\s+{day}"
                rf"(?:,?\s+{year})?(?![\w:])",
                flags,
            ),
        ),
        (
            "month_year",
            re.compile(rf"(?<!\w)(?P<month>{month})\s+(?:de\s+|of\s+)?{year}(?!\w)", flags),
        ),
        (
            "month",
            re.compile(
                rf"(?<!\w)(?P<part>en|in|début|fin|mi-|early|late|mid-|au mois de)"
                rf"\s*(?P<month>{month})(?!\w)",
                flags,
            ),
        ),
        ("year", re.compile(rf"(?<!\w)(?:en|in|courant|during)\s+{year}(?!\w)", flags)),
    ]
    return tuple(out)


def _alternation(words: Sequence[str], suffix: str = "") -> str:
    # The suffix (an abbreviation's dot) only follows short forms: "nov." but not "novembre.".
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) + (suffix if len(w) <= 4 else "") for w in ordered) + ")"


def find_dates(text: str, cues: Cues) -> tuple[DateMention, ...]:
    """Every date phrase in ``text``, in order, longest first where they overlap.

    >>> from eventwire.events.numbers import load_cues
    >>> [m.text for m in find_dates("repoussée le dimanche 11 novembre.", load_cues("fr"))]
    ['dimanche 11 novembre']
    """
    # every event of an article asks about the same text: ``cues`` keeps the last texts' dates
    return cues.recent(("find_dates", text), lambda: _find_dates(text, cues))


def _find_dates(text: str, cues: Cues) -> tuple[DateMention, ...]:
    found = _absolute(text, cues) + _relative(text, cues)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(_mark_speech(text, _mark_excluded(text, mention, cues), cues))
    return tuple(kept)


def _absolute(text: str, cues: Cues) -> list[DateMention]:
    section = cues.section("dates")
    months = {k.lower(): int(v) for k, v in section["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in section["weekdays"].items()}
    out: list[DateMention] = []
    for kind, pattern in _patterns(cues):
        for m in pattern.finditer(text):
            parts = m.groupdict()
            if kind == "numeric":
                mention = _numeric(m, cues.language)
                if mention is not None:
                    out.append(mention)
                continue
            month = months.get((parts.get("month") or "").lower().rstrip("."))
            day = int(parts["day"]) if parts.get("day") else (1 if kind == "full" else None)
            day = _PART_DAYS.get((parts.get("part") or "").lower(), day)
            year = int(parts["year"]) if parts.get("year") else None
            wd = weekdays.get((parts.get("weekday") or "").lower())
            if kind == "full" and (day is None or not 1 <= day <= 31):
                continue
            if kind == "full" and cues.language == "en" and month == 5 and not parts.get("day"):
                continue
            out.append(DateMention(m.start(), m.end(), m.group(0), kind, year, month, day, wd))
    # "en novembre" keeps only the month name as evidence-worthy text, with its preposition.
    return out


#: A day that stands for a part of a month ("fin mars", "mid-June"): a date inside the period
#: the phrase names, where the month's first day would fall outside it (issue 14).
_PART_DAYS = MappingProxyType({"fin": 28, "late": 28, "mi-": 15, "mid-": 15})


def _numeric(m: re.Match[str], language: str) -> DateMention | None:
    raw = m.group("iso")
    try:
        if "-" in raw:
            y, mo, d = (int(x) for x in raw.split("-"))
        else:
            a, b, y = (int(x) for x in raw.split("/"))
            d, mo = (a, b) if language == "fr" else (b, a)
        date(y, mo, d)
    except ValueError:
        return None
    return DateMention(m.start(), m.end(), raw, "full", y, mo, d)


def _relative(text: str, cues: Cues) -> list[DateMention]:
    section = cues.section("dates")
    out: list[DateMention] = []
    for phrase, offset in section["day_offsets"].items():
        for m in _phrase(phrase).finditer(text):
            out.append(DateMention(m.start(), m.end(), m.group(0), "offset", offset=int(offset)))
    table: tuple[tuple[str, Kind, int], ...] = (
        ("week_last", "week", -1),
        ("week_this", "week", 0),
        ("month_last", "month_rel", -1),
        ("month_this", "month_rel", 0),
        ("year_last", "year_rel", -1),
    )
    for key, kind, offset in table:
        for phrase in section.get(key) or ():
            for m in _phrase(phrase).finditer(text):
                out.append(DateMention(m.start(), m.end(), m.group(0), kind, offset=offset))
    for phrase, offset in (section.get("anaphoric") or {}).items():
        for m in _phrase(phrase).finditer(text):
            out.append(DateMention(m.start(), m.end(), m.group(0), "anaphoric", offset=int(offset)))
    out += _weekdays(text, cues) + _ago(text, cues)
    return out


def _weekdays(text: str, cues: Cues) -> list[DateMention]:
    section = cues.section("dates")
    weekdays = {k.lower(): int(v) for k, v in section["weekdays"].items()}
    last = "|".join(re.escape(w) for w in section.get("weekday_last") or ())
    names = _alternation(list(section["weekdays"]))
    if cues.language == "en":
        pattern = rf"(?<!\w)(?:(?P<last>{last})\s+)?(?P<wd>{names})(?!\w)"
    else:
        pattern = rf"(?<!\w)(?P<wd>{names})(?:\s+(?P<last>{last}))?(?!\w)"
    out = []
    for m in re.finditer(pattern, text, re.IGNORECASE):
        wd = weekdays[m.group("wd").lower()]
        out.append(
            DateMention(
                m.start(), m.end(), m.group(0), "weekday", weekday=wd, strict=bool(m.group("last"))
            )
        )
    return out


def _ago(text: str, cues: Cues) -> list[DateMention]:
    section = cues.section("dates")
    units = {k.lower(): str(v) for k, v in section["ago_units"].items()}
    unit_re = _alternation(list(units))
    word = r"[\w\-]+(?:\s+[\w\-]+)?"
    if cues.language == "fr":
        pattern = (
            rf"(?<!\w){re.escape(section['ago'])}\s+(?P<n>{word}?)\s+(?P<unit>{unit_re})(?!\w)"
        )
    else:
        pattern = (
            rf"(?<!\w)(?P<n>{word}?)\s+(?P<unit>{unit_re})\s+{re.escape(section['ago'])}(?!\w)"
        )
    out = []
    for m in re.finditer(pattern, text, re.IGNORECASE):
        numbers = find_numbers(m.group("n"), cues)
        if len(numbers) != 1:
            continue
        out.append(
            DateMention(
                m.start(),
                m.end(),
                m.group(0),
                "ago",
                offset=numbers[0].value,
                unit=units[m.group("unit").lower()],
            )
        )
    return out


def _phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)


def _mark_excluded(text: str, mention: DateMention, cues: Cues) -> DateMention:
    before = text[max(0, mention.start - 20) : mention.start].lower()
    for word in cues.strings("dates", "not_event_date"):
        if re.search(rf"(?<!\w){re.escape(word)}\s+(?:(?:le|la|les|l'|the)\s+)?$", before):
            return replace(mention, excluded=True)
    return mention


def _mark_speech(text: str, mention: DateMention, cues: Cues) -> DateMention:
    """Mark a day that follows a reporting verb ("said on Friday", "a-t-on appris mardi")."""
    if mention.kind not in ("weekday", "offset", "full"):
        return mention
    before = text[max(0, mention.start - 40) : mention.start]
    for phrase in cues.strings("dates", "speech_before"):
        if re.search(rf"(?<!\w)(?:{phrase})\s+$", before, re.IGNORECASE):
            return replace(mention, speech=True)
    return mention


# --------------------------------------------------------------------------- resolving


def resolve(
    mention: DateMention,
    cues: Cues,
    *,
    reference: date | None,
    today: date | None = None,
    anchor: date | None = None,
) -> ResolvedDate | None:
    """Normalize one phrase against ``reference`` (publication date), else None.

    Phrases that fix their own year (a full date, the weekday rule) resolve without a
    reference, bounded by ``today``; relative ones need the reference. Anaphoric ones ("le
    lendemain", "the same day") count from ``anchor``, the day the text last named, else
    from the reference.

    >>> from eventwire.events.numbers import load_cues
    >>> fr = load_cues("fr")
    >>> resolve(find_dates("dimanche 11 novembre", fr)[0], fr, reference=None,
    ...         today=date(2026, 1, 1))
    ResolvedDate(date=datetime.date(2018, 11, 11), precision='day')
    """
    bound = reference or today
    try:
        if mention.kind in ("full", "day_month", "month_year", "month", "year"):
            return _resolve_absolute(mention, cues, reference=reference, bound=bound)
        if mention.kind == "anaphoric":
            base = anchor or reference
            return (
                None if base is None else ResolvedDate(base + timedelta(days=mention.offset), "day")
            )
        if reference is None:
            return None
        return _resolve_relative(mention, reference)
    except (ValueError, OverflowError):
        return None


def _resolve_absolute(
    mention: DateMention, cues: Cues, *, reference: date | None, bound: date | None
) -> ResolvedDate | None:
    if mention.kind == "year" and mention.year is not None:
        return ResolvedDate(date(mention.year, 1, 1), "year")
    if mention.month is None:
        return None
    if mention.kind in ("month_year", "month"):
        year = mention.year
        if year is None:
            if reference is None:
                return None
            year = reference.year if mention.month <= reference.month else reference.year - 1
        first = date(year, mention.month, 1)
        part = date(year, mention.month, mention.day or 1)
        # never after the publication: "fin mars" published on 20 March is up to the 20th
        return ResolvedDate(max(first, min(part, reference or part)), "month")
    day = mention.day or 1
    if mention.year is not None:
        return ResolvedDate(date(mention.year, mention.month, day), "day")
    if mention.weekday is not None and bound is not None:
        try:
            return ResolvedDate(
                weekday_year(day, mention.month, mention.weekday, not_after=bound), "day"
            )
        except InputError:
            return None
    if reference is None:
        return None
    return _dateparser(f"{day} {_month_name(mention.month, cues)}", cues.language, reference)


def _month_name(month: int, cues: Cues) -> str:
    months = cues.section("dates")["months"]
    return str(max((k for k, v in months.items() if int(v) == month), key=len))


def _dateparser(phrase: str, language: str, reference: date) -> ResolvedDate | None:
    settings = {
        "RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
        "PREFER_DATES_FROM": "past",
    }
    parsed = dateparser.parse(phrase, languages=[language], settings=settings)
    return None if parsed is None else ResolvedDate(parsed.date(), "day")


def _resolve_relative(mention: DateMention, reference: date) -> ResolvedDate | None:
    if mention.kind == "offset":
        return ResolvedDate(reference + timedelta(days=mention.offset), "day")
    if mention.kind == "weekday" and mention.weekday is not None:
        back = (reference.weekday() - mention.weekday) % 7
        if back == 0 and mention.strict:
            back = 7
        return ResolvedDate(reference - timedelta(days=back), "day")
    if mention.kind == "week":
        monday = reference - timedelta(days=reference.weekday())
        return ResolvedDate(monday + timedelta(weeks=mention.offset), "week")
    if mention.kind == "month_rel":
        return ResolvedDate(_add_months(reference.replace(day=1), mention.offset), "month")
    if mention.kind == "year_rel":
        return ResolvedDate(date(reference.year + mention.offset, 1, 1), "year")
    if mention.kind == "ago":
        return _ago_date(mention, reference)
    return None


def _ago_date(mention: DateMention, reference: date) -> ResolvedDate | None:
    n = mention.offset
    if mention.unit == "day":
        return ResolvedDate(reference - timedelta(days=n), "day")
    if mention.unit == "week":
        return ResolvedDate(reference - timedelta(weeks=n), "week")
    if mention.unit == "month":
        return ResolvedDate(_add_months(reference.replace(day=1), -n), "month")
    if mention.unit == "year":
        return ResolvedDate(date(reference.year - n, 1, 1), "year")
    return None


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# --------------------------------------------------------------------------- choosing


def infer_reference(
    mentions: Sequence[DateMention], cues: Cues, *, today: date | None
) -> tuple[ResolvedDate, DateMention] | None:
    """The article's own reference date when it has no publication date, else None.

    The latest phrase that fixes its year by itself (a full date with a year, or the weekday
    rule bounded by ``today``) — the text was written on or after it. Without ``today`` (the
    article's ingestion date) only a phrase naming its year counts.
    """
    best: tuple[ResolvedDate, DateMention] | None = None
    for mention in mentions:
        fixes_year = mention.year is not None or (
            mention.kind == "full" and mention.weekday is not None
        )
        if mention.kind != "full" or not fixes_year:
            continue
        resolved = resolve(mention, cues, reference=None, today=today)
        if (
            resolved is not None
            and (today is None or resolved.date <= today)
            and (best is None or resolved.date > best[0].date)
        ):
            best = (resolved, mention)
    return best


_Found = tuple[ResolvedDate, DateMention]  # a resolved date and the phrase that gave it


def event_date(
    text: str,
    cues: Cues,
    *,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    published: str | None,
    today: date | None,
    context: bool = True,
    following: Sequence[tuple[int, int]] = (),
) -> EventDate | None:
    """Pick the date of the event whose trigger is at ``trigger`` (see the module docstring).

    ``context=False`` (a planned, hypothetical or denied event) keeps only a phrase of the
    trigger's sentence: such an event takes no date from its surroundings. ``following`` holds
    the spans of the sentences that continue the event (``details.event_window``): their dates
    come after those of the trigger's sentence, before those of earlier sentences.

    >>> from eventwire.events.numbers import load_cues
    >>> text = "Le 3 mars, des obus ont frappé Alep."
    >>> event_date(text, load_cues("fr"), sentence=(0, len(text)), trigger=(15, 20),
    ...            published="2019-03-05", today=date(2026, 1, 1)).date
    '2019-03-03'
    """
    mentions = [m for m in find_dates(text, cues) if not m.excluded]
    reference = parse_published(published)
    inferred = None
    if reference is None:
        inferred = infer_reference(mentions, cues, today=today)
    base = reference or (inferred[0].date if inferred else None)
    candidates, earlier = _candidates(
        text, mentions, sentence=sentence, trigger=trigger, following=following, context=context
    )
    # The day a source spoke comes last, after every day of the event's own (issue 14).
    spoken = [m for m in (*candidates, *earlier) if m.speech]

    def first(pool: Sequence[DateMention], *, day: bool) -> _Found | None:
        return _first_resolved(pool, mentions, cues, reference=base, today=today, day=day)

    found = first([m for m in candidates if not m.speech], day=False)
    if found is None:
        found = first([m for m in earlier if not m.speech], day=True)
    if found is None and context:
        found = first(spoken, day=True)
    if found is not None:
        return _chosen(*found, reference=reference)
    if not context:
        return None
    if reference is not None:
        return EventDate(reference.isoformat(), "day", None, from_publication=True)
    if inferred is not None:
        return _chosen(*inferred, reference=reference)
    return None


def _candidates(
    text: str,
    mentions: Sequence[DateMention],
    *,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    following: Sequence[tuple[int, int]],
    context: bool,
) -> tuple[list[DateMention], list[DateMention]]:
    """The phrases an event may take its date from, in the order they are tried, and those of
    earlier paragraphs, nearest first (none without ``context``).

    The trigger's sentence comes first, nearest the trigger first; then the sentences that
    continue the event ("The attack happened on Saturday"), then the paragraph before it.
    """
    in_sentence = sorted(
        (m for m in mentions if sentence[0] <= m.start and m.end <= sentence[1]),
        key=lambda m: _distance(m, trigger),
    )
    if not context:
        return in_sentence, []
    paragraph_start = text.rfind("\n", 0, sentence[0]) + 1
    before = [m for m in mentions if paragraph_start <= m.start and m.end <= sentence[0]]
    # Earlier paragraphs lend only a day: "dans la soirée", "au cours de la contre-attaque"
    # continue the story of the last day named, while a month or a year there is background.
    earlier = [m for m in mentions if m.end <= paragraph_start]
    after = [
        m
        for m in mentions
        if m not in in_sentence and any(a <= m.start and m.end <= b for a, b in following)
    ]
    return in_sentence + after + before[::-1], earlier[::-1]


def _first_resolved(
    pool: Sequence[DateMention],
    mentions: Sequence[DateMention],
    cues: Cues,
    *,
    reference: date | None,
    today: date | None,
    day: bool,
) -> _Found | None:
    """The first phrase of ``pool`` that resolves (to a day when ``day``), with its date."""
    for mention in pool:
        resolved = _in_context(mentions, mention, cues, reference=reference, today=today)
        if resolved is not None and (not day or resolved.precision == "day"):
            return resolved, mention
    return None


def _chosen(resolved: ResolvedDate, mention: DateMention, *, reference: date | None) -> EventDate:
    return EventDate(
        resolved.date.isoformat(),
        resolved.precision,
        (mention.start, mention.end),
        from_publication=mention.speech,
        year_inferred=reference is None and mention.year is None,
    )


def _in_context(
    mentions: Sequence[DateMention],
    mention: DateMention,
    cues: Cues,
    *,
    reference: date | None,
    today: date | None,
    depth: int = 0,
) -> ResolvedDate | None:
    """Resolve ``mention``; an anaphoric one counts from the last day named before it."""
    anchor = None
    if mention.kind == "anaphoric" and depth < 5:
        for previous in reversed([m for m in mentions if m.end <= mention.start]):
            found = _in_context(
                mentions, previous, cues, reference=reference, today=today, depth=depth + 1
            )
            if found is not None and found.precision == "day":
                anchor = found.date
                break
    return resolve(mention, cues, reference=reference, today=today, anchor=anchor)


def _distance(mention: DateMention, trigger: tuple[int, int]) -> int:
    if mention.end <= trigger[0]:
        return trigger[0] - mention.end
    if mention.start >= trigger[1]:
        return mention.start - trigger[1]
    return 0
