"""``eventwire run``: read articles, extract, store them (one transaction per article)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import (
    ActorsOption,
    DbOption,
    GazetteerOption,
    IngestedOption,
    LanguageOption,
    MaxCharsOption,
    ModelOption,
    PathsArgument,
    PublishedOption,
    QuietOption,
    SourceOption,
    make_settings,
)
from eventwire.config import DEFAULT_MAX_CHARS, Settings
from eventwire.errors import StoreError
from eventwire.records import Article, Rejection, Result

if TYPE_CHECKING:
    from eventwire.ingest import Overrides
    from eventwire.store.repository import Store


@dataclass
class RunSummary:
    """Counts printed at the end of a run."""

    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: int = 0
    events: int = 0
    places: int = 0
    warnings: int = 0


def run(
    paths: PathsArgument,
    db: DbOption = "eventwire.db",
    published: PublishedOption = None,
    ingested: IngestedOption = None,
    source: SourceOption = None,
    language: LanguageOption = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    reprocess: Annotated[
        bool,
        typer.Option("--reprocess", help="Re-extract stored articles, replacing them atomically."),
    ] = False,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes. Default: 1.")] = 1,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    quiet: QuietOption = False,
) -> None:
    """Extract events from articles and store them in a database.

    Example: eventwire run ../shared/samples --db events.db
    """
    from eventwire.ingest import Overrides

    settings = make_settings(models=model, gazetteer=gazetteer, actors=actors, max_chars=max_chars)
    overrides = Overrides(published=published, source=source, language=language, ingested=ingested)
    summary = RunSummary()
    try:
        _run_batch(
            paths,
            db=db,
            settings=settings,
            overrides=overrides,
            reprocess=reprocess,
            workers=workers,
            quiet=quiet,
            summary=summary,
        )
    except KeyboardInterrupt:
        # Ctrl-C anywhere (loading models, extracting, between two saves): every article
        # saved so far was committed in its own transaction; the one in flight was rolled back.
        print(f"Interrupted: {_line(summary)}; committed articles are kept.", file=sys.stderr)
        raise typer.Exit(130) from None
    if not quiet:
        print(_line(summary), file=sys.stderr)
    if summary.rejected:
        raise typer.Exit(1)


def _run_batch(
    paths: list[str],
    *,
    db: str,
    settings: Settings,
    overrides: Overrides,
    reprocess: bool,
    workers: int,
    quiet: bool,
    summary: RunSummary,
) -> None:
    """Read, extract and save, one transaction per article; rejections are counted and printed."""
    from eventwire.ingest import read_paths
    from eventwire.pipeline import load_pipeline
    from eventwire.store.repository import Store

    store = Store.open(db)
    try:
        items = read_paths(paths, overrides=overrides, max_chars=settings.max_chars)
        todo = _pending(items, store=store, reprocess=reprocess, summary=summary)
        with _progress(quiet) as progress:
            task = progress.add_task("extracting", total=None)
            if workers > 1:
                from eventwire.batch.local import extract_parallel

                results: Iterable[Result | Rejection] = extract_parallel(
                    todo, settings=settings, workers=workers
                )
            else:
                results = load_pipeline(settings).process(todo)
            for result in results:
                if isinstance(result, Rejection):
                    summary.rejected += 1
                    print(result.line(), file=sys.stderr)
                    continue
                try:
                    outcome = store.save(result, reprocess=reprocess)
                except StoreError as err:  # this article only: nothing of it was written
                    summary.rejected += 1
                    print(f"Error: {err}", file=sys.stderr)
                    continue
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                summary.events += len(result.events)
                summary.places += len(result.places)
                for warning in result.warnings:
                    summary.warnings += 1
                    if not quiet:
                        progress.console.print(f"Warning: {result.article.origin}: {warning}")
                progress.update(task, advance=1)
    finally:
        store.close()


def _pending(
    items: Iterable[Article | Rejection], *, store: Store, reprocess: bool, summary: RunSummary
) -> Iterator[Article]:
    """Report rejections as they come; skip articles already stored (unless reprocessing)."""
    for item in items:
        if isinstance(item, Rejection):
            summary.rejected += 1
            print(item.line(), file=sys.stderr)
        elif not reprocess and store.has(item.id):
            summary.unchanged += 1
        else:
            # A stored article keeps the day it was first ingested, and so its dates (issue 14).
            yield store.as_stored(item) if reprocess else item


def _line(summary: RunSummary) -> str:
    return (
        f"{summary.stored} stored, {summary.replaced} replaced, {summary.unchanged} unchanged, "
        f"{summary.rejected} rejected; {summary.places} places, {summary.events} events"
    )


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    )


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    app.command("run")(run)
