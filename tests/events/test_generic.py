"""Generic statements against one occasion told in the simple past (issue 14), on invented text."""

from __future__ import annotations

import pytest

from eventwire.events.generic import is_generic
from eventwire.events.location import OTHER
from eventwire.records import Event, Span


def _event(text: str, trigger: str) -> Event:
    """A mention with no day of its own and no toll, found at no struck place."""
    at = text.index(trigger)
    return Event(
        "Protests",
        "Peaceful protest",
        trigger=Span(trigger, at, at + len(trigger)),
        sentence=Span(text, 0, len(text)),
    )


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Students staged protests in Lomé and Kara.", "protests", False),
        ("Rallies were held in several towns.", "Rallies", False),
        ("Protesters threw stones at a police post.", "Protesters", False),
        ("Demonstrators block the main road.", "Demonstrators", False),
        # a kind of violence, present perfect: no occasion
        ("Attacks have increased in the north.", "Attacks", True),
        ("Protests are common in the capital.", "Protests", True),
    ],
)
def test_is_generic_reads_a_simple_past_as_one_occasion_en(nlp_en, text, trigger, expected):
    assert is_generic(_event(text, trigger), OTHER, nlp_en(text)) is expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Des étudiants ont organisé des manifestations à Lomé.", "manifestations", False),
        ("Des manifestants ont incendié des pneus à Lomé.", "manifestants", False),
        # "les" is also the generic article: a habit, not an occasion
        ("Les jihadistes ont multiplié les attaques dans le nord.", "attaques", True),
        ("Dans la région, les enlèvements se multiplient.", "enlèvements", True),
    ],
)
def test_is_generic_reads_a_simple_past_as_one_occasion_fr(nlp_fr, text, trigger, expected):
    assert is_generic(_event(text, trigger), OTHER, nlp_fr(text)) is expected


@pytest.mark.parametrize(
    ("language", "lead", "text", "trigger", "expected"),
    [
        # the lead's day is lent to the next sentence: no day of its own, a kind of violence
        (
            "en",
            "Gunmen killed two soldiers on Monday. ",
            "They began launching attacks on convoys.",
            "attacks",
            True,
        ),
        (
            "fr",
            "Des hommes armés ont tué deux soldats lundi. ",
            "Les enlèvements se multiplient sur cet axe.",
            "enlèvements",
            True,
        ),
        # its own sentence names the day: one occasion
        ("en", "", "Attacks on convoys on Monday.", "Attacks", False),
    ],
)
def test_a_day_lent_by_another_sentence_does_not_make_a_plural_one_act(
    nlp_en, nlp_fr, language, lead, text, trigger, expected
):
    """Issue 14: "no day of its own" means none in the mention's own sentence."""
    whole = lead + text
    at = whole.index(trigger, len(lead))
    day = whole.index("Monday" if language == "en" else "lundi")
    event = Event(
        "Violence against civilians",
        "Attack",
        trigger=Span(trigger, at, at + len(trigger)),
        sentence=Span(text, len(lead), len(whole)),
        date="2024-05-06",
        date_evidence=Span(whole[day : day + 6], day, day + 6),
    )
    nlp = nlp_en if language == "en" else nlp_fr
    assert is_generic(event, OTHER, nlp(whole)) is expected
