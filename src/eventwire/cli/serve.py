"""``eventwire serve``: the HTTP API and the map page over a database."""

from __future__ import annotations

import os
import re
from typing import Annotated
from urllib.parse import quote

import typer

from eventwire.cli.options import (
    ActorsOption,
    DbOption,
    GazetteerOption,
    ModelOption,
    make_settings,
)
from eventwire.config import EXTRACT_MAX_CHARS, EXTRACT_QUEUE, EXTRACT_TIMEOUT_S
from eventwire.errors import EventwireError

_TOKEN = re.compile(r"[A-Za-z0-9._~+/=-]+")


def serve(
    db: DbOption = "eventwire.db",
    host: Annotated[
        str,
        typer.Option(
            help="Interface to bind. Default: 127.0.0.1 (this machine only). Any other "
            "address needs EVENTWIRE_TOKEN."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port. Default: 8000.")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Also answer requests whose Host header names this host (as clients reach "
            "the server); repeatable; '*' for any. Default: loopback names and the --host "
            "address only (protection against DNS rebinding)."
        ),
    ] = None,
    token: Annotated[
        str | None, typer.Option(hidden=True, help="Refused: use EVENTWIRE_TOKEN.")
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option(
            help="Tile URL template for an online basemap, e.g. "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png. Default: none (offline borders)."
        ),
    ] = None,
    tiles_attribution: Annotated[
        str | None, typer.Option(help="Attribution text shown with --tiles. Default: none.")
    ] = None,
    preload: Annotated[
        bool,
        typer.Option(
            help="Load the extraction pipeline at startup, not on the first /api/extract."
        ),
    ] = False,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            help="Allow cross-origin requests from this origin; repeatable. Default: none."
        ),
    ] = None,
    extract_max_chars: Annotated[
        int,
        typer.Option(
            min=1,
            help=f"Longest text POST /api/extract accepts, in characters. "
            f"Default: {EXTRACT_MAX_CHARS:,}.",
        ),
    ] = EXTRACT_MAX_CHARS,
    extract_timeout: Annotated[
        float,
        typer.Option(
            min=1,
            help=f"Seconds an extraction request may wait and run before a 503. "
            f"Default: {EXTRACT_TIMEOUT_S:g}.",
        ),
    ] = EXTRACT_TIMEOUT_S,
    extract_queue: Annotated[
        int,
        typer.Option(
            min=1,
            help=f"Extraction requests admitted at once (one runs); more get 429. "
            f"Default: {EXTRACT_QUEUE}.",
        ),
    ] = EXTRACT_QUEUE,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Serve the API and the map over a database.

    The token (guarding writes, and reads too beyond loopback) is read from the
    environment variable EVENTWIRE_TOKEN, never from the command line, where `ps` shows it.

    Example: eventwire serve --db eventwire.db --port 8000
    """
    import uvicorn

    from eventwire.serve import ServeSettings, create_app

    if token is not None:
        raise typer.BadParameter(
            "the command line shows in `ps`; set EVENTWIRE_TOKEN instead", param_hint="--token"
        )
    secret = os.environ.get("EVENTWIRE_TOKEN") or None
    if secret is not None:
        check_token(secret)
    settings = ServeSettings(
        db=db,
        host=host,
        port=port,
        token=secret,
        tiles=tiles,
        tiles_attribution=tiles_attribution,
        preload=preload,
        pipeline=make_settings(models=model, gazetteer=gazetteer, actors=actors),
        cors_origins=tuple(cors_origin or ()),
        allowed_hosts=tuple(allowed_host or ()),
        extract_max_chars=extract_max_chars,
        extract_timeout_s=extract_timeout,
        extract_queue=extract_queue,
    )
    app = create_app(settings)
    typer.echo(f"eventwire: serving {db} on {host}:{port} (API docs at /docs)", err=True)
    typer.echo(f"eventwire: open {page_url(host, port, secret)}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def check_token(token: str) -> None:
    """Refuse a token too short to guess-proof or holding characters a cookie cannot carry."""
    if len(token) < 16 or not _TOKEN.fullmatch(token):
        raise EventwireError(
            "EVENTWIRE_TOKEN: expected at least 16 characters among A-Z a-z 0-9 . _ ~ + / = -; "
            "make one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
        )


def page_url(host: str, port: int, token: str | None) -> str:
    """The map's URL as this machine opens it; with the token, as Jupyter prints it.

    >>> page_url("0.0.0.0", 8000, "abc")
    'http://127.0.0.1:8000/?token=abc'
    """
    name = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/" + (f"?token={quote(token, safe='')}" if token else "")


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``serve`` to the ``eventwire`` command."""
    app.command("serve")(serve)
