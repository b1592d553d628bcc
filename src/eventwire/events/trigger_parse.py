"""Parse checks on a trigger match: is it an event mention, what is its object, what its means.

:func:`~eventwire.events.triggers.find_triggers` matches lexicon lemmas; the functions here read
the spaCy parse around a match to keep it only where it tells an event ("no shots were fired",
"attack helicopter" and "the occupied areas" do not), to check the object a family needs
("reprendre la ville"), and to type "X destroyed Y" by its weapon when X is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.events.triggers import Lexicon

__all__ = [
    "OBJECT_DEPS",
    "WEAPON_CUES",
    "by_means",
    "is_date_name",
    "is_demanded",
    "is_event_word",
    "is_realized",
    "modifies_vehicle",
    "object_ok",
    "token_keys",
]

WEAPON_CUES = frozenset({"missile", "air", "explosive", "suicide", "grenade", "chemical"})
OBJECT_DEPS = frozenset(
    {"obj", "dobj", "nsubj:pass", "nsubjpass", "obl", "obl:arg", "pobj", "nmod", "attr"}
)
#: Families whose event is a change of territory: a state ("the occupied areas") or an aim ("an
#: attack to capture the base") is no change; ACLED codes a failed attempt as the battle it was.
_TERRITORIAL = frozenset({"seize", "retake", "withdraw"})
_VIOLENT = frozenset(
    {"clash", "attack", "fire", "shell", "strike", "explosion", "kill", "wound", "sexual", "abduct"}
)
#: a crowd gathers "to protest": its purpose is the protest it held
_CROWD = frozenset({"protest", "riot", "mob"})


def token_keys(token: Any) -> set[str]:
    """The forms a lexicon entry may match: the lemma and the lower-case word."""
    return {token.lemma_.lower(), token.lower_}


def is_date_name(token: Any) -> bool:
    """A capitalised word of a date expression: "March" in "on 16 March" (never a protest march)."""
    return token.ent_type_ == "DATE" and not token.is_lower


def is_realized(token: Any, family: str, lexicon: Lexicon) -> bool:
    """A strategic trigger tells a deed, not an aim; a territorial one a change, not a state.

    "tried to arrest", "demanding that the rebels withdraw", "son intention de déployer" and
    infinitives of purpose ("to form alliances") are aims; "the occupied areas" (an adjective)
    and "an attack to capture the post" are no change of control: ACLED codes the failed
    attempt as the battle it was. Violence is kept: ACLED codes attempted attacks.
    """
    if family in _VIOLENT:
        return True  # ACLED codes attempted attacks
    head = token.head
    if head.lemma_.lower() in lexicon.attempt_heads or any(
        c.dep_ in ("obj", "dobj") and c.lemma_.lower() in lexicon.attempt_heads
        for c in head.children
        if c.i != token.i
    ):
        return False  # "tried to arrest", "annoncé son intention de déployer un bataillon"
    if family in _TERRITORIAL and token.dep_ == "amod":
        return False
    return family in _CROWD or not _purpose_infinitive(token, lexicon)


def _purpose_infinitive(token: Any, lexicon: Lexicon) -> bool:
    """An infinitive of purpose: "an attack to capture the post", "used the crisis to form
    alliances", "pour former des alliances" tell what someone meant to do, not what was done.

    An infinitive complement counts only beside its head's object ("used the crisis to form"):
    "managed to form a coalition" tells the deed.
    """
    if "Inf" not in token.morph.get("VerbForm"):
        return False
    if not any(c.lower_ in lexicon.purpose_marks for c in token.children):
        return False
    if token.dep_ in ("acl", "advcl"):
        return True
    return token.dep_ == "xcomp" and any(
        c.dep_ in ("obj", "dobj") for c in token.head.children if c.i < token.i
    )


_PASSIVE_AUX = frozenset({"aux:pass", "auxpass"})


def _passive_subject_lemma(token: Any) -> str | None:
    """The noun right before a passive's auxiliaries ("dix otages ont été libérés"), read from
    the words when the parser attached the subject elsewhere."""
    auxes = [c for c in token.children if c.dep_ in _PASSIVE_AUX or c.dep_.startswith("aux")]
    if not any(c.dep_ in _PASSIVE_AUX for c in auxes):
        return None
    first = min([token.i, *(c.i for c in auxes)])
    before = token.doc[first - 1] if first > 0 else None
    if before is None or before.pos_ not in ("NOUN", "PROPN"):
        return None
    return str(before.lemma_.lower())


def by_means(token: Any, families: frozenset[str], lexicon: Lexicon) -> frozenset[str]:
    """ "An airstrike destroyed the clinic", "une roquette a détruit la maison": the weapon that
    destroyed is the event's means (ACLED types remote violence by its means, issue 14).

    Only the agent counts (subject, "by"/"par", "in"/"dans"): "troops destroyed a drone" stays.
    """
    # "fired rockets and destroyed the depot": a second verb shares the first one's means
    verbs = (token, token.head) if token.dep_ == "conj" else (token,)
    agents = [
        t
        for verb in verbs
        for c in verb.children
        if c.i != token.i
        and (
            c.dep_ in ("nsubj", "agent", "obl:agent")
            or (c.dep_ in ("prep", "obl", "obl:mod") and _is_means_case(c))
            or (verb is not token and c.dep_ in ("obj", "dobj"))
        )
        for t in c.subtree
    ]
    for t in agents:
        family = lexicon.means.get(t.lemma_.lower()) or lexicon.means.get(t.lower_)
        if family is not None:
            return frozenset({family})
    return families


_MEANS_CASES = frozenset({"by", "in", "with", "par", "dans", "lors"})


def _is_means_case(child: Any) -> bool:
    """A prepositional phrase that may name the means: "by/in/with X", "par/dans X"."""
    if child.dep_ == "prep":
        return child.lower_ in _MEANS_CASES
    return any(c.dep_ == "case" and c.lower_ in _MEANS_CASES for c in child.children)


def is_event_word(token: Any, lexicon: Lexicon) -> bool:
    """The parse confirms an event mention: a verb or noun, not a modifier of a vehicle or title."""
    if not _is_content_word(token) or modifies_vehicle(token, lexicon):
        return False
    if _background_relative(token) or _habitual(token, lexicon) or _attributive(token):
        return False
    if token.lower_ == "according" or _negated(token):
        return False  # "according to"; "no shots were fired", "aucune attaque"
    if token.pos_ == "NOUN" and is_demanded(token, lexicon):
        return False  # "to demand a ceasefire", "protest against the strikes": asked for, not told
    if _blocked_object(token, lexicon):
        return False
    if lexicon.language == "en" and token.lemma_.lower() == "fire":
        return _is_gunfire(token, lexicon)
    return True


def _is_content_word(token: Any) -> bool:
    """A verb, noun or adjective; names and months are never triggers ("2 March" is no march)."""
    if token.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return False
    return not (token.pos_ == "PROPN" and not token.is_lower) and not is_date_name(token)


def modifies_vehicle(token: Any, lexicon: Lexicon) -> bool:
    """ "attack helicopter", "hélicoptère d'attaque": the word only says what the vehicle is."""
    return (
        token.dep_ in ("compound", "nmod", "amod")
        and token.head.lemma_.lower() in lexicon.vehicle_heads
    )


def _background_relative(token: Any) -> bool:
    """A relative clause on a noun of the same line: background, "les marines que les
    Américains ont déployés"."""
    head = token.head
    if token.dep_ not in ("acl:relcl", "relcl") or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    between = token.doc[min(head.i, token.i) : max(head.i, token.i)]
    return not any("\n" in t.text for t in between)


def _attributive(token: Any) -> bool:
    """A participle before its noun describes people told of already: "the attacked soldiers",
    "the kidnapped students" tell no new event."""
    return (
        token.pos_ == "VERB"
        and token.dep_ == "amod"
        and token.i < token.head.i
        and "Part" in token.morph.get("VerbForm")
    )


def _habitual(token: Any, lexicon: Lexicon) -> bool:
    """ "ils lancent régulièrement des attaques": a habit, not an event."""
    governors = (token, token.head) if token.pos_ == "NOUN" else (token,)
    return any(c.lemma_.lower() in lexicon.habitual for g in governors for c in g.children)


def _blocked_object(token: Any, lexicon: Lexicon) -> bool:
    """The trigger's object, or its clause's conjunction, is one its lemma blocks ("tirer profit",
    "frapper à la porte", "demonstrate that")."""
    blocked = lexicon.blocked_objects.get(token.lemma_.lower(), frozenset())
    # "une dizaine d'otages ont été libérés": the object's noun may hang under a quantity word
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    objects += [g for c in objects for g in c.children if g.dep_ in ("nmod", "amod")]
    # a clause complement counts by its conjunction: "this attack demonstrates that …" shows
    objects += [
        m for c in token.children if c.dep_ == "ccomp" for m in c.children if m.dep_ == "mark"
    ]
    if any(c.lemma_.lower() in blocked for c in objects):
        return True
    if token.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ in blocked for c in token.children
    ):
        return True  # a verb's preposition: "dealing with the insurgency" (a noun "deal with" is)
    # "une dizaine d'otages ont été libérés" when the parser lost the subject
    return bool(blocked) and _passive_subject_lemma(token) in blocked


def is_demanded(token: Any, lexicon: Lexicon) -> bool:
    """A noun that is only asked for or denounced: "to demand a ceasefire", "protest against the
    strikes", "to decry the arrests and violence" (its head, through conjuncts, is such a word)."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    head = token.head
    return token.dep_ in ("obj", "dobj", "pobj", "obl", "nmod") and (
        head.lemma_.lower() in lexicon.purpose_heads
        or (head.dep_ == "prep" and head.head.lemma_.lower() in lexicon.purpose_heads)
    )


_NEGATIVE = frozenset({"no", "aucun", "aucune", "nul", "nulle", "never", "jamais"})


def _negated(token: Any) -> bool:
    """A trigger whose own determiner, or whose passive subject's, is negative ("no shots were
    fired")."""
    subjects = (
        [c for c in token.children if c.dep_ in ("nsubj:pass", "nsubjpass")]
        if token.pos_ == "VERB"
        else []
    )
    if token.dep_ in ("pobj", "pcomp", "obl", "nmod") and _without(token):
        return True  # "entered without fighting", "sans combat"
    return any(
        c.dep_ in ("det", "neg", "advmod") and c.lower_ in _NEGATIVE
        for t in (token, *subjects)
        for c in t.children
    )


def _without(token: Any) -> bool:
    """The noun is governed by "without" / "sans" (its preposition or its case marker)."""
    if token.head.lower_ == "without":
        return True
    return any(c.dep_ == "case" and c.lower_ == "sans" for c in token.children)


def _is_gunfire(token: Any, lexicon: Lexicon) -> bool:
    """English "fire" is gunfire only with a weapon, a target ("at", "on") or "under fire"."""
    weapons = {w[0] for w, names in lexicon.cues.items() if names & WEAPON_CUES and len(w) == 1}
    weapons |= {"shot", "bullet", "round", "gun", "weapon", "gas", "volley", "warning"}
    near = {c.lemma_.lower() for c in token.subtree if c != token}
    if token.pos_ == "VERB":
        return bool(near & weapons) or any(
            c.lower_ in ("at", "on", "upon", "into") for c in token.children
        )
    return bool(near & weapons) or token.head.lower_ in (
        "under",
        "of",
        "open",
        "opened",
        "exchange",
    )


def object_ok(token: Any, family: str, lexicon: Lexicon, end: int) -> bool:
    """Families such as ``retake`` count only with a territory-like object ("reprendre la ville").

    An explicit object decides alone: "seized weapons in Kidal" names a place, but what was
    seized is weapons. Without one, the words after the trigger and its complements decide.
    """
    needed = lexicon.requires_object.get(family)
    if not needed:
        return True
    own = range(token.i, end)
    objects = _direct_objects(token, own)
    if not objects and token.dep_ == "conj":
        # "two drones were detected and destroyed": coordinated verbs share their object
        objects = _direct_objects(token.head, own)
    taken = family in _TERRITORIAL
    if objects and all(o.pos_ == "NOUN" for o in objects):
        # a place in the object is a target only when territory changes hands: in "rejoint les
        # rangs de Moussa" a person's name misread as a place says nothing (issue 14)
        core = _object_core if taken else (lambda o: o.subtree)
        return any(_names_target(core(o), needed, own, places=taken) for o in objects)
    doc = token.doc
    near = {token.lemma_.lower()} if end == token.i + 1 else set()
    # the head's objects, and what the trigger's other words govern ("took control of the town")
    complements = [
        c
        for t in doc[token.i : end]
        for c in t.children
        if c.dep_ in OBJECT_DEPS or (t.i != token.i and c.i not in own)
    ]
    after = doc[end : min(end + 4, len(doc))]
    # a place counts for a change of territory only ("reprendre Kidal"): troops deployed "in
    # Kidal" or weapons found there were not taken from anyone
    return (
        bool(near & needed)
        or any(_names_target(c.subtree, needed, own, places=taken) for c in complements)
        or _names_target(after, needed, own, places=taken and token.pos_ == "VERB")
    )


_DIRECT_OBJECTS = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass"})


def _direct_objects(verb: Any, own: range) -> list[Any]:
    return [
        c
        for c in verb.children
        if c.dep_ in _DIRECT_OBJECTS and c.i not in own and c.pos_ in ("NOUN", "PROPN")
    ]


_CORE_DEPS = frozenset({"conj", "appos", "compound", "flat", "flat:name", "amod", "nmod", "pobj"})


def _object_core(obj: Any) -> list[Any]:
    """The object and what names it: its conjuncts and "of" complements ("the port of Mokha",
    "des parties de la ville"), not a place it was found in ("rifles in the town")."""
    out, todo = [], [obj]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if _names_the_object(c))
    return out


def _names_the_object(child: Any) -> bool:
    if child.dep_ == "prep":
        return bool(child.lower_ == "of")
    if child.dep_ == "nmod":
        return any(k.lower_ in ("de", "d'", "du", "des") for k in child.children)
    return child.dep_ in _CORE_DEPS


_PLACES = ("LOC", "GPE", "FAC")


def _names_target(
    tokens: Iterable[Any], needed: frozenset[str], own: range, *, places: bool = True
) -> bool:
    """Whether ``tokens`` outside the trigger hold one of ``needed``, or with ``places`` a place."""
    for t in tokens:
        if t.i in own:
            continue
        if token_keys(t) & needed or (places and t.ent_type_ in _PLACES):
            return True
    return False
