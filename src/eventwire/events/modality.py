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
* **claimed** — none of the above and the event has an attribution (any source);
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
    return ModalityReading("asserted")


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
    negations = _lower(cues.strings("modality", "negation_words"))
    marks = _lower(cues.strings("modality", "hypothetical_marks"))
    children = list(token.children)
    for child in children:
        if child.dep_ in ("mark",) and child.lower_ in marks:
            return ModalityReading("hypothetical", _span(child))
    for child in children:
        if (
            child.dep_ in ("aux", "aux:tense", "aux:pass")
            and child.lemma_.lower() in lemmas["hypothetical"]
        ):
            return ModalityReading("hypothetical", _span(child))
        if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll"):
            return ModalityReading("planned", _span(child))
    if "Cnd" in token.morph.get("Mood") or any(
        "Cnd" in c.morph.get("Mood") for c in children if c.dep_.startswith("aux")
    ):
        return ModalityReading("hypothetical", _span(token))
    if is_trigger and "Fut" in token.morph.get("Tense") and token.pos_ == "VERB":
        return ModalityReading("planned", _span(token))
    if is_trigger:
        for child in children:
            if child.dep_ in ("neg", "advmod") and child.lower_ in negations - {"ne", "n'"}:
                return ModalityReading("denied", _span(child))
            # "aucun bombardement n'a eu lieu", "no attack took place": the event itself is negated.
            if child.dep_ == "det" and child.lower_ in negations and child.i < token.i:
                return ModalityReading("denied", _span(child))
    return None


def _lower(words: tuple[str, ...]) -> set[str]:
    return {w.lower() for w in words}
