"""Attribution sources in a sentence, and the chain behind one event."""

from __future__ import annotations

import pytest

from eventwire.events.attribution import attribution_chain, find_sources
from eventwire.events.numbers import load_cues

CUES = {lang: load_cues(lang) for lang in ("fr", "en")}


def _names(nlp, text: str, language: str) -> list[str]:
    doc = nlp(text)
    return [s.name for sent in doc.sents for s in find_sources(sent, CUES[language])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Selon l'armée syrienne, des obus sont tombés sur Alep.", ["armée syrienne"]),
        ("D'après l'agence Reuters, dix personnes ont été tuées.", ["Reuters"]),
        # cues.fr.v4: the typographic apostrophe of real copy opens the source as well
        ("D’après la gendarmerie, deux bergers ont été enlevés.", ["gendarmerie"]),
        ("Le ministre Jean Dupont a affirmé que l'attaque avait échoué.", ["Jean Dupont"]),
        # a document speaks for its author (issue 7: "un communiqué de X")
        ("Le communiqué des Hachd affirme que les missiles ont visé un entrepôt.", ["Hachd"]),
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
        (
            "According to a statement by the Interior Ministry, ten people died.",
            ["Interior Ministry"],
        ),
        ("According to a statement, ten people died.", ["statement"]),
        # the parser reads "after" as a preposition and leaves "said" without a subject
        (
            "The raid came a day after the governor of the province said a drone killed a man.",
            ["governor"],
        ),
        ("Shops closed as the police chief said gunmen had attacked the market.", ["police chief"]),
    ],
)
def test_find_sources_english(nlp_en, text: str, names: list[str]) -> None:
    assert _names(nlp_en, text, "en") == names


def test_source_phrase_keeps_the_whole_noun_phrase(nlp_fr) -> None:
    text = "Selon l'un des hauts commandants des Hachd, Ghassem Mosleh, ils ont tiré des missiles."
    doc = nlp_fr(text)
    (source,) = find_sources(next(iter(doc.sents)), CUES["fr"])
    assert source.name == "Ghassem Mosleh"
    assert text[source.start : source.end].startswith("l'un des hauts commandants")
    assert text[source.cue_start : source.cue_end] == "Selon"


def test_chain_appends_relay_from_the_next_sentence(nlp_fr) -> None:
    text = (
        "Selon le commandant Ghassem Mosleh, les Hachd ont tiré des missiles sur la base. "
        "Cité par Sumaria News, le commandant affirme que les missiles ont atteint la base."
    )
    doc = nlp_fr(text)
    sentences = list(doc.sents)
    trigger = next(t for t in doc if t.text == "tiré")
    assert [s.name for s in attribution_chain(sentences, trigger, CUES["fr"])] == [
        "Ghassem Mosleh",
        "Sumaria News",
    ]


def test_closing_speaker_the_parser_hung_on_the_place_before_it(nlp_en) -> None:
    # the parser makes "governor" an apposition of the village and leaves "said" no subject
    text = (
        "A drone carrying explosives killed a man in the village of Krasnoye, "
        "the governor of Belgorod region said."
    )
    assert [n for n, _ in _sources(nlp_en, text, "en")] == ["governor"]


def test_a_closing_told_clause_joined_to_the_event_verb_names_its_own_speaker(nlp_en) -> None:
    # "told" is parsed as a conjunct of "killed": the troops are not who told the radio
    text = (
        "Kenyan troops supporting Somalia's army killed 12 militants in Bardhere on Monday, "
        "and captured three, a resident source in Bardhere told Radio Star."
    )
    assert _sources(nlp_en, text, "en") == [("resident source", "verb"), ("Radio Star", "relay")]


def test_a_source_phrase_never_crosses_a_line_break(nlp_en) -> None:
    # a reader's name on its own line above the quote: the parser runs the phrase into it
    text = "Readers reacted.\nJohn Smith \n“The worst debate I have ever seen,” wrote one reader."
    doc = nlp_en(text)
    spans = [
        text[s.start : s.end]
        for sent in doc.sents
        for s in find_sources(sent, CUES["en"], broad=True)
    ]
    assert spans == ["John Smith"]


def test_chain_holds_the_nearest_speaker_and_its_relays_only(nlp_en) -> None:
    text = (
        "Gunmen killed three farmers near Gusau, according to a police spokesman quoted by "
        "the Daily Wire, a local chief said."
    )
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "killed")
    chain = [s.name for s in attribution_chain(list(doc.sents), trigger, CUES["en"])]
    assert chain == ["police spokesman", "Daily Wire"]


def test_chain_skips_speakers_whose_words_do_not_cover_the_trigger(nlp_en) -> None:
    text = "Rebels, who said they wanted peace, attacked the base on Monday."
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "attacked")
    assert attribution_chain(list(doc.sents), trigger, CUES["en"]) == ()


def _sources(nlp, text: str, language: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.name, s.kind) for sent in doc.sents for s in find_sources(sent, CUES[language])]


def test_a_relay_ends_the_source_it_relays(nlp_fr) -> None:
    text = "Sept militaires ont été tués, selon une source militaire citée par Radio Kivu Lumière."
    assert _sources(nlp_fr, text, "fr") == [
        ("source militaire", "preposition"),
        ("Radio Kivu Lumière", "relay"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Un enfant a été tué à Taëz, a rapporté une ONG locale de défense des droits humains.",
            "ONG locale",
        ),
        (
            (
                "Des rebelles ont tué vingt civils à Mukondi, "
                "a annoncé le lendemain l'administrateur du territoire."
            ),
            "administrateur",
        ),
    ],
)
def test_french_inverted_speaker(nlp_fr, text: str, name: str) -> None:
    assert [n for n, _ in _sources(nlp_fr, text, "fr")] == [name]


def test_english_closing_reporting_clause(nlp_en) -> None:
    text = (
        "Fighters attacked the village of Eringeti last Tuesday, killing two soldiers and three "
        "civilians, the army's regional spokesman, Captain Joseph Kambale, said in a statement."
    )
    assert [n for n, _ in _sources(nlp_en, text, "en")] == ["Joseph Kambale"]


def test_a_possessor_does_not_name_the_source(nlp_en) -> None:
    text = (
        "A missile struck a camp near Marib, killing seven civilians, "
        "Yemen's information minister said."
    )
    assert [n for n, _ in _sources(nlp_en, text, "en")] == ["information minister"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the small English model reads "Mali" here as a person: still a possessor
        (
            "Mali's defense ministry says two soldiers died when a mine hit their convoy.",
            "defense ministry",
        ),
        ("Mali's army says it killed twenty jihadists near Menaka.", "army"),
    ],
)
def test_a_possessor_the_recognizer_calls_a_person_does_not_name_the_source(
    nlp_en, text: str, name: str
) -> None:
    assert [n for n, _ in _sources(nlp_en, text, "en")] == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("MOSCOW, Russia -- Russia said it shot down three drones over Kursk.", ["Russia"]),
        ("NATO said its jets had intercepted two drones over Estonia.", ["NATO"]),
    ],
)
def test_a_dateline_the_parser_took_for_the_subject_is_no_speaker(
    nlp_en, text: str, names: list[str]
) -> None:
    assert [n for n, _ in _sources(nlp_en, text, "en")] == names


def test_a_speaker_in_a_subordinate_clause_does_not_source_the_event(nlp_en) -> None:
    text = (
        "Police arrested a journalist on Monday after he published an investigation, "
        "his lawyer said."
    )
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "arrested")
    assert [s.name for s in attribution_chain(list(doc.sents), trigger, CUES["en"])] == ["lawyer"]


def test_a_relay_inside_the_next_sentence_is_not_appended(nlp_fr) -> None:
    text = (
        "Des avions ont mené samedi des frappes à Hodeïda, a annoncé le Pentagone. "
        "Selon un responsable local cité par la chaîne Al-Massirah, "
        "une frappe a tué trois personnes."
    )
    doc = nlp_fr(text)
    trigger = next(t for t in doc if t.text == "frappes")
    assert [s.name for s in attribution_chain(list(doc.sents), trigger, CUES["fr"])] == [
        "Pentagone"
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # issue 15: the speaker after an inverted verb, past a date and the one who was told
        (
            "Deux gendarmes ont été tués près de Tessit, a indiqué à l'agence un élu local.",
            ["élu local"],
        ),
        (
            "Cinq civils ont été tués dans un raid, a déclaré mardi le ministère de la Santé.",
            ["ministère de la Santé"],
        ),
        (
            "Trois soldats ont été tués dimanche, a-t-on appris de sources concordantes.",
            ["sources concordantes"],
        ),
        ("Le bilan est de douze morts, de source hospitalière.", ["source hospitalière"]),
        # cues.fr.v4: whom the news was learnt from ("appris … auprès de X")
        (
            "Six bergers ont été enlevés, a-t-on appris jeudi auprès d'un chef coutumier.",
            ["chef coutumier"],
        ),
        ("Un pont a été détruit, a appris la radio auprès d'un élu.", ["élu"]),
        ("Le ministre s'est rendu auprès des familles.", []),
        # the person apposed to a title names the source
        (
            (
                "La ville a été attaquée dimanche, "
                "a déclaré le gouverneur de la région, Jean Dupont, à la radio."
            ),
            ["Jean Dupont"],
        ),
        # a form the lemmatizer leaves as it is ("indique"); read on television, not written by it
        (
            "«Un poste a été attaqué près de Tessit», indique un communiqué lu à la télévision.",
            ["communiqué"],
        ),
    ],
)
def test_find_sources_postposed_french(nlp_fr, text: str, names: list[str]) -> None:
    assert _names(nlp_fr, text, "fr") == names


@pytest.mark.parametrize("name", ["mercredi", "jeudi soir", "22", "-t", "t", "nuit", "Monday"])
def test_is_speaker_name_refuses_dates_numbers_fragments(name: str) -> None:
    from eventwire.events.attribution import is_speaker_name

    assert not is_speaker_name(name)


@pytest.mark.parametrize("name", ["Ils", "-il", "on", "he"])
def test_is_speaker_name_refuses_pronouns_in_a_chain(name: str) -> None:
    from eventwire.events.attribution import is_speaker_name

    assert is_speaker_name("un élu local", pronoun=False)
    assert not is_speaker_name(name, pronoun=False)


def test_event_sources_drop_the_publishing_outlet(nlp_en) -> None:
    from eventwire.events.attribution import event_sources, outlets

    doc = nlp_en("A militia commander told Reuters that the town had fallen.")
    found = find_sources(next(iter(doc.sents)), CUES["en"])
    assert [s.name for s in event_sources(found, outlets("Reuters", doc.text))] == [
        "militia commander"
    ]
    assert [s.name for s in event_sources(found, outlets("Daily Star", doc.text))] == [
        "militia commander",
        "Reuters",
    ]


def test_outlets_include_the_credited_agency() -> None:
    from eventwire.events.attribution import outlets

    assert outlets(None, "TESSIT (AFP) - Deux gendarmes ont été tués.") == ("AFP",)


def test_find_sources_phrase_stops_at_a_line_break_and_closes_parentheses(nlp_en) -> None:
    text = (
        "10:40 a.m.\n\nJane Roe said the plan would fail. "
        "Sen. John Doe (D-Ore.) said it would pass."
    )
    doc = nlp_en(text)
    spans = [text[s.start : s.end] for sent in doc.sents for s in find_sources(sent, CUES["en"])]
    assert "Jane Roe" in spans and "Sen. John Doe (D-Ore.)" in spans


def test_find_sources_transcript_labels_only_when_broad(nlp_en) -> None:
    doc = nlp_en("SMITH: We will win this race.")
    sent = next(iter(doc.sents))
    assert [s.name for s in find_sources(sent, CUES["en"], broad=True)][:1] == ["SMITH"]
    assert "SMITH" not in [s.name for s in find_sources(sent, CUES["en"])]


def _split_doc(nlp, words: list[str], starts: list[int]):
    """A Doc whose sentences start at ``starts``, as a parser that cut a clause off leaves it."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, sent_starts=[i in starts for i in range(len(words))])


@pytest.mark.parametrize(
    ("words", "starts", "length"),
    [
        # ", a indiqué …" and "de sources …" continue the sentence the parser cut
        (["Des", "tirs", "à", "Gao", ",", "a", "indiqué", "un", "élu", "."], [0, 4], 10),
        (
            ["Un", "raid", "à", "Kidal", ",", "a", "appris", "X", "de", "sources", "."],
            [0, 4, 8],
            11,
        ),
        # a capital opens a new sentence
        (["Un", "raid", "à", "Kidal", ".", "Le", "maire", "a", "parlé", "."], [0, 5], 5),
        # a line break ends it
        (["Un", "raid", "à", "Kidal", "\n", ",", "a", "dit", "X"], [0, 5], 5),
    ],
)
def test_clause_span_joins_a_clause_the_parser_cut_off(
    nlp_fr, words: list[str], starts: list[int], length: int
) -> None:
    from eventwire.events.attribution import clause_span

    doc = _split_doc(nlp_fr, words, starts)
    first = next(iter(doc.sents))
    assert len(clause_span(doc[first.start : first.end])) == length


def test_inverted_speaker_after_a_date_and_a_partitive(nlp_fr) -> None:
    text = "Deux civils ont été tués à Kidal, ont rapporté lundi des responsables locaux."
    assert [n for n, _ in _sources(nlp_fr, text, "fr")] == ["responsables locaux"]


def test_closing_reporting_clause_after_the_reported_clause(nlp_en) -> None:
    text = (
        "At least 20 soldiers were killed in an attack by armed insurgents near the country's "
        "border with Niger, the West African nation's army said in a statement late on Tuesday."
    )
    doc = nlp_en(text)
    trigger = next(t for t in doc if t.text == "killed")
    chain = attribution_chain(list(doc.sents), trigger, CUES["en"])
    assert [s.name for s in chain] == ["army"]


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        # a weekday the parser read as a second subject does not hide the speaker
        (
            "Mardi, des sources militaires ont confirmé que six soldats ont été tués à Tillabéri.",
            "tués",
            "sources militaires",
        ),
        # a deploring organisation reports the event it deplores
        (
            "Sept civils ont été tués à Kidal, a déploré mardi une organisation humanitaire.",
            "tués",
            "organisation humanitaire",
        ),
    ],
)
def test_french_speakers_past_dates_and_deploring(
    nlp_fr, text: str, trigger: str, name: str
) -> None:
    doc = nlp_fr(text)
    token = next(t for t in doc if t.text == trigger)
    assert [s.name for s in attribution_chain(list(doc.sents), token, CUES["fr"])][:1] == [name]


@pytest.mark.parametrize(("titled", "found"), [(True, "Bol Makuei"), (False, None)])
def test_a_name_apposed_to_a_title_is_the_speaker_whatever_its_entity_label(
    nlp_fr, titled: bool, found: str | None
) -> None:
    """The recognizer may read an unfamiliar person's name as a place; after a title it is the
    person ("le gouverneur de Warrap, Bol Makuei, a dit")."""
    from spacy.tokens import Doc

    from eventwire.events.source_phrase import _apposed_person

    words = ["le", "gouverneur", "de", "Warrap", ",", "Bol", "Makuei", ",", "a", "dit"]
    ents = ["O", "O", "O", "B-LOC", "O", "B-LOC", "I-LOC", "O", "O", "O"]
    doc = Doc(nlp_fr.vocab, words=words, ents=ents)
    span = _apposed_person(doc[:], doc[3], titled=titled)
    text = doc.text
    assert (text[span[0] : span[1]] if span else None) == found


def test_a_passive_report_names_its_source_as_the_agent(nlp_fr) -> None:
    text = "Plusieurs explosions ont été signalées par les autorités locales à Tillabéri."
    assert _sources(nlp_fr, text, "fr") == [("autorités locales", "preposition")]


def test_the_subject_of_a_passive_report_is_what_was_said(nlp_en) -> None:
    text = "Two explosions were reported in the market of Gao on Sunday."
    assert _sources(nlp_en, text, "en") == []
