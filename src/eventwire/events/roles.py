"""Who did what to whom: actor1 (who acts) and actor2 (the target) of an event (issue 15).

Roles come from meaning, not word order: the parse of the trigger read through a table of frames
(``data/roles.v1.yaml``): the subject of an active verb and the agent of a passive one ("par",
"by") act; the object, the passive subject, "contre/against/on X", "X a été la cible d'une
attaque", "les positions de X" are the target. Two steps, because the event's type depends on
its actors and its actors' fallbacks on its type:

* :func:`parse_roles` — what the trigger's sentence says, before the event is typed;
* :func:`assign_roles` — the one place that completes and names them once the type and the
  place are known: nearest plausible actors when the parse names none (never a victim as the
  perpetrator, never a source or an outlet as an actor), ACLED's crowd order for protests and
  riots, unnamed fighters resolved, national names ("Civilians (Mali)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import InputError
from eventwire.events import acled
from eventwire.events.actors import ActorDictionary, fold
from eventwire.events.attribution import find_sources
from eventwire.events.numbers import Cues
from eventwire.events.triggers import Trigger
from eventwire.records import Actor, Document, Span

__all__ = [
    "CROWDS",
    "Frames",
    "RoleContext",
    "assign_roles",
    "crowd_order",
    "is_passive",
    "load_frames",
    "parse_roles",
    "recrowd",
]

CROWDS = frozenset({"protesters", "rioters"})
_REPEL = frozenset({"clash", "attack"})  # passive "X a été repoussé/attaqué": X is the target
_UNSEEN = frozenset({"explosion", "kill", "wound"})
# "jihadistes", "rebels", "separatists": a named group when one was mentioned before
_UNNAMED = frozenset({"terrorists", "separatists"})
_ARMED_GENERIC = frozenset(
    {"unidentified_armed_group"}
)  # "the gunmen", "les assaillants": the group told before
_ARMED = ("armed_group", "state_force", "other")
_NOT_ACTORS = frozenset({"media"})  # an outlet reports events; it never takes part in one
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


@dataclass(frozen=True, slots=True)
class Frames:
    """The role frame table (``roles.v1.yaml``), as sets of lower-case words."""

    version: str
    agent_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    target_verbs: frozenset[str]
    light_verbs: frozenset[str]
    target_frames: frozenset[str]
    target_holdings: frozenset[str]
    victim_families: frozenset[str]
    anaphors: frozenset[str]
    genitive_prepositions: frozenset[str]
    partitive_articles: frozenset[str]


def load_frames(path: Path | None = None) -> Frames:
    """Read the frame table (the packaged ``roles.v1.yaml`` unless ``path``); a missing list is
    an error here.

    >>> "par" in load_frames().agent_prepositions
    True
    """
    if path is None:
        source = resources.files("eventwire") / "data" / "roles.v1.yaml"
        origin, text = "eventwire/data/roles.v1.yaml", source.read_text(encoding="utf-8")
    else:
        origin, text = str(path), Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data:
        raise InputError(origin, "expected a mapping with a 'version'")

    def words(key: str) -> frozenset[str]:
        if key not in data:
            raise InputError(origin, f"the frame list {key!r} is missing")
        return frozenset(str(w).lower() for w in data[key] or ())

    return Frames(
        str(data["version"]),
        words("agent_prepositions"),
        words("target_prepositions"),
        words("target_verbs"),
        words("light_verbs"),
        words("target_frames"),
        words("target_holdings"),
        words("victim_families"),
        words("anaphors"),
        words("genitive_prepositions"),
        words("partitive_articles"),
    )


# --------------------------------------------------------------------------- step 1: the parse


def parse_roles(
    nlp_doc: Any,
    primary: Trigger,
    triggers: Sequence[Trigger],
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    *,
    frames: Frames,
    cues: Cues,
) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 the sentence gives the primary trigger, completed from its other triggers.

    A victim of the sentence ("onze soldats ont été tués") is never actor1. ``cues`` (the
    language's cue lexicon) tells the sources, which are not actors.
    """
    sent = nlp_doc[primary.head].sent
    usable = actor_mentions(sent, mentions, cues)
    victims = _victims(nlp_doc, triggers, usable, frames)
    actor1, actor2 = agent_and_target(
        nlp_doc[primary.head], usable, dictionary, frames=frames, antecedents=mentions
    )
    for other in triggers:
        if actor1 is not None and actor2 is not None:
            break
        if other is primary:
            continue
        a1, a2 = agent_and_target(
            nlp_doc[other.head], usable, dictionary, frames=frames, antecedents=mentions
        )
        actor1 = actor1 or (a1 if a1 is None or actor2 is None or a1.name != actor2.name else None)
        actor2 = actor2 or (a2 if a2 is None or actor1 is None or a2.name != actor1.name else None)
    if actor1 is not None and _in(actor1, victims):
        actor1, actor2 = None, actor2 or actor1
    if actor2 is None:
        actor2 = _nationals(nlp_doc, triggers, dictionary, frames)
    return actor1, actor2


def _nationals(
    nlp_doc: Any, triggers: Sequence[Trigger], dictionary: ActorDictionary, frames: Frames
) -> Actor | None:
    """Victims named by their nationality alone are civilians of that country.

    "Huit Palestiniens ont été tués", "two Malians were kidnapped": ACLED codes victims whose
    affiliation the report does not give as civilians; the noun is a capitalised demonym.
    """
    entry = dictionary.entries.get("civilians")
    if entry is None:
        return None
    for child in _victim_tokens(nlp_doc, triggers, frames):
        if child.pos_ not in ("NOUN", "PROPN") or not child.text[:1].isupper():
            continue
        word = fold(child.text)
        code = dictionary.demonyms.get(word) or dictionary.demonyms.get(word.removesuffix("s"))
        if code is not None:
            span = Span(child.text, child.idx, child.idx + len(child))
            found = Actor(span, entry.name, entry.kind, None, entry.id)
            return dictionary.localize(found, code)
    return None


def _victim_tokens(nlp_doc: Any, triggers: Sequence[Trigger], frames: Frames) -> Iterator[Any]:
    """The heads naming who was killed, wounded or abducted, in trigger order: the subjects of
    passive victim triggers and the objects of active ones."""
    for trigger in triggers:
        if trigger.family not in frames.victim_families:
            continue
        token = nlp_doc[trigger.head]
        passive = is_passive(token)
        for child in token.children:
            if child.dep_ in _OBJECTS or (child.dep_ in _SUBJECTS and passive):
                yield child


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


def _victims(
    nlp_doc: Any, triggers: Sequence[Trigger], mentions: Sequence[Actor], frames: Frames
) -> list[Actor]:
    """Mentions killed, wounded or abducted in the sentence.

    The subjects of passives and the objects of actives.
    """
    out: list[Actor] = []
    for child in _victim_tokens(nlp_doc, triggers, frames):
        starts = {t.idx for t in _phrase(child)}
        out += [m for m in mentions if any(m.mention.start <= s < m.mention.end for s in starts)]
    return out


def actor_mentions(sent: Any, mentions: Sequence[Actor], cues: Cues) -> list[Actor]:
    """The mentions that may take part in an event of ``sent``: not an outlet, not a source.

    "according to police", "selon l'armée", "cité par Reuters": who reports is not who acts. The
    subject of a speech verb stays: "the army said it killed ..." reports the army's own act.
    """
    spans = [(s.start, s.end) for s in find_sources(sent, cues) if s.kind != "verb"]
    return [
        m
        for m in mentions
        if m.kind not in _NOT_ACTORS and not any(a <= m.mention.start < b for a, b in spans)
    ]


def _in(actor: Actor, mentions: Sequence[Actor]) -> bool:
    return any(m.mention.start == actor.mention.start for m in mentions)


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


def _phrase(head: Any) -> list[Any]:
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
        tokens = _phrase(head)
        if head.dep_ in ("prep", "agent"):
            tokens = [t for c in head.children if c.dep_ == "pobj" for t in _phrase(c)]
        found = _mention_in(tokens, mentions, dictionary)
        if found is not None:
            return found
        if agent:
            government = _country_agent(tokens, dictionary)
            if government is not None:
                return government
            if head.pos_ == "PRON" and head.lower_ in frames.anaphors:
                speaker = _speaking_country(head, dictionary)
                if speaker is not None:
                    return speaker
            if head.lower_ in frames.anaphors or head.lemma_.lower() in frames.anaphors:
                earlier = [m for m in antecedents if head.idx - 600 < m.mention.start < head.idx]
                return fallback_actor(head.idx, earlier, kinds=("armed_group", "state_force"))
    return None


def _speaking_country(pronoun: Any, dictionary: ActorDictionary) -> Actor | None:
    """ "Russia said it captured the village": the pronoun is the country whose clause holds it,
    and a country that acts in war acts through its military forces."""
    clause = pronoun.head
    for _ in range(3):
        if clause.head is clause:
            return None
        clause = clause.head
        for child in clause.children:
            if child.dep_ in ("nsubj",) and child.i < pronoun.i:
                government = _country_agent(_phrase(child), dictionary)
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


# --------------------------------------------------------------------------- step 2: completion


@dataclass(frozen=True, slots=True)
class RoleContext:
    """What :func:`assign_roles` reads: the typed event, its sentence and its place's country."""

    doc: Document
    sent: Any
    primary: Trigger
    triggers: Sequence[Trigger]
    sub_type: str
    event_type: str
    domain: str
    country: str | None


def assign_roles(
    ctx: RoleContext,
    actor1: Actor | None,
    actor2: Actor | None,
    dictionary: ActorDictionary,
    *,
    frames: Frames,
    cues: Cues,
) -> tuple[Actor | None, Actor | None]:
    """The event's actor1 and actor2 under ACLED's names, from the parse's ``actor1``/``actor2``.

    >>> # assign_roles(RoleContext(doc, sent, trigger, [trigger], "Attack",
    >>> #              "Violence against civilians", "violence", "ML"), None, None,
    >>> #              load_actor_dictionary(),
    >>> #              frames=load_frames(), cues=load_cues("fr"))
    """
    doc, primary = ctx.doc, ctx.primary
    nlp_doc = doc.nlp
    mentions = actor_mentions(
        ctx.sent,
        [a for a in doc.actors if ctx.sent.start_char <= a.mention.start < ctx.sent.end_char],
        cues,
    )
    victims = _victims(nlp_doc, ctx.triggers, mentions, frames)
    anchor = nlp_doc[primary.head].idx
    if actor2 is None and actor1 is None and _repelled(ctx):
        # "une tentative de Daech a été repoussée": the nearest group is the one repelled
        actor2 = fallback_actor(anchor, mentions)
    if actor1 is None:
        perpetrators = [m for m in mentions if not _in(m, victims)]
        actor1 = _perpetrator(ctx, actor2, perpetrators, victims)
    if actor2 is None and (ctx.domain == "violence" or ctx.sub_type == acled.ARRESTS):
        actor2 = _victim(ctx, actor1, mentions)
    if ctx.event_type in (acled.PROTESTS, acled.RIOTS):
        actor1, actor2 = _crowd_sides(ctx, actor1, actor2, mentions, dictionary, cues)
    if ctx.event_type == acled.BATTLES:
        actor1, actor2 = _battle_sides(ctx, actor1, actor2, cues)
    actor1, actor2 = (_national(a, doc, dictionary, ctx.country) for a in (actor1, actor2))
    if _named_twice(actor1, actor2):
        actor2 = None  # "l'armée ... les VDP": one side named twice
    return crowd_order(ctx.sub_type, actor1, actor2)


def _named_twice(actor1: Actor | None, actor2: Actor | None) -> bool:
    """Both sides carry one name; two unidentified groups ("clashes between gunmen") are two."""
    if actor1 is None or actor2 is None or actor1.name != actor2.name:
        return False
    return not (actor1.dictionary_id in _ARMED_GENERIC and actor2.dictionary_id in _ARMED_GENERIC)


def _anchor(ctx: RoleContext) -> int:
    """The offset of the event's trigger head, where the nearest actors are measured from."""
    return int(ctx.doc.nlp[ctx.primary.head].idx)


def _repelled(ctx: RoleContext) -> bool:
    """ "X a été repoussé/attaqué": a passive clash or attack, its subject the target."""
    return ctx.primary.family in _REPEL and is_passive(ctx.doc.nlp[ctx.primary.head])


def _perpetrator(
    ctx: RoleContext,
    actor2: Actor | None,
    perpetrators: Sequence[Actor],
    victims: Sequence[Actor],
) -> Actor | None:
    """actor1 when the parse names none: the nearest plausible perpetrator, never a victim."""
    anchor = _anchor(ctx)
    if ctx.sub_type == acled.AIR_STRIKE:
        flier = _air_force(ctx, perpetrators, victims)
        if flier is not None and (actor2 is None or flier.name != actor2.name):
            return flier
    if ctx.domain != "strategic":
        exclude = () if actor2 is None else (actor2.name,)
        # an IED or a killing without a named perpetrator: the forces named are its victims
        unseen = ctx.primary.family in _UNSEEN or ctx.sub_type == acled.REMOTE_EXPLOSIVE
        armed: tuple[str, ...] = (
            ("armed_group", "other") if unseen else ("armed_group", "state_force", "other")
        )
        return fallback_actor(anchor, perpetrators, exclude=exclude, kinds=armed)
    if ctx.sub_type == acled.ARRESTS:
        return fallback_actor(anchor, perpetrators, kinds=("state_force", "government"))
    return None


def _air_force(
    ctx: RoleContext, perpetrators: Sequence[Actor], victims: Sequence[Actor]
) -> Actor | None:
    """Air strikes are flown by states: the force named here, else the one the article named
    last."""
    anchor = _anchor(ctx)
    here = fallback_actor(anchor, perpetrators, kinds=("state_force",))
    if here is not None:
        return here
    earlier = [
        m
        for m in ctx.doc.actors
        if m.mention.start < anchor and m.kind == "state_force" and not _in(m, victims)
    ]
    return earlier[-1] if earlier else None


def _victim(ctx: RoleContext, actor1: Actor | None, mentions: Sequence[Actor]) -> Actor | None:
    """actor2 of violence or an arrest when the parse names none: named forces or groups when a
    perpetrator is known, else only civilians."""
    only = actor1 is None or ctx.sub_type == acled.ARRESTS
    kinds: tuple[str, ...] = ("civilians",) if only else ("armed_group", "state_force", "civilians")
    exclude = () if actor1 is None else (actor1.name,)
    return fallback_actor(_anchor(ctx), mentions, exclude=exclude, kinds=kinds)


def _crowd_sides(
    ctx: RoleContext,
    actor1: Actor | None,
    actor2: Actor | None,
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    cues: Cues,
) -> tuple[Actor | None, Actor | None]:
    """The crowd and the force of a protest or a riot, the force looked for further away when
    ACLED codes one and the sentence names none."""
    nlp_doc = ctx.doc.nlp
    first, last = nlp_doc[ctx.primary.start], nlp_doc[ctx.primary.end - 1]
    actor1, actor2 = _crowd_roles(
        actor1,
        actor2,
        mentions,
        dictionary,
        ctx.event_type,
        ctx.doc.article.text,
        (first.idx, last.idx + len(last)),
    )
    if actor2 is not None and actor2.kind == "civilians" and ctx.sub_type in _FACING_FORCE:
        actor2 = None  # see _FACING_FORCE
    if actor1 is not None and actor2 is None and ctx.sub_type in _INTERVENED:
        # "… la police a dispersé la foule" told in another sentence: the force that intervened
        force = _opponent(ctx, actor1, cues)
        actor2 = force if force is not None and force.kind == "state_force" else None
    return actor1, actor2


# Crowd events ACLED codes with the force that intervened as the second side.
_INTERVENED = frozenset(
    {acled.PROTEST_WITH_INTERVENTION, acled.EXCESSIVE_FORCE, acled.VIOLENT_DEMONSTRATION}
)
# A crowd that meets a force: ACLED's second side is that force or no one, never civilians
# ("douze personnes ont été interpellées" names the crowd held, not a victim); civilians are
# the second side of mob violence only.
_FACING_FORCE = frozenset({acled.PROTEST_WITH_INTERVENTION, acled.VIOLENT_DEMONSTRATION})
_BATTLE_REACH = 1500  # characters around the trigger where the other side may be named


def _battle_sides(
    ctx: RoleContext, actor1: Actor | None, actor2: Actor | None, cues: Cues
) -> tuple[Actor | None, Actor | None]:
    """ACLED's battles are fought by two armed sides: civilians are no side, and a side the
    sentence leaves unnamed ("troops were ambushed", "les rebelles ont pris la ville") is the
    opposing force the article names nearest the trigger: a state force against a group, a
    group (else a state force) against a state force; unidentified gunmen with no named
    opponent fought other unidentified gunmen."""
    actor1, actor2 = (
        None if a is not None and a.kind == "civilians" else a for a in (actor1, actor2)
    )
    known = actor1 or actor2
    if known is None or (actor1 is not None and actor2 is not None) or not _fighter(known):
        return actor1, actor2
    other = _opponent(ctx, known, cues)
    if (
        other is None
        and known.dictionary_id in _ARMED_GENERIC
        and ctx.sub_type == acled.ARMED_CLASH
    ):
        # "des affrontements entre hommes armés": ACLED codes two unidentified armed groups
        other = known
    return (actor1, other) if actor1 is not None else (other, actor2)


def _fighter(actor: Actor) -> bool:
    return actor.kind in ("armed_group", "state_force") or actor.dictionary_id in _UNNAMED


def _opponent(ctx: RoleContext, known: Actor, cues: Cues) -> Actor | None:
    """The force nearest the trigger on the other side of ``known``; who reports ("police
    said", "selon la police") is not taken for who fought."""
    anchor = _anchor(ctx)
    near = _unreported(ctx.doc.nlp, _fighters_near(ctx, known, anchor), cues)
    pool = _opposing(near, known)
    return min(pool, key=lambda m: abs(m.mention.start - anchor), default=None)


def _fighters_near(ctx: RoleContext, known: Actor, anchor: int) -> list[Actor]:
    """The fighters the article names around the trigger, other than ``known``."""
    return [
        m
        for m in ctx.doc.actors
        if abs(m.mention.start - anchor) <= _BATTLE_REACH
        and m.name != known.name
        and m.mention.start != known.mention.start
        and _fighter(m)
    ]


def _unreported(nlp_doc: Any, near: Sequence[Actor], cues: Cues) -> list[Actor]:
    """``near`` without the mentions that name a source in their sentence."""
    sentences = {
        nlp_doc.char_span(m.mention.start, m.mention.end, alignment_mode="expand") for m in near
    }
    spans = [
        (s.start, s.end)
        for sent in {span.sent for span in sentences if span is not None}
        for s in find_sources(sent, cues)
    ]
    return [m for m in near if not any(a <= m.mention.start < b for a, b in spans)]


def _opposing(near: Sequence[Actor], known: Actor) -> list[Actor]:
    """The fighters of ``near`` on the other side: a state force against a group, a group (else
    any fighter) against a state force, another country's force when only states are named."""
    state = known.kind == "state_force"
    preferred = [m for m in near if (m.kind == "state_force") != state]
    if preferred:
        return preferred
    if not state:
        return list(near)
    if not known.country_code:
        return []
    # two states at war ("Russian forces took the village from Ukrainian troops")
    return [
        m
        for m in near
        if m.kind == "state_force" and m.country_code and m.country_code != known.country_code
    ]


def _crowd_roles(
    actor1: Actor | None,
    actor2: Actor | None,
    mentions: Sequence[Actor],
    dictionary: ActorDictionary,
    event_type: str,
    text: str,
    trigger: tuple[int, int],
) -> tuple[Actor | None, Actor | None]:
    """ACLED codes the crowd as actor1 of protests and riots, the force that intervened as actor2.

    The crowd is "Protesters" in a protest and "Rioters" in a riot whatever the text calls it;
    the crowd mention (else the trigger: "thousands rallied") is its evidence.
    """
    crowd = next((m for m in mentions if m.dictionary_id in CROWDS), None)
    if crowd is None:
        crowd = next(
            (a for a in (actor1, actor2) if a is not None and a.kind in ("civilians", "other")),
            None,
        )
    force = next(
        (a for a in (actor1, actor2) if a is not None and a.kind in ("state_force", "armed_group")),
        None,
    )
    if force is None:
        force = next((m for m in mentions if m.kind == "state_force"), None)
    entry = dictionary.entries.get("rioters" if event_type == acled.RIOTS else "protesters")
    if entry is None:
        return crowd or actor1, force
    evidence = crowd.mention if crowd is not None else Span.of(text, *trigger)
    crowd = Actor(evidence, entry.name, entry.kind, None, entry.id)
    return crowd, force


def _national(
    actor: Actor | None, doc: Document, dictionary: ActorDictionary, country: str | None
) -> Actor | None:
    """ACLED's name for an event's actor: unnamed fighters resolved, national groups given their
    country.

    "Les jihadistes" after a named group are that group (news names a group, then refers back
    to it); "l'armée" after "l'armée israélienne" is that army; the country is a demonym next to
    the mention, else the event's (or article's).
    """
    if actor is None:
        return None
    if actor.dictionary_id in _UNNAMED or actor.dictionary_id in _ARMED_GENERIC:
        source = _referent(actor, doc, dictionary)
        if source is not None:
            actor = Actor(
                actor.mention, source.name, source.kind, source.country_code, source.dictionary_id
            )
    home = (
        dictionary.adjacent_country(doc.article.text, actor.mention)
        or _possessor_country(actor, doc, dictionary)
        or _told_before(actor, doc)
        or country
    )
    return dictionary.localize(actor, home)


def _referent(actor: Actor, doc: Document, dictionary: ActorDictionary) -> Actor | None:
    """The named armed group an unnamed or generic fighter mention stands for, if any."""
    named = [
        m
        for m in doc.actors
        if m.kind == "armed_group" and m.dictionary_id is not None and not dictionary.is_generic(m)
    ]
    text, end = doc.article.text, actor.mention.end
    # "hommes armés présumés de l'EIGS", "gunmen from the Islamic State group"
    after = [
        m
        for m in named
        if 0 <= m.mention.start - end <= 40 and not set(".;!?\n") & set(text[end : m.mention.start])
    ]
    if after:
        return after[0]
    before = [m for m in named if m.mention.start < actor.mention.start]
    if before and (actor.dictionary_id in _UNNAMED or _definite(text, actor)):
        return before[-1]
    return None


_POSSESSIVE = re.compile(r"(?:^|\W)(?:its|their|ses|leurs|son|sa)\s+$", re.IGNORECASE)


def _possessor_country(actor: Actor, doc: Document, dictionary: ActorDictionary) -> str | None:
    """ "Russia said its forces took the village": the forces of the country the sentence named."""
    if actor.dictionary_id not in ("military_unspecified", "police_unspecified"):
        return None
    before = doc.article.text[max(0, actor.mention.start - 8) : actor.mention.start]
    if not _POSSESSIVE.search(before):
        return None
    span = doc.nlp.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand")
    if span is None:
        return None
    speaker = _speaking_country(span.root, dictionary)
    return None if speaker is None else speaker.country_code


def _told_before(actor: Actor, doc: Document) -> str | None:
    """The country of the national force a bare "l'armée"/"the army" refers back to.

    "L'armée israélienne a frappé … L'armée a dit …": the second is Israel's, wherever it struck.
    """
    if actor.dictionary_id not in ("military_unspecified", "police_unspecified"):
        return None
    if not re.search(
        r"(?:^|\W)(?:the|l['’]|la|les|le)\s*$",
        doc.article.text[max(0, actor.mention.start - 6) : actor.mention.start].lower(),
    ):
        return None
    police = actor.dictionary_id == "police_unspecified"
    earlier = [
        m
        for m in doc.actors
        if m.mention.start < actor.mention.start
        and m.kind == "state_force"
        and m.country_code
        and ("police" in (m.dictionary_id or "") or "Police" in m.name) == police
    ]
    return earlier[-1].country_code if earlier else None


def _definite(text: str, actor: Actor) -> bool:
    """ "the attackers", "les assaillants": a group already told about."""
    before = text[max(0, actor.mention.start - 6) : actor.mention.start].lower()
    return bool(re.search(r"(?:^|\W)(?:the|les|ces|those|these)\s+$", before))


def recrowd(event_type: str, actor: Actor | None) -> Actor | None:
    """The crowd renamed for a retyped event: protesters who loot are rioters (ACLED)."""
    if actor is None or actor.dictionary_id not in CROWDS:
        return actor
    old, new = ("Protesters", "Rioters") if event_type == acled.RIOTS else ("Rioters", "Protesters")
    return replace(actor, name=actor.name.replace(old, new), dictionary_id=new.lower())


def crowd_order(
    sub_type: str, actor1: Actor | None, actor2: Actor | None
) -> tuple[Actor | None, Actor | None]:
    """ACLED: a peaceful protest has no second side; force against protesters is the force's act."""
    if sub_type == acled.PEACEFUL_PROTEST:
        return actor1, None
    if sub_type in _FACING_FORCE and actor2 is not None and actor2.kind == "civilians":
        return actor1, None  # see _FACING_FORCE
    if sub_type == acled.EXCESSIVE_FORCE and actor1 is not None and actor1.dictionary_id in CROWDS:
        return actor2, actor1
    return actor1, actor2
