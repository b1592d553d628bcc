"""Who says so: attribution sources in a sentence, and the chain behind one event.

Finding them is split by concern: ``sources.find_sources`` reads one sentence (preposition,
relay and speech-verb cues), ``reporting_verbs`` finds the speakers of speech verbs, and
``source_phrase`` holds the :class:`Source` record with its phrase and name. This module
re-exports what callers use and orders an event's sources.

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
from typing import Any

from eventwire.events.numbers import Cues
from eventwire.events.source_phrase import Source, SourceKind
from eventwire.events.sources import find_sources, is_speaker_name

__all__ = [
    "Source",
    "SourceKind",
    "attribution_chain",
    "clause_span",
    "counted_by_toll",
    "event_sources",
    "find_sources",
    "is_speaker_name",
    "outlets",
    "resolve_pronoun",
]


def attribution_chain(
    sentences: Sequence[Any],
    trigger: Any,
    cues: Cues,
    *,
    focus: int | None = None,
    following: Any = None,
    preceding: Sequence[Any] = (),
) -> tuple[Source, ...]:
    """Sources of the event whose trigger token is ``trigger``, nearest first.

    ``sentences`` are the trigger's sentence first, then the sentences that continue the event.
    ``focus`` is the offset of the event's toll: in a later sentence the source nearest to it
    is the one that gives it ("selon des témoins, des balles réelles : cinq tués, d'après le
    porte-parole" gives the spokesman). ``following`` is the sentence after the trigger's when
    ``sentences`` stop there (it tells another event): it may still open on the relay.
    ``preceding`` are the sentences before the trigger's in its paragraph, nearest first: with
    no source of its own, the event is told on the word of the "According to X," that opens
    the paragraph's run of claims.
    """
    first = find_sources(clause_span(sentences[0]), cues)
    primary = [
        s
        for s in first
        if s.kind != "relay" and _covers(s, trigger) and not _claims_told(s, trigger, cues)
    ]
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
    later = _later_sources(sentences[1:], cues, focus) or relays
    return _dedupe(later or _opening_source(preceding, cues))


def _opening_source(preceding: Sequence[Any], cues: Cues) -> list[Source]:
    """The source that opens the nearest of ``preceding`` naming one, when it opens it with a
    preposition ("According to residents, …", "Selon des témoins, …"); none when that sentence
    names its source otherwise."""
    for sentence in preceding:
        found = [s for s in find_sources(sentence, cues) if s.kind != "relay"]
        if not found:
            continue
        first = found[0]
        opens = not sentence.text[: first.cue_start - sentence.start_char].strip(' ,«"')
        return [first] if first.kind == "preposition" and opens else []
    return []


def counted_by_toll(trigger: Any, cues: Cues) -> bool:
    """Whether the trigger names what a toll counts ("le bilan des heurts", "the toll from the
    attack"): its sentence's speaker gives the toll, and the event is taken as known.

    GUIDE.md section 6: an event is asserted even if its toll is attributed.
    """
    if trigger.pos_ != "NOUN":
        return closes_toll(trigger, cues)
    nouns = {w.lower() for w in cues.strings("attribution", "toll_nouns")}
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "toll from the clashes": the preposition hangs on the toll
    return head.i != trigger.i and head.lemma_.lower() in nouns


def closes_toll(trigger: Any, cues: Cues) -> bool:
    """Whether the event's only source closes the toll clause that follows it: "Troops fired on
    the crowd, killing four people, according to a medical group", "…, faisant quatre morts,
    selon un comité de médecins": the group gives the toll; the outlet tells the shooting
    (GUIDE.md section 6: asserted even if the toll is attributed; cues v14 toll_participles).

    A speech verb that covers the trigger ("police said") still makes it claimed, and so does
    "selon la même source", "the same source said": it goes on with a speaker's account.
    """
    lemmas = {w.lower() for w in cues.strings("attribution", "toll_participles")}
    clause = clause_span(trigger.sent)
    tolls = [
        t
        for t in clause
        if t.lemma_.lower() in lemmas
        and _participle(t)
        # the parser may hang "faisant" on the trigger's object
        and (t.head.i == trigger.i or (t.dep_ == "acl" and trigger.is_ancestor(t)))
    ]
    if not tolls:
        return False
    found = find_sources(clause, cues)
    if any(s.kind == "verb" and _covers(s, trigger) for s in found):
        return False
    toll_end = max(t.right_edge.i for t in tolls)
    doc = trigger.doc
    same = {w.lower() for w in cues.strings("attribution", "same_source_words")}
    return any(
        s.kind in ("preposition", "citing")
        and not same & set(doc.text[s.start : s.end].lower().split())
        and all(doc[k].is_punct for k in range(toll_end + 1, _token_at(doc, s.cue_start)))
        and _token_at(doc, s.cue_start) > toll_end
        for s in found
    )


def _participle(token: Any) -> bool:
    """A present participle opening a clause: "killing", "faisant"."""
    if token.dep_ not in ("advcl", "xcomp", "conj", "acl"):
        return False
    return token.tag_ == "VBG" or (
        "Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense")
    )


def _token_at(doc: Any, offset: int) -> int:
    """The index of the token that starts at (or holds) character ``offset``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return int(span.start) if span is not None else len(doc)


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
    if verb.dep_ == "relcl" and verb.head.dep_ in ("dep", "appos", "npadvmod"):
        verb = verb.head  # "…, a source close to X and Y said": "said" misparsed on "source"
    # "Militants attacked the base, police said", "l'aviation a mené des frappes…, a indiqué
    # le Commandement": the speech verb hangs off the trigger or the clause that holds it;
    # not "arrested … after he published" (a subordinate clause with its own conjunction).
    if verb.dep_ not in ("parataxis", "dep", "advcl", "ccomp", "conj"):
        return False
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
        return False
    return bool(verb.head.i == trigger.i or verb.head.is_ancestor(trigger))


_DEFINITE = frozenset(
    {"le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces", "the", "this", "these", "that"}
)


def _claims_told(source: Source, trigger: Any, cues: Cues) -> bool:
    """Whether ``source`` claims responsibility for an event the text tells as known ("X a
    revendiqué l'attentat", "ces tirs", "X claimed the blast"): the claimant says who did it,
    not that it happened (GUIDE.md section 6), so it is no source of the event."""
    while trigger.dep_ == "compound" and trigger.head.i > trigger.i:
        trigger = trigger.head  # "the suicide bombing": the phrase's head holds its article
    if source.kind != "verb" or not any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children
    ):
        return False
    lemmas = {w.lower() for w in cues.strings("attribution", "claim_lemmas")}
    verb = next((t for t in trigger.sent if t.idx == source.cue_start), None)
    return verb is not None and verb.lemma_.lower() in lemmas and verb.is_ancestor(trigger)


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
