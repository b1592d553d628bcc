"""``eventwire extract``: print one schema object per article, no database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Annotated, Literal, TypeVar

import typer

from eventwire.cli.options import (
    ActorsOption,
    GazetteerOption,
    IngestedOption,
    LanguageOption,
    MaxCharsOption,
    ModelOption,
    PathsArgument,
    PublishedOption,
    SourceOption,
    make_settings,
)
from eventwire.config import DEFAULT_MAX_CHARS
from eventwire.records import Rejection, Result

Format = Literal["jsonl", "json", "table"]
_T = TypeVar("_T")


def extract(
    paths: PathsArgument,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (one object a line), json (a list) or table. Default: jsonl.",
        ),
    ] = "jsonl",
    published: PublishedOption = None,
    ingested: IngestedOption = None,
    source: SourceOption = None,
    language: LanguageOption = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Print what eventwire extracts from articles, one JSON object per article.

    Example: eventwire extract ../shared/samples/000_8944336be7ce94b5.txt --format jsonl
    """
    from eventwire.ingest import Overrides, read_paths
    from eventwire.pipeline import load_pipeline

    if output_format not in ("jsonl", "json", "table"):
        raise typer.BadParameter(
            f"{output_format!r}: expected jsonl, json or table", param_hint="--format"
        )
    settings = make_settings(models=model, gazetteer=gazetteer, actors=actors, max_chars=max_chars)
    overrides = Overrides(published=published, source=source, language=language, ingested=ingested)
    rejected: list[Rejection] = []
    read = read_paths(paths, overrides=overrides, max_chars=max_chars)
    # Pipeline.process, the one failure policy: an article the pipeline fails on is rejected
    # with its reason like an unreadable file, and the others are still printed (issue 19).
    processed = load_pipeline(settings).process(_reported(read, rejected))
    results = _reported(processed, rejected)
    if output_format == "jsonl":
        for result in results:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    elif output_format == "json":
        json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            print_table(result)
    if rejected:
        raise typer.Exit(1)


def _reported(items: Iterable[_T | Rejection], rejected: list[Rejection]) -> Iterator[_T]:
    """The items that are no Rejection; each Rejection is printed on stderr and kept in
    ``rejected``."""
    for item in items:
        if isinstance(item, Rejection):
            rejected.append(item)
            print(item.line(), file=sys.stderr)
        else:
            yield item


def print_table(result: Result) -> None:
    """Print one result's events as a rich table on stdout."""
    from rich.console import Console
    from rich.table import Table

    article = result.article
    table = Table(
        title=f"{article.id} · {article.title or ''} · {article.language}", show_lines=False
    )
    for column in (
        "type",
        "sub-type",
        "actor1",
        "actor2",
        "location",
        "date",
        "killed",
        "injured",
        "according to",
        "modality",
    ):
        table.add_column(column)
    for e in result.events:
        table.add_row(
            e.event_type,
            e.sub_event_type,
            e.actor1.name if e.actor1 else "",
            e.actor2.name if e.actor2 else "",
            e.location.mention.text if e.location else "",
            e.date or "",
            "" if e.fatalities is None else str(e.fatalities),
            "" if e.injured is None else str(e.injured),
            " → ".join(a.name for a in e.attribution),
            e.modality,
        )
    Console().print(table)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    app.command("extract")(extract)
