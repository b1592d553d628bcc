"""The phrase and the name of one attribution source (issue 15).

A :class:`Source` keeps its whole phrase (``start:end``, what PolNeAR annotates) and a ``name``:
a PER/ORG entity inside the phrase (PER first), else the phrase head with its modifiers —
"Ghassem Mosleh", not "l'un des hauts commandants des Hachd, Ghassem Mosleh"; a document
speaks for its author ("le communiqué des Hachd"), an acronym that glosses the name stays
with it. :func:`build_source` computes both from the head token a cue points at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from eventwire.calendar_words import MONTHS, WEEKDAYS
from eventwire.events.numbers import Cues

SourceKind = Literal["preposition", "citing", "relay", "verb"]
_NAME_LABELS = ("PER", "PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "MISC")
TIME_NOUNS = (
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
# Pronouns that never name a speaker ("a-t-on appris": French "on"; "-t-" is euphony).
NOT_SPEAKERS = frozenset(
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
class Anonymous:
    """The nouns of an unnamed source and the qualifiers that keep its type (cues v14)."""

    nouns: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()


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


def next_offset(offsets: Sequence[int], after: int) -> int | None:
    """The first offset after ``after``: "selon une source citée par Y" ends before "citée"."""
    return min((o for o in offsets if o > after), default=None)


def phrase_head(token: Any) -> Any:
    """The head of a name's noun phrase: "the Defense Ministry" climbs from the compound."""
    while token.dep_ in ("compound", "flat", "flat:name") and token.head.i > token.i:
        token = token.head
    return token


def build_source(
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
    anonymous: Anonymous = Anonymous(),
) -> Source:
    tokens = _phrase(sentence, head, after=after, before=before)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    name_start, name_end = _name(sentence, _author(head, documents, start, end) or head, start, end)
    if name_start <= head.idx < name_end:
        name_end = max(name_end, anonymous_type_end(head, anonymous, end))
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


# "(CICR)", "(OSDH)", and the capitalised word French writes some as ("(Finul)", "(Monusco)")
_ACRONYM = re.compile(r"\s*\(\s*(?:[A-Z][\w.&'’-]*[A-Z][\w.&'’-]*|[A-Z][a-z]{2,7})\s*\)")
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


def document_nouns(cues: Cues) -> frozenset[str]:
    return frozenset(w.lower() for w in cues.strings("attribution", "document_nouns"))


def person_titles(cues: Cues) -> frozenset[str]:
    return frozenset(w.lower() for w in cues.strings("attribution", "person_titles"))


def anonymous_cues(cues: Cues) -> Anonymous:
    return Anonymous(
        frozenset(w.lower() for w in cues.strings("attribution", "anonymous_nouns")),
        frozenset(w.lower() for w in cues.strings("attribution", "anonymous_qualifiers")),
    )


def anonymous_type_end(head: Any, anonymous: Anonymous, end: int) -> int:
    """Where an unnamed source's type ends: "source de sécurité", "source proche de l'armée",
    "a source close to the group"; the head's own end when it has none (issue 15).

    Only a bare "de" + noun ("de sécurité", not "de la mairie") or a listed qualifier with its
    complement keeps the type: the guide's shortest phrase that still says who speaks.
    """
    head_end = int(head.idx) + len(head)
    if head.lower_ not in anonymous.nouns and head.lemma_.lower() not in anonymous.nouns:
        return head_end
    for child in head.rights:
        if child.idx >= end:
            break
        if child.lower_ in anonymous.qualifiers and child.dep_ in ("amod", "acl", "advmod"):
            return min(_qualifier_end(head, child), end)
        if _bare_type(head, child):
            return min(_with_adjectives(child), end)
    return head_end


def _qualifier_end(head: Any, qualifier: Any) -> int:
    """The end of "proche(s) de X": the qualifier's complement, which the parser may hang on
    the source noun instead ("des sources proches | de l'armée")."""
    last = qualifier.right_edge
    for child in head.rights:
        if child.left_edge.i == last.i + 1 and child.dep_ in ("nmod", "obl", "prep"):
            last = child.right_edge
    return int(last.idx) + len(last)


def _bare_type(head: Any, child: Any) -> bool:
    """``child`` is "de" + a noun right after ``head``, with no article ("de sécurité")."""
    if child.dep_ != "nmod" or child.pos_ != "NOUN" or child.i != head.i + 2:
        return False
    cases = [c for c in child.children if c.dep_ == "case"]
    determiners = [c for c in child.children if c.dep_ == "det"]
    return not determiners and [c.lower_ for c in cases] == ["de"]


def _with_adjectives(token: Any) -> int:
    last = token
    for child in token.rights:
        if child.i == last.i + 1 and child.dep_ == "amod":
            last = child
    return int(last.idx) + len(last)


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
        # not an adjective with its own complement ("an official familiar with the matter")
        bare = token.dep_ != "amod" or not any(
            c.dep_ in ("prep", "obl", "nmod", "obl:arg", "obl:mod") for c in token.children
        )
        if token.i == right.i + 1 and token.dep_ in ("compound", "flat", "flat:name", "amod"):
            right = token if bare else right
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
