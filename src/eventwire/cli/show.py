"""``eventwire show`` (one article, highlighted) and ``eventwire summary`` (database counts)."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DbOption
from eventwire.errors import EventwireError
from eventwire.records import Result

#: One style per kind of evidence, as on the map's evidence view.
STYLES = {
    "place": "bold green",
    "actor": "bold cyan",
    "trigger": "bold white on red",
    "date": "bold magenta",
    "casualty": "bold yellow",
    "attribution": "italic blue",
}


def highlighted(result: Result) -> object:
    """A rich Text of the article with every evidence span styled by kind."""
    from rich.text import Text

    text = Text(result.article.text)
    for place in result.places:
        text.stylize(STYLES["place"], place.mention.start, place.mention.end)
    for actor in result.actors:
        text.stylize(STYLES["actor"], actor.mention.start, actor.mention.end)
    for event in result.events:
        text.stylize(STYLES["trigger"], event.trigger.start, event.trigger.end)
        for span, kind in (
            (event.date_evidence, "date"),
            (event.fatalities_evidence, "casualty"),
            (event.injured_evidence, "casualty"),
        ):
            if span is not None:
                text.stylize(STYLES[kind], span.start, span.end)
        for source in event.attribution:
            if source.span is not None:
                text.stylize(STYLES["attribution"], source.span.start, source.span.end)
    return text


def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = "eventwire.db",
) -> None:
    """Print one stored article with its places, actors and events highlighted.

    Example: eventwire show 0abb358a40a99387 --db eventwire.db
    """
    from rich.console import Console
    from sqlalchemy import select

    from eventwire.cli.extract import print_table
    from eventwire.store.repository import Store
    from eventwire.store.tables import articles

    with Store.open(db, create=False) as store:
        with store.engine.connect() as connection:
            ids = [
                row.id
                for row in connection.execute(
                    select(articles.c.id)
                    .where(articles.c.id.startswith(article_id, autoescape=True))
                    .limit(2)
                )
            ]
        if len(ids) != 1:
            problem = "no article" if not ids else "several articles"
            raise EventwireError(
                f"{db}: {problem} with id {article_id!r}; "
                "list them with `eventwire export -f jsonl`"
            )
        result = store.result(ids[0])
    assert result is not None
    console = Console()
    legend = "  ".join(f"[{style}]{kind}[/]" for kind, style in STYLES.items())
    console.rule(result.article.title or result.article.id)
    article = result.article
    console.print(
        f"{article.source or '?'} · {article.published or 'no date'} · {article.language}"
    )
    console.print(legend)
    console.print(highlighted(result))
    print_table(result)


def summary(db: DbOption = "eventwire.db") -> None:
    """Print what the database holds and where to look next.

    Example: eventwire summary --db eventwire.db
    """
    from rich.console import Console
    from rich.table import Table
    from sqlalchemy import func, select

    from eventwire.records import UNREALIZED_MODALITIES
    from eventwire.store.repository import Store
    from eventwire.store.tables import events

    with Store.open(db, create=False) as store:
        counts = store.counts()
        with store.engine.connect() as connection:
            by_type = connection.execute(
                select(events.c.event_type, events.c.modality, func.count())
                .group_by(events.c.event_type, events.c.modality)
                .order_by(func.count().desc())
            ).all()
    # Denied, planned and hypothetical events never enter totals (issue 14): the headline
    # counts the events that happened; the others are named apart, and in the table below.
    unrealized = sum(n for _, modality, n in by_type if modality in UNREALIZED_MODALITIES)
    console = Console()
    console.print(
        f"[bold]{counts['articles']}[/] articles · [bold]{counts['places']}[/] place mentions "
        f"({counts['resolved_places']} resolved) · [bold]{counts['actors']}[/] actor mentions · "
        f"[bold]{counts['events'] - unrealized}[/] events "
        f"(and {unrealized} denied, planned or hypothetical)"
    )
    table = Table(title="Events by type and modality")
    table.add_column("event type")
    table.add_column("modality")
    table.add_column("events", justify="right")
    for event_type, modality, count in by_type:
        table.add_row(event_type, modality, str(count))
    console.print(table)
    console.print(
        f"Next: [bold]eventwire serve --db {db}[/] (map at http://127.0.0.1:8000), "
        f"[bold]eventwire show ID --db {db}[/], [bold]eventwire export --db {db} -f csv[/]"
    )


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    app.command("show")(show)
    app.command("summary")(summary)
