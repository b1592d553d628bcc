"""The ``eventwire`` command: one module per command, wired here.

Each module in ``_COMMAND_MODULES`` defines ``register(app, groups)``; ``groups`` holds the
sub-command groups (``eventwire eval …``, ``eventwire bench …``, …). Modules import their
heavy dependencies inside the command functions so that ``eventwire --help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys

import typer

from eventwire.errors import EventwireError

_GROUPS = {
    "eval": "Measure accuracy on gold corpora; prints tables.",
    "bench": "Measure speed and memory; prints figures and ratios against spaCy alone.",
    "gazetteer": "Build, import, download and inspect the GeoNames gazetteer.",
    "spark": "Run the pipeline on Apache Spark.",
    "sources": "Check the news feeds `eventwire watch` polls.",
    "fit": "Fit model weights on the fitting split of gold corpora; prints the weights file.",
}

# Append your module's name here (one per command module under eventwire/cli/).
_COMMAND_MODULES: tuple[str, ...] = (
    "run",
    "extract",
    "export",
    "show",
    "serve",
    "backup",
    "eval_attribution",
    "eval_events",
    "spark",
    "load",
    "dedup",
    "eval_dedup",
    "bench_pipeline",
    "gazetteer",
    "geocode",
    "bench_gazetteer",
    "bench_api",
    "eval_geoparse",
    "watch",
    "bench_watch",
    "fit_geo",
    "eval_realdev",
    "eval_all",
)


def build_app() -> typer.Typer:
    """Build the Typer application with every command registered."""
    app = typer.Typer(
        name="eventwire",
        help="Turn news articles into geolocated, dated, attributed event records.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    groups: dict[str, typer.Typer] = {}
    for name, help_text in _GROUPS.items():
        group = typer.Typer(help=help_text, no_args_is_help=True)
        app.add_typer(group, name=name)
        groups[name] = group
    for module_name in _COMMAND_MODULES:
        module = importlib.import_module(f"eventwire.cli.{module_name}")
        module.register(app, groups)
    return app


def main() -> None:
    """Entry point: print EventwireError as one line and exit 1; let bugs keep tracebacks."""
    app = build_app()
    try:
        app(standalone_mode=True)
    except EventwireError as err:
        print(f"Error: {err}", file=sys.stderr)
        raise SystemExit(1) from None
