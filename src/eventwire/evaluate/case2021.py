"""CASE 2021 task 2 (ACLED-style snippet classification): label mapping and scoring.

Scoring, exactly:

* each snippet gets one predicted label: the CASE short label of the ACLED sub-event
  type of the chosen event (see ``choose_event``), or ``NO_EVENT`` when there is none
  (or its sub-type has no CASE label);
* the headline figure is the F1 of each of the 25 ACLED labels, weighted by its gold
  support (as scikit-learn's ``average="weighted"`` restricted to those labels): a
  snippet whose gold is one of the five non-ACLED classes (ORG_CRIME, NATURAL_DISASTER,
  MAN_MADE_DISASTER, DIPLO, ATTRIB) adds no support, but a predicted ACLED label on it
  is a false positive for that label; predicting ``NO_EVENT`` on it costs nothing;
* accuracy counts a snippet right when the labels are equal, or the gold is non-ACLED
  and the prediction is ``NO_EVENT``.

The file is split into a development half and a test half by ``half``: the first byte of
the SHA-256 of the snippet id, even for ``dev``, odd for ``test`` (issue 13). Error
analysis and rule changes look at the dev half only; the test half is the figure to quote.
``evaluation/case2021/SPLIT.md`` writes the rule and the counts down.

>>> from eventwire.events.taxonomy import load_taxonomy
>>> labels = case_labels(load_taxonomy())
>>> round(weighted_f1(["ARMED_CLASH", "ARREST"], ["ARMED_CLASH", "NO_EVENT"], labels), 3)
0.5
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from eventwire.errors import EvaluationError
from eventwire.events import acled
from eventwire.events.taxonomy import Taxonomy

NO_EVENT = "NO_EVENT"
Half = Literal["dev", "test"]
HALVES: tuple[Half, ...] = ("dev", "test")


@dataclass(frozen=True, slots=True)
class CaseLabels:
    """The CASE 2021 labels of a taxonomy, read from its ``case2021`` column and ``non_events``.

    ``by_sub_type`` maps an ACLED sub-event type to its CASE short label, in table order;
    ``acled`` holds those 25 labels, ``non_acled`` the classes that are not ACLED events.
    """

    by_sub_type: Mapping[str, str]
    acled: tuple[str, ...]
    non_acled: frozenset[str]
    lookup: Mapping[str, str]  # casefolded sub-event type -> CASE label


def case_labels(taxonomy: Taxonomy) -> CaseLabels:
    """The CASE 2021 labels of ``taxonomy`` (``case_labels(load_taxonomy())``)."""
    by_sub_type = {
        name: sub.case2021 for name, sub in taxonomy.sub_types.items() if sub.case2021 is not None
    }
    lookup = {k.casefold(): v for k, v in by_sub_type.items()}
    # "Arrest" for "Arrests": the singular some annotators write
    lookup["arrest"] = by_sub_type[acled.ARRESTS]
    return CaseLabels(
        by_sub_type=by_sub_type,
        acled=tuple(by_sub_type.values()),
        non_acled=taxonomy.non_events,
        lookup=lookup,
    )


@dataclass(frozen=True, slots=True)
class Snippet:
    """One labelled snippet of the CASE 2021 test file."""

    id: str
    text: str
    label: str


def read_case_tsv(path: Path, labels: CaseLabels, *, limit: int | None = None) -> list[Snippet]:
    """Read ``id, EventSnippet, SubType`` rows; raise EvaluationError naming the bad line."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or ())
            if missing:
                raise EvaluationError(
                    f"{path}:1: missing column(s) {sorted(missing)}; "
                    "expected id, EventSnippet, SubType"
                )
            out: list[Snippet] = []
            for row in reader:
                if limit is not None and len(out) >= limit:
                    break
                label = (row.get("SubType") or "").strip()
                if label not in labels.acled and label not in labels.non_acled:
                    raise EvaluationError(
                        f"{path}:{reader.line_num}: unknown label {label!r}; "
                        "expected a CASE 2021 label"
                    )
                out.append(Snippet(row["id"], row["EventSnippet"] or "", label))
    except OSError as err:
        raise EvaluationError(f"{path}: cannot read ({err.strerror})") from None
    return out


def half(snippet_id: str) -> Half:
    """The half a snippet belongs to: ``dev`` when the first byte of SHA-256(id) is even.

    >>> half("1"), half("2")
    ('test', 'dev')
    """
    return "dev" if hashlib.sha256(snippet_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def split_halves(snippets: Iterable[Snippet]) -> dict[Half, list[Snippet]]:
    """The snippets of each half, in file order."""
    out: dict[Half, list[Snippet]] = {h: [] for h in HALVES}
    for snippet in snippets:
        out[half(snippet.id)].append(snippet)
    return out


def case_label(sub_event_type: str | None, labels: CaseLabels) -> str:
    """Map an ACLED sub-event type to its CASE label; ``NO_EVENT`` when unknown or None."""
    if not sub_event_type:
        return NO_EVENT
    return labels.lookup.get(sub_event_type.strip().casefold(), NO_EVENT)


def choose_event(events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The event a snippet is labelled by: the most confident one that happened, first on ties."""
    happened = [e for e in events if e.get("modality") not in ("planned", "hypothetical")]
    if not happened:
        return None
    best = max(float(e.get("confidence") or 0.0) for e in happened)
    return next(e for e in happened if float(e.get("confidence") or 0.0) == best)


def predicted_label(events: Sequence[Mapping[str, Any]], labels: CaseLabels) -> str:
    """The CASE label predicted from one snippet's schema events."""
    event = choose_event(events)
    return NO_EVENT if event is None else case_label(event.get("sub_event_type"), labels)


def _is_correct(gold: str, pred: str, labels: CaseLabels) -> bool:
    return gold == pred or (gold in labels.non_acled and pred == NO_EVENT)


def per_label(
    gold: Sequence[str], pred: Sequence[str], labels: CaseLabels
) -> dict[str, tuple[float, float, float, int]]:
    """Precision, recall, F1 and gold support for each of the 25 ACLED labels."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    tp = Counter(g for g, p in zip(gold, pred) if g == p)
    n_pred = Counter(pred)
    n_gold = Counter(gold)
    out: dict[str, tuple[float, float, float, int]] = {}
    for label in labels.acled:
        p = tp[label] / n_pred[label] if n_pred[label] else 0.0
        r = tp[label] / n_gold[label] if n_gold[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = (p, r, f, n_gold[label])
    return out


def weighted_f1(gold: Sequence[str], pred: Sequence[str], labels: CaseLabels) -> float:
    """Support-weighted F1 over the 25 ACLED labels; 0.0 when none of them is in the gold."""
    scores = per_label(gold, pred, labels)
    support = sum(s for *_, s in scores.values())
    return sum(f * s for _, _, f, s in scores.values()) / support if support else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str], labels: CaseLabels) -> float:
    """Share of snippets right (a non-ACLED gold with ``NO_EVENT`` counts as right)."""
    return sum(_is_correct(g, p, labels) for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def confusions(
    gold: Iterable[str], pred: Iterable[str], labels: CaseLabels, *, top: int = 10
) -> list[tuple[str, str, int]]:
    """The ``top`` most frequent wrong (gold, predicted) pairs, most frequent first."""
    wrong = Counter((g, p) for g, p in zip(gold, pred) if not _is_correct(g, p, labels))
    return [(g, p, n) for (g, p), n in sorted(wrong.items(), key=lambda i: (-i[1], i[0]))][:top]


def case_report(gold: Sequence[str], pred: Sequence[str], labels: CaseLabels) -> dict[str, Any]:
    """Every figure ``eventwire eval case2021`` prints, as plain data."""
    return {
        "snippets": len(gold),
        "weighted_f1": weighted_f1(gold, pred, labels),
        "accuracy": accuracy(gold, pred, labels),
        "no_event_share": sum(p == NO_EVENT for p in pred) / len(pred) if pred else 0.0,
        "per_label": {
            k: dict(zip(("precision", "recall", "f1", "support"), v))
            for k, v in per_label(gold, pred, labels).items()
        },
        "confusions": [
            {"gold": g, "predicted": p, "count": n} for g, p, n in confusions(gold, pred, labels)
        ],
    }
