"""Speech verbs and the speakers they name (issue 15).

"X a affirmé / déclaré que", "X said", "X told Y", "…, a indiqué un responsable local",
"…, the army said", "font état de", "a fait savoir": the source is the verb's subject, the
speaker of a closing or inverted reporting clause, each speaker of a coordination ("the group
and officials said"); the publishing outlet and pronouns that name nobody are left to the
callers. :func:`verb_sources` returns them for one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from eventwire.events.numbers import Cues
from eventwire.events.source_phrase import (
    NOT_SPEAKERS,
    TIME_NOUNS,
    Source,
    anonymous_cues,
    build_source,
    document_nouns,
    next_offset,
    person_titles,
    phrase_head,
)
from eventwire.nlp.memo import doc_text

_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
# Prepositions that introduce who was told, not who speaks: "a indiqué à l'AFP un responsable".
_RECIPIENT_PREPS = frozenset({"à", "au", "aux", "to"})
# French partitive articles the parser reads as "of" when they open the speaker after a verb.
_PARTITIVES = frozenset({"des", "du"})


def verb_sources(sentence: Any, cues: Cues, relays: Sequence[int], *, broad: bool) -> list[Source]:
    speech = {w.lower() for w in cues.strings("attribution", "speech_lemmas")}
    keys = ("speech_lemmas", "opinion_lemmas") if broad else ("speech_lemmas",)
    lemmas = {w.lower() for key in keys for w in cues.strings("attribution", key)}
    documents, titles = document_nouns(cues), person_titles(cues)
    anonymous = anonymous_cues(cues)
    out = []
    for token in sentence:
        if not _speech_verb(token, lemmas):
            continue
        subjects, after = _subjects(sentence, token, speech)
        subject = _speaking(sentence, subjects[0], broad=broad) if subjects else None
        if subject is None:
            continue
        before = next_offset(relays, subject.idx)
        # PolNeAR keeps "X and Y" as one source; an event's chain lists both speakers
        heads = [subject] if broad else [subject, *_conjuncts(subject)]
        starts = [_conjunct_start(h) for h in heads[1:]]
        ends = [*(_cc_before(h) for h in heads[1:]), before]
        lead = None if broad else _misparsed_lead(sentence, token, subject)
        if lead is not None:
            # "…, a source close to the group and Israel's military said"
            heads, starts, ends = (
                [lead[0], *heads],
                [_conjunct_start(subject), *starts],
                [
                    _cc_before(subject),
                    *ends,
                ],
            )
            after = lead[1]
        for k, head in enumerate(heads):
            out.append(
                build_source(
                    sentence,
                    head,
                    token.idx,
                    token.idx + len(token),
                    "verb",
                    after=after if k == 0 else starts[k - 1],
                    before=ends[k],
                    documents=documents,
                    titles=titles,
                    anonymous=anonymous,
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


def _misparsed_lead(sentence: Any, verb: Any, subject: Any) -> tuple[Any, int] | None:
    """The first of two coordinated speakers the parser split from a closing reporting verb,
    and the offset its phrase starts after.

    "…, a source close to the group and Israel's military said": the parser hangs "said" as a
    relative clause on "source", with "military" alone as its subject. The lead is that noun
    when a comma opens its phrase and "and"/"et" joins it to the subject.
    """
    lead = verb.head
    if verb.dep_ != "relcl" or lead.dep_ not in ("dep", "appos", "npadvmod"):
        return None
    if verb.i + 1 < sentence.end and not sentence.doc[verb.i + 1].is_punct:
        return None  # not closing its clause ("said the pair were killed")
    first = lead.left_edge.i
    if first <= sentence.start or sentence.doc[first - 1].text != ",":
        return None
    if _cc_before(subject) is None or not lead.i < subject.i:
        return None
    return lead, int(sentence.doc[first - 1].idx) + 1


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
    nobody = NOT_SPEAKERS if not broad else NOT_SPEAKERS - {"who"}
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
    return token.lower_ in TIME_NOUNS or token.ent_type_ in ("DATE", "TIME")


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
        if up.dep_ == "prep" and up.head.pos_ == "ADJ" and up.head.dep_ == "amod":
            up = up.head  # "a source close to the army said": on past the adjective
        if up.dep_ in ("prep", "amod") and up.head.pos_ in ("NOUN", "PROPN") and up.head.i < up.i:
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
            return phrase_head(token), after
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
        or token.lower_ in TIME_NOUNS
        or token.lemma_.lower() in TIME_NOUNS
        or token.like_num
        or token.pos_ == "ADV"
    )
