"""Source detection measured on PolNeAR (English political news, BRAT standoff attributions).

The corpus folder holds ``<split>/text/<name>.txt`` and
``<split>/attributions/<name>_<annotator>.ann``; the gold are the ``Source`` text-bound
annotations. A few texts were annotated twice; we keep the first annotation file in sorted
order so that each text counts once.

``evaluate`` runs ``events.attribution.find_sources(..., broad=True)`` (stance and belief verbs
included, as PolNeAR annotates them) over every sentence of each text (not only event
sentences) and scores predicted source spans against the gold ones, both exact (same offsets)
and overlapping (any shared character: precision counts predictions touching a gold span,
recall gold spans touched by a prediction).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.events.attribution import find_sources
from eventwire.events.numbers import Cues, load_cues

SPLITS = ("dev", "test")


@dataclass(frozen=True, slots=True)
class GoldText:
    """One PolNeAR text and its gold source spans (offsets into ``text``)."""

    name: str
    text: str
    sources: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class AttributionScores:
    """Exact and overlap scores over ``texts`` texts."""

    split: str
    texts: int
    exact: PRF
    overlap: PRF


def read_ann_sources(ann: str, *, origin: str) -> tuple[tuple[int, int], ...]:
    """The ``Source`` spans of one BRAT ``.ann`` text (discontinuous spans joined end to end).

    >>> read_ann_sources("T1\\tSource 89 106\\tThe New York Post\\n", origin="x.ann")
    ((89, 106),)
    """
    spans = []
    for number, line in enumerate(ann.splitlines(), 1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise EvaluationError(f"{origin}:{number}: expected 'ID<TAB>Type start end<TAB>text'")
        kind, _, offsets = parts[1].partition(" ")
        if kind != "Source":
            continue
        numbers = re.findall(r"\d+", offsets)
        if len(numbers) < 2:
            raise EvaluationError(f"{origin}:{number}: no offsets in {parts[1]!r}")
        values = [int(n) for n in numbers]
        spans.append((min(values), max(values)))
    return tuple(sorted(set(spans)))


def read_corpus(root: Path, split: str, *, limit: int | None = None) -> list[GoldText]:
    """Read one split of PolNeAR; e.g. ``read_corpus(Path("polnear"), "dev", limit=5)``."""
    if split not in SPLITS:
        raise EvaluationError(f"{root}: unknown split {split!r}; expected one of {SPLITS}")
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvaluationError(f"{root / split}: expected text/ and attributions/ folders")
    by_text: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        by_text.setdefault(stem, ann)
    out = []
    for stem, ann in sorted(by_text.items())[:limit]:
        path = text_dir / f"{stem}.txt"
        if not path.is_file():
            raise EvaluationError(f"{ann}: no text file {path.name} next to it")
        with path.open(encoding="utf-8", newline="") as handle:  # BRAT offsets count \r too
            text = handle.read()
        sources = read_ann_sources(ann.read_text(encoding="utf-8"), origin=str(ann))
        out.append(GoldText(stem, text, sources))
    return out


def predict(
    texts: Iterable[GoldText], nlp: Any, cues: Cues, *, batch_size: int = 8
) -> Iterator[tuple[GoldText, tuple[tuple[int, int], ...]]]:
    """Predicted source spans of every text, sentence by sentence (``cues``: English)."""
    items = list(texts)
    for gold, doc in zip(items, nlp.pipe((t.text for t in items), batch_size=batch_size)):
        spans = {
            (s.start, s.end) for sent in doc.sents for s in find_sources(sent, cues, broad=True)
        }
        yield gold, tuple(sorted(spans))


def score(
    pairs: Sequence[tuple[GoldText, tuple[tuple[int, int], ...]]], *, split: str
) -> AttributionScores:
    """Exact and overlap P/R/F1 of predicted against gold source spans."""
    exact = [0, 0, 0, 0]
    overlap = [0, 0, 0, 0]
    for gold, predicted in pairs:
        gold_set = set(gold.sources)
        exact[0] += sum(1 for p in predicted if p in gold_set)
        exact[2] += sum(1 for g in gold_set if g in set(predicted))
        overlap[0] += sum(1 for p in predicted if any(_overlaps(p, g) for g in gold_set))
        overlap[2] += sum(1 for g in gold_set if any(_overlaps(p, g) for p in predicted))
        for counts in (exact, overlap):
            counts[1] += len(predicted)
            counts[3] += len(gold_set)
    return AttributionScores(split, len(pairs), PRF(*exact), PRF(*overlap))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(
    root: Path, nlp: Any, *, split: str = "dev", limit: int | None = None
) -> AttributionScores:
    """Read a split, run the source finder over it and score it."""
    texts = read_corpus(root, split, limit=limit)
    return score(list(predict(texts, nlp, load_cues("en"))), split=split)
