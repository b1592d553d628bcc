"""fill_details on the seed article: the missile event and the planned entity."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.events.details import fill_details
from eventwire.events.numbers import load_cues
from eventwire.records import Article, Document, Event, Span

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}


@pytest.fixture(scope="module")
def sample_doc(sample_path: Path, nlp_fr) -> Document:
    text = sample_path.read_text(encoding="utf-8")
    article = Article(id="sample", text=text, language="fr", published=None, ingested="2024-12-01")
    return Document(article=article, nlp=nlp_fr(text))


def _event(text: str, sentence_start: str, trigger: str) -> Event:
    start = text.index(sentence_start)
    at = text.index(trigger, start)
    end = text.index(".", at) + 1
    return Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        trigger=Span.of(text, at, at + len(trigger)),
        sentence=Span.of(text, start, end),
    )


def test_missile_event_gets_date_casualties_sources_and_modality(sample_doc: Document) -> None:
    text = sample_doc.article.text
    event = fill_details(_event(text, "selon l'un", "tiré"), sample_doc, CUES)
    assert (event.date, event.date_precision, event.date_from_publication) == (
        "2018-11-11",
        "day",
        False,
    )
    assert event.date_evidence is not None and event.date_evidence.text == "dimanche 11 novembre"
    assert (event.fatalities, event.injured) == (13, 7)
    assert event.fatalities_evidence is not None and "13" in event.fatalities_evidence.text
    assert event.injured_evidence is not None and "blessés" in event.injured_evidence.text
    assert [a.name for a in event.attribution] == ["Ghassem Mosleh", "Sumaria News"]
    assert event.modality == "claimed"


def test_evidence_spans_index_the_article(sample_doc: Document) -> None:
    text = sample_doc.article.text
    event = fill_details(_event(text, "selon l'un", "tiré"), sample_doc, CUES)
    spans = [event.date_evidence, event.fatalities_evidence, event.injured_evidence]
    spans += [a.span for a in event.attribution]
    for span in spans:
        assert span is not None and text[span.start : span.end] == span.text


def test_intended_entity_is_planned(sample_doc: Document) -> None:
    text = sample_doc.article.text
    event = fill_details(_event(text, "les États-Unis entendent", "créer"), sample_doc, CUES)
    assert event.modality == "planned"
    assert event.modality_evidence is not None and event.modality_evidence.text == "entendent"
    assert (event.fatalities, event.injured, event.attribution) == (None, None, ())
    assert not event.happened


def test_publication_date_is_used_and_flagged(nlp_en) -> None:
    text = "Gunmen attacked a checkpoint in Kirkuk, killing two policemen."
    doc = Document(
        article=Article(id="x", text=text, language="en", published="2019-05-02"), nlp=nlp_en(text)
    )
    at = text.index("attacked")
    event = Event(
        "Violence against civilians",
        "Attack",
        Span.of(text, at, at + 8),
        Span.of(text, 0, len(text)),
    )
    filled = fill_details(event, doc, CUES)
    assert (filled.date, filled.date_from_publication, filled.date_evidence) == (
        "2019-05-02",
        True,
        None,
    )
    assert (filled.fatalities, filled.modality) == (2, "asserted")


def test_unparsed_language_keeps_only_publication_date() -> None:
    text = "Irgendein Text."
    doc = Document(article=Article(id="x", text=text, language="de", published="2019-05-02"))
    event = Event("Battles", "Armed clash", Span.of(text, 0, 9), Span.of(text, 0, len(text)))
    filled = fill_details(event, doc, CUES)
    assert (filled.date, filled.fatalities, filled.attribution) == ("2019-05-02", None, ())


def _filled(nlp, text: str, trigger: str, language: str, *, published: str = "2023-11-27") -> Event:
    doc = Document(
        article=Article(id="x", text=text, language=language, published=published), nlp=nlp(text)
    )
    at = text.index(trigger)
    sent = next(s for s in doc.nlp.sents if s.start_char <= at < s.end_char)
    event = Event(
        "Battles",
        "Armed clash",
        Span.of(text, at, at + len(trigger)),
        Span.of(text, sent.start_char, sent.end_char),
    )
    return fill_details(event, doc, CUES)


def test_a_toll_attributed_later_leaves_the_event_asserted(nlp_fr) -> None:
    text = (
        "Des combattants du JNIM ont lancé hier une attaque contre le détachement de Djibo. "
        "Selon une source sécuritaire, les combats à Djibo ont fait au moins 40 morts."
    )
    event = _filled(nlp_fr, text, "attaque", "fr")
    assert (event.modality, event.fatalities, event.date) == ("asserted", 40, "2023-11-26")
    assert [a.name for a in event.attribution] == ["source sécuritaire"]


def test_a_source_in_the_trigger_sentence_makes_it_claimed(nlp_fr) -> None:
    text = (
        "Lundi, l'aviation a mené des frappes près de Rutba, a indiqué le Commandement des "
        "opérations."
    )
    event = _filled(nlp_fr, text, "frappes", "fr")
    assert event.modality == "claimed"
    assert next(a.name for a in event.attribution).startswith("Commandement")


def test_the_same_statement_is_named_after_the_earlier_source(nlp_en) -> None:
    text = (
        "Gunmen killed 12 soldiers near Ayorou on Monday, the defence ministry said in a "
        "statement. "
        "Troops later arrested 12 suspects in nearby villages, according to the same statement."
    )
    event = _filled(nlp_en, text, "arrested", "en")
    assert [a.name for a in event.attribution] == ["defence ministry"]


def test_a_sentence_running_over_a_paragraph_break_is_cut(nlp_en) -> None:
    text = (
        "Rebels fired on protesters in Deir al-Zor on Saturday, the SDF said\n\n"
        "IS cells still carry out dozens of attacks a month, analysts say."
    )
    event = _filled(nlp_en, text, "fired", "en")
    assert [a.name for a in event.attribution] == ["SDF"]


def _cut_doc(nlp, words: list[str], cut: int):
    """A parsed doc whose sentences are forced to break before ``words[cut]``."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words, sent_starts=[i in (0, cut) for i in range(len(words))])
    return doc


@pytest.mark.parametrize(
    ("words", "cut", "expected"),
    [
        # the parser cut before ", ont rapporté …": the same sentence, so the same window
        (
            [
                "Deux",
                "soldats",
                "ont",
                "été",
                "tués",
                ",",
                "ont",
                "rapporté",
                "mardi",
                "des",
                "témoins",
                ".",
            ],
            5,
            2,
        ),
        # a new sentence with nothing in common with the first: the window stops
        (["Deux", "soldats", "ont", "été", "tués", ".", "Le", "marché", "a", "rouvert", "."], 6, 1),
    ],
)
def test_event_window_keeps_a_sentence_the_parser_cut_mid_clause(nlp_fr, words, cut, expected):
    from eventwire.events.details import event_window

    doc = _cut_doc(nlp_fr, words, cut)
    assert len(event_window(next(doc.sents), CUES["fr"], trigger=0)) == expected


@pytest.mark.parametrize(
    ("lang", "text", "trigger", "killed"),
    [
        (
            "fr",
            (
                "Une nouvelle attaque attribuée aux jihadistes dans la région de Mopti au Mali. "
                "Elle a coûté la vie à trois membres d'une milice dans le cercle de Bankass."
            ),
            "attaque",
            3,
        ),
        (
            "en",
            (
                "Rebels ambushed an army convoy near Gao on Tuesday. "
                "It left six soldiers dead in the desert."
            ),
            "ambushed",
            6,
        ),
    ],
)
def test_a_pronoun_subject_continues_the_event(nlp_fr, nlp_en, lang, text, trigger, killed):
    event = _filled(nlp_fr if lang == "fr" else nlp_en, text, trigger, lang)
    assert event.fatalities == killed


def test_a_toll_sentence_placed_only_by_the_focus_continues_the_event(nlp_en) -> None:
    from eventwire.records import Place

    text = (
        "A spokesman says troops repelled an attack by rebels south of Gao on Tuesday. "
        "He says four rebels were killed.\n\nThe region of Mopti has seen many attacks."
    )
    doc = nlp_en(text)
    sents = list(doc.sents)

    def event(trigger: str, place: str) -> Event:
        at, where = text.index(trigger), text.index(place)
        sent = next(s for s in sents if s.start_char <= at < s.end_char)
        return Event(
            "Battles",
            "Armed clash",
            Span.of(text, at, at + len(trigger)),
            Span.of(text, sent.start_char, sent.end_char),
            location=Place(Span.of(text, where, where + len(place)), geonameid=len(place)),
        )

    repelled, killed = event("repelled", "Gao"), event("killed", "Mopti")  # Mopti: the focus
    article = Article(id="x", text=text, language="en", published="2023-11-27")
    filled = fill_details(repelled, Document(article, nlp=doc, events=(repelled, killed)), CUES)
    assert filled.fatalities == 4
