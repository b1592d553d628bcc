"""Every source one sentence names (issue 15).

``find_sources(sentence, cues)`` reads one spaCy sentence (``Span``) and returns every source
it names, from three kinds of cues (``attribution`` in ``cues.<lang>.v1.yaml``):

* a preposition before the source — "selon X", "d'après X", "de source X", "according to X",
  "citing X"; the source is the noun phrase after it (the subtree of its first noun);
* a relay — "cité par Y", "quoted by Y": Y passed on someone else's words;
* a speech verb (``reporting_verbs``) — "X a affirmé que", "X said", "X told Y".

``is_speaker_name`` tells a name that may speak from a date, a number or a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from eventwire.events.numbers import Cues
from eventwire.events.reporting_verbs import verb_sources
from eventwire.events.source_phrase import (
    NOT_SPEAKERS,
    TIME_NOUNS,
    Source,
    SourceKind,
    anonymous_cues,
    build_source,
    document_nouns,
    next_offset,
    person_titles,
    phrase_head,
)
from eventwire.nlp.memo import per_doc


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
    found = _prepositional(sentence, cues, relays) + verb_sources(
        sentence, cues, relays, broad=broad
    )
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
    if words[0] in TIME_NOUNS or (len(words) <= 2 and words[-1] in TIME_NOUNS):
        return False
    return pronoun or name.lower().strip(" -'’") not in _PRONOUNS and words[0] not in NOT_SPEAKERS


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
    documents, titles = document_nouns(cues), person_titles(cues)
    anonymous = anonymous_cues(cues)
    for key, kind in (("prepositions", "preposition"), ("relay", "relay")):
        for match in cues.regex("attribution", key).finditer(text):
            cue_start, cue_end = base + match.start(), base + match.end()
            source_kind: SourceKind = "citing" if match.group(0).lower() == "citing" else kind  # type: ignore[assignment]
            head = _cue_noun(sentence, cue_end) or _first_noun_after(sentence, cue_end)
            if head is not None:
                out.append(
                    build_source(
                        sentence,
                        head,
                        cue_start,
                        cue_end,
                        source_kind,
                        after=cue_end,
                        before=next_offset(relays, cue_end),
                        documents=documents,
                        titles=titles,
                        anonymous=anonymous,
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


def _first_noun_after(sentence: Any, offset: int) -> Any:
    for token in sentence:
        if token.idx < offset:
            continue
        if token.pos_ in ("NOUN", "PROPN", "PRON", "X"):
            return phrase_head(token)  # "the Defense Ministry": the compound's head
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
