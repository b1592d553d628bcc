"""Who says so: attribution sources in a sentence, and the chain behind one event.

``find_sources(sentence, cues)`` reads one spaCy sentence (``Span``) and returns every source
it names, from three kinds of cues (``attribution`` in ``cues.<lang>.v1.yaml``):

* a preposition before the source — "selon X", "d'après X", "de source X", "according to X",
  "citing X"; the source is the noun phrase after it (the subtree of its first noun);
* a relay — "cité par Y", "quoted by Y": Y passed on someone else's words;
* a speech verb — "X a affirmé / déclaré / annoncé que", "X said", "X told Y", "X claimed
  responsibility": the source is the verb's subject (its subtree), pronouns included ("he said").

Each source keeps its whole phrase (``start:end``, what PolNeAR annotates) and a ``name``: a
PER/ORG entity inside the phrase (PER first), else the phrase head with its modifiers —
"Ghassem Mosleh", not "l'un des hauts commandants des Hachd, Ghassem Mosleh".

``attribution_chain`` orders an event's sources nearest first (issue 7): the sources of the
trigger's sentence that cover the trigger ("citing X" before the one who cites), by distance to the
trigger, then relays in that sentence and in the next one when it continues the same speaker
("…, Ghassem Mosleh, ces derniers ont donc tiré… Cité par Sumaria News, le commandant…" gives
[Ghassem Mosleh, Sumaria News]). With none in the trigger's sentence, the sources of the
sentences that continue the event are used. The publishing outlet is implicit and never added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from eventwire.calendar_words import MONTHS, WEEKDAYS
from eventwire.events.numbers import Cues
from eventwire.nlp.memo import doc_text, per_doc

SourceKind = Literal["preposition", "citing", "relay", "verb"]
_NAME_LABELS = ("PER", "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "MISC")
_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
_TIME_NOUNS = (
    frozenset(
        {
            "lendemain",
            "veille",
            "jour",
            "soir",
            "matin",
            "nuit",
            "semaine",
            "hier",
            "aujourd'hui",
            "soirée",
            "matinée",
            "après-midi",
            "day",
            "night",
            "morning",
            "evening",
            "week",
            "yesterday",
            "today",
            "afternoon",
        }
    )
    | WEEKDAYS
    | (MONTHS - {"may"})
)  # "may" is also the modal verb
# Prepositions that introduce who was told, not who speaks: "a indiqué à l'AFP un responsable".
_RECIPIENT_PREPS = frozenset({"à", "au", "aux", "to"})
# French partitive articles the parser reads as "of" when they open the speaker after a verb.
_PARTITIVES = frozenset({"des", "du"})
# Pronouns that never name a speaker ("a-t-on appris": French "on"; "-t-" is euphony).
_NOT_SPEAKERS = frozenset(
    {
        "on",
        "t",
        "-t",
        "-t-",
        "one",
        "qui",
        "que",
        "who",
        "which",
        "that",
        "ce",
        "cela",
        "ça",
        "it",
        "this",
        "there",
    }
)


@dataclass(frozen=True, slots=True)
class Source:
    """One source: its phrase ``start:end``, its ``name`` span and the cue that introduced it."""

    start: int
    end: int
    name: str
    name_start: int
    name_end: int
    cue_start: int
    cue_end: int
    kind: SourceKind
    pronoun: bool = False


def find_sources(sentence: Any, cues: Cues, *, broad: bool = False) -> tuple[Source, ...]:
    """Every source named in one spaCy sentence, in text order, overlaps merged.

    ``broad`` adds the subjects of stance and belief verbs ("X wants", "X believes"), which
    PolNeAR annotates as attributions but which do not source an event.

    >>> # doc = nlp("Selon l'armée, des obus ont frappé Alep.")
    >>> # find_sources(doc[:], load_cues("fr"))[0].name
    """
    # Roles and the attribution chain read the same sentences again: once per document.
    key = ("sources", sentence.start, sentence.end, broad)
    return per_doc(sentence.doc, key, cues, lambda: _find_sources(sentence, cues, broad=broad))


def _find_sources(sentence: Any, cues: Cues, *, broad: bool) -> tuple[Source, ...]:
    relays = [
        sentence.start_char + m.start()
        for m in cues.regex("attribution", "relay").finditer(sentence.text)
    ]
    found = _prepositional(sentence, cues, relays) + _verbal(sentence, cues, relays, broad=broad)
    if broad:
        # PolNeAR annotates who speaks, not whom they told ("X told reporters"): no "told" relay.
        base = sentence.start_char
        found = [
            s
            for s in found
            if not (
                s.kind == "relay"
                and sentence.text[s.cue_start - base : s.cue_end - base].lower() == "told"
            )
        ]
        found += _speaker_labels(sentence)
    found = [_one_line(s, sentence) for s in found]
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Source] = []
    for source in found:
        if any(source.start < k.end and k.start < source.end for k in kept):
            continue
        if not is_speaker_name(source.name, pronoun=source.pronoun) or _dateline(sentence, source):
            continue
        kept.append(source)
    return tuple(kept)


def _one_line(source: Source, sentence: Any) -> Source:
    """The source's phrase cut to the line that holds its name: a line break ends a phrase
    ("Pamela Smith\n“I am ashamed…” ", a heading above the name)."""
    base, text = sentence.start_char, sentence.text
    phrase = text[source.start - base : source.end - base]
    if "\n" not in phrase:
        return source
    before = text.rfind("\n", source.start - base, source.name_start - base)
    after = text.find("\n", source.name_end - base, source.end - base)
    start = source.start if before < 0 else base + before + 1
    end = source.end if after < 0 else base + after
    while end > start and text[end - base - 1].isspace():
        end -= 1
    while start < end and text[start - base].isspace():
        start += 1
    return replace(source, start=start, end=end)


_LABEL = re.compile(
    r"(?:^|\n)[ \t\"\u201c]*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,2})[ \t]*:"
)


def _speaker_labels(sentence: Any) -> list[Source]:
    """Transcript speaker labels ("WALLACE: …").

    A capitalised name opening a line before a colon.
    """
    out = []
    for match in _LABEL.finditer(sentence.text):
        start, end = sentence.start_char + match.start(1), sentence.start_char + match.end(1)
        out.append(Source(start, end, match.group(1), start, end, end, end + 1, "preposition"))
    return out


_PRONOUNS = frozenset(
    {
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "nous",
        "vous",
        "je",
        "j'",
        "lui",
        "eux",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "celui-ci",
        "celle-ci",
        "ceux-ci",
        "ce dernier",
        "cette dernière",
        "ces derniers",
    }
)


def is_speaker_name(name: str, *, pronoun: bool = True) -> bool:
    """Whether ``name`` can name a speaker: not a date, a weekday, a number or a fragment.

    With ``pronoun=False`` a pronoun is refused too (an event's chain names people, not "il").

    >>> [is_speaker_name(n, pronoun=False) for n in ("mercredi", "22", "-t", "Ils", "un élu local")]
    [False, False, False, False, True]
    """
    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", name.lower())
    if sum(len(w) for w in words) < 2:
        return False
    if words[0] in _TIME_NOUNS or (len(words) <= 2 and words[-1] in _TIME_NOUNS):
        return False
    return pronoun or name.lower().strip(" -'’") not in _PRONOUNS and words[0] not in _NOT_SPEAKERS


def _dateline(sentence: Any, source: Source) -> bool:
    """Whether ``source`` is a dateline, which speaks for no one.

    A capitalised place opening a dispatch: "KIRKUK (Reuters) -", "Mogadishu —".
    """
    text, base = sentence.text, sentence.start_char
    before = text[: source.name_start - base]
    after = text[source.name_end - base : source.name_end - base + 4]
    opening = not before.strip() or before.rstrip(" ").endswith("\n")
    return opening and bool(re.match(r"\s*(?:\(|[—–-]\s)", after))


def _prepositional(sentence: Any, cues: Cues, relays: Sequence[int]) -> list[Source]:
    out = []
    text, base = sentence.text, sentence.start_char
    documents, titles = _documents(cues), _titles(cues)
    for key, kind in (("prepositions", "preposition"), ("relay", "relay")):
        for match in cues.regex("attribution", key).finditer(text):
            cue_start, cue_end = base + match.start(), base + match.end()
            source_kind: SourceKind = "citing" if match.group(0).lower() == "citing" else kind  # type: ignore[assignment]
            head = _cue_noun(sentence, cue_end) or _first_noun_after(sentence, cue_end)
            if head is not None:
                out.append(
                    _source(
                        sentence,
                        head,
                        cue_start,
                        cue_end,
                        source_kind,
                        after=cue_end,
                        before=_next(relays, cue_end),
                        documents=documents,
                        titles=titles,
                    )
                )
    return out


def _cue_noun(sentence: Any, cue_end: int) -> Any:
    """The noun a cue ends on names the source itself: "de source hospitalière", "de sources
    concordantes" (the phrase is the noun and its adjectives)."""
    for token in sentence:
        if token.idx + len(token) == cue_end and token.pos_ in ("NOUN", "PROPN", "ADJ"):
            return token if token.lower_ in ("source", "sources") else None
    return None


def _next(offsets: Sequence[int], after: int) -> int | None:
    """The first offset after ``after``: "selon une source citée par Y" ends before "citée"."""
    return min((o for o in offsets if o > after), default=None)


def _first_noun_after(sentence: Any, offset: int) -> Any:
    for token in sentence:
        if token.idx < offset:
            continue
        if token.pos_ in ("NOUN", "PROPN", "PRON", "X"):
            return _phrase_head(token)  # "the Defense Ministry": the compound's head
        if token.pos_ == "VERB" and token.dep_ == "amod" and not token.is_sent_end:
            continue  # "a local elected official"
        if (
            token.pos_ not in ("DET", "ADJ", "NUM", "ADP", "SPACE", "ADV", "PUNCT")
            or token.is_sent_end
        ):
            return None
        if token.idx - offset > 60:
            return None
    return None


def _verbal(sentence: Any, cues: Cues, relays: Sequence[int], *, broad: bool) -> list[Source]:
    speech = {w.lower() for w in cues.strings("attribution", "speech_lemmas")}
    keys = ("speech_lemmas", "opinion_lemmas") if broad else ("speech_lemmas",)
    lemmas = {w.lower() for key in keys for w in cues.strings("attribution", key)}
    documents, titles = _documents(cues), _titles(cues)
    out = []
    for token in sentence:
        if not _speech_verb(token, lemmas):
            continue
        subjects, after = _subjects(sentence, token, speech)
        subject = _speaking(sentence, subjects[0], broad=broad) if subjects else None
        if subject is None:
            continue
        before = _next(relays, subject.idx)
        # PolNeAR keeps "X and Y" as one source; an event's chain lists both speakers
        heads = [subject] if broad else [subject, *_conjuncts(subject)]
        starts = [_conjunct_start(h) for h in heads[1:]]
        ends = [*(_cc_before(h) for h in heads[1:]), before]
        for k, head in enumerate(heads):
            out.append(
                _source(
                    sentence,
                    head,
                    token.idx,
                    token.idx + len(token),
                    "verb",
                    after=after if k == 0 else starts[k - 1],
                    before=ends[k],
                    documents=documents,
                    titles=titles,
                )
            )
    return out


def _conjuncts(subject: Any) -> list[Any]:
    """The speakers coordinated with ``subject``: "the militant group and officials said"; not
    a complement the parser coordinated ("le ministre de la Santé et de la Population"), but
    "des" may be the partitive ("l'armée et des habitants")."""
    return [
        c
        for c in subject.children
        if c.dep_ == "conj"
        and c.i > subject.i
        and c.pos_ in ("NOUN", "PROPN")
        and not any(g.dep_ in ("case", "prep") and g.lower_ != "des" for g in c.children)
        and _cc_before(c) is not None
    ]


def _conjunct_start(head: Any) -> int:
    """Where a coordinated speaker's phrase starts: after its own "et" (French hangs it there)."""
    return int(
        min(t.idx for t in head.subtree if t.dep_ not in ("cc", "punct") or t.head.i != head.i)
    )


def _cc_before(conjunct: Any) -> int | None:
    """The offset of the "and"/"et" right before a coordinated speaker's phrase, else None (a
    comma before it: an apposition the parser coordinated)."""
    doc, start = conjunct.doc, _conjunct_start(conjunct)
    previous = next((t for t in reversed(doc[: conjunct.i]) if t.idx < start), None)
    return previous.idx if previous is not None and previous.pos_ == "CCONJ" else None


def _speech_verb(token: Any, lemmas: set[str]) -> bool:
    """Whether ``token`` is an active verb of ``lemmas``: "des explosions ont été signalées (par
    X)" tells what was said, not who said it."""
    if token.pos_ not in ("VERB", "AUX") or _lemma(token, lemmas) not in lemmas:
        return False
    return not any(c.dep_ in ("aux:pass", "auxpass") for c in token.children)


def _cue_words(verb: Any, lemmas: set[str]) -> tuple[str, tuple[Any, ...]]:
    """The cue of several words ``verb`` opens and the words after it that complete it, else
    ``("", ())``.

    Such a cue ("faire savoir", "faire état") is its verb's lemma, then for each further word
    the lemma (or form) of a dependent of the verb, in order: "ont fait savoir", "font état ce
    lundi de …" (the object may lie a few words on).
    """
    first = str(verb.lemma_).lower()
    for cue in sorted(lemmas):
        words = cue.split()
        if len(words) > 1 and words[0] == first:
            found = _completing(verb, words[1:])
            if len(found) == len(words) - 1:
                return cue, found
    return "", ()


def _completing(verb: Any, words: Sequence[str]) -> tuple[Any, ...]:
    """The dependents of ``verb`` (or its head: the parser may hang "fait" on "savoir") that
    spell ``words`` in order after it."""
    found: list[Any] = []
    last = verb.i
    near = [*verb.children, verb.head]
    for word in words:
        match = next(
            (c for c in near if c.i > last and word in (c.lemma_.lower(), c.lower_)),
            None,
        )
        if match is None:
            break
        found.append(match)
        last = match.i
    return tuple(found)


def _subjects(sentence: Any, verb: Any, speech: set[str]) -> tuple[list[Any], int | None]:
    """The subjects of a speech verb (its own, a closing reporting clause's, its head's) and the
    offset the speaker's phrase starts after, if bounded."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    after = None
    misread = any(_misread_subject(s, verb) for s in subjects)
    if misread and _lemma(verb, speech) in speech:
        # the reported clause's own subject taken for the speaker's: the closing clause's wins
        closing, after = _reporting_clause_subject(sentence, verb, _cue_words(verb, speech)[1])
        subjects = closing or subjects
    if not subjects and _lemma(verb, speech) in speech:
        subjects, after = _reporting_clause_subject(sentence, verb, _cue_words(verb, speech)[1])
    if not subjects and verb.dep_ in ("conj", "xcomp"):
        subjects = [c for c in verb.head.children if c.dep_ in _SUBJECTS]
    if not subjects:
        subjects = _object_of_conjunction(verb)
    # "Vendredi, des sources ont confirmé": a date the parser took for a subject speaks not
    subjects = [c for c in subjects if not _is_time(c)] or subjects
    return [s for s in (_past_dateline(c) for c in subjects) if s is not None], after


_QUOTES = frozenset({'"', "»", "”", "«", "“"})


def _misread_subject(subject: Any, verb: Any) -> bool:
    """Whether the parser gave a closing speech verb the subject of the clause it reports.

    A quotation closes between them (« les habitants ont été la cible … », indique un
    communiqué), or the subject carries a finite verb with its own object, which English reads
    as a participle ("Rebels killed 12 soldiers near X, the group said").
    """
    doc = subject.doc
    if any(doc[k].text in _QUOTES for k in range(subject.i + 1, verb.i)):
        return True
    return any(
        t.dep_ == "acl" and t.tag_ in ("VBD", "VBN") and any(c.dep_ == "dobj" for c in t.children)
        for t in subject.subtree
        if t.i < verb.i
    )


# Subordinating conjunctions the English parser takes for prepositions ("after the governor
# said …": "governor" becomes the object of "after" and "said" loses its subject).
_CONJUNCTIONS_AS_PREPOSITIONS = frozenset({"after", "before", "since", "until", "as", "while"})


def _object_of_conjunction(verb: Any) -> list[Any]:
    """The speaker the parser hung on a conjunction read as a preposition, right before
    ``verb``: "the raid came after the governor of the region said …" gives "governor"."""
    for token in verb.doc[verb.sent.start : verb.i]:
        if token.dep_ != "prep" or token.lower_ not in _CONJUNCTIONS_AS_PREPOSITIONS:
            continue
        for obj in token.children:
            if (
                obj.dep_ == "pobj"
                and obj.pos_ in ("NOUN", "PROPN")
                and obj.right_edge.i + 1 == verb.i
            ):
                return [obj]
    return []


def _speaking(sentence: Any, subject: Any, *, broad: bool) -> Any:
    """The token that names the speaker of ``subject``, None for an expletive or a pronoun
    that names nobody."""
    if subject.lower_ in ("il", "it", "ce", "cela") and subject.dep_ == "expl":
        return None
    if subject.lower_.strip("-") == "t" and subject.i + 1 < sentence.end:
        subject = sentence.doc[subject.i + 1]  # "a-t-il dit": the pronoun after "-t"
    # "a-t-on appris": "on" names nobody (PolNeAR does annotate a relative "who")
    nobody = _NOT_SPEAKERS if not broad else _NOT_SPEAKERS - {"who"}
    return None if subject.lower_.strip("-") in nobody else subject


def _past_dateline(subject: Any) -> Any:
    """The speaker behind a dateline the parser took for the subject, else None.

    "MOSCOW, Russia -- Russia said": the town the story was filed from opens the line in
    capitals; the speaker is its last apposition. Any other subject is returned as it is.
    """
    text, start = doc_text(subject.doc), subject.idx
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or not subject.text.isupper() or len(subject.text) < 4:
        return subject
    if not re.match(r"\s*(?:,|\(|[-–—]+\s)", text[start + len(subject.text) :]):
        return subject
    appositions = [c for c in subject.children if c.dep_ == "appos"]
    return appositions[-1] if appositions else None


def _is_time(token: Any) -> bool:
    return token.lower_ in _TIME_NOUNS or token.ent_type_ in ("DATE", "TIME")


_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a")


def _lemma(token: Any, lemmas: set[str]) -> str:
    """The token's lemma, or the -er infinitive its form belongs to when the lemmatizer left the
    form as it was ("indique" for "indiquer" in ", indique un communiqué"), or the whole cue
    when the token opens one of several words ("fait" of "a fait savoir": "faire savoir")."""
    cue, _ = _cue_words(token, lemmas)
    if cue:
        return cue
    lemma = str(token.lemma_).lower()
    if lemma in lemmas or lemma != token.lower_:
        return lemma
    for ending in _ER_ENDINGS:
        if lemma.endswith(ending) and lemma[: len(lemma) - len(ending)] + "er" in lemmas:
            return lemma[: len(lemma) - len(ending)] + "er"
    return lemma


def _reporting_clause_subject(
    sentence: Any, verb: Any, cue: Sequence[Any] = ()
) -> tuple[list[Any], int | None]:
    """The speaker of a reporting clause closing a sentence, which parsers often miss.

    French puts it after the verb ("…, a rapporté une ONG locale"); English before it
    ("…, killing two soldiers, the army's regional spokesman, Captain Joseph Kambale, said").
    Returns the speaker's head token (or nothing) and the offset its phrase starts after.
    ``cue`` holds the words after the verb that complete its cue ("savoir" of "a fait savoir").
    """
    if not _closing_clause(verb, frozenset(t.i for t in cue)):
        return [], None
    doc = sentence.doc
    i = verb.i - 1
    while i >= sentence.start and (doc[i].pos_ in ("AUX", "ADV") or doc[i].dep_ == "neg"):
        i -= 1
    if i >= sentence.start and doc[i].text == ",":
        # Inverted: ", a rapporté l'ANI", ", said the army", ", a déclaré jeudi le ministère".
        speaker, after = _inverted_speaker(sentence, cue[-1] if cue else verb)
        if speaker is not None:
            return [speaker], after
        i -= 1  # ", Colonel Amadou Traoré, said": the speaker's phrase ends before the comma
    if i < sentence.start or doc[i].pos_ not in ("NOUN", "PROPN"):
        return [], None
    return _fronted_speaker(sentence, doc[i], verb)


def _closing_clause(verb: Any, cue: frozenset[int] = frozenset()) -> bool:
    """Whether a speech verb without a subject may close its sentence as a reporting clause."""
    if any(c.dep_ in ("xcomp", "dobj", "obj", "csubj") and c.i < verb.i for c in verb.children):
        return False
    # "asked a few questions", "said that …": not a closing reporting clause; the reported
    # clause before the verb ("X were killed …, the ministry said") is its ccomp
    stop = _full_stop(verb)
    return not any(
        c.dep_ in ("ccomp", "xcomp", "dobj", "csubj", "mark") and c.i > verb.i and not _hearer(c)
        for c in verb.children
        if c.i not in cue and c.i < stop
    )


def _full_stop(verb: Any) -> int:
    """The index of the full stop or line break that ends ``verb``'s clause: a parser sentence
    may run on over the next line, whose clauses it hangs on the verb."""
    doc = verb.doc
    for token in doc[verb.i + 1 : verb.sent.end]:
        if token.text in (".", "!", "?") or "\n" in token.text:
            return int(token.i)
    return int(verb.sent.end)


def _fronted_speaker(sentence: Any, last: Any, verb: Any) -> tuple[list[Any], int | None]:
    """The speaker whose phrase ends on ``last`` right before the verb, opened by a comma.

    The climbed heads, highest first, else the last noun alone when the parser hung it on an
    earlier phrase ("near the border, the nation's defense ministry said" read as an apposition).
    """
    doc = sentence.doc
    for candidate in (*reversed(_climb(last, verb)), last):
        if candidate.dep_ == "appos" and candidate.ent_type_ in ("GPE", "LOC"):
            continue  # "near Somalia's capital, Mogadishu, the group said": the place's name
        first = min(t.i for t in candidate.subtree if t.i <= candidate.i)
        if first - 1 >= sentence.start and doc[first - 1].text == ",":
            return [candidate], doc[first - 1].idx + 1
    return [], None


def _hearer(child: Any) -> bool:
    """ "…, a resident source told Radio X.": a name closing the sentence after the verb is
    whom the speaker told, not a reported clause."""
    if child.dep_ != "dobj" or child.pos_ != "PROPN":
        return False
    rest = child.doc[child.right_edge.i + 1 : child.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _climb(token: Any, verb: Any) -> list[Any]:
    """The nouns above ``token`` before ``verb``, nearest first, past a preposition ("the
    governor of Belgorod region said": region, governor, and on if the parser goes on)."""
    path = [token]
    while path[-1].head.i < verb.i and path[-1].head.i != path[-1].i:
        up = path[-1].head
        if up.dep_ == "prep" and up.head.pos_ in ("NOUN", "PROPN") and up.head.i < up.i:
            up = up.head
        if up.pos_ not in ("NOUN", "PROPN"):
            break
        path.append(up)
    return path


def _inverted_speaker(sentence: Any, verb: Any) -> tuple[Any, int | None]:
    """The speaker after an inverted reporting verb, past dates and the one who was told.

    ", a indiqué à l'AFP un responsable local" gives "responsable" (the phrase starts after
    "AFP"); ", a déclaré jeudi le ministère" gives "ministère"; a pronoun, a verb or the end of
    the sentence gives nothing.
    """
    doc = sentence.doc
    j, after = verb.i + 1, verb.idx + len(verb)
    while j < sentence.end and j - verb.i < 16:
        token, low = doc[j], doc[j].lower_
        if token.is_punct or token.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ"):
            return None, None
        if low in _PARTITIVES and j + 1 < sentence.end and doc[j + 1].pos_ in ("NOUN", "ADJ"):
            j += 1  # ", ont rapporté mercredi des représentants": a determiner, not "of"
            continue
        if token.pos_ == "ADP" or low in _RECIPIENT_PREPS:
            # skip the recipient or a circumstance: "à l'AFP", "to Reuters", "dans un communiqué"
            k = _past_recipient(sentence, j)
            if k is None:
                return None, None
            j, after = k + 1, doc[k].idx + len(doc[k])
            continue
        if _circumstance(token):
            j, after = j + 1, token.idx + len(token)
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            return _phrase_head(token), after
        if token.pos_ not in ("DET", "ADJ", "NUM"):
            return None, None
        j += 1
    return None, None


def _past_recipient(sentence: Any, j: int) -> int | None:
    """The last token of the phrase the preposition at ``j`` opens, None when a verb or a
    punctuation mark comes first or the sentence ends."""
    doc = sentence.doc
    k = j + 1
    while k < sentence.end and doc[k].pos_ not in ("NOUN", "PROPN"):
        if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX"):
            return None
        k += 1
    while k + 1 < sentence.end and doc[k + 1].pos_ == "PROPN":
        k += 1
    return None if k >= sentence.end else k


def _circumstance(token: Any) -> bool:
    """A date, a time, a number or an adverb between a verb and its speaker."""
    return bool(
        token.ent_type_ in ("DATE", "TIME")
        or token.lower_ in _TIME_NOUNS
        or token.lemma_.lower() in _TIME_NOUNS
        or token.like_num
        or token.pos_ == "ADV"
    )


def _phrase_head(token: Any) -> Any:
    """The head of a name's noun phrase: "the Defense Ministry" climbs from the compound."""
    while token.dep_ in ("compound", "flat", "flat:name") and token.head.i > token.i:
        token = token.head
    return token


def _source(
    sentence: Any,
    head: Any,
    cue_start: int,
    cue_end: int,
    kind: SourceKind,
    *,
    after: int | None = None,
    before: int | None = None,
    documents: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
) -> Source:
    tokens = _phrase(sentence, head, after=after, before=before)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    name_start, name_end = _name(sentence, _author(head, documents, start, end) or head, start, end)
    titled = head.lemma_.lower() in titles or head.lower_ in titles
    person = _apposed_person(sentence, tokens[-1], titled=titled)
    if person is not None and head.pos_ != "PRON":
        # "le gouverneur de la région, Jean Dupont, a dit": the person
        name_start, name_end = person
    else:
        name_start, name_end = _with_acronym(sentence, name_start, name_end, end)
    # the name lies in the sentence; Doc.text would rebuild the whole text
    base = sentence.start_char
    while name_start < name_end - 1 and sentence.text[name_start - base] in "-'’":
        name_start += 1  # "-il" of "a-t-il dit"
    return Source(
        start,
        end,
        sentence.text[name_start - base : name_end - base],
        name_start,
        name_end,
        cue_start,
        cue_end,
        kind,
        pronoun=head.pos_ == "PRON",
    )


_ACRONYM = re.compile(r"\s*\(\s*[A-Z][\w.&'’-]*[A-Z][\w.&'’-]*\s*\)")
_BEFORE_ACRONYM = re.compile(r"[^,;:()«»\"“”]{0,80}?(?=\s*\()")


def _with_acronym(sentence: Any, name_start: int, name_end: int, end: int) -> tuple[int, int]:
    """The name with the acronym that glosses it: "Comité international de la Croix-Rouge
    (CICR)", and "Etat islamique (EI)" when the parser named the source by the acronym alone.

    Readers and gold lists cite either form; the acronym is part of the name's phrase, so the
    name runs on to it through words of the phrase only (no comma), or back to the entity
    that ends right before it.
    """
    base, text = sentence.start_char, sentence.text
    rest = text[name_end - base :]
    lead = _BEFORE_ACRONYM.match(rest)
    if lead is not None:
        acronym = _ACRONYM.match(rest, lead.end())
        if acronym is not None and (not lead.group(0).strip() or name_end + acronym.end() <= end):
            return name_start, name_end + acronym.end()
    if text[: name_start - base].rstrip().endswith("(") and rest.lstrip().startswith(")"):
        opening = base + len(text[: name_start - base].rstrip()) - 1
        glossed = [e for e in sentence.ents if 0 <= opening - e.end_char <= 1]
        if glossed and _ACRONYM.fullmatch(text[opening - base : name_end - base + 1]):
            return glossed[0].start_char, name_end + rest.index(")") + 1
    return name_start, name_end


def _apposed_person(sentence: Any, last: Any, *, titled: bool = False) -> tuple[int, int] | None:
    """A person named in apposition right after a source's phrase.

    ", Jean Dupont," or ", Jean Dupont.".

    After a title ("le gouverneur de la province, Jean Dupont") any name of two words or more
    is the person: the recognizer often reads an unfamiliar person's name as a place.
    """
    doc = sentence.doc
    i = last.i + 1
    if i < sentence.end and doc[i].text == ",":
        i += 1
    elif last.text != ",":
        return None
    labels = ("PER", "PERSON", "LOC", "GPE", "MISC") if titled else ("PER", "PERSON")
    person = next((e for e in sentence.ents if e.start == i and e.label_ in labels), None)
    if person is None or len(person) < 2:
        return None
    following = doc[person.end] if person.end < sentence.end else None
    if following is not None and not following.is_punct:
        return None
    return person.start_char, person.end_char


def _phrase(sentence: Any, head: Any, *, after: int | None, before: int | None = None) -> list[Any]:
    """The contiguous subtree of ``head`` around it, trimmed of punctuation and spaces.

    ``after``/``before`` bound it: a relay cue ("citée par", "quoted by") ends the phrase.
    """
    tokens = _contiguous(sentence, head, _inside(sentence, head), after=after, before=before)
    tokens = _trimmed(_after_last_break(tokens, head))
    return _closing_comma(sentence, _balanced(sentence, tokens), before=before)


def _inside(sentence: Any, head: Any) -> set[int]:
    """The indices of ``head``'s subtree, less the relative clauses a comma opens.

    Such clauses describe the source but are not part of its name (PolNeAR: "Angelique
    Brunner, a … spokeswoman for the EB-5 Investment Coalition,").
    """
    inside = {t.i for t in head.subtree}
    for token in head.subtree:
        if token.dep_ in ("relcl", "acl:relcl") and token.i > head.i:
            first = min(t.i for t in token.subtree)
            if first > sentence.start and sentence.doc[first - 1].text == ",":
                inside -= {t.i for t in token.subtree}
    return inside


def _contiguous(
    sentence: Any, head: Any, inside: set[int], *, after: int | None, before: int | None
) -> list[Any]:
    """The tokens of ``inside`` that run unbroken from ``head``, within ``after``/``before``."""
    doc = sentence.doc
    tokens = [head]
    i = head.i - 1
    while i >= sentence.start and i in inside and (after is None or doc[i].idx >= after):
        tokens.insert(0, doc[i])
        i -= 1
    i = head.i + 1
    while i < sentence.end and i in inside and (before is None or doc[i].idx < before):
        tokens.append(doc[i])
        i += 1
    return tokens


def _after_last_break(tokens: list[Any], head: Any) -> list[Any]:
    """A phrase never runs over a line break: "11:05 a.m.\n\nDonald Trump" is a heading, then a
    name."""
    breaks = [k for k, t in enumerate(tokens) if "\n" in t.text_with_ws and t.i < head.i]
    if breaks:
        return tokens[breaks[-1] + 1 :] or tokens
    return tokens


def _trimmed(tokens: list[Any]) -> list[Any]:
    """``tokens`` without punctuation or spaces at either end (a closing parenthesis stays)."""
    tokens = list(tokens)
    while (
        len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text != ")"
    ):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens


def _balanced(sentence: Any, tokens: list[Any]) -> list[Any]:
    """``tokens`` with their parentheses balanced: the closing one added, or a stray one dropped."""
    opened = sum(t.text == "(" for t in tokens) - sum(t.text == ")" for t in tokens)
    following = tokens[-1].i + 1
    if opened > 0 and following < sentence.end and sentence.doc[following].text == ")":
        return [*tokens, sentence.doc[following]]  # "Sen. Jane Doe (D-Ore.)"
    if opened < 0 and tokens[-1].text == ")":
        return tokens[:-1]
    return tokens


def _closing_comma(sentence: Any, tokens: list[Any], *, before: int | None) -> list[Any]:
    """An appositive is closed by its comma, which PolNeAR keeps inside the source span."""
    following = tokens[-1].i + 1
    if (
        any(t.text == "," for t in tokens)
        and following < sentence.end
        and before is None
        and (sentence.doc[following].text == ",")
    ):
        return [*tokens, sentence.doc[following]]
    return tokens


def _documents(cues: Cues) -> frozenset[str]:
    return frozenset(w.lower() for w in cues.strings("attribution", "document_nouns"))


def _titles(cues: Cues) -> frozenset[str]:
    return frozenset(w.lower() for w in cues.strings("attribution", "person_titles"))


def _author(head: Any, documents: frozenset[str], start: int, end: int) -> Any:
    """The author named inside a document phrase: "le communiqué des Hachd" is the Hachd's
    word, "the army's statement" and "a statement by the army" the army's (issue 7)."""
    if head.lemma_.lower() not in documents and head.lower_ not in documents:
        return None
    for child in head.children:
        if not start <= child.idx < end:
            continue
        cases = {c.lower_ for c in child.children if c.dep_ == "case"}
        if cases - {"de", "du", "des", "d'", "d’"}:
            continue  # "un communiqué lu à la télévision": read there, not written by it
        if child.dep_ in ("nmod", "poss", "nmod:poss") and child.pos_ in ("NOUN", "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "of", "from"):
            objects = [
                g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
            ]
            if objects:
                return objects[0]
    return None


def _name(sentence: Any, head: Any, start: int, end: int) -> tuple[int, int]:
    """The source's name: a person in its phrase, else an entity that is or qualifies its head.

    A possessor or a place ("Libya's interior minister", "l'ONG basée en Suisse")
    does not name the source: its head and modifiers do ("interior minister").
    """
    # The entity holding the head may run past a misparsed phrase ("par Radio Lac Vert"
    # parsed as two agents): it still names the source.
    entities = [
        e
        for e in sentence.ents
        if e.label_ in _NAME_LABELS
        and (
            (start <= e.start_char and e.end_char <= end and _names_head(e, head))
            or e.start <= head.i < e.end
        )
    ]
    if entities:
        best = min(entities, key=lambda e: (_NAME_LABELS.index(e.label_) > 1, -len(e.text)))
        tokens = [t for t in best if not (t.pos_ == "DET" and t.i == best.start)]
        if tokens:
            return tokens[0].idx, best.end_char
        return best.start_char, best.end_char
    left = head
    for token in reversed(list(head.lefts)):
        if token.i == left.i - 1 and token.dep_ in ("compound", "amod", "flat", "flat:name"):
            left = token
    right = head
    for token in head.rights:
        if token.i == right.i + 1 and token.dep_ in ("compound", "flat", "flat:name", "amod"):
            right = token
    return max(left.idx, start), min(right.idx + len(right), end)


def _names_head(entity: Any, head: Any) -> bool:
    if entity.start <= head.i < entity.end:
        return True
    root = entity.root
    if root.dep_ == "poss":
        return False  # "Mali's defense ministry": the recognizer may call the possessor a person
    if entity.label_ in ("PER", "PERSON"):
        return True
    if root.head.i != head.i:
        return False
    # "l'agence Reuters" (a bare nmod) names the agency; "ministère de la Défense" does not.
    bare = root.dep_ == "nmod" and not any(c.dep_ == "case" for c in root.children)
    return bare or root.dep_ in ("compound", "appos", "flat", "flat:name")


# --------------------------------------------------------------------------- event chains


def attribution_chain(
    sentences: Sequence[Any],
    trigger: Any,
    cues: Cues,
    *,
    focus: int | None = None,
    following: Any = None,
) -> tuple[Source, ...]:
    """Sources of the event whose trigger token is ``trigger``, nearest first.

    ``sentences`` are the trigger's sentence first, then the sentences that continue the event.
    ``focus`` is the offset of the event's toll: in a later sentence the source nearest to it
    is the one that gives it ("selon des témoins, des balles réelles : cinq tués, d'après le
    porte-parole" gives the spokesman). ``following`` is the sentence after the trigger's when
    ``sentences`` stop there (it tells another event): it may still open on the relay.
    """
    first = find_sources(clause_span(sentences[0]), cues)
    primary = [s for s in first if s.kind != "relay" and _covers(s, trigger)]
    relays = [s for s in first if s.kind == "relay"]
    if primary:
        primary.sort(key=lambda s: (s.kind != "citing", _distance(s, trigger)))
        after = sentences[1] if len(sentences) > 1 else following
        if after is not None:
            relays += _opening_relay(after, cues)
        # GUIDE.md section 6: the nearest speaker and those who relayed it, not every speaker;
        # speakers of the same verb ("the group and officials said") in their order
        chosen = [s for s in primary if s.cue_start == primary[0].cue_start]
        return _dedupe(sorted(chosen, key=lambda s: s.start) + relays)
    return _dedupe(_later_sources(sentences[1:], cues, focus) or relays)


def counted_by_toll(trigger: Any, cues: Cues) -> bool:
    """Whether the trigger names what a toll counts ("le bilan des heurts", "the toll from the
    attack"): its sentence's speaker gives the toll, and the event is taken as known.

    GUIDE.md section 6: an event is asserted even if its toll is attributed.
    """
    if trigger.pos_ != "NOUN":
        return False
    nouns = {w.lower() for w in cues.strings("attribution", "toll_nouns")}
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "toll from the clashes": the preposition hangs on the toll
    return head.i != trigger.i and head.lemma_.lower() in nouns


def _opening_relay(sentence: Any, cues: Cues) -> list[Source]:
    """The relay a sentence opens on: "Cité par Sumaria News, le commandant affirme…" continues
    the same speaker; a relay later in it belongs to that sentence's own."""
    opening = find_sources(sentence, cues)
    return [
        s
        for s in opening[:1]
        if s.kind == "relay"
        and not sentence.text[: s.cue_start - sentence.start_char].strip(' ,«"')
    ]


def _later_sources(sentences: Sequence[Any], cues: Cues, focus: int | None) -> list[Source]:
    """The sources of the first of ``sentences`` that names one, the one nearest ``focus`` first
    when it lies in that sentence, then its relays; empty when none names a source."""
    for sentence in sentences:
        later = [s for s in find_sources(sentence, cues) if s.kind != "relay"]
        if later:
            inside = focus is not None and sentence.start_char <= focus < sentence.end_char
            anchor = focus if inside and focus is not None else None
            later.sort(
                key=lambda s: (
                    s.kind != "citing",
                    abs(s.cue_start - anchor) if anchor is not None else 0,
                )
            )
            return later + [s for s in find_sources(sentence, cues) if s.kind == "relay"]
    return []


def clause_span(sentence: Any) -> Any:
    """``sentence`` with the clauses the parser cut off after it, as one span.

    A parser sentence opening on a comma or a lower-case word continues the one before it
    (", a indiqué un responsable local", "de sources sécuritaires."): its reporting clause is
    the sentence's own. A line break ends the sentence.
    """
    doc, end = sentence.doc, sentence.end
    while end < len(doc):
        first = end
        while first < len(doc) and doc[first].is_space:
            first += 1
        gap = range(max(sentence.start, end - 1), first)
        if first >= len(doc) or any("\n" in doc[k].text_with_ws for k in gap):
            break
        word = doc[first].text
        if not (word in (",", ";") or (word[:1].islower() and word[:1].isalpha())):
            break
        end = max(doc[first].sent.end, first + 1)
    return doc[sentence.start : end]


def _covers(source: Source, trigger: Any) -> bool:
    """Whether the trigger lies in what the source says (not inside the source's own phrase)."""
    if source.start <= trigger.idx < source.end:
        return False
    if source.kind != "verb":
        return True
    doc = trigger.doc
    verb = next(
        (t for t in doc[trigger.sent.start : trigger.sent.end] if t.idx == source.cue_start), None
    )
    if verb is None:
        return True
    if trigger.i == verb.i or verb.is_ancestor(trigger):
        return True
    # "Militants attacked the base, police said", "l'aviation a mené des frappes…, a indiqué
    # le Commandement": the speech verb hangs off the trigger or the clause that holds it;
    # not "arrested … after he published" (a subordinate clause with its own conjunction).
    if verb.dep_ not in ("parataxis", "dep", "advcl", "ccomp", "conj"):
        return False
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
        return False
    return bool(verb.head.i == trigger.i or verb.head.is_ancestor(trigger))


def _distance(source: Source, trigger: Any) -> int:
    idx = int(trigger.idx)
    return min(abs(source.start - idx), abs(source.end - idx))


def _dedupe(sources: list[Source]) -> tuple[Source, ...]:
    seen: set[str] = set()
    out = []
    for source in sources:
        key = re.sub(r"\W+", " ", source.name.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            out.append(source)
    return tuple(out)


def resolve_pronoun(source: Source, doc: Any, cues: Cues | None = None) -> Source:
    """A pronoun source named after the nearest preceding person (two sentences back at most).

    With ``cues``, a back reference ("the same statement", "le même observatoire", "de
    même source") takes the name of the nearest source named before it.
    """
    if cues is not None and _SAME.search(source.name):
        earlier = _earlier_source(source, doc, cues)
        if earlier is not None:
            return Source(
                source.start,
                source.end,
                earlier.name,
                earlier.name_start,
                earlier.name_end,
                source.cue_start,
                source.cue_end,
                source.kind,
            )
    if not source.pronoun:
        return source
    floor = source.start - 600
    people = [
        e
        for e in doc.ents
        if e.label_ in ("PER", "PERSON") and floor <= e.start_char and e.end_char <= source.start
    ]
    if not people:
        return source
    person = people[-1]
    return Source(
        source.start,
        source.end,
        person.text,
        person.start_char,
        person.end_char,
        source.cue_start,
        source.cue_end,
        source.kind,
        pronoun=True,
    )


_SAME = re.compile(r"(?<!\w)(?:same|même)(?!\w)", re.IGNORECASE)


def _earlier_source(source: Source, doc: Any, cues: Cues) -> Source | None:
    """The last source, not itself a back reference nor a pronoun, named before ``source``."""
    found: list[Source] = []
    for sentence in doc.sents:
        if sentence.start_char >= source.start:
            break
        found += [
            s
            for s in find_sources(sentence, cues)
            if s.end <= source.start
            and not s.pronoun
            and s.kind != "relay"
            and not _SAME.search(s.name)
        ]
    return found[-1] if found else None


_CREDIT = re.compile(r"\(\s*([A-Z][\w.'’ -]{1,30}?)\s*\)\s*[-—–:]")
_OWN = re.compile(r"^(?:notre|nos|our)\b", re.IGNORECASE)


def outlets(source: str | None, text: str) -> tuple[str, ...]:
    """The publishing outlet and the agency credited in the dateline ("GAO (AFP) -").

    >>> outlets("Le Monde", "GAO (AFP) - Des hommes armés ...")
    ('Le Monde', 'AFP')
    """
    found = [source] if source else []
    found += [m.group(1) for m in _CREDIT.finditer(text[:400])]
    return tuple(found)


def event_sources(
    sources: Sequence[Source], publishers: Sequence[str], *, pronouns: bool = False
) -> tuple[Source, ...]:
    """An event's chain as reported: no pronoun left unresolved, nothing that names no speaker,
    and never the publishing outlet nor its own staff ("notre correspondant", "our reporter")."""
    keys = [_key(p) for p in publishers if _key(p)]
    out = []
    for source in sources:
        if not is_speaker_name(source.name, pronoun=pronouns) or _OWN.search(source.name.strip()):
            continue
        name = _key(source.name)
        if any(name == k or f" {k} " in f" {name} " for k in keys):
            continue  # "told Reuters" in Reuters copy; "Reuters news agency reports" too
        out.append(source)
    return tuple(out)


def _key(name: str) -> str:
    return re.sub(r"\W+", " ", name.lower()).strip()
