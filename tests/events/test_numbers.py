"""Numbers in French and English: digits, number words, vague quantities, ranges."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.events.numbers import find_numbers, load_cues, parse_digits, parse_number

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("13", 13),
        ("20.000", 20000),
        ("20,000", 20000),
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("1.234.567", 1234567),
        ("12,5", None),
        ("abc", None),
    ],
)
def test_parse_digits_reads_grouped_thousands(token: str, value: int | None) -> None:
    assert parse_digits(token) == value


@pytest.mark.parametrize(
    ("phrase", "language", "value"),
    [
        ("sept", "fr", 7),
        ("treize", "fr", 13),
        ("vingt et un", "fr", 21),
        ("soixante-dix", "fr", 70),
        ("quatre-vingt-dix-neuf", "fr", 99),
        ("deux cents", "fr", 200),
        ("trois mille cinq cents", "fr", 3500),
        ("une dizaine", "fr", 10),
        ("des centaines", "fr", 200),
        ("two", "en", 2),
        ("twenty-five", "en", 25),
        ("two hundred and fifty", "en", 250),
        ("dozens of", "en", 24),
        ("1,200", "en", 1200),
    ],
)
def test_parse_number_reads_words_and_vague_quantities(
    phrase: str, language: str, value: int
) -> None:
    assert parse_number(phrase, CUES[language]) == value


@pytest.mark.parametrize(
    ("text", "language", "values"),
    [
        ("entre 10 et 15 blessés", "fr", [10]),
        ("10 à 12 morts", "fr", [10]),
        ("between 10 and 15 people", "en", [10]),
        ("two soldiers and three civilians", "en", [2, 3]),
        ("tuant 13 et blessant sept autres", "fr", [13, 7]),
    ],
)
def test_find_numbers_merges_ranges_into_lower_bound(
    text: str, language: str, values: list[int]
) -> None:
    assert [m.value for m in find_numbers(text, CUES[language])] == values


def test_find_numbers_notes_approximate_values() -> None:
    (mention,) = find_numbers("une dizaine de morts", CUES["fr"])
    assert mention.approximate and mention.note is not None and "dizaine" in mention.note


def test_find_numbers_offsets_index_the_text() -> None:
    text = "Quelque 20.000 combattants et deux cents civils"
    for mention in find_numbers(text, CUES["fr"]):
        assert text[mention.start : mention.end] == mention.text


def test_load_cues_rejects_unknown_language() -> None:
    with pytest.raises(InputError):
        load_cues("de")


def test_load_cues_is_versioned() -> None:
    # the day a source spoke (issue 14); passive reports, person titles, either apostrophe in
    # "d’après" (issue 15); killing verbs as casualty cues (fr v5, en v5); cues of several words
    # and toll nouns (v12); distances and weights are no toll (v13); anonymous sources' type,
    # toll participles (v14)
    assert load_cues("fr").version == "cues.fr.v14"
    assert load_cues("en").version == "cues.en.v14"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["fr", "en"]))
def test_find_numbers_never_raises(text: str, language: str) -> None:
    for mention in find_numbers(text, CUES[language]):
        assert mention.value >= 0
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["vingt", "et", "un", "cent", "mille", "deux", "quatre", "dix", "x"]),
        max_size=6,
    )
)
def test_parse_number_words_never_raises(words: list[str]) -> None:
    value = parse_number(" ".join(words), CUES["fr"])
    assert value is None or value >= 0


def _packaged_cues(language: str) -> str:
    path = resources.files("eventwire") / "data" / "lexicons" / f"cues.{language}.v1.yaml"
    return path.read_text(encoding="utf-8")


def test_load_cues_rejects_a_lexicon_missing_a_key(tmp_path) -> None:
    raw = yaml.safe_load(_packaged_cues("fr"))
    del raw["numbers"]["range_joiners"]
    path = tmp_path / "cues.fr.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"cues.fr.yaml: missing cue key\(s\) numbers.range_joiners"
    ):
        load_cues("fr", path)


def test_load_cues_rejects_a_lexicon_missing_a_section(tmp_path) -> None:
    raw = yaml.safe_load(_packaged_cues("en"))
    del raw["modality"]
    path = tmp_path / "cues.en.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"missing cue key\(s\) modality.denial_lemmas, "):
        load_cues("en", path)


def test_cue_strings_reject_an_undeclared_key() -> None:
    # a misspelt key in the code is an error, never an empty list that disables a rule
    with pytest.raises(InputError, match="numbers.range_joiner is not a cue key"):
        CUES["fr"].strings("numbers", "range_joiner")


def test_cue_strings_read_an_optional_key_left_out_as_empty() -> None:
    assert CUES["fr"].strings("attribution", "opinion_lemmas") == ()
    assert "believe" in CUES["en"].strings("attribution", "opinion_lemmas")
