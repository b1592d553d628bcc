"""Date phrases: finding, normalizing (dateparser + our rules) and choosing the event's date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.events.dates import event_date, find_dates, resolve, weekday_year
from eventwire.events.numbers import load_cues

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}

PUBLISHED = date(2018, 11, 13)  # a Tuesday
TODAY = date(2026, 1, 1)


def _resolve(phrase: str, language: str, reference: date | None = PUBLISHED) -> tuple[str, str]:
    (mention,) = find_dates(phrase, CUES[language])
    resolved = resolve(mention, CUES[language], reference=reference, today=TODAY)
    assert resolved is not None
    return resolved.date.isoformat(), resolved.precision


@pytest.mark.parametrize(
    ("phrase", "language", "expected"),
    [
        ("dimanche 11 novembre", "fr", ("2018-11-11", "day")),
        ("hier", "fr", ("2018-11-12", "day")),
        ("avant-hier", "fr", ("2018-11-11", "day")),
        ("samedi dernier", "fr", ("2018-11-10", "day")),
        ("mardi dernier", "fr", ("2018-11-06", "day")),
        ("lundi", "fr", ("2018-11-12", "day")),
        ("la semaine dernière", "fr", ("2018-11-05", "week")),
        ("il y a trois jours", "fr", ("2018-11-10", "day")),
        ("le mois dernier", "fr", ("2018-10-01", "month")),
        ("en octobre", "fr", ("2018-10-01", "month")),
        ("le 1er mars 2017", "fr", ("2017-03-01", "day")),
        ("12/11/2018", "fr", ("2018-11-12", "day")),
        ("10 octobre", "fr", ("2018-10-10", "day")),
        ("last Tuesday", "en", ("2018-11-06", "day")),
        ("on Sunday", "en", ("2018-11-11", "day")),
        ("earlier this month", "en", ("2018-11-01", "month")),
        ("two days ago", "en", ("2018-11-11", "day")),
        ("Nov. 11, 2018", "en", ("2018-11-11", "day")),
        ("December 24", "en", ("2017-12-24", "day")),
        ("last year", "en", ("2017-01-01", "year")),
    ],
)
def test_resolve_relative_to_publication(
    phrase: str, language: str, expected: tuple[str, str]
) -> None:
    assert _resolve(phrase, language) == expected


def test_weekday_rule_beats_dateparser_year() -> None:
    # dateparser alone would accept 11 November 2017, a Saturday.
    assert _resolve("samedi 11 novembre", "fr", date(2018, 11, 13)) == ("2017-11-11", "day")


def test_weekday_rule_without_publication_uses_today_as_bound() -> None:
    assert _resolve("dimanche 11 novembre", "fr", None) == ("2018-11-11", "day")


def test_relative_phrase_without_reference_is_unresolved() -> None:
    (mention,) = find_dates("hier", CUES["fr"])
    assert resolve(mention, CUES["fr"], reference=None, today=TODAY) is None


def test_find_dates_does_not_take_the_sentence_period() -> None:
    assert [m.text for m in find_dates("repoussée le dimanche 11 novembre.", CUES["fr"])] == [
        "dimanche 11 novembre"
    ]


def test_find_dates_marks_span_openers() -> None:
    (mention,) = find_dates("depuis le 3 mars", CUES["fr"])
    assert mention.excluded


def test_event_date_prefers_the_trigger_sentence() -> None:
    text = "Le 3 mars, une marche. Des obus ont frappé Alep hier."
    start = text.index("Des")
    trigger = text.index("frappé")
    got = event_date(
        text,
        CUES["fr"],
        sentence=(start, len(text)),
        trigger=(trigger, trigger + 6),
        published="2019-03-05",
        today=TODAY,
    )
    assert got is not None and (got.date, got.from_publication) == ("2019-03-04", False)
    assert got.evidence is not None and text[got.evidence[0] : got.evidence[1]] == "hier"


def test_event_date_falls_back_on_publication_and_says_so() -> None:
    text = "Des obus ont frappé Alep."
    got = event_date(
        text,
        CUES["fr"],
        sentence=(0, len(text)),
        trigger=(13, 19),
        published="2019-03-05T10:00:00Z",
        today=TODAY,
    )
    assert got is not None
    assert (got.date, got.precision, got.evidence, got.from_publication) == (
        "2019-03-05",
        "day",
        None,
        True,
    )


def test_event_date_is_none_without_any_date() -> None:
    text = "Des obus ont frappé Alep."
    assert (
        event_date(
            text, CUES["fr"], sentence=(0, len(text)), trigger=(13, 19), published=None, today=TODAY
        )
        is None
    )


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(0, 6),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
)
def test_weekday_rule_always_matches_the_weekday(
    day: int, month: int, weekday: int, bound: date
) -> None:
    try:
        found = weekday_year(day, month, weekday, not_after=bound)
    except InputError:
        assert (day, month) in {(30, 2), (31, 2), (31, 4), (31, 6), (31, 9), (31, 11)}
        return
    assert found.weekday() == weekday and (found.day, found.month) == (day, month)
    assert found <= bound


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=60),
    st.sampled_from(["fr", "en"]),
    st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))),
)
def test_date_finding_and_resolving_never_raise(
    text: str, language: str, reference: date | None
) -> None:
    for mention in find_dates(text, CUES[language]):
        resolve(mention, CUES[language], reference=reference, today=TODAY)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["lundi", "dimanche", "mardi dernier"]),
    st.integers(1, 31),
    st.sampled_from(["janvier", "février", "novembre", "décembre"]),
)
def test_weekday_phrases_resolve_to_their_weekday(weekday: str, day: int, month: str) -> None:
    phrase = f"{weekday.split()[0]} {day} {month}"
    found = find_dates(phrase, CUES["fr"])
    reference = date(2020, 6, 15)
    if len(found) == 1 and found[0].kind == "full":
        resolved = resolve(found[0], CUES["fr"], reference=reference, today=TODAY)
        names = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        assert resolved is None or resolved.date.weekday() == names.index(weekday.split()[0])


def _date_of(text: str, trigger: str, *, published: str = "2023-03-14", context: bool = True):
    at = text.index(trigger)
    start = text.rfind(".", 0, at) + 1
    start += len(text[start:]) - len(text[start:].lstrip())
    end = text.index(".", at) + 1
    return event_date(
        text,
        CUES["fr"],
        sentence=(start, end),
        trigger=(at, at + len(trigger)),
        published=published,
        today=TODAY,
        context=context,
    )


def test_anaphoric_day_counts_from_the_last_day_named() -> None:
    text = (
        "Des hommes armés ont attaqué samedi 11 mars un campement.\n\n"
        "Le lendemain, l'armée a tué sept assaillants."
    )
    got = _date_of(text, "tué")
    assert got is not None and got.date == "2023-03-12"
    assert got.evidence is not None and text[got.evidence[0] : got.evidence[1]] == "Le lendemain"


def test_same_day_in_english_counts_from_the_last_day_named() -> None:
    text = "Gunmen attacked a post on Sunday. On the same day, rebels ambushed a convoy."
    at = text.index("ambushed")
    got = event_date(
        text,
        CUES["en"],
        sentence=(text.index("On"), len(text)),
        trigger=(at, at + 8),
        published="2024-05-13",
        today=TODAY,
    )
    assert got is not None and got.date == "2024-05-12"  # 13 May 2024 is a Monday


def test_an_earlier_paragraph_lends_its_day_before_the_publication_date() -> None:
    text = (
        "Des jihadistes ont attaqué hier la ville.\n\n"
        "L'armée affirme avoir riposté par des frappes."
    )
    got = _date_of(text, "frappes")
    assert got is not None and (got.date, got.from_publication) == ("2023-03-13", False)


def test_an_earlier_paragraph_lends_no_month() -> None:
    text = "En janvier, la ville était calme.\n\nDes frappes ont touché la ville."
    got = _date_of(text, "frappes")
    assert got is not None and got.from_publication


def test_an_event_that_did_not_happen_takes_no_date_from_context() -> None:
    text = "Des obus ont frappé Alep hier.\n\nL'armée entend créer deux camps."
    assert _date_of(text, "créer", context=False) is None
    assert _date_of(text, "créer").date == "2023-03-13"


@pytest.mark.parametrize(
    ("text", "language", "spoken"),
    [
        ("Gunmen killed five herders, officials said on Monday.", "en", "Monday"),
        ("Gunmen killed five herders, officials said Monday.", "en", "Monday"),
        ("Des hommes armés ont tué cinq éleveurs, ont indiqué lundi des élus.", "fr", "lundi"),
        ("Cinq éleveurs ont été tués, a-t-on appris lundi de sources locales.", "fr", "lundi"),
    ],
)
def test_find_dates_marks_the_day_a_source_spoke(text: str, language: str, spoken: str) -> None:
    assert [(m.text, m.speech) for m in find_dates(text, CUES[language])] == [(spoken, True)]


def test_the_event_s_own_weekday_beats_the_day_its_source_spoke() -> None:
    text = "The army said on Friday that rebels attacked the camp on Thursday night."
    at = text.index("attacked")
    got = event_date(
        text,
        CUES["en"],
        sentence=(0, len(text)),
        trigger=(at, at + 8),
        published="2023-03-18",  # a Saturday
        today=TODAY,
    )
    assert got is not None and (got.date, got.from_publication) == ("2023-03-16", False)


def test_the_day_a_source_spoke_dates_an_event_only_as_the_report_s_day() -> None:
    # Nothing else dates the attack: the source's day is used, flagged as the report's day, so
    # that a later paragraph's own day of the same incident wins when the two are folded.
    text = "Des hommes armés ont tué cinq éleveurs, ont indiqué lundi des élus."
    got = _date_of(text, "tué", published="2023-03-14")
    assert got is not None and (got.date, got.from_publication) == ("2023-03-13", True)
    earlier = "Samedi, des hommes armés ont attaqué le village.\n\n" + text
    got = _date_of(earlier, "tué", published="2023-03-14")
    assert got is not None and (got.date, got.from_publication) == ("2023-03-11", False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence that continues the event says when: Saturday before Tuesday 5 March
        ("Des obus ont frappé Alep. L'attaque a eu lieu samedi.", "2019-03-02"),
        # the trigger's own sentence wins over its continuation
        ("Des obus ont frappé Alep lundi. L'attaque avait commencé samedi.", "2019-03-04"),
    ],
)
def test_event_date_reads_the_sentences_that_continue_the_event(text: str, expected: str) -> None:
    first = text.index(".") + 1
    got = event_date(
        text,
        CUES["fr"],
        sentence=(0, first),
        trigger=(13, 19),
        following=[(first + 1, len(text))],
        published="2019-03-05",
        today=TODAY,
    )
    assert got is not None and got.date == expected


@pytest.mark.parametrize(
    ("phrase", "language", "reference", "expected"),
    [
        # a part of a month stands for a day inside that part, never after publication
        ("un massacre fin octobre", "fr", PUBLISHED, "2018-10-28"),
        ("des combats mi-octobre", "fr", PUBLISHED, "2018-10-15"),
        ("an ambush in late February", "en", PUBLISHED, "2018-02-28"),
        ("clashes in mid-October", "en", PUBLISHED, "2018-10-15"),
        ("un massacre fin novembre", "fr", PUBLISHED, "2018-11-13"),
        ("en octobre", "fr", PUBLISHED, "2018-10-01"),
    ],
)
def test_part_of_a_month_is_a_day_inside_it(
    phrase: str, language: str, reference: date, expected: str
) -> None:
    assert _resolve(phrase, language, reference) == (expected, "month")
