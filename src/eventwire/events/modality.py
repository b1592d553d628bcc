"""Whether an event happened: asserted, claimed, denied, planned or hypothetical.

Read from the trigger token's dependency parse, nearest governor first
(``modality`` in ``cues.<lang>.v1.yaml``):

* **denied** — a denial verb governs the trigger ("a démenti avoir bombardé", "denied that it
  shelled"), or the trigger is negated by the outlet itself ("n'a pas été bombardé", "did not
  attack"). Plain negation is coded "denied" too (the schema has no "did not happen"); the
  evidence span is the negation word, so a reader can tell the two apart;
* **planned** — an intention verb governs the trigger ("entendent créer", "plans to attack",
  "prévoit de", "is preparing to"), or the trigger is in the future tense ("will attack",
  Tense=Fut);
* **hypothetical** — conditional mood on the trigger or its governor (spaCy ``Mood=Cnd``:
  "pourrait frapper"), a modal ("could", "might"), "risque de", or an "if"/"si" clause;
* **claimed** — none of the above and the event has an attribution (any source), or a
  passive speech verb governs it ("was reported shot", "des tirs ont été signalés");
* **asserted** — otherwise: the outlet states it.

``modality(trigger, cues, attributed=...)`` returns the label and the evidence token offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventwire.events.numbers import Cues
from eventwire.records import Modality

_MAX_HOPS = 3
_SUBJECT = ("nsubj", "csubj")


@dataclass(frozen=True, slots=True)
class ModalityReading:
    """The modality of one event and the offsets of the words that decided it."""

    modality: Modality
    evidence: tuple[int, int] | None = None


def modality(
    trigger: Any, cues: Cues, *, attributed: tuple[int, int] | None = None
) -> ModalityReading:
    """Read the modality of the event whose trigger is the spaCy token ``trigger``.

    ``attributed`` is the cue offsets of the event's nearest source, if any ("selon").

    >>> # modality(doc[i_of("créer")], load_cues("fr")).modality == "planned"
    """
    reading = _governed(trigger, cues)
    if reading is not None:
        return reading
    if attributed is not None:
        return ModalityReading("claimed", attributed)
    reported = _reported(trigger, cues)
    if reported is not None:
        return ModalityReading("claimed", reported)
    return ModalityReading("asserted")


def _reported(trigger: Any, cues: Cues) -> tuple[int, int] | None:
    """A passive speech verb governing the trigger reports it on someone's word, named or not:
    "X was reported shot", "des tirs ont été signalés", "l'armée est accusée d'un massacre"."""
    speech = _lower(cues.strings("attribution", "speech_lemmas"))
    token = trigger
    for _ in range(_MAX_HOPS):
        if token.head is token:
            return None
        token = token.head
        passive = any(c.dep_ in ("aux:pass", "auxpass") for c in token.children)
        if passive and token.lemma_.lower() in speech:
            return _span(token)
    return None


def _span(token: Any) -> tuple[int, int]:
    return token.idx, token.idx + len(token)


def _governed(trigger: Any, cues: Cues) -> ModalityReading | None:
    """Walk from the trigger up its governors; the first modal cue decides."""
    lemmas = {
        "denied": _lower(cues.strings("modality", "denial_lemmas")),
        "planned": _lower(cues.strings("modality", "planned_lemmas")),
        "hypothetical": _lower(cues.strings("modality", "hypothetical_lemmas")),
    }
    token, below = trigger, None
    for hop in range(_MAX_HOPS + 1):
        reading = _own_marks(token, cues, lemmas, is_trigger=hop == 0)
        if reading is not None:
            return reading
        # "le raid a visé", "the attack was planned": a governor whose subject is the event
        # says what the event did, not whether it happened.
        if hop > 0 and below is not None and not below.dep_.startswith(_SUBJECT):
            labels: tuple[Modality, ...] = ("denied", "planned", "hypothetical")
            for label in labels:
                if token.lemma_.lower() in lemmas[label] and token.pos_ in ("VERB", "AUX"):
                    return ModalityReading(label, _span(token))
        if token.head is token or token.dep_ in ("ROOT",):
            break
        # Stop at clause boundaries that do not carry modality onto the trigger.
        if token.dep_ in ("acl:relcl", "relcl", "parataxis", "conj") and hop > 0:
            break
        token, below = token.head, token
    return None


def _own_marks(
    token: Any, cues: Cues, lemmas: dict[str, set[str]], *, is_trigger: bool
) -> ModalityReading | None:
    """Modality marked on one clause head: negation, conditional, future, modals, "if"."""
    children = list(token.children)
    reading = _hypothetical_mark(children, cues)
    if reading is None:
        reading = _auxiliary(children, lemmas)
    if reading is None:
        reading = _conditional(token, children)
    if reading is not None or not is_trigger:
        return reading
    if "Fut" in token.morph.get("Tense") and token.pos_ == "VERB":
        return ModalityReading("planned", _span(token))
    return _negated(token, children, cues)


def _hypothetical_mark(children: list[Any], cues: Cues) -> ModalityReading | None:
    """A subordinating "if", "si" on the clause."""
    marks = _lower(cues.strings("modality", "hypothetical_marks"))
    for child in children:
        if child.dep_ in ("mark",) and child.lower_ in marks:
            return ModalityReading("hypothetical", _span(child))
    return None


def _auxiliary(children: list[Any], lemmas: dict[str, set[str]]) -> ModalityReading | None:
    """A modal auxiliary ("pourrait", "may") or an English future ("will")."""
    for child in children:
        if (
            child.dep_ in ("aux", "aux:tense", "aux:pass")
            and child.lemma_.lower() in lemmas["hypothetical"]
        ):
            return ModalityReading("hypothetical", _span(child))
        if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll"):
            return ModalityReading("planned", _span(child))
    return None


def _conditional(token: Any, children: list[Any]) -> ModalityReading | None:
    """A verb or an auxiliary in the conditional mood."""
    if "Cnd" in token.morph.get("Mood") or any(
        "Cnd" in c.morph.get("Mood") for c in children if c.dep_.startswith("aux")
    ):
        return ModalityReading("hypothetical", _span(token))
    return None


def _negated(token: Any, children: list[Any], cues: Cues) -> ModalityReading | None:
    """A negation on the trigger itself."""
    negations = _lower(cues.strings("modality", "negation_words"))
    for child in children:
        if child.dep_ in ("neg", "advmod") and child.lower_ in negations - {"ne", "n'"}:
            return ModalityReading("denied", _span(child))
        # "aucun bombardement n'a eu lieu", "no attack took place": the event itself is negated.
        if child.dep_ == "det" and child.lower_ in negations and child.i < token.i:
            return ModalityReading("denied", _span(child))
    return None


def _lower(words: tuple[str, ...]) -> set[str]:
    return {w.lower() for w in words}
