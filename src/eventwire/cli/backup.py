"""``eventwire backup``: a consistent copy of the database, safe while it is being written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.options import DbOption
from eventwire.errors import EventwireError


def backup(
    output: Annotated[Path, typer.Argument(help="File to write the copy to (SQLite).")],
    db: DbOption = "eventwire.db",
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUTPUT if it exists. Default: refuse.")
    ] = False,
) -> None:
    """Copy a SQLite database consistently, even while `serve` or `run` writes to it.

    `cp` is not enough: recent commits wait in the -wal file beside the database.
    This uses SQLite's backup API, which reads them too, in one snapshot.

    Example: eventwire backup --db eventwire.db eventwire-copy.db
    """
    from eventwire.store.backup import backup_sqlite
    from eventwire.store.repository import Store, database_url

    url = database_url(db)
    if not url.startswith("sqlite:///"):
        from sqlalchemy.engine import make_url

        shown = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
        raise EventwireError(
            f"{shown}: eventwire backup copies SQLite files; for PostgreSQL run "
            f"`pg_dump --format=custom --file {output} '{shown}'` (one consistent snapshot)"
        )
    source = Path(url.removeprefix("sqlite:///"))
    if output.exists() and not force:
        raise EventwireError(f"{output}: already exists; pass --force to replace it")
    if output.resolve() == source:
        raise EventwireError(f"{output}: is the database itself; name another file")
    Store.open(db, create=False).close()  # one line for a missing or foreign file
    copied = backup_sqlite(source, output)
    print(
        f"{copied.articles} articles, {copied.events} events ({copied.pages} pages) "
        f"copied to {output}",
        file=sys.stderr,
    )


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``backup`` to the ``eventwire`` command."""
    app.command("backup")(backup)
