"""The alias scanner finds what ``re.finditer`` over the whole alternation finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.events.actor_scan import build_scanner

SEP = r"[\s\-]+"
# (regex, first word) in priority order: the longer name first, as compile_scanners sorts them
ALTERNATIVES = [
    (rf"front{SEP}de{SEP}l'?ouest{SEP}armee", "front"),
    (rf"front{SEP}de{SEP}l'?ouest", "front"),
    (rf"l'?ouest{SEP}libre", "l'ouest"),
    ("fo", "fo"),
    ("kilo", "kilo"),
]


def _spans(text: str, *, case_sensitive: bool = False) -> list[tuple[int, int]]:
    alternatives = [(regex, [word]) for regex, word in ALTERNATIVES]
    scanner = build_scanner(alternatives, case_sensitive=case_sensitive, aliases={})
    return [(m.start(), m.end()) for m in scanner.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le front de l'ouest armee tire", [(3, 25)]),  # the first alternative wins
        ("le front de louest a tire", [(3, 18)]),  # the apostrophe is optional
        ("le front-de l'ouest libre", [(3, 19)]),  # no overlap: "l'ouest libre" comes after
        ("l'ouest libre et fo", [(0, 13), (17, 19)]),
        ("foo, xfo, fo-x, (fo)", [(17, 19)]),  # whole words only, hyphens join words
        ("un ıkilo", []),
        ("un kılo", [(3, 7)]),  # re.IGNORECASE takes the dotless i for an i
    ],
)
def test_scanner_finds_leftmost_first_alternative(
    text: str, expected: list[tuple[int, int]]
) -> None:
    assert _spans(text) == expected


def test_scanner_case_sensitive_takes_no_case_twin() -> None:
    assert _spans("un KILO et un kilo", case_sensitive=True) == [(14, 18)]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="frontdelusibkaı' -.é", max_size=60),
    st.booleans(),
)
def test_scanner_matches_whole_alternation(text: str, case_sensitive: bool) -> None:
    body = "|".join(regex for regex, _ in ALTERNATIVES)
    flags = 0 if case_sensitive else re.IGNORECASE
    whole = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
    expected = [(m.start(), m.end()) for m in whole.finditer(text)]
    assert _spans(text, case_sensitive=case_sensitive) == expected
