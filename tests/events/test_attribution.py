"""Attribution sources in a sentence, and the chain behind one event."""

from __future__ import annotations

import pytest

from eventwire.events.attribution import attribution_chain, find_sources


def _names(nlp, text: str, language: str) -> list[str]:
    doc = nlp(text)
    return [s.name for sent in doc.sents for s in find_sources(sent, language)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Selon l'armée syrienne, des obus sont tombés sur Alep.", ["armée syrienne"]),
        ("D'après l'agence Reuters, dix personnes ont été tuées.", ["Reuters"]),
        ("Le ministre Jean Dupont a affirmé que l'attaque avait échoué.", ["Jean Dupont"]),
    ],
)
def test_find_sources_french(nlp_fr, text: str, names: list[str]) -> None:
    assert _names(nlp_fr, text, "fr") == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("According to the Defense Ministry, two soldiers were killed.", ["Defense Ministry"]),
        ("Police said the blast killed three people.", ["Police"]),
        ("John Smith told Reuters that the town had fallen.", ["John Smith", "Reuters"]),
        ("He said the strike hit a school.", ["He"]),
    ],
)
def test_find_sources_english(nlp_en, text: str, names: list[str]) -> None:
    assert _names(nlp_en, text, "en") == names


def test_source_phrase_keeps_the_whole_noun_phrase(nlp_fr) -> None:
    text = "Selon l'un des hauts commandants des Hachd, Ghassem Mosleh, ils ont tiré des missiles."
    doc = nlp_fr(text)
    (source,) = find_sources(next(iter(doc.sents)), "fr")
    assert source.name == "Ghassem Mosleh"
    assert text[source.start : source.end].startswith("l'un des hauts commandants")
    assert text[source.cue_start : source.cue_end] == "Selon"


def test_chain_appends_relay_from_the_next_sentence(nlp_fr) -> None:
    text = ("Selon le commandant Ghassem Mosleh, les Hachd ont tiré des missiles sur la base. "
            "Cité par Sumaria News, le commandant affirme que les missiles ont atteint la base.")
    doc = nlp_fr(text)
    sentences = list(doc.sents)
    trigger = next(t for t in doc if t.text == "tiré")
    assert [s.name for s in attribution_chain(sentences, trigger, "fr")] == [
        "Ghassem Mosleh", "Sumaria News"]


def test_chain_skips_speakers_whose_words_do_not_cover_the_trigger(nlp_en) -> None:
    text = "Rebels, who said they wanted peace, attacked the base on Monday."
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "attacked")
    assert attribution_chain(list(doc.sents), trigger, "en") == ()
