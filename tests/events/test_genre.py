"""The document genre gate's arithmetic on invented sentences (issue 14)."""

from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.events.genre import (
    article_genre,
    load_genre_cues,
    names_conflict,
    off_topic,
    term_pattern,
)


@pytest.mark.parametrize(
    ("language", "text", "conflict"),
    [
        ("en", "Stocks plunged as investors fled the market; the Dow and the Nasdaq fell.", False),
        (
            "en",
            "The storm killed four people and rescuers searched the rubble after the flood.",
            False,
        ),
        ("en", "Gunmen ambushed a convoy of soldiers near the market, killing six troops.", True),
        (
            "fr",
            (
                "Le séisme a fait 300 morts ; les secouristes fouillent les décombres après les "
                "pluies."
            ),
            False,
        ),
        ("fr", "Des jihadistes ont tendu une embuscade à des soldats près du marché.", True),
        ("fr", "Une phrase sans aucun terme d'un côté ni de l'autre.", True),
        # the magnitude names the disaster: two domain terms, the gate closes
        ("fr", "Un séisme de magnitude 6 a détruit des villages entiers dans la nuit.", False),
        ("en", "A magnitude 6 earthquake destroyed whole villages overnight.", False),
    ],
)
def test_domain_terms_must_outnumber_conflict_terms(language, text, conflict):
    cues = load_genre_cues(language)
    assert article_genre(text, cues).is_conflict(cues.min_domain) is conflict


def test_terms_are_whole_words_and_stars_match_endings():
    pattern = term_pattern(["soldat*", "hommes armés"], "test")
    assert pattern.search("trois soldats tués") and pattern.search("des hommes\narmés")
    assert not pattern.search("un ressoldat") and not names_conflict(
        "l'attaquant a tiré", load_genre_cues("fr")
    )


def test_an_empty_term_list_is_an_error_at_load_time():
    with pytest.raises(InputError, match="empty term list"):
        term_pattern([], "genre.xx.v1.yaml: conflict")


def test_the_domain_with_most_terms_is_named():
    cues = load_genre_cues("en")
    genre = article_genre(
        "The striker scored a goal in the league match; the coach praised the club.", cues
    )
    assert genre.domain == "sport"


@pytest.mark.parametrize(("language", "noun"), [("en", "offensive"), ("fr", "guerre")])
def test_campaign_nouns_are_read_from_the_lexicon(language, noun):
    assert noun in load_genre_cues(language).campaigns


def test_campaign_nouns_are_an_error_when_absent(monkeypatch, tmp_path):
    import yaml

    from eventwire.events import genre

    source = genre.resources.files("eventwire") / "data" / "lexicons" / "genre.en.v1.yaml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    del raw["campaigns"]
    (tmp_path / "data" / "lexicons").mkdir(parents=True)
    (tmp_path / "data" / "lexicons" / "genre.en.v1.yaml").write_text(yaml.safe_dump(raw))
    monkeypatch.setattr(genre.resources, "files", lambda _package: tmp_path)
    with pytest.raises(InputError, match="missing key 'campaigns'"):
        genre.load_genre_cues("en")


@pytest.mark.parametrize(
    ("language", "sentence", "conflict_article", "expected"),
    [
        # a word only sport uses: no event, even in a conflict article
        ("en", "The striker fired home from close range after a fine pass.", True, True),
        ("en", "The referee sent him off after a clash in the penalty area.", True, True),
        ("fr", "Le buteur a fusillé le gardien de but d'une frappe sèche.", True, True),
        ("fr", "Les actionnaires ont attaqué la direction en assemblée.", True, True),
        # a conflict term keeps it: a striker shot by gunmen is an event
        ("en", "Gunmen shot the striker dead outside his home.", True, False),
        ("fr", "Des hommes armés ont abattu le buteur du club devant chez lui.", True, False),
        # no such word: the article's verdict decides
        ("en", "The strike destroyed the bridge on Monday.", True, False),
        ("en", "The strike destroyed the bridge on Monday.", False, True),
    ],
)
def test_a_word_only_sport_or_markets_use_makes_its_sentence_off_topic(
    language, sentence, conflict_article, expected
):
    cues = load_genre_cues(language)
    assert off_topic(sentence, cues, conflict_article=conflict_article) is expected
