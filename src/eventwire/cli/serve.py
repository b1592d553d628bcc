"""``eventwire serve``: the HTTP API and the map page over a database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.options import (
    ActorsOption,
    DbOption,
    GazetteerOption,
    ModelOption,
    make_settings,
)
from eventwire.errors import EventwireError


def serve(
    db: DbOption = "eventwire.db",
    host: Annotated[str, typer.Option(help="Interface to bind. Default: 127.0.0.1 (this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port. Default: 8000.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(help="API token that writes (POST /api/extract?store=true) must send as "
                     "'Authorization: Bearer T'. Default: $EVENTWIRE_TOKEN, else none."),
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option(help="Tile URL template for an online basemap, e.g. "
                     "https://tile.openstreetmap.org/{z}/{x}/{y}.png. Default: none (offline borders)."),
    ] = None,
    tiles_attribution: Annotated[
        str | None, typer.Option(help="Attribution text shown with --tiles. Default: none.")
    ] = None,
    preload: Annotated[
        bool, typer.Option(help="Load the extraction pipeline at startup, not on the first /api/extract.")
    ] = False,
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Allow cross-origin requests from this origin; repeatable. Default: none.")
    ] = None,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Serve the API and the map over a database.

    Example: eventwire serve --db eventwire.db --port 8000
    """
    import uvicorn

    from eventwire.serve import ServeSettings, create_app

    if "://" not in db and not Path(db).exists():
        raise EventwireError(f"{db}: no such database; fill one first with `eventwire run examples/ --db {db}`")
    settings = ServeSettings(
        db=db,
        host=host,
        port=port,
        token=token or os.environ.get("EVENTWIRE_TOKEN") or None,
        tiles=tiles,
        tiles_attribution=tiles_attribution,
        preload=preload,
        pipeline=make_settings(models=model, gazetteer=gazetteer, actors=actors),
        cors_origins=tuple(cors_origin or ()),
    )
    app = create_app(settings)
    typer.echo(f"eventwire: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``serve`` to the ``eventwire`` command."""
    app.command("serve")(serve)
