"""Who says so: attribution sources in a sentence, and the chain behind one event.

``find_sources(sentence, language)`` reads one spaCy sentence (``Span``) and returns every source
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
from dataclasses import dataclass
from typing import Any, Literal

from eventwire.events.numbers import Cues, load_cues

SourceKind = Literal["preposition", "citing", "relay", "verb"]
_NAME_LABELS = ("PER", "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "MISC")
_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")


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


def find_sources(sentence: Any, language: str, *, broad: bool = False) -> tuple[Source, ...]:
    """Every source named in one spaCy sentence, in text order, overlaps merged.

    ``broad`` adds the subjects of stance and belief verbs ("X wants", "X believes"), which
    PolNeAR annotates as attributions but which do not source an event.

    >>> # doc = nlp("Selon l'armée, des obus ont frappé Alep."); find_sources(doc[:], "fr")[0].name
    """
    cues = load_cues(language)
    found = _prepositional(sentence, cues) + _verbal(sentence, cues, broad=broad)
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Source] = []
    for source in found:
        if any(source.start < k.end and k.start < source.end for k in kept):
            continue
        kept.append(source)
    return tuple(kept)


def _prepositional(sentence: Any, cues: Cues) -> list[Source]:
    out = []
    text, base = sentence.text, sentence.start_char
    for key, kind in (("prepositions", "preposition"), ("relay", "relay")):
        for match in cues.regex("attribution", key).finditer(text):
            cue_start, cue_end = base + match.start(), base + match.end()
            source_kind: SourceKind = "citing" if match.group(0).lower() == "citing" else kind  # type: ignore[assignment]
            head = _first_noun_after(sentence, cue_end)
            if head is not None:
                out.append(_source(sentence, head, cue_start, cue_end, source_kind, after=cue_end))
    return out


def _first_noun_after(sentence: Any, offset: int) -> Any:
    for token in sentence:
        if token.idx < offset:
            continue
        if token.pos_ in ("NOUN", "PROPN", "PRON", "X"):
            # "the Defense Ministry": climb from the compound to the head of its noun phrase.
            while token.dep_ in ("compound", "flat", "flat:name") and token.head.i > token.i:
                token = token.head
            return token
        if token.pos_ not in ("DET", "ADJ", "NUM", "ADP", "SPACE", "ADV", "PUNCT") or token.is_sent_end:
            return None
        if token.idx - offset > 60:
            return None
    return None


def _verbal(sentence: Any, cues: Cues, *, broad: bool) -> list[Source]:
    keys = ("speech_lemmas", "opinion_lemmas") if broad else ("speech_lemmas",)
    lemmas = {w.lower() for key in keys for w in cues.strings("attribution", key)}
    out = []
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in lemmas:
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if not subjects and token.dep_ in ("conj", "xcomp"):
            subjects = [c for c in token.head.children if c.dep_ in _SUBJECTS]
        for subject in subjects[:1]:
            if subject.lower_ in ("il", "it", "ce", "cela") and subject.dep_ == "expl":
                continue
            out.append(_source(sentence, subject, token.idx, token.idx + len(token), "verb"))
    return out


def _source(sentence: Any, head: Any, cue_start: int, cue_end: int, kind: SourceKind,
            *, after: int | None = None) -> Source:
    tokens = _phrase(sentence, head, after=after)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    name_start, name_end = _name(sentence, head, start, end)
    doc_text = sentence.doc.text
    return Source(start, end, doc_text[name_start:name_end], name_start, name_end, cue_start,
                  cue_end, kind, pronoun=head.pos_ == "PRON")


def _phrase(sentence: Any, head: Any, *, after: int | None) -> list[Any]:
    """The contiguous subtree of ``head`` around it, trimmed of punctuation and spaces."""
    # Relative clauses after a comma describe the source but are not part of its name
    # (PolNeAR: "Angelique Brunner, a … spokeswoman for the EB-5 Investment Coalition,").
    inside = {t.i for t in head.subtree}
    for token in head.subtree:
        if token.dep_ in ("relcl", "acl:relcl") and token.i > head.i:
            first = min(t.i for t in token.subtree)
            if first > sentence.start and sentence.doc[first - 1].text == ",":
                inside -= {t.i for t in token.subtree}
    tokens = [head]
    i = head.i - 1
    while i >= sentence.start and i in inside and (after is None or sentence.doc[i].idx >= after):
        tokens.insert(0, sentence.doc[i])
        i -= 1
    i = head.i + 1
    while i < sentence.end and i in inside:
        tokens.append(sentence.doc[i])
        i += 1
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    # An appositive is closed by its comma, which PolNeAR keeps inside the source span.
    following = tokens[-1].i + 1
    if any(t.text == "," for t in tokens) and following < sentence.end and (
        sentence.doc[following].text == ","
    ):
        tokens.append(sentence.doc[following])
    return tokens


def _name(sentence: Any, head: Any, start: int, end: int) -> tuple[int, int]:
    entities = [e for e in sentence.ents if start <= e.start_char and e.end_char <= end
                and e.label_ in _NAME_LABELS]
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


# --------------------------------------------------------------------------- event chains


def attribution_chain(sentences: Sequence[Any], trigger: Any, language: str) -> tuple[Source, ...]:
    """Sources of the event whose trigger token is ``trigger``, nearest first.

    ``sentences`` are the trigger's sentence first, then the sentences that continue the event.
    """
    first = find_sources(sentences[0], language)
    primary = [s for s in first if s.kind != "relay" and _covers(s, trigger)]
    relays = [s for s in first if s.kind == "relay"]
    if primary:
        primary.sort(key=lambda s: (s.kind != "citing", _distance(s, trigger)))
        if len(sentences) > 1:
            following = find_sources(sentences[1], language)
            relays += [s for s in following if s.kind == "relay"]
        return _dedupe(primary + relays)
    for sentence in sentences[1:]:
        later = [s for s in find_sources(sentence, language) if s.kind != "relay"]
        if later:
            later.sort(key=lambda s: s.kind != "citing")
            return _dedupe(later + [s for s in find_sources(sentence, language) if s.kind == "relay"])
    return _dedupe(relays)


def _covers(source: Source, trigger: Any) -> bool:
    """Whether the trigger lies in what the source says (not inside the source's own phrase)."""
    if source.start <= trigger.idx < source.end:
        return False
    if source.kind != "verb":
        return True
    doc = trigger.doc
    verb = next((t for t in doc[trigger.sent.start : trigger.sent.end]
                 if t.idx == source.cue_start), None)
    if verb is None:
        return True
    if trigger.i == verb.i or verb.is_ancestor(trigger):
        return True
    # "Militants attacked the base, police said": the speech verb hangs off the trigger.
    return verb.head.i == trigger.i and verb.dep_ in ("parataxis", "dep", "advcl", "ccomp", "conj")


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


def resolve_pronoun(source: Source, doc: Any) -> Source:
    """A pronoun source named after the nearest preceding person (two sentences back at most)."""
    if not source.pronoun:
        return source
    floor = source.start - 600
    people = [e for e in doc.ents if e.label_ in ("PER", "PERSON")
              and floor <= e.start_char and e.end_char <= source.start]
    if not people:
        return source
    person = people[-1]
    return Source(source.start, source.end, person.text, person.start_char, person.end_char,
                  source.cue_start, source.cue_end, source.kind, pronoun=True)
