"""Agent and target of one trigger from its parse, read through the frame table (issue 15).

The subject of an active verb and the agent of a passive one ("par", "by") act; the object,
the passive subject, "contre/against/on X", "X a été la cible d'une attaque", "les positions de
X" are the target; a pronoun or a possessive ("its strikes") stands for the actor it points to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventwire.events.actors import ActorDictionary
from eventwire.events.role_frames import Frames
from eventwire.records import Actor, Span

_ARMED = ("armed_group", "state_force", "other")
_NP_DEPS = frozenset(
    {
        "nmod",
        "compound",
        "appos",
        "flat",
        "flat:name",
        "amod",
        "det",
        "case",
        "poss",
        "nummod",
        "fixed",
        "pobj",
        "prep",
        "nmod:poss",
        "conj",
        "cc",
    }
)


def agent_and_target(
    token: Any,
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    *,
    frames: Frames,
    antecedents: Sequence[Actor] | None = None,
) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 of the trigger ``token`` (a spaCy Token), each None when unknown.

    ``mentions`` are the actor mentions that may take part; pronouns ("ces derniers", "they")
    take the nearest armed actor of ``antecedents`` (default: ``mentions``) mentioned before them,
    even one named inside a source ("selon un commandant des Hachd, ces derniers ont tiré").
    """
    passive = is_passive(token)
    noun = token.pos_ == "NOUN"
    agents: list[Any] = []
    targets: list[Any] = []
    for child in token.children:
        child_agents, child_targets = _child_roles(child, noun=noun, passive=passive, frames=frames)
        agents += child_agents
        targets += child_targets
    if (noun and token.head.lemma_.lower() in frames.light_verbs) or token.dep_ == "xcomp":
        # "X entend créer", "X a lancé l'attaque"
        agents.extend(c for c in token.head.children if c.dep_ == "nsubj")
    if noun:
        targets.extend(_framed_target(token, frames))
    earlier = mentions if antecedents is None else antecedents
    actor1 = _first_actor(agents, mentions, dictionary, frames, agent=True, antecedents=earlier)
    actor2 = _first_actor(targets, mentions, dictionary, frames, agent=False, antecedents=earlier)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None
    return actor1, actor2


_SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass")
_PASSIVE_AUXILIARIES = ("aux:pass", "auxpass")
_AGENT_DEPS = ("obl:agent", "agent")
_OBJECTS = ("obj", "dobj")
_CLAUSES_ON_TARGET = ("advcl", "xcomp", "acl", "conj")


def _child_roles(
    child: Any, *, noun: bool, passive: bool, frames: Frames
) -> tuple[list[Any], list[Any]]:
    """The agents and the targets one child of a trigger gives: itself, or its own children."""
    dep, prep = child.dep_, _prep(child)
    role = _direct_role(dep, prep, passive=passive, frames=frames)
    if role is None and noun and _genitive(dep, prep, frames):
        # "l'attaque de Daech" (the agent) but "le bombardement des positions de Daech" (the target)
        held = _head_noun(child).lemma_.lower() in frames.target_holdings
        role = "target" if held else "agent"
    if role == "agent":
        return [child], []
    if role == "target":
        return [], [child]
    return _clause_roles(child, noun=noun, frames=frames)


def _direct_role(dep: str, prep: str | None, *, passive: bool, frames: Frames) -> str | None:
    """ "agent" or "target" for a subject, an object or a phrase a frame preposition opens."""
    if dep in _SUBJECTS:
        return "target" if passive else "agent"
    if dep in _AGENT_DEPS or prep in frames.agent_prepositions:
        return "agent"
    if dep in _OBJECTS or prep in frames.target_prepositions:
        return "target"
    if dep == "obl:arg" and prep in frames.partitive_articles:
        return "target"  # "ont frappé des positions de X": an object the parser took for "de X"
    return None


def _clause_roles(child: Any, *, noun: bool, frames: Frames) -> tuple[list[Any], list[Any]]:
    """The roles a clause hung on the trigger names: "pour cibler X", "perpetrated by X"."""
    dep, lemma = child.dep_, child.lemma_.lower()
    if lemma in frames.target_verbs and dep in _CLAUSES_ON_TARGET:
        return [], [g for g in child.children if g.dep_ in _OBJECTS]
    if noun and dep in ("acl", "acl:relcl") and lemma in frames.light_verbs:
        # "une attaque perpétrée par des hommes armés", "an attack carried out by X"
        return [g for g in child.children if _is_agent(g, frames)], []
    return [], []


def _genitive(dep: str, prep: str | None, frames: Frames) -> bool:
    """Whether a noun trigger's child is its possessor or genitive ("de X", "X's", "of X")."""
    if dep in ("poss", "nmod:poss", "compound"):
        return True
    return dep in ("nmod", "prep") and prep in frames.genitive_prepositions


def _is_agent(token: Any, frames: Frames) -> bool:
    return token.dep_ in _AGENT_DEPS or _prep(token) in frames.agent_prepositions


def _framed_target(token: Any, frames: Frames) -> list[Any]:
    """The target a frame around a noun trigger names.

    "X a été la cible / a fait l'objet d'une attaque", "X was the target of", "X came under fire".
    """
    frame = token.head
    under = any(c.dep_ in ("case", "prep") and c.lower_ == "under" for c in token.children)
    if token.dep_ == "pobj" and frame.lower_ == "under":
        frame, under = frame.head, True
    if not under and frame.lemma_.lower() not in frames.target_frames:
        return []
    if token.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
        # "its strikes targeted X": the trigger is the frame's subject, its object the target
        return [c for c in frame.children if c.dep_ in _OBJECTS]
    holders = [frame, frame.head] if frame.dep_ not in ("ROOT",) else [frame]
    return [
        c
        for h in holders
        for c in h.children
        if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and c.i < token.i
    ]


def _head_noun(token: Any) -> Any:
    """The noun of a prepositional child (English ``prep`` holds it in ``pobj``)."""
    if token.dep_ == "prep":
        return next((c for c in token.children if c.dep_ == "pobj"), token)
    return token


def is_passive(token: Any) -> bool:
    """Whether a verb is passive ("a été repoussée", "were killed").

    A verb with a direct object and no passive auxiliary is active ("les FDS ont arrêté dix
    suspects"), whatever the parser calls its subject.
    """
    deps = {c.dep_ for c in token.children}
    if deps & set(_OBJECTS) and not deps & set(_PASSIVE_AUXILIARIES):
        return False
    if "Pass" in token.morph.get("Voice"):
        return True
    return bool(deps & {*_PASSIVE_AUXILIARIES, "nsubj:pass", "nsubjpass"})


def _prep(token: Any) -> str | None:
    """The preposition introducing ``token``.

    Its ``case`` child (UD) or itself (English ``prep``).
    """
    if token.dep_ in ("prep", "agent"):
        return str(token.lower_)
    for child in token.children:
        if child.dep_ == "case":
            return str(child.lower_)
    return None


def noun_phrase(head: Any) -> list[Any]:
    """The tokens of the noun phrase headed by ``head``, without its clauses."""
    out, todo = [head], [head]
    while todo:
        for child in todo.pop().children:
            if child.dep_ in _NP_DEPS and child not in out:
                out.append(child)
                todo.append(child)
    return out


def _first_actor(
    heads: Sequence[Any],
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    frames: Frames,
    *,
    agent: bool,
    antecedents: Sequence[Actor],
) -> Actor | None:
    for head in heads:
        tokens = noun_phrase(head)
        if head.dep_ in ("prep", "agent"):
            tokens = [t for c in head.children if c.dep_ == "pobj" for t in noun_phrase(c)]
        found = _mention_in(tokens, mentions, dictionary)
        if found is not None:
            return found
        if agent:
            government = _country_agent(tokens, dictionary)
            if government is not None:
                return government
            pronoun = _owner(head, frames) or head
            if _anaphor(pronoun, frames):
                return _antecedent(pronoun, dictionary, antecedents)
    return None


def _anaphor(token: Any, frames: Frames) -> bool:
    """Whether ``token`` points back at an actor: a pronoun, a possessive, "the group"."""
    words = frames.anaphors | frames.possessives
    return bool(token.lower_ in words or token.lemma_.lower() in frames.anaphors)


def _antecedent(
    pronoun: Any, dictionary: ActorDictionary, antecedents: Sequence[Actor]
) -> Actor | None:
    """The actor an anaphoric agent stands for: the country that speaks ("Russia said it …"),
    else the nearest armed actor named before it."""
    if pronoun.pos_ in ("PRON", "DET"):
        speaker = speaking_country(pronoun, dictionary)
        if speaker is not None:
            return speaker
    earlier = [m for m in antecedents if pronoun.idx - 600 < m.mention.start < pronoun.idx]
    return fallback_actor(pronoun.idx, earlier, kinds=("armed_group", "state_force"))


def _owner(head: Any, frames: Frames) -> Any:
    """The possessive before an agent that names no actor itself: "Russia said its forces took
    the village", "l'armée a dit que ses frappes visaient …" act for the one "its"/"ses" is."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    return next(
        (
            c
            for c in head.children
            if c.i < head.i
            and c.dep_ in ("poss", "nmod:poss", "det")
            and c.lower_ in frames.possessives
        ),
        None,
    )


def speaking_country(pronoun: Any, dictionary: ActorDictionary) -> Actor | None:
    """ "Russia said it captured the village": the pronoun is the country whose clause holds it,
    and a country that acts in war acts through its military forces."""
    clause = pronoun.head
    for _ in range(3):
        if clause.head is clause:
            return None
        clause = clause.head
        for child in clause.children:
            if child.dep_ in ("nsubj",) and child.i < pronoun.i:
                government = _country_agent(noun_phrase(child), dictionary)
                if government is not None:
                    return _military(government, pronoun, dictionary)
    return None


def _military(government: Actor, pronoun: Any, dictionary: ActorDictionary) -> Actor:
    code = government.country_code or ""
    the_name = dictionary.country_name(code, article=True)
    span = Span(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun))
    return Actor(span, f"Military Forces of {the_name}", "state_force", code, f"military:{code}")


def _mention_in(
    tokens: Sequence[Any], mentions: Sequence[Actor], dictionary: ActorDictionary
) -> Actor | None:
    """The mention covering the phrase.

    A named group before a generic one ("combattants des Hachd").
    """
    starts = {t.idx for t in tokens}
    hits = [m for m in mentions if any(m.mention.start <= s < m.mention.end for s in starts)]
    return min(hits, key=lambda m: (dictionary.is_generic(m), m.mention.start), default=None)


def _country_agent(tokens: Sequence[Any], dictionary: ActorDictionary) -> Actor | None:
    for token in tokens:
        if token.ent_type_ in ("GPE", "LOC") and token.ent_iob_ == "B":
            ent = next(e for e in token.doc.ents if e.start == token.i)
            country = dictionary.country(ent.text)
            if country is not None:
                span = Span(ent.text, ent.start_char, ent.end_char)
                return dictionary.government(span, country)
    return None


def fallback_actor(
    anchor: int,
    mentions: Sequence[Actor],
    *,
    kinds: Sequence[str] = _ARMED,
    exclude: Sequence[str] = (),
) -> Actor | None:
    """The nearest mention before char ``anchor`` (else after it) of one of ``kinds``."""
    usable = [m for m in mentions if m.kind in kinds and m.name not in exclude]
    before = [m for m in usable if m.mention.start < anchor]
    if before:
        return max(before, key=lambda m: m.mention.start)
    return min(usable, key=lambda m: m.mention.start, default=None)
