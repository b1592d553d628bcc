"""``eventwire eval events`` (the authored dev set) and ``eventwire eval case2021``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventwire.cli.options import ActorsOption, GazetteerOption, ModelOption
from eventwire.errors import EvaluationError

if TYPE_CHECKING:
    from eventwire.evaluate.case2021 import CaseLabels

DEVSET = Path("evaluation/devset")
CASE_TSV = Path("../shared/data/events/case2021-task2-test-labeled.tsv")
OutputJson = Annotated[
    Path | None,
    typer.Option("--output-json", help="Also write the figures to this JSON file. Default: none."),
]


def _pipeline(models: list[str] | None, gazetteer: Path | None, actors: list[Path] | None) -> Any:
    from eventwire.cli.options import make_settings
    from eventwire.pipeline import load_pipeline

    return load_pipeline(make_settings(models=models, gazetteer=gazetteer, actors=actors))


def _read_articles(path: Path) -> list[Any]:
    """Every article of a JSONL file; a rejected line is an error (the gold expects them all)."""
    from eventwire.ingest import read_paths
    from eventwire.records import Article

    if not path.is_file():
        raise EvaluationError(f"{path}: no such file; expected the dev set's articles.jsonl")
    articles = []
    for item in read_paths([path]):
        if not isinstance(item, Article):
            raise EvaluationError(f"{item.origin}: {item.problem}")
        articles.append(item)
    return articles


def events_figures(
    gold: Mapping[str, Any], articles: Iterable[Any], pipeline: Any
) -> dict[str, Any]:
    """Run ``pipeline`` on ``articles``, score it against ``gold``: figures per language, "all"."""
    from eventwire.evaluate.events import evaluate_events

    articles = list(articles)
    languages = {a.id: a.language or "und" for a in articles}
    predictions = (result.to_dict() for result in pipeline.extract_many(articles))
    tallies = evaluate_events(gold, predictions, languages=languages)
    order = sorted(k for k in tallies if k != "all") + ["all"]
    return {key: tallies[key].figures() for key in order}


def events(
    gold: Annotated[
        Path,
        typer.Option(
            help="Gold file, or a folder of real-article annotations (evaluation/realdev/gold): "
            "then the published articles are scored and the targets' table printed. "
            "Default: evaluation/devset/gold.json."
        ),
    ] = DEVSET / "gold.json",
    articles: Annotated[
        Path, typer.Option(help="Articles JSONL. Default: evaluation/devset/articles.jsonl.")
    ] = DEVSET / "articles.jsonl",
    output_json: OutputJson = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Score extracted events against the authored dev set (P/R/F1, field accuracy).

    Example: eventwire eval events --gold evaluation/realdev/gold (the real development set,
    with the targets met or not)
    """
    from eventwire.evaluate.events import load_gold

    if gold.is_dir():
        from eventwire.cli.eval_realdev import realdev

        realdev(gold, output_json, model, gazetteer, actors)
        return
    gold_doc = load_gold(gold)
    figures = events_figures(
        gold_doc, _read_articles(articles), _pipeline(model, gazetteer, actors)
    )
    print_events_table(figures)
    if output_json is not None:
        output_json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


_ROWS = (
    ("articles", "articles"),
    ("happened: precision", "precision"),
    ("happened: recall", "recall"),
    ("happened: F1", "f1"),
    ("happened: gold / predicted", ("gold", "predicted")),
    ("all events: precision", "precision_all"),
    ("all events: recall", "recall_all"),
    ("all events: F1", "f1_all"),
    ("all events: gold / predicted", ("gold_all", "predicted_all")),
    ("matched (field accuracy base)", "matched_all"),
    ("acc. sub-event type", "acc_sub_event_type"),
    ("acc. event type", "acc_event_type"),
    ("acc. date", "acc_date"),
    ("acc. fatalities", "acc_fatalities"),
    ("acc. injured", "acc_injured"),
    ("acc. actor1", "acc_actor1"),
    ("acc. actor2", "acc_actor2"),
    ("acc. attribution nearest", "acc_attribution_nearest"),
    ("acc. attribution chain", "acc_attribution_chain"),
    ("acc. modality", "acc_modality"),
    ("acc. location ≤161 km", "acc_location_161km"),
    ("non-events", "non_events"),
    ("non-events extracted as happened", "non_events_extracted_share"),
)


def print_events_table(figures: Mapping[str, Mapping[str, Any]]) -> None:
    """One rich table: a row per figure, a column per language and one for all."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Events dev set")
    table.add_column("figure")
    for column in figures:
        table.add_column(column, justify="right")
    for label, key in _ROWS:
        if isinstance(key, tuple):
            cells = [" / ".join(_fmt(f[k]) for k in key) for f in figures.values()]
        else:
            cells = [_fmt(f[key]) for f in figures.values()]
        table.add_row(label, *cells)
    Console(width=120).print(table)


def case_figures(
    snippets: Iterable[Any], pipeline: Any, labels: CaseLabels
) -> dict[str, dict[str, Any]]:
    """Type every snippet with ``pipeline``; the report of each half (``dev``, ``test``)."""
    from eventwire.evaluate.case2021 import case_report, predicted_label, split_halves
    from eventwire.records import Article

    out: dict[str, dict[str, Any]] = {}
    for name, part in split_halves(snippets).items():
        articles = [Article(id=f"case2021-{s.id}", text=s.text, language="en") for s in part]
        predicted = [
            predicted_label(r.to_dict()["events"], labels) for r in pipeline.extract_many(articles)
        ]
        out[name] = case_report([s.label for s in part], predicted, labels)
    return out


def case2021(
    tsv: Annotated[
        Path,
        typer.Option(
            help="CASE 2021 task 2 labelled TSV. "
            "Default: ../shared/data/events/case2021-task2-test-labeled.tsv."
        ),
    ] = CASE_TSV,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N snippets of the file. Default: all.")
    ] = None,
    output_json: OutputJson = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Type CASE 2021 snippets; print weighted F1 over the 25 ACLED labels for each half.

    Example: eventwire eval case2021 --limit 200 --output-json case2021.json
    """
    from eventwire.evaluate.case2021 import case_labels, read_case_tsv
    from eventwire.events.taxonomy import load_taxonomy

    labels = case_labels(load_taxonomy())
    snippets = read_case_tsv(tsv, labels, limit=limit)
    figures = case_figures(snippets, _pipeline(model, gazetteer, actors), labels)
    for name, report in figures.items():
        print_case_report(report, title=f"CASE 2021 task 2, {name} half")
    if output_json is not None:
        output_json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


def print_case_report(report: Mapping[str, Any], *, title: str = "CASE 2021 task 2") -> None:
    """Headline figures, per-label P/R/F1 and the most frequent confusions."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    console.print(
        f"{title}: {report['snippets']} snippets, weighted F1 (25 ACLED labels) "
        f"{report['weighted_f1']:.3f}, accuracy {report['accuracy']:.3f}, "
        f"no event on {report['no_event_share']:.1%}"
    )
    labels = Table(title=f"Per label ({title})")
    for column in ("label", "precision", "recall", "F1", "support"):
        labels.add_column(column, justify="left" if column == "label" else "right")
    for label, s in report["per_label"].items():
        labels.add_row(
            label,
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["support"]),
        )
    console.print(labels)
    confusions = Table(title=f"Most frequent errors ({title})")
    for column in ("gold", "predicted", "count"):
        confusions.add_column(column, justify="right" if column == "count" else "left")
    for row in report["confusions"]:
        confusions.add_row(row["gold"], row["predicted"], str(row["count"]))
    console.print(confusions)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``eval events`` and ``eval case2021`` to the ``eval`` group."""
    groups["eval"].command("events")(events)
    groups["eval"].command("case2021")(case2021)
